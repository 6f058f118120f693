#include <stomp/notation.hpp>
#include <stomp/stream.hpp>

namespace stomp {

bool collect(Parser& parser, std::string_view chunk, std::vector<Event>& events) {
  while (true) {
    std::uint64_t at = parser.offset();
    Step step = parser.feed(chunk);
    chunk.remove_prefix(step.consumed);
    switch (step.status) {
      case Status::NeedMore: return true;
      case Status::Heartbeat: events.push_back({.kind = Status::Heartbeat, .offset = at}); break;
      case Status::Frame:
        events.push_back({.kind = Status::Frame,
                          .offset = parser.frame().offset,
                          .frame = parser.frame().to_frame()});
        break;
      case Status::Error:
        events.push_back({.kind = Status::Error,
                          .offset = parser.failure().offset,
                          .failure = parser.failure()});
        return false;
    }
    if (chunk.empty()) return true;
  }
}

void finish(Parser& parser, std::vector<Event>& events) {
  if (parser.finish().status == Status::Error &&
      (events.empty() || events.back().kind != Status::Error)) {
    events.push_back(
        {.kind = Status::Error, .offset = parser.failure().offset, .failure = parser.failure()});
  }
}

std::vector<Event> parse_all(std::string_view bytes, const ParserOptions& options) {
  Parser parser(options);
  std::vector<Event> events;
  if (collect(parser, bytes, events)) finish(parser, events);
  return events;
}

std::vector<std::string> describe(const Event& e) {
  std::vector<std::string> lines;
  switch (e.kind) {
    case Status::Heartbeat: lines.emplace_back("heartbeat"); break;
    case Status::Error:
      lines.push_back("error " + std::string(to_string(e.failure.code)) + " @" +
                      std::to_string(e.failure.offset));
      break;
    case Status::Frame: {
      lines.push_back("frame " + std::string(to_string(e.frame.command)));
      for (const Header& h : e.frame.headers) {
        std::string name = show(h.name);
        for (std::size_t i = name.find(':'); i != std::string::npos; i = name.find(':', i)) {
          name.replace(i, 1, "^x3A");
        }
        lines.push_back("header " + name + ":" + show(h.value));
      }
      if (!e.frame.body.empty()) lines.push_back("body " + show(e.frame.body));
      break;
    }
    case Status::NeedMore: break;
  }
  return lines;
}

}  // namespace stomp
