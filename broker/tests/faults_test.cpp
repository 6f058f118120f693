// Unit tests of the injected defects' table and of a few hooks: head rewriting (no sockets)
// and the routing state's defects.
#include "broker/faults.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "broker/state.hpp"

namespace stompcheck::broker {
namespace {

using stomp::Version;

Defects with(Defect d) {
  Defects out;
  out.set(d);
  return out;
}

TEST(Faults, NamesAreUniqueKebabCaseAndFound) {
  std::set<std::string_view> names;
  for (const DefectInfo& d : defects()) {
    EXPECT_TRUE(names.insert(d.name).second) << d.name;
    for (char c : d.name) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    EXPECT_EQ(defect_named(d.name), d.defect);
    EXPECT_FALSE(d.models.empty()) << d.name;
  }
  EXPECT_EQ(defect_named("no-such-fault"), std::nullopt);
}

TEST(Faults, HeadLength) {
  EXPECT_EQ(head_length("SEND\ndestination:/q\n\nbody"), 21U);
  EXPECT_EQ(head_length("SEND\r\nx:y\r\n\r\nbody"), 13U);
  EXPECT_EQ(head_length("SEND\ndestination:/q\n"), std::string_view::npos);
}

TEST(Faults, CommandLineDefects) {
  EXPECT_EQ(rewrite_head("send\n\n", with(Defect::LowercaseCommands), Version::V1_2, true).bytes,
            "SEND\n\n");
  EXPECT_EQ(rewrite_head("SUBSCRIBEME\n\n", with(Defect::CommandPrefix), Version::V1_2, true).bytes,
            "SUBSCRIBE\n\n");
  EXPECT_EQ(rewrite_head("UNSUBSCRIBE\n\n", with(Defect::CommandPrefix), Version::V1_2, true).bytes,
            "UNSUBSCRIBE\n\n");
  EXPECT_EQ(
      rewrite_head("SEND \n\n", with(Defect::CommandTrailingSpace), Version::V1_2, true).bytes,
      "SEND\n\n");
}

TEST(Faults, HeaderDefects) {
  EXPECT_EQ(
      rewrite_head("SEND\nx:1\nx:2\ny:3\n\n", with(Defect::LastHeaderWins), Version::V1_2, true)
          .bytes,
      "SEND\nx:2\ny:3\n\n");
  EXPECT_EQ(rewrite_head("SEND\ncontent-length:1\ncontent-length:3\n\n",
                         with(Defect::SecondContentLength), Version::V1_2, true)
                .bytes,
            "SEND\ncontent-length:3\n\n");
  EXPECT_EQ(
      rewrite_head("SEND\nx:a:b\n\n", with(Defect::ColonInValueTruncated), Version::V1_2, true)
          .bytes,
      "SEND\nx:a\n\n");
  EXPECT_EQ(
      rewrite_head("SEND\nx:a\\rb\n\n", with(Defect::CrEscapeIn11), Version::V1_1, true).bytes,
      "SEND\nx:a\rb\n\n");
  EXPECT_EQ(
      rewrite_head("SEND\nx:a\\\n\n", with(Defect::DanglingBackslashKept), Version::V1_2, true)
          .bytes,
      "SEND\nx:a\\\\\n\n");
  EXPECT_FALSE(
      rewrite_head("SEND\r\n\r\n", with(Defect::CrlfRejected), Version::V1_2, true).reject.empty());
  // CONNECT is never unescaped, so the value defects leave it alone.
  EXPECT_EQ(rewrite_head("CONNECT\npasscode:a:b\n\n", with(Defect::ColonInValueTruncated),
                         Version::V1_2, false)
                .bytes,
            "CONNECT\npasscode:a:b\n\n");
}

TEST(Faults, StateDefects) {
  State s;
  s.set_defects(with(Defect::TxSendImmediate));
  s.open(1, Version::V1_2);
  ASSERT_TRUE(s.subscribe(1, "s", "/queue/a", AckMode::Auto).ok());
  ASSERT_TRUE(s.begin(1, "t").ok());
  Outcome o = s.send(1, {.destination = "/queue/a", .headers = {}, .body = "x", .id = {}}, "t");
  EXPECT_EQ(o.deliveries.size(), 1U);  // delivered before COMMIT

  State q;
  q.set_defects(with(Defect::QueueAsTopic));
  q.open(1, Version::V1_2);
  ASSERT_TRUE(q.subscribe(1, "a", "/queue/b", AckMode::Auto).ok());
  ASSERT_TRUE(q.subscribe(1, "b", "/queue/b", AckMode::Auto).ok());
  o = q.send(1, {.destination = "/queue/b", .headers = {}, .body = "x", .id = {}}, std::nullopt);
  EXPECT_EQ(o.deliveries.size(), 2U);  // fan-out
}

}  // namespace
}  // namespace stompcheck::broker
