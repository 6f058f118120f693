// Credentials never reach a report: the masking of secrets in a case result, whatever the TCP
// chunking of the transcript, in caret notation, overlapping, and without the marker ever
// spelling a secret; and a scripted broker that echoes the login split over two writes.
#include "scenarios/redact.hpp"

#include <map>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <stomp/notation.hpp>

#include "scenarios/tests/peer.hpp"

namespace stompcheck::test {
namespace {

TranscriptEntry entry(int conn, Direction dir, std::string data) {
  return {.at_us = 0, .conn = conn, .dir = dir, .data = std::move(data)};
}

CaseResult with_transcript(std::vector<TranscriptEntry> t) {
  CaseResult r;
  r.transcript = std::move(t);
  return r;
}

// Every text a report renders, each stream of the transcript joined, and the whole transcript
// joined: none may hold a secret in any of its forms.
std::vector<std::string> texts(const CaseResult& r) {
  std::vector<std::string> out{r.title, r.expected, r.actual, r.sentence};
  for (const Finding& f : r.findings) {
    out.push_back(f.check);
    out.push_back(f.detail);
  }
  std::map<std::pair<int, Direction>, std::string> streams;
  std::string all;
  for (const TranscriptEntry& t : r.transcript) {
    out.push_back(t.data);
    streams[{t.conn, t.dir}] += t.data;
    all += t.data;
  }
  for (const auto& [key, joined] : streams) out.push_back(joined);
  out.push_back(all);
  return out;
}

::testing::AssertionResult leaks_none(const CaseResult& r,
                                      const std::vector<std::string>& secrets) {
  for (const std::string& text : texts(r)) {
    for (const std::string& s : secrets) {
      if (s.empty()) continue;
      for (const std::string& form : {s, stomp::show(s, true), stomp::show(s)}) {
        if (text.find(form) != std::string::npos) {
          return ::testing::AssertionFailure() << "'" << form << "' in '" << text << "'";
        }
      }
    }
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::string> data_of(const CaseResult& r) {
  std::vector<std::string> out;
  for (const TranscriptEntry& t : r.transcript) out.push_back(t.data);
  return out;
}

using Data = std::vector<std::string>;

TEST(Redact, SecretSplitAcrossTwoEntries) {
  CaseResult r = with_transcript({entry(1, Direction::Received, "ERROR\nmessage:bad login s3c"),
                                  entry(1, Direction::Received, "ret-login\n\n^@")});
  redact(r, {"s3cret-login"});
  EXPECT_EQ(data_of(r), (Data{"ERROR\nmessage:bad login ***", "***\n\n^@"}));
  EXPECT_TRUE(leaks_none(r, {"s3cret-login"}));
}

TEST(Redact, SecretSplitAcrossThreeEntries) {
  CaseResult r = with_transcript({entry(1, Direction::Received, "login s3"),
                                  entry(1, Direction::Received, "cret-lo"),
                                  entry(1, Direction::Received, "gin!")});
  redact(r, {"s3cret-login"});
  EXPECT_EQ(data_of(r), (Data{"login ***", "***", "***!"}));
  EXPECT_TRUE(leaks_none(r, {"s3cret-login"}));
}

// The chunks of one stream are joined however the transcript interleaves other connections,
// the other direction and notes; different streams are never joined.
TEST(Redact, StreamsAreJoinedPerConnectionAndDirection) {
  CaseResult r = with_transcript(
      {entry(1, Direction::Received, "xx s3cr"), entry(1, Direction::Sent, "et"),
       entry(0, Direction::Note, "#2 connected"), entry(2, Direction::Received, "et"),
       entry(1, Direction::Received, "et yy")});
  redact(r, {"s3cret"});
  EXPECT_EQ(data_of(r), (Data{"xx ***", "et", "#2 connected", "et", "*** yy"}));
  EXPECT_TRUE(leaks_none(r, {"s3cret"}));
}

// The transcript holds octets in caret notation (LF kept): a TAB in the passcode is `^I`, and
// a chunk may end between the octets the caret form spells.
TEST(Redact, CaretNotationSplitAcrossEntries) {
  const std::string secret = "top\tsecret";
  CaseResult r =
      with_transcript({entry(1, Direction::Sent, "passcode:top"),
                       entry(1, Direction::Sent, "^Isec"), entry(1, Direction::Sent, "ret\n\n^@")});
  r.actual = "CONNECT passcode:top^Isecret host:/";  // describe() uses caret notation too
  redact(r, {secret});
  EXPECT_EQ(data_of(r), (Data{"passcode:***", "***", "***\n\n^@"}));
  EXPECT_EQ(r.actual, "CONNECT passcode:*** host:/");
  EXPECT_TRUE(leaks_none(r, {secret}));
}

// describe() shows LF as ^J, the transcript keeps it: both forms are masked.
TEST(Redact, BothCaretFormsOfAnLf) {
  CaseResult r = with_transcript({entry(1, Direction::Received, "a\nb-x")});
  r.actual = "ERROR message:a^Jb-x";
  redact(r, {"a\nb"});
  EXPECT_EQ(data_of(r), (Data{"***-x"}));
  EXPECT_EQ(r.actual, "ERROR message:***-x");
}

// Session::record shows the first 4096 octets of a longer chunk, then " ... (N more
// octets)": a secret straddling the cut leaves a part on either side, masked all the same.
TEST(Redact, PartOfASecretAtAnElidedChunk) {
  CaseResult r = with_transcript({entry(1, Direction::Received, "hello s3c ... (4000 more octets)"),
                                  entry(1, Direction::Received, "ret-and s3 ... (12 more octets)"),
                                  entry(1, Direction::Received, "-tail s3")});
  redact(r, {"s3cret"});
  EXPECT_EQ(data_of(r), (Data{"hello *** ... (4000 more octets)",
                              "***-and *** ... (12 more octets)", "-tail s3"}));
}

// A broker that echoes the login in a MESSAGE or ERROR header of 1.1 / 1.2 escapes it.
TEST(Redact, EscapedFormOfAnEcho) {
  CaseResult r = with_transcript({entry(1, Direction::Received, "ERROR\nlogin:pa\\c"),
                                  entry(1, Direction::Received, "s\\\\s\n\n^@")});
  redact(r, {"pa:s\\s"});
  EXPECT_EQ(data_of(r), (Data{"ERROR\nlogin:***", "***\n\n^@"}));
}

TEST(Redact, InsideALongerValueAndOverlapping) {
  CaseResult r;
  r.expected = "xxaaayy";
  r.actual = "aaaa";
  r.title = "a";
  r.findings = {
      {.check = "lint", .requirement = "ER-04", .grade = Verdict::Info, .detail = "baab"}};
  redact(r, {"aa"});
  EXPECT_EQ(r.expected, "xx***yy");
  EXPECT_EQ(r.actual, "***");
  EXPECT_EQ(r.title, "a");
  EXPECT_EQ(r.findings.front().detail, "b***b");
  EXPECT_TRUE(leaks_none(r, {"aa"}));
}

TEST(Redact, OverlappingSecretsOfLoginAndPasscode) {
  CaseResult r;
  r.actual = "xabcdx";
  redact(r, {"abc", "bcd"});
  EXPECT_EQ(r.actual, "x***x");
}

// The marker never spells a secret: masking "a*" in "aa*" leaves "a***", which holds "a*"
// again, and is masked again (the '*' of the text stay); a secret of '*' alone gets another
// marker.
TEST(Redact, MarkerNeverSpellsASecret) {
  CaseResult r;
  r.actual = "aa*";
  r.expected = "a**b";
  redact(r, {"a*"});
  EXPECT_EQ(r.actual, "*****");
  EXPECT_EQ(r.expected, "****b");
  EXPECT_TRUE(leaks_none(r, {"a*"}));

  CaseResult stars;
  stars.actual = "x*y";
  stars.transcript = {entry(1, Direction::Received, "*"), entry(1, Direction::Received, "*")};
  redact(stars, {"*", "#"});
  EXPECT_EQ(Secrets({"*", "#"}).marker(), "~~~");
  EXPECT_EQ(stars.actual, "x~~~y");
  EXPECT_EQ(data_of(stars), (Data{"~~~", "~~~"}));
  EXPECT_EQ(Secrets({"***"}).marker(), "###");
  EXPECT_EQ(Secrets({"s3cret"}).marker(), "***");
}

TEST(Redact, NoSecretsChangeNothing) {
  CaseResult r = with_transcript({entry(1, Direction::Received, "login:guest")});
  r.actual = "guest";
  const CaseResult before = r;
  redact(r, {});
  redact(r, {""});
  EXPECT_EQ(r, before);
}

// Random texts over a small alphabet, random secrets, random chunking: nothing leaks.
TEST(Redact, RandomChunkingNeverLeaks) {
  std::mt19937 rng(8);
  const std::string alphabet = "ab*#~^\n\t";
  auto text = [&](std::size_t max) {
    std::string s(std::uniform_int_distribution<std::size_t>(0, max)(rng), 'a');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::string> secrets{text(3), text(4)};
    std::vector<TranscriptEntry> t;
    const std::string stream = stomp::show(text(40), true);
    for (std::size_t at = 0; at < stream.size();) {
      const std::size_t n = 1 + rng() % 5;
      t.push_back(entry(1, Direction::Received, stream.substr(at, n)));
      at += n;
    }
    CaseResult r = with_transcript(std::move(t));
    r.actual = text(30);
    redact(r, secrets);
    ASSERT_TRUE(leaks_none(r, secrets)) << "secrets '" << secrets[0] << "', '" << secrets[1] << "'";
  }
}

// End to end: a broker that echoes the login back in an ERROR, split over two writes (so over
// two reads of the client), and the passcode (with a TAB: `^I` in the transcript) over a third.
TEST(Redact, EchoSplitOverTwoWritesIsMasked) {
  Peer peer([](PeerConn& c) {
    if (!c.read()) return;
    c.write("ERROR\nmessage:unknown login s3cret-lo");
    std::this_thread::sleep_for(60ms);
    c.write("gin, passcode top\tse");
    std::this_thread::sleep_for(60ms);
    c.write(std::string("cret\n\n") + '\0');
    std::this_thread::sleep_for(100ms);
  });
  Target target;
  target.port = peer.port();
  target.login = "s3cret-login";
  target.passcode = "top\tsecret";
  const CaseResult r = run_one(target, "connect/stomp-frame@1.2");
  EXPECT_EQ(r.verdict, Verdict::Error) << r.actual;
  EXPECT_NE(r.actual.find("refused CONNECT"), std::string::npos) << r.actual;
  EXPECT_TRUE(leaks_none(r, {"s3cret-login", "top\tsecret"}));
  // The echo did arrive in pieces, each masked where the secrets were.
  std::vector<std::string> received;
  for (const TranscriptEntry& t : r.transcript) {
    if (t.dir == Direction::Received) received.push_back(t.data);
  }
  ASSERT_GE(received.size(), 3U);
  EXPECT_EQ(received[0], "ERROR\nmessage:unknown login ***");
  EXPECT_EQ(received[1], "***, passcode ***");
  EXPECT_EQ(received[2], "***\n\n^@");
}

// End to end: an echo that straddles the 4096 octets the transcript shows of a chunk.
TEST(Redact, EchoAtTheEndOfALongChunkIsMasked) {
  static constexpr std::size_t kShown = 4096;  // Session's kEntryOctets
  Peer peer([](PeerConn& c) {
    if (!c.read()) return;
    const std::string head = "ERROR\n\n";
    const std::string body = std::string(kShown - 6 - head.size(), 'x') + "s3cret-login, sorry";
    c.write(head + body + '\0');
    std::this_thread::sleep_for(100ms);
  });
  Target target;
  target.port = peer.port();
  target.login = "s3cret-login";
  const CaseResult r = run_one(target, "connect/stomp-frame@1.2");
  std::vector<std::string> received;
  for (const TranscriptEntry& t : r.transcript) {
    if (t.dir == Direction::Received) received.push_back(t.data);
  }
  ASSERT_EQ(received.size(), 1U) << "the ERROR came in more than one read";
  EXPECT_NE(received[0].find("xxx*** ... ("), std::string::npos) << received[0].substr(4000);
  for (const std::string& text : texts(r)) {
    EXPECT_EQ(text.find("s3cr"), std::string::npos) << text.substr(text.size() > 200 ? 4000 : 0);
  }
}

}  // namespace
}  // namespace stompcheck::test
