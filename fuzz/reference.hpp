#pragma once
// A deliberately simple second implementation of the codec's rules, written independently from
// the grammar in GRADING.md §8 (plus its overlays) for differential fuzzing. It shares only
// the codec's value types: no codec function is called. Slow and obvious on purpose: it reads a
// whole stream at once, octet by octet, and never buffers or resumes.
#include <cstddef>
#include <string_view>
#include <vector>

#include <stomp/encoder.hpp>
#include <stomp/escape.hpp>
#include <stomp/stream.hpp>

namespace ref {

// The frames, heart-beats and error of a whole stream under the strict grammar of `v`,
// accepting only `origin`'s commands. The body and frame limits are the only limits modelled;
// header count and line length are unbounded. Error reasons are left empty.
std::vector<stomp::Event> parse(std::string_view stream, stomp::Version v, stomp::Origin origin,
                                std::size_t max_body, std::size_t max_frame);

// Header decoding straight from Value_Encoding (FR-05, FR-06).
stomp::Unescaped unescape(std::string_view wire, stomp::Escaping e, bool keep_undefined);

// Whether `f` can be written in the strict grammar of `o.version` (GRADING.md §8, FR-08,
// FR-10, FR-11, FR-22), i.e. whether stomp::encode() must accept it.
bool encodable(const stomp::Frame& f, const stomp::EncodeOptions& o);

}  // namespace ref
