#include "model/grading.hpp"

#include "model/requirements.hpp"

namespace stompcheck {

Verdict grade(Level level, Seen seen) {
  switch (seen) {
    case Seen::Met: return Verdict::Pass;
    case Seen::Noted: return Verdict::Info;
    case Seen::Lingering: return level == Level::Info ? Verdict::Info : Verdict::NonStrict;
    case Seen::Broken: break;
  }
  switch (level) {
    case Level::Must: return Verdict::Fail;
    case Level::Should: return Verdict::NonStrict;
    case Level::May: return Verdict::Unsupported;
    case Level::Info: return Verdict::Info;
  }
  return Verdict::Info;
}

Verdict grade(std::string_view requirement, stomp::Version v, Seen seen) {
  return grade(level_at(requirement, v), seen);
}

}  // namespace stompcheck
