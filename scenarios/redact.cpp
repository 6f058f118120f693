#include "scenarios/redact.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <stomp/escape.hpp>
#include <stomp/notation.hpp>

namespace stompcheck {
namespace {

void add_form(std::vector<std::string>& forms, std::string form) {
  if (!form.empty() && std::find(forms.begin(), forms.end(), form) == forms.end()) {
    forms.push_back(std::move(form));
  }
}

// A form made of `c` alone could hide in a run of markers of `c`: the masking would never end.
bool spells_only(const std::string& form, char c) {
  return std::all_of(form.begin(), form.end(), [c](char x) { return x == c; });
}

// Where Session::record's " ... (N more octets)" starts, which ends an entry that shows only
// the first octets of its chunk; npos when the entry shows all of it.
std::size_t elision_at(const std::string& data) {
  constexpr std::string_view kOpen = " ... (", kClose = " more octets)";
  if (!std::string_view(data).ends_with(kClose)) return std::string::npos;
  const std::size_t at = data.rfind(kOpen);
  if (at == std::string::npos) return at;
  const std::size_t digits = at + kOpen.size();
  const std::size_t end = data.size() - kClose.size();
  if (digits >= end) return std::string::npos;
  const bool numeric = std::all_of(data.begin() + static_cast<std::ptrdiff_t>(digits),
                                   data.begin() + static_cast<std::ptrdiff_t>(end),
                                   [](char c) { return c >= '0' && c <= '9'; });
  return numeric ? at : std::string::npos;
}

}  // namespace

Secrets::Secrets(const std::vector<std::string>& secrets) {
  for (const std::string& s : secrets) {
    if (s.empty()) continue;
    // As a broker may echo it in a 1.1 / 1.2 header (':' as \c, ...), and each in caret
    // notation: the transcript's (LF kept) and describe()'s (LF as ^J).
    for (const std::string& base :
         {s, stomp::escape(s, stomp::Escaping::V1_1), stomp::escape(s, stomp::Escaping::V1_2)}) {
      add_form(forms_, base);
      add_form(forms_, stomp::show(base, true));
      add_form(forms_, stomp::show(base));
    }
  }
  // Every form then holds an octet that no marker holds, so each round of mask() replaces at
  // least one octet of the text itself, and the rounds end.
  for (char c : {'*', '#', '~', '%', '='}) {
    if (std::none_of(forms_.begin(), forms_.end(),
                     [c](const std::string& f) { return spells_only(f, c); })) {
      marker_.assign(3, c);
      return;
    }
  }
  throw std::logic_error("redaction: no marker can stand for these secrets");
}

void Secrets::mask(const std::vector<std::string*>& pieces, Cut cut) const {
  if (forms_.empty()) return;
  for (bool first = true;; first = false) {
    std::string all;
    for (const std::string* p : pieces) all += *p;
    std::vector<bool> hit(all.size(), false);
    bool any = false;
    for (const std::string& form : forms_) {
      std::size_t filled = 0;  // hit[.., filled) is set for this form's earlier occurrences
      for (std::size_t at = all.find(form); at != std::string::npos; at = all.find(form, at + 1)) {
        any = true;
        std::fill(hit.begin() + static_cast<std::ptrdiff_t>(std::max(at, filled)),
                  hit.begin() + static_cast<std::ptrdiff_t>(at + form.size()), true);
        filled = at + form.size();
      }
      // The longest part of the secret at a cut; once: what later rounds put there is markers.
      bool after = first && cut.after, before = first && cut.before;
      const std::string_view f(form), text(all);
      for (std::size_t k = std::min(f.size() - 1, text.size()); k > 0 && (after || before); --k) {
        if (after && text.ends_with(f.substr(0, k))) {
          std::fill(hit.end() - static_cast<std::ptrdiff_t>(k), hit.end(), true);
          any = true;
          after = false;
        }
        if (before && text.starts_with(f.substr(f.size() - k))) {
          std::fill(hit.begin(), hit.begin() + static_cast<std::ptrdiff_t>(k), true);
          any = true;
          before = false;
        }
      }
    }
    if (!any) return;
    std::size_t begin = 0;
    for (std::string* p : pieces) {
      const std::size_t end = begin + p->size();
      std::string out;
      for (std::size_t i = begin; i < end; ++i) {
        if (!hit[i]) {
          out.push_back(all[i]);
        } else if (i == begin || !hit[i - 1]) {
          out += marker_;  // one marker per run, and one in each piece a run reaches
        }
      }
      *p = std::move(out);
      begin = end;
    }
  }
}

void redact(CaseResult& r, const std::vector<std::string>& secrets) {
  const Secrets s(secrets);
  if (s.empty()) return;
  for (std::string* text : {&r.title, &r.expected, &r.actual, &r.sentence}) s.mask(*text);
  for (Finding& f : r.findings) {
    s.mask(f.check);
    s.mask(f.detail);
  }
  // A TCP stream is chunked as the reads and writes happened: a secret may span entries, and
  // other connections' entries or notes may fall between them. Where an entry shows its chunk
  // in part, the stream is cut: the segments on either side are searched apart.
  struct Segment {
    std::vector<std::string*> pieces;
    Secrets::Cut cut;
  };
  std::map<std::pair<int, Direction>, std::vector<Segment>> streams;
  std::deque<std::pair<TranscriptEntry*, std::array<std::string, 2>>> elided;  // stable
  for (TranscriptEntry& t : r.transcript) {
    if (t.dir == Direction::Note) {
      s.mask(t.data);
      continue;
    }
    std::vector<Segment>& segments = streams[{t.conn, t.dir}];
    if (segments.empty()) segments.emplace_back();
    const std::size_t at = elision_at(t.data);
    if (at == std::string::npos) {
      segments.back().pieces.push_back(&t.data);
      continue;
    }
    auto& [entry, parts] = elided.emplace_back(
        &t, std::array<std::string, 2>{t.data.substr(0, at), t.data.substr(at)});
    segments.back().pieces.push_back(&parts[0]);
    segments.back().cut.after = true;
    segments.push_back({.pieces = {}, .cut = {.before = true, .after = false}});
  }
  for (auto& [key, segments] : streams) {
    for (const Segment& seg : segments) s.mask(seg.pieces, seg.cut);
  }
  for (auto& [entry, parts] : elided) {
    entry->data = parts[0] + parts[1];
    s.mask(entry->data);  // should a marker and the elision spell a secret
  }
}

}  // namespace stompcheck
