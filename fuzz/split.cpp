// Fuzz target "split": the parser's contract that chunking changes nothing (parser.hpp). The
// first six bytes choose the options (as in "parse"); byte 7 holds k = 0..7 and the next k
// bytes are chunk sizes, used in turn (k = 0: byte by byte; a size 0 feeds an empty chunk and
// then one octet). The rest is the stream. Oracle: the events (frames, heart-beats, error code,
// offset and reason) equal those of the same bytes fed in one piece. Each chunk sits in an
// exact-size heap block freed right after it is fed, so AddressSanitizer catches over-reads and
// a parser that keeps pointers into the caller's input.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <stomp/stream.hpp>

#include "fuzz/common.hpp"

namespace {

// Feeds `chunk` from its own heap block; false once the parser has failed.
bool feed(stomp::Parser& parser, std::string_view chunk, std::vector<stomp::Event>& events) {
  auto block = std::make_unique<char[]>(chunk.size());
  if (!chunk.empty()) std::memcpy(block.get(), chunk.data(), chunk.size());
  return stomp::collect(parser, {block.get(), chunk.size()}, events);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const stomp::ParserOptions options = fuzz::parser_options(in);
  fuzz::report_options(options);
  std::vector<std::size_t> sizes(in.byte() & 7U);
  for (std::size_t& s : sizes) s = in.byte();
  if (sizes.empty()) sizes.push_back(1);
  const std::string_view input = in.rest();

  const std::vector<stomp::Event> whole = stomp::parse_all(input, options);

  stomp::Parser parser(options);
  std::vector<stomp::Event> split;
  bool ok = true;
  for (std::size_t at = 0, turn = 0; ok && at < input.size(); ++turn) {
    std::size_t n = sizes[turn % sizes.size()];
    if (n == 0) {
      ok = feed(parser, {}, split);
      n = 1;
    }
    const std::string_view chunk = input.substr(at, n);
    at += chunk.size();
    ok = ok && feed(parser, chunk, split);
  }
  if (ok) stomp::finish(parser, split);

  FUZZ_CHECK(split == whole, input, [&] {
    std::string cuts = "chunk sizes, in turn:";
    for (std::size_t s : sizes) cuts += " " + std::to_string(s);
    return cuts + " (0: an empty chunk, then 1)\n" + fuzz::expected_actual(whole, split);
  }());
  return 0;
}
