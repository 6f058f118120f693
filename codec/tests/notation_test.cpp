// The spec's caret notation used by golden files and lint output.
#include <gtest/gtest.h>

#include <stomp/notation.hpp>

namespace stomp {
namespace {

TEST(Notation, CaretAtIsNul) {
  std::string bytes = wire("SEND\n\nhi^@");
  ASSERT_EQ(bytes.size(), 9U);
  EXPECT_EQ(bytes.back(), '\0');
}

TEST(Notation, ControlDelHexAndLiteralCaret) {
  EXPECT_EQ(wire("^M^J^?^xff^x4g^a"), std::string("\r\n\x7f\xff^x4g^a"));
}

TEST(Notation, ShowIsTheInverseOfWire) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(wire(show(all)), all);
  EXPECT_EQ(show("a^b\nc"), "a^x5Eb^Jc");
  EXPECT_EQ(show("a\nb", /*keep_lf=*/true), "a\nb");
}

}  // namespace
}  // namespace stomp
