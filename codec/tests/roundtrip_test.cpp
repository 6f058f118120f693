// encode then parse gives the same frame, for every version that can carry it
// (FR-05, FR-07, FR-08, FR-11, FR-12, FR-17).
#include <gtest/gtest.h>

#include <stomp/encoder.hpp>
#include <stomp/notation.hpp>
#include <stomp/stream.hpp>

namespace stomp {
namespace {

std::string all_octets() {
  std::string s;
  for (int i = 0; i < 256; ++i) s.push_back(static_cast<char>(i));
  return s;
}

std::vector<Frame> samples() {
  std::string nul_body("bin\0ary\0", 8);
  return {
      {Command::Send, {{"destination", "/queue/a"}}, "hello"},
      {Command::Send, {{"destination", "/queue/a"}, {"content-length", "8"}}, nul_body},
      {Command::Message,
       {{"destination", "/topic/x"},
        {"message-id", "m-1"},
        {"subscription", "0"},
        {"a:b", "c:d"},
        {"back\\slash", "\\\\"},
        {"nl", "line1\nline2"}},
       ""},
      {Command::Message, {{"k", "v"}, {"k", "repeat"}, {"k", ""}}, "dup"},
      {Command::Message, {{"utf-8 名前", "värde ✓"}}, "Grüße"},  // FR-17
      {Command::Error, {{"message", "bad frame"}, {"content-type", "text/plain"}}, "details\n"},
      {Command::Receipt, {{"receipt-id", "77"}}, ""},
      {Command::Subscribe, {{"id", "0"}, {"destination", "/q"}, {"ack", "client-individual"}}, ""},
      {Command::Connect,
       {{"accept-version", "1.0,1.1,1.2"}, {"host", "/"}, {"passcode", "p\\w"}},
       ""},
      {Command::Connected, {{"version", "1.2"}, {"server", "x/1.0 (a:b)"}}, ""},
      {Command::Send, {{"spaces", " padded "}, {" lead", "tab\tbed"}}, ""},  // FR-09
      {Command::Send, {{"all", all_octets()}}, all_octets().substr(1)},
      {Command::Disconnect, {{"receipt", "bye"}}, ""},
      {Command::Ack, {{"id", "x"}, {"transaction", "t"}}, ""},
      {Command::Nack, {{"id", "x"}}, ""},
      {Command::Begin, {{"transaction", "t1"}}, ""},
      {Command::Send, {}, std::string(70000, 'z')},
  };
}

// Every octet, one at a time, in exact-size allocations (ASan catches over-reads).
std::vector<Event> byte_by_byte(const std::string& bytes, const ParserOptions& o) {
  Parser p(o);
  std::vector<Event> events;
  for (char c : bytes) {
    auto one = std::make_unique<char[]>(1);
    one[0] = c;
    if (!collect(p, {one.get(), 1}, events)) return events;
  }
  finish(p, events);
  return events;
}

TEST(RoundTrip, EncodeThenParseGivesTheSameFrame) {
  int checked = 0;
  for (Version v : {Version::V1_0, Version::V1_1, Version::V1_2}) {
    for (bool crlf : {false, true}) {
      if (crlf && v != Version::V1_2) continue;
      for (const Frame& f : samples()) {
        Encoded e = encode(f, {.version = v, .crlf = crlf});
        if (!e.ok()) continue;  // e.g. UTF-8 or empty values in 1.0
        ParserOptions o{.version = v};
        std::vector<Event> one_shot = parse_all(e.bytes, o);
        ASSERT_EQ(one_shot.size(), 1U) << show(e.bytes);
        ASSERT_EQ(one_shot[0].kind, Status::Frame)
            << to_string(one_shot[0].failure.code) << " in " << show(e.bytes);
        EXPECT_EQ(one_shot[0].frame, f) << show(e.bytes);
        EXPECT_EQ(byte_by_byte(e.bytes, o), one_shot) << show(e.bytes);
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 45);
}

TEST(RoundTrip, AStreamOfFramesAndHeartbeats) {
  std::string stream;
  std::vector<Frame> frames = samples();
  for (const Frame& f : frames) {
    ASSERT_EQ(encode_to(stream, f), EncodeError::None);
    stream += "\n";
  }
  std::vector<Event> events = parse_all(stream);
  ASSERT_EQ(events.size(), 2 * frames.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(events[2 * i].frame, frames[i]);
    EXPECT_EQ(events[2 * i + 1].kind, Status::Heartbeat);
  }
  EXPECT_EQ(byte_by_byte(stream, {}), events);
}

TEST(RoundTrip, ContentLengthIsAddedForNulBodies_FR12) {
  Frame f{Command::Message, {{"destination", "/q"}}, std::string("\0\0", 2)};
  std::vector<Event> events = parse_all(encode(f).bytes);
  ASSERT_EQ(events.size(), 1U);
  Frame expected = f;
  expected.headers.push_back({"content-length", "2"});
  EXPECT_EQ(events[0].frame, expected);
}

}  // namespace
}  // namespace stomp
