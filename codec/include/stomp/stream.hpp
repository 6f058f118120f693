#pragma once
// Driving a parser over whole byte strings: one loop for tests, tools and fuzzers.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/frame.hpp>
#include <stomp/parser.hpp>

namespace stomp {

struct Event {
  Status kind = Status::Frame;  // Frame, Heartbeat or Error
  std::uint64_t offset = 0;     // stream offset where the frame / EOL / failure is
  Frame frame{};                // kind == Frame
  ParseFailure failure{};       // kind == Error
  bool operator==(const Event&) const = default;
};

// Feeds one chunk, appending what it completes to `events`. Returns false once the parser
// has failed (the failure is the last event).
bool collect(Parser& parser, std::string_view chunk, std::vector<Event>& events);
// Ends the stream: appends an UnexpectedEof error when a frame is incomplete.
void finish(Parser& parser, std::vector<Event>& events);

// The events of a whole stream fed in one piece.
std::vector<Event> parse_all(std::string_view bytes, const ParserOptions& options = {});

// One line per event: "frame SEND", "header k:v", "body ...", "heartbeat",
// "error Code @offset"; octets in caret notation.
std::vector<std::string> describe(const Event& e);

}  // namespace stomp
