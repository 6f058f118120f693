// displayable() and fixed_point(), the helpers every writer leans on.
#include "reports/text.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "reports/xml.hpp"

namespace stompcheck::reports {
namespace {

TEST(AllVerdicts, InDeclarationOrder) {
  for (std::size_t i = 0; i < kVerdicts; ++i) EXPECT_EQ(kAllVerdicts[i], static_cast<Verdict>(i));
}

TEST(Displayable, ControlOctetsBecomeCaretNotation) {
  EXPECT_EQ(displayable(std::string("a\0b\x01\x1b[0m\x7f", 9)), "a^@b^A^[[0m^?");
  EXPECT_EQ(displayable("tab\there\nline\r"), "tab^Ihere^Jline^M");
  EXPECT_EQ(displayable("tab\there\nline\r", "\t\n"), "tab\there\nline^M");
}

TEST(Displayable, CaretAndPlainTextAreCopied) {
  EXPECT_EQ(displayable("CONNECT^J\nhost:/^J\n^@"), "CONNECT^J^Jhost:/^J^J^@");
  EXPECT_EQ(displayable("<&\">'"), "<&\">'");
}

TEST(Displayable, ValidUtf8IsKept) {
  const std::string text =
      "Br\xC3\xB6kr \xE2\x9C\x93 \xF0\x9F\x98\x80 \xEF\xBF\xBD \xF4\x8F\xBF\xBF";
  EXPECT_EQ(displayable(text), text);
}

TEST(Displayable, IllFormedUtf8BecomesHexOctets) {
  EXPECT_EQ(displayable("\xFF\xFE"), "^xFF^xFE");
  EXPECT_EQ(displayable("\xC3\x28"), "^xC3(");                     // lead without continuation
  EXPECT_EQ(displayable("\xC0\xAF"), "^xC0^xAF");                  // overlong '/'
  EXPECT_EQ(displayable("\xE0\x80\xAF"), "^xE0^x80^xAF");          // overlong, 3 octets
  EXPECT_EQ(displayable("\xED\xA0\x80"), "^xED^xA0^x80");          // a surrogate
  EXPECT_EQ(displayable("\xF4\x90\x80\x80"), "^xF4^x90^x80^x80");  // above U+10FFFF
  EXPECT_EQ(displayable("\xE2\x9C"), "^xE2^x9C");                  // truncated at the end
  EXPECT_EQ(displayable("\xEF\xBF\xBE\xEF\xBF\xBF"), "^xEF^xBF^xBE^xEF^xBF^xBF");  // U+FFFE/F
}

TEST(FixedPoint, ExactDigitsWithoutFloatingPoint) {
  EXPECT_EQ(fixed_point(12345, 3), "12.345");
  EXPECT_EQ(fixed_point(3210, 6), "0.003210");
  EXPECT_EQ(fixed_point(0, 3), "0.000");
  EXPECT_EQ(fixed_point(-5, 2), "-0.05");
  EXPECT_EQ(fixed_point(7, 0), "7");
  EXPECT_EQ(fixed_point(INT64_MIN, 0), "-9223372036854775808");
}

TEST(Xml, TextEscapesMarkupAndKeepsLayout) {
  EXPECT_EQ(xml_text("a<b>&c \"q\" 'a'\tx\ny\rz"), "a&lt;b&gt;&amp;c \"q\" 'a'\tx\ny&#13;z");
}

TEST(Xml, AttributeEscapesQuotesAndWhitespace) {
  EXPECT_EQ(xml_attr("<&\">'\t\n\r"), "&lt;&amp;&quot;&gt;&apos;&#9;&#10;&#13;");
}

TEST(Xml, NoOctetLeavesACharacterXmlForbids) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (const std::string& out : {xml_text(all), xml_attr(all)}) {
    for (const char c : out) {
      const auto octet = static_cast<unsigned char>(c);
      EXPECT_TRUE(octet >= 0x20 || c == '\t' || c == '\n') << static_cast<int>(octet);
      EXPECT_NE(octet, 0x7F);
      EXPECT_LT(octet, 0x80);  // no single octet >= 0x80 is well-formed UTF-8
    }
  }
}

}  // namespace
}  // namespace stompcheck::reports
