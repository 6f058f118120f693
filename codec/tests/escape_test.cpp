// Value encoding (FR-05, FR-06, FR-07).
#include <gtest/gtest.h>

#include <stomp/escape.hpp>

namespace stomp {
namespace {

TEST(Escape, EncodesTheFourOctetsIn12_FR07) {
  EXPECT_EQ(escape("a:b\\c\nd\re", Escaping::V1_2), "a\\cb\\\\c\\nd\\re");
}

TEST(Escape, LeavesCrAloneIn11) { EXPECT_EQ(escape("a\rb\n", Escaping::V1_1), "a\rb\\n"); }

TEST(Escape, NoneIsIdentity_FR08) {
  EXPECT_EQ(escape("a:b\\c", Escaping::None), "a:b\\c");
  EXPECT_EQ(unescape("a\\tb", Escaping::None).value, "a\\tb");
}

TEST(Unescape, DecodesDefinedEscapes_FR05) {
  auto r = unescape(R"(a\cb\\c\nd\re)", Escaping::V1_2);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, "a:b\\c\nd\re");
}

TEST(Unescape, CrEscapeIsUndefinedIn11_FR06) {
  auto r = unescape("ab\\r", Escaping::V1_1);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error_at, 2U);
}

TEST(Unescape, UndefinedAndDanglingEscapesFail_FR06) {
  EXPECT_EQ(unescape("a\\tb", Escaping::V1_2).error_at, 1U);
  EXPECT_EQ(unescape("ab\\", Escaping::V1_2).error_at, 2U);
  EXPECT_EQ(unescape("\\", Escaping::V1_1).error_at, 0U);
}

TEST(Unescape, KeepUndefinedLeavesThemLiteral) {
  auto r = unescape("a\\tb\\", Escaping::V1_2, /*keep_undefined=*/true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, "a\\tb\\");
}

TEST(Escape, EveryOctetRoundTrips) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (Escaping e : {Escaping::V1_1, Escaping::V1_2}) {
    auto r = unescape(escape(all, e), e);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value, all);
  }
}

TEST(Escape, VersionFollowsCommand) {
  EXPECT_EQ(escaping_for(Version::V1_2, Command::Send), Escaping::V1_2);
  EXPECT_EQ(escaping_for(Version::V1_1, Command::Message), Escaping::V1_1);
  EXPECT_EQ(escaping_for(Version::V1_2, Command::Connected), Escaping::None);
  EXPECT_EQ(escaping_for(Version::V1_0, Command::Send), Escaping::None);
}

}  // namespace
}  // namespace stomp
