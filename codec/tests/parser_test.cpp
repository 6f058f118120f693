// Parser API contract: consumption, views, stickiness, limits, options.
#include <memory>

#include <gtest/gtest.h>

#include <stomp/notation.hpp>
#include <stomp/parser.hpp>
#include <stomp/stream.hpp>

namespace stomp {
namespace {

TEST(Parser, FrameViewPointsIntoTheInputWhenTheFrameIsWhole) {
  std::string in = wire("SEND\ndestination:/q\n\nhi^@SEND");
  Parser p;
  Step s = p.feed(in);
  ASSERT_EQ(s.status, Status::Frame);
  EXPECT_EQ(s.consumed, 24U);
  EXPECT_EQ(p.frame().body.data(), in.data() + 21);
  ASSERT_EQ(p.frame().headers.size(), 1U);
  EXPECT_EQ(p.frame().headers[0].value, "/q");
  EXPECT_EQ(p.offset(), 24U);
  s = p.feed(std::string_view(in).substr(24));
  EXPECT_EQ(s.status, Status::NeedMore);
  EXPECT_EQ(s.consumed, 4U);
  EXPECT_FALSE(p.idle());
  EXPECT_EQ(p.finish().status, Status::Error);
  EXPECT_EQ(p.failure().code, ParseError::UnexpectedEof);
  EXPECT_EQ(p.failure().offset, 28U);
}

TEST(Parser, LeavesOctetsAfterABufferedFrameToTheCaller) {
  std::string in = wire("SEND\n\nab^@\nSEND\n\n^@");
  Parser p;
  EXPECT_EQ(p.feed(std::string_view(in).substr(0, 3)).consumed, 3U);
  Step s = p.feed(std::string_view(in).substr(3));
  ASSERT_EQ(s.status, Status::Frame);
  EXPECT_EQ(s.consumed, 6U);  // the rest of the first frame only
  EXPECT_EQ(p.frame().body, "ab");
  EXPECT_TRUE(p.idle());  // the buffered frame is complete, even if its bytes are kept
  s = p.feed(std::string_view(in).substr(9));
  EXPECT_EQ(s.status, Status::Heartbeat);
  EXPECT_EQ(s.consumed, 1U);
}

TEST(Parser, ErrorsAreStickyUntilReset) {
  Parser p;
  std::string bad = wire("FOO\n\n^@");
  ASSERT_EQ(p.feed(bad).status, Status::Error);
  EXPECT_EQ(p.failure().code, ParseError::UnknownCommand);
  EXPECT_FALSE(p.failure().reason.empty());
  std::string good = wire("SEND\n\n^@");
  EXPECT_EQ(p.feed(good).status, Status::Error);
  EXPECT_EQ(p.failure().code, ParseError::UnknownCommand);
  p.reset();
  EXPECT_EQ(p.feed(good).status, Status::Frame);
  EXPECT_EQ(p.frame().offset, 0U);
}

TEST(Parser, DecodesOnDemandAndLooksUpTheFirstRepeat_FR18) {
  std::string in = wire("MESSAGE\nk:a\\cb\nk:second\n\n^@");
  Parser p;
  ASSERT_EQ(p.feed(in).status, Status::Frame);
  EXPECT_EQ(p.frame().find("k")->value, "a\\cb");
  EXPECT_EQ(p.frame().get("k"), "a:b");
  EXPECT_FALSE(p.frame().get("K"));  // FR-04: header names are case sensitive
  EXPECT_EQ(p.frame().to_frame().header("k"), "a:b");
}

TEST(Parser, LastHeaderWinsWhenAsked) {
  std::string in = wire("SEND\ncontent-length:1\ncontent-length:2\n\nab^@");
  Parser p({.lenient = {.last_header_wins = true}});
  ASSERT_EQ(p.feed(in).status, Status::Frame);
  EXPECT_EQ(p.frame().body, "ab");
  EXPECT_EQ(p.frame().get("content-length"), "2");
}

TEST(Parser, EscapedHeaderNamesAreFoundByTheirDecodedName) {
  std::string in = wire("SEND\na\\cb:1\n\n^@");
  Parser p;
  ASSERT_EQ(p.feed(in).status, Status::Frame);
  EXPECT_EQ(p.frame().get("a:b"), "1");
}

TEST(Parser, HugeContentLengthFailsAtTheLimitWithoutWaitingForTheBody_FR19) {
  std::string in = wire("SEND\ncontent-length:4611686018427387904\n\n");
  Parser p({.limits = {.max_body = 1000}});
  Step s = p.feed(in);
  ASSERT_EQ(s.status, Status::Error);
  EXPECT_EQ(p.failure().code, ParseError::BodyTooLarge);
  EXPECT_EQ(p.failure().offset, 20u);  // the claim's value: an octet of the input (item 12)
}

TEST(Parser, BodyWithoutContentLengthStopsAtTheLimit_FR19) {
  Parser p({.limits = {.max_body = 4096}});
  std::string head = wire("SEND\n\n");
  ASSERT_EQ(p.feed(head).status, Status::NeedMore);
  std::string junk(1 << 20, 'x');
  std::vector<Event> events;
  std::size_t fed = 0;
  while (fed < junk.size() && collect(p, std::string_view(junk).substr(fed, 100), events))
    fed += 100;
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].failure.code, ParseError::BodyTooLarge);
  EXPECT_EQ(events[0].failure.offset, head.size() + 4096);
  EXPECT_LT(fed, 8192U);  // it stopped reading at the limit
}

