#pragma once
// The checks of a server frame beyond the grammar, shared by `stompcheck lint --from server`
// and the live session: the required headers of server frames (1.2#Frames_and_Headers) and
// the content-length / content-type SHOULDs. Every check that applies is reported, never
// only the first.
#include <string>
#include <string_view>
#include <vector>

#include <stomp/command.hpp>
#include <stomp/frame.hpp>

namespace stompcheck {

struct FrameIssue {
  std::string_view requirement;  // catalogue id, e.g. "MS-03"
  bool recommended = false;      // a SHOULD; false: a MUST
  std::string detail;            // e.g. "MESSAGE without the required 'message-id' header"
  bool operator==(const FrameIssue&) const = default;
};

// MESSAGE: destination (MS-01), message-id (MS-03), subscription from 1.1 (MS-04), a body
// without content-length from 1.1 (MS-07, SHOULD; a MESSAGE carries a content-type only when
// its SEND did, GRADING.md §10.1); RECEIPT: receipt-id
// (RC-01); ERROR: a body without content-length or content-type from 1.1 (ER-04, SHOULD).
// CONNECTED is judged by the negotiation (CN-05, CN-06): what the client offered decides what
// its version header owes.
std::vector<FrameIssue> check_server_frame(const stomp::Frame& f, stomp::Version v);

}  // namespace stompcheck
