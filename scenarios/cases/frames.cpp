// Frames (1.2#STOMP_Frames, 1.2#Value_Encoding, 1.2#Header_content-length,
// 1.2#Augmented_BNF: FR- rows): the malformed-input matrix, split by spec sub-area into
// frames_commands.cpp, frames_headers.cpp and frames_body.cpp. One violation per frame, on a
// fresh connection, graded by GRADING.md §10.13.
#include <vector>

#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {

std::span<const Scenario> frames() {
  static const std::vector<Scenario> all = [] {
    std::vector<Scenario> out;
    for (auto part : {frames_commands(), frames_headers(), frames_body()}) {
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  }();
  return all;
}

}  // namespace stompcheck::cases