TEST(Parser, SetVersionAppliesToTheNextFrame) {
  Parser p({.version = Version::V1_0});
  std::string in = wire("SEND\nk:a\\tb\n\n^@");
  ASSERT_EQ(p.feed(in).status, Status::Frame);  // 1.0 has no escapes (FR-22)
  EXPECT_EQ(p.frame().to_frame().header("k"), "a\\tb");
  p.set_version(Version::V1_2);
  EXPECT_EQ(p.feed(in).status, Status::Error);
  EXPECT_EQ(p.failure().code, ParseError::UndefinedEscape);
  EXPECT_EQ(p.failure().offset, in.size() + 8);
}

TEST(Parser, OriginRestrictsCommands_FR24) {
  std::string send = wire("SEND\n\n^@");
  Parser server({.origin = Origin::Server});
  EXPECT_EQ(server.feed(send).status, Status::Error);
  EXPECT_EQ(server.failure().code, ParseError::CommandNotAllowed);
  Parser client({.origin = Origin::Client});
  EXPECT_EQ(client.feed(send).status, Status::Frame);
}

TEST(Parser, FinishBetweenFramesIsClean) {
  Parser p;
  std::string in = wire("SEND\n\n^@\n");
  std::vector<Event> events;
  ASSERT_TRUE(collect(p, in, events));
  EXPECT_TRUE(p.idle());
  EXPECT_EQ(p.finish().status, Status::NeedMore);
  EXPECT_EQ(events.size(), 2U);
}

TEST(Parser, ResumesACrLfHeartbeatSplitAcrossFeeds_FR03) {
  Parser p;
  EXPECT_EQ(p.feed("\r").status, Status::NeedMore);
  Step s = p.feed("\nX");
  EXPECT_EQ(s.status, Status::Heartbeat);
  EXPECT_EQ(s.consumed, 1U);
  EXPECT_EQ(p.offset(), 2U);
}

TEST(Leniency, EveryNameSetsItsOwnSwitch) {
  const std::vector<std::string>& names = lenient_names();
  ASSERT_EQ(names.size(), 9u);
  for (const std::string& name : names) {
    stomp::Leniency lenient;
    ASSERT_TRUE(set_lenient(lenient, name)) << name;
    EXPECT_NE(lenient, stomp::Leniency{}) << name;
    EXPECT_EQ(lenient_names_of(lenient), std::vector<std::string>{name});
  }
  stomp::Leniency lenient;
  EXPECT_FALSE(set_lenient(lenient, "bogus"));
  EXPECT_EQ(lenient, stomp::Leniency{});
  EXPECT_EQ(lenient_names_of(stomp::Leniency::ambiguities()),
            (std::vector<std::string>{"empty_values", "non_ascii"}));
}

}  // namespace
}  // namespace stomp
