#pragma once
// Benchmark workloads: owning frames plus their wire bytes, written by a tiny writer that
// does not use the codec, so that setup can check the parser and the encoder against it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <stomp/encoder.hpp>
#include <stomp/frame.hpp>
#include <stomp/parser.hpp>

namespace bench {

// Wire bytes per benchmark iteration (one frame when a frame is larger).
inline constexpr std::size_t kStreamBytes = std::size_t{1} << 20;

struct Workload {
  std::vector<stomp::Frame> frames;  // wire order; empty for a heart-beat stream
  std::string wire;                  // exact-size buffer holding the whole stream
  std::size_t events = 0;            // frames, or heart-beats, in `wire`
  std::size_t frame_size = 0;        // when non-zero, every frame is this many octets
};

// `value` in decimal, zero-padded to `width` (wrapping at 10^width).
inline std::string digits(std::uint64_t value, int width) {
  std::string out(static_cast<std::size_t>(width), '0');
  for (auto it = out.rbegin(); it != out.rend(); ++it, value /= 10) {
    *it = static_cast<char>('0' + value % 10);
  }
  return out;
}

// 1.2 header escaping (1.2#Value_Encoding): CR, LF, ':' and '\'.
inline void write_escaped(std::string& out, std::string_view raw) {
  for (char c : raw) {
    switch (c) {
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case ':': out += "\\c"; break;
      case '\\': out += "\\\\"; break;
      default: out += c;
    }
  }
}

// A MESSAGE frame as STOMP 1.2 writes it with LF line ends.
inline void write_wire(std::string& out, const stomp::Frame& f) {
  out += "MESSAGE\n";
  for (const auto& h : f.headers) {
    write_escaped(out, h.name);
    out += ':';
    write_escaped(out, h.value);
    out += '\n';
  }
  out += '\n';
  out += f.body;
  out += '\0';
}

inline std::string wire_of(const stomp::Frame& f) {
  std::string out;
  write_wire(out, f);
  return out;
}

// (a) 7 headers with content-length, a 20-octet body: 181 octets. Without content-length
// (b) the rest stays the same: 163 octets.
inline stomp::Frame message181(std::uint64_t i, bool content_length = true) {
  stomp::Frame f{.command = stomp::Command::Message, .headers = {}, .body = "benchmark payload 20"};
  f.headers = {{"subscription", "sub-0"},
               {"message-id", "msg-" + digits(i, 8)},
               {"destination", "/queue/stompcheck.bench"},
               {"ack", "a-" + digits(i, 7)},
               {"content-type", "text/plain"},
               {"persistent", "true"}};
  if (content_length) f.headers.push_back({"content-length", "20"});
  return f;
}

// (c) 10 headers, content-length included, and a 1 KiB printable body.
inline stomp::Frame message_1k(std::uint64_t i) {
  stomp::Frame f{.command = stomp::Command::Message, .headers = {}, .body = {}};
  f.body.reserve(1024);
  for (std::size_t k = 0; k < 1024; ++k) f.body += static_cast<char>(' ' + (k * 7 + i) % 95);
  f.headers = {{"subscription", "sub-1"},
               {"message-id", "ID:broker-1-" + digits(i, 10)},
               {"destination", "/topic/stompcheck.bench.large"},
               {"ack", "ack-" + digits(i, 10)},
               {"content-type", "application/json;charset=utf-8"},
               {"content-length", "1024"},
               {"persistent", "true"},
               {"priority", "4"},
               {"timestamp", "1700000000" + digits(i, 3)},
               {"correlation-id", "corr-" + digits(i * 7, 10)}};
  return f;
}

// (d) one MESSAGE with a 1 MiB binary body (NULs included, so framing needs content-length).
// Without content-length the body is printable and the parser must look for its NUL.
inline stomp::Frame message_1m(bool content_length = true) {
  stomp::Frame f{.command = stomp::Command::Message, .headers = {}, .body = {}};
  f.body.resize(std::size_t{1} << 20);
  for (std::size_t k = 0; k < f.body.size(); ++k) {
    f.body[k] = content_length ? static_cast<char>(static_cast<unsigned char>(k * 31 + 7))
                               : static_cast<char>(' ' + k * 31 % 95);
  }
  f.headers = {{"subscription", "sub-2"},
               {"message-id", "ID:broker-1-0000000001"},
               {"destination", "/queue/stompcheck.bench.huge"},
               {"content-type", "application/octet-stream"}};
  if (content_length) f.headers.push_back({"content-length", std::to_string(f.body.size())});
  return f;
}

// (e) 1.2 header values full of escapes: half the raw octets are CR, LF, ':' or '\'.
inline stomp::Frame message_escapes(std::uint64_t i) {
  std::string value;
  for (int k = 0; k < 6; ++k) value += "a\nb:c\\d\r";
  stomp::Frame f{.command = stomp::Command::Message, .headers = {}, .body = "escape-heavy headers"};
  f.headers = {{"subscription", "sub-3"},
               {"message-id", "msg:" + digits(i, 8)},
               {"destination", "/queue/esc\\aped:name"},
               {"x-multi\nline", value},
               {"x-colons", "a:b:c:d:e:f:g:h:i:j:k:l"},
               {"x-backslashes", R"(C:\dir\sub\file.txt)"},
               {"x-crlf", "one\r\ntwo\r\nthree\r\n"},
               {"x-mixed", value + digits(i, 4)},
               {"content-length", "20"}};
  return f;
}

// Frames from `make(i)` until the stream holds at least `min_bytes`, or exactly `count`.
template <class Make>
Workload stream_of(Make make, std::size_t min_bytes, std::size_t count = 0) {
  Workload w;
  std::string s;
  for (std::uint64_t i = 0; count != 0 ? w.frames.size() < count : s.size() < min_bytes; ++i) {
    w.frames.push_back(make(i));
    write_wire(s, w.frames.back());
  }
  w.wire = std::string(s);  // a copy is exact-size
  w.events = w.frames.size();
  return w;
}

inline Workload workload_a(std::size_t count = 0) {
  Workload w = stream_of([](std::uint64_t i) { return message181(i); }, kStreamBytes, count);
  w.frame_size = 181;
  return w;
}
inline Workload workload_b() {
  Workload w = stream_of([](std::uint64_t i) { return message181(i, false); }, kStreamBytes);
  w.frame_size = 163;
  return w;
}
inline Workload workload_c() { return stream_of(message_1k, kStreamBytes); }
inline Workload workload_d(bool content_length = true) {
  return stream_of([=](std::uint64_t) { return message_1m(content_length); }, 0, 1);
}
inline Workload workload_e() { return stream_of(message_escapes, kStreamBytes); }
// (f) LF heart-beats only (1.2#Heart-beating).
inline Workload workload_f() {
  Workload w;
  w.wire = std::string(kStreamBytes, '\n');
  w.events = w.wire.size();
  return w;
}

// Empty when the codec agrees with the workload: every frame is `frame_size` octets, the
// default (strict 1.2) parser turns `wire` into exactly `frames` (or `events` heart-beats)
// and the encoder turns `frames` into exactly `wire`. Otherwise what went wrong.
inline std::string check(const Workload& w) {
  if (w.frame_size != 0) {
    for (const auto& f : w.frames) {
      if (auto n = wire_of(f).size(); n != w.frame_size) {
        return "workload frame is " + std::to_string(n) + " octets, wanted " +
               std::to_string(w.frame_size);
      }
    }
  }
  stomp::Parser p;
  std::string_view in = w.wire;
  std::size_t frames = 0, beats = 0;
  while (!in.empty()) {
    auto s = p.feed(in);
    in.remove_prefix(s.consumed);
    if (s.status == stomp::Status::Error) return "parser: " + p.failure().reason;
    if (s.status == stomp::Status::Heartbeat) ++beats;
    if (s.status != stomp::Status::Frame) continue;
    if (frames >= w.frames.size()) return "parser: more frames than the workload holds";
    if (!(p.frame().to_frame() == w.frames[frames])) {
      return "parser: frame " + std::to_string(frames) + " differs from the workload";
    }
    ++frames;
  }
  if (!p.idle()) return "parser: stream ends inside a frame";
  if (frames != w.frames.size() || frames + beats != w.events) {
    return "parser: " + std::to_string(frames) + " frames and " + std::to_string(beats) +
           " heart-beats, wanted " + std::to_string(w.events) + " events";
  }
  std::string out;
  for (const auto& f : w.frames) {
    if (auto e = stomp::encode_to(out, f); e != stomp::EncodeError::None) {
      return "encoder: " + std::string(stomp::to_string(e));
    }
  }
  if (!w.frames.empty() && out != w.wire) return "encoder output differs from the workload";
  return {};
}

}  // namespace bench
