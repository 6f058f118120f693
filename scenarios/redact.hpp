#pragma once
// Keeping credentials out of every report: each secret (login, passcode) is masked wherever it
// shows in a case result, raw or in caret notation, in overlapping occurrences, inside longer
// values, and across the TCP chunks (transcript entries) that split it.
#include <string>
#include <vector>

#include "model/result.hpp"

namespace stompcheck {

// The secrets to mask: the non-empty ones, each as it is and STOMP-escaped (1.1, 1.2), each
// of those in caret notation too (stomp::show, LF kept and not); and the marker that replaces them
// ("***", or "###" / "~~~" when a secret is made of '*' alone, so that a marker can never spell a
// secret).
class Secrets {
 public:
  explicit Secrets(const std::vector<std::string>& secrets);
  bool empty() const { return forms_.empty(); }
  const std::string& marker() const { return marker_; }

  // Which ends of a text border octets it does not show (a chunk shown in part): a secret
  // may straddle them, so a part of one there is masked too.
  struct Cut {
    bool before = false;  // the text's first octets may end a secret
    bool after = false;   // its last octets may start one
  };
  // Masks every octet of `pieces` (consecutive parts of one text: their concatenation is
  // searched) that belongs to an occurrence of a secret, or to a part of one at a cut; each
  // run of masked octets within a piece becomes one marker. Repeats until the concatenation
  // holds no secret.
  void mask(const std::vector<std::string*>& pieces, Cut cut) const;
  void mask(const std::vector<std::string*>& pieces) const { mask(pieces, {}); }
  void mask(std::string& text) const { mask(std::vector<std::string*>{&text}); }

 private:
  std::vector<std::string> forms_;
  std::string marker_;
};

// Masks the secrets in every text of a case result meant for a reader: title, expected,
// actual, the requirement sentence, the findings, and the transcript, whose entries of one
// connection and direction are searched as the one octet stream they are, whatever the
// chunking (cut where the session showed a long chunk only in part); notes one by one. Identifiers
// from the catalogue (id, section, requirement ids, citation) are left alone.
void redact(CaseResult& r, const std::vector<std::string>& secrets);

}  // namespace stompcheck
