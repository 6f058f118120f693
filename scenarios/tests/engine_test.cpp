// The engine's verdicts against peers scripted to misbehave in the ten ways issue 7 lists:
// each test drives a scripted peer (or the fault-injecting fake broker) and checks the verdict
// and the findings that a broker author would need to trust it.
#include <algorithm>
#include <string>
#include <thread>
#include <utility>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include <stomp/notation.hpp>

#include "model/requirements.hpp"
#include "scenarios/catalogue.hpp"
#include "scenarios/tests/fake_broker.hpp"
#include "scenarios/verify.hpp"

namespace stompcheck::test {
namespace {

std::string explain(const CaseResult& r) {
  std::string out = std::string(to_string(r.verdict)) + " " + r.id + "\n  expected: " + r.expected +
                    "\n  actual:   " + r.actual + "\n  cited:    " + r.cited;
  for (const Finding& f : r.findings) {
    out += "\n  " + std::string(to_string(f.grade)) + " " + f.check + " " + f.requirement + ": " +
           f.detail;
  }
  for (const TranscriptEntry& t : r.transcript) {
    out += "\n  " + std::to_string(t.conn) + " " + std::string(to_string(t.dir)) + " " + t.data;
  }
  return out;
}

const Finding* finding(const CaseResult& r, std::string_view check) {
  auto it = std::find_if(r.findings.begin(), r.findings.end(),
                         [&](const Finding& f) { return f.check == check; });
  return it == r.findings.end() ? nullptr : &*it;
}

bool cites(const CaseResult& r, std::string_view requirement, Verdict grade) {
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
    return f.requirement == requirement && f.grade == grade;
  });
}

// Answers CONNECT, then calls `on` for every client frame until it returns false.
Script serving(std::function<bool(PeerConn&, const stomp::Frame&)> on) {
  return [on = std::move(on)](PeerConn& c) {
    if (!answer_connect(c)) return;
    while (auto f = c.read()) {
      if (!on(c, *f)) return;
    }
  };
}

std::string receipt_of(const stomp::Frame& f) {
  return std::string(f.header("receipt").value_or(""));
}

// 1. Frames are judged in wire order: a MESSAGE that came *before* the ERROR is not what
// came after it.
TEST(WireOrder, AMessageBeforeTheErrorIsNotAfterIt) {
  Peer peer(serving([](PeerConn& c, const stomp::Frame& f) {
    if (f.command != stomp::Command::Send) return true;
    c.write(stomp::wire("MESSAGE^Jdestination:/queue/other^Jmessage-id:9^Jsubscription:s^J^J^@"));
    c.write(stomp::wire("ERROR^Jmessage:no destination^Jreceipt-id:" + receipt_of(f) + "^J^J^@"));
    c.close();
    return false;
  }));
  const CaseResult r = run_one(peer.port(), "send/missing-destination@1.2");
  EXPECT_EQ(r.verdict, Verdict::Pass) << explain(r);
}

TEST(WireOrder, AMessageBeforeTheDisconnectReceiptIsNotAfterIt) {
  Peer peer(serving([](PeerConn& c, const stomp::Frame& f) {
    if (f.command != stomp::Command::Disconnect) return true;
    c.write(stomp::wire("MESSAGE^Jdestination:/queue/other^Jmessage-id:9^J^J^@"));
    c.write(stomp::wire("RECEIPT^Jreceipt-id:" + receipt_of(f) + "^J^J^@"));
    c.close();
    return false;
  }));
  const CaseResult r = run_one(peer.port(), "disconnect/receipt-then-close@1.0");
  EXPECT_EQ(r.verdict, Verdict::Pass) << explain(r);
}

TEST(WireOrder, AMessageAfterTheErrorIsAfterIt) {
  Peer peer(serving([](PeerConn& c, const stomp::Frame& f) {
    if (f.command != stomp::Command::Send) return true;
    c.write(stomp::wire("ERROR^Jmessage:no destination^Jreceipt-id:" + receipt_of(f) + "^J^J^@"));
    c.write(stomp::wire("MESSAGE^Jdestination:/queue/other^Jmessage-id:9^Jsubscription:s^J^J^@"));
    std::this_thread::sleep_for(500ms);
    return false;
  }));
  const CaseResult r = run_one(peer.port(), "send/missing-destination@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_NE(r.actual.find("then MESSAGE"), std::string::npos) << explain(r);
}

// 2. What answered a frame is tracked per frame: a RECEIPT and then an ERROR without
// receipt-id for the same SEND is a RECEIPT for a frame that failed (RC-01), at every version.
TEST(Answers, AReceiptThenAnUnlabelledErrorForTheSameFrameFails) {
  Peer peer(serving([](PeerConn& c, const stomp::Frame& f) {
    if (f.command != stomp::Command::Send) return true;
    c.write(stomp::wire("RECEIPT^Jreceipt-id:" + receipt_of(f) + "^J^J^@"));
    c.write(stomp::wire("ERROR^Jmessage:no destination^J^J^@"));
    c.close();
    return false;
  }));
  for (const char* id : {"send/missing-destination@1.0", "send/missing-destination@1.2"}) {
    const CaseResult r = run_one(peer.port(), id);
    EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
    const Finding* f = finding(r, "receipt-for-failed-frame");
    ASSERT_NE(f, nullptr) << explain(r);
    EXPECT_EQ(f->requirement, "RC-01");
    EXPECT_EQ(r.cited, "RC-01") << explain(r);
  }
}

// 3. A reset inside a frame after an ERROR: the frame is lost to the close, as the spec
// warns (ER-05, 1.2#Connection_Lingering): NON-STRICT at most, never FAIL.
TEST(Lingering, AFrameCutByTheCloseAfterAnErrorIsNonStrictAtMost) {
  Peer peer(serving([](PeerConn& c, const stomp::Frame& f) {
    if (f.command != stomp::Command::Send) return true;
    c.write(stomp::wire("ERROR^Jmessage:no destination^Jreceipt-id:" + receipt_of(f) + "^J^J^@"));
    c.write("MESSAGE\ndestination:/qu");
    c.close();
    return false;
  }));
  const CaseResult r = run_one(peer.port(), "send/missing-destination@1.2");
  EXPECT_EQ(r.verdict, Verdict::NonStrict) << explain(r);
  EXPECT_FALSE(cites(r, "FR-01", Verdict::Fail)) << explain(r);
}

TEST(Lingering, AFrameCutByACleanCloseWithoutAnErrorStillFails) {
  Peer peer(serving([](PeerConn& c, const stomp::Frame& f) {
    if (f.command != stomp::Command::Send) return true;
    c.write("RECEIPT\nreceipt-id:" + receipt_of(f));
    c.close();
    return false;
  }));
  const CaseResult r = run_one(peer.port(), "send/receipt@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_TRUE(cites(r, "FR-01", Verdict::Fail)) << explain(r);
}

// 4 and 5. Every check records every finding, and each names the requirement it breaks.
TEST(Findings, AMessageMissingTwoHeadersReportsBothWithTheirOwnRequirements) {
  FakeBroker broker({.no_subscription_header = true, .no_message_id = true});
  const CaseResult r = run_one(broker.port(), "subscribe/receipt-then-message@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_TRUE(cites(r, "MS-03", Verdict::Fail)) << explain(r);
  EXPECT_TRUE(cites(r, "MS-04", Verdict::Fail)) << explain(r);
  EXPECT_FALSE(cites(r, "FR-01", Verdict::Fail)) << explain(r);
}

TEST(Findings, AnErrorBodyWithoutContentLengthOrTypeIsEr04) {
  Peer peer(serving([](PeerConn& c, const stomp::Frame& f) {
    if (f.command != stomp::Command::Send) return true;
    c.write(stomp::wire("ERROR^Jmessage:no destination^Jreceipt-id:" + receipt_of(f) +
                        "^J^Jthe details^@"));
    c.close();
    return false;
  }));
  const CaseResult r = run_one(peer.port(), "send/missing-destination@1.2");
  EXPECT_EQ(r.verdict, Verdict::NonStrict) << explain(r);
  const auto er04 = std::count_if(r.findings.begin(), r.findings.end(),
                                  [](const Finding& f) { return f.requirement == "ER-04"; });
  EXPECT_EQ(er04, 2) << explain(r);  // content-length and content-type
  EXPECT_FALSE(cites(r, "FR-13", Verdict::NonStrict)) << explain(r);
}

TEST(Findings, TheVerdictCitesItsRequirementWithTheSpecSentence) {
  FakeBroker broker({.no_subscription_header = true});
  const CaseResult r = run_one(broker.port(), "subscribe/receipt-then-message@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_EQ(r.cited, "MS-04") << explain(r);
  EXPECT_FALSE(r.sentence.empty()) << explain(r);
}

// 6. A CONNECTED without a version header to a CONNECT that offered only 1.2.
Script answers_without_version(bool speaks_12_when_10_offered) {
  return [speaks_12_when_10_offered](PeerConn& c) {
    std::optional<stomp::Frame> f = c.read();
    if (!f) return;
    const std::string accept(f->header("accept-version").value_or(""));
    const bool both = accept.find("1.0") != std::string::npos;
    const bool twelve =
        both && speaks_12_when_10_offered && accept.find("1.2") != std::string::npos;
    c.write(stomp::wire(twelve ? "CONNECTED^Jversion:1.2^J^J^@" : "CONNECTED^Jsession:1^J^J^@"));
    while (c.read()) {
    }
  };
}

TEST(Negotiation, AVersionlessConnectedFailsTheNegotiationCases) {
  Peer peer(answers_without_version(false));
  const CaseResult r12 = run_one(peer.port(), "connect/negotiated-version@1.2");
  EXPECT_EQ(r12.verdict, Verdict::Fail) << explain(r12);
  EXPECT_EQ(r12.cited, "CN-05") << explain(r12);
  const CaseResult r11 = run_one(peer.port(), "connect/negotiated-version@1.1");
  EXPECT_EQ(r11.verdict, Verdict::NonStrict) << explain(r11);  // CN-05 is a SHOULD in 1.1
  // The broker speaks only 1.0 (a CONNECT offering 1.0,1.2 gets 1.0): other cases skip.
  const CaseResult other = run_one(peer.port(), "send/receipt@1.2");
  EXPECT_EQ(other.verdict, Verdict::Skipped) << explain(other);
}

TEST(Negotiation, AVersionlessConnectedFromABrokerThatSpeaksTheVersionFails) {
  Peer peer(answers_without_version(true));
  const CaseResult r = run_one(peer.port(), "send/receipt@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_EQ(r.cited, "CN-06") << explain(r);
}

// 7 and 8. Profile cases are marked as such; a case's level is its requirement's at its
// version.
TEST(Model, ProfileCasesAreMarkedAndLevelsFollowTheVersion) {
  FakeBroker broker;
  const CaseResult p = run_one(broker.port(), "profile/queue-competing-consumers@1.2");
  EXPECT_TRUE(p.profile);
  const CaseResult c11 = run_one(broker.port(), "connect/stomp-frame@1.1");
  EXPECT_FALSE(c11.profile);
  EXPECT_EQ(c11.level, Level::Should);
  EXPECT_EQ(run_one(broker.port(), "connect/stomp-frame@1.2").level, Level::Must);
  EXPECT_EQ(run_one(broker.port(), "send/missing-destination@1.0").level, Level::Info);
  for (const Case& c : select(catalogue(), {})) {
    EXPECT_NO_THROW(case_level(c)) << c.id;
  }
}

// 9. The close-after-ERROR window is its own setting, independent of the timeout, and the
// measured latency is always in Actual.
TEST(CloseWindow, TheWindowNotTheTimeoutDecidesJustAfter) {
  Peer peer(serving([](PeerConn& c, const stomp::Frame& f) {
    if (f.command != stomp::Command::Send) return true;
    c.write(stomp::wire("ERROR^Jmessage:no destination^Jreceipt-id:" + receipt_of(f) + "^J^J^@"));
    std::this_thread::sleep_for(700ms);
    c.close();
    return false;
  }));
  for (const Millis timeout : {300ms, 3000ms}) {  // the same verdict whatever the timeout
    const CaseResult slow = run_one(peer.port(), "send/missing-destination@1.2",
                                    {.timeout = timeout, .quiet = 100ms, .close_window = 300ms});
    EXPECT_EQ(slow.verdict, Verdict::Fail) << explain(slow);
    EXPECT_NE(slow.actual.find("still open"), std::string::npos) << explain(slow);
  }
  const CaseResult fine = run_one(peer.port(), "send/missing-destination@1.2",
                                  {.timeout = 300ms, .quiet = 100ms, .close_window = 3000ms});
  EXPECT_EQ(fine.verdict, Verdict::Pass) << explain(fine);
  EXPECT_NE(fine.actual.find("then the close after"), std::string::npos) << explain(fine);
}

// 10. A valid frame beyond the harness's own limits is the harness's business.
TEST(HarnessLimits, AHugeValidConnectedIsNotTheBrokersFault) {
  Peer peer([](PeerConn& c) {
    if (!c.read()) return;
    std::string connected = "CONNECTED\nversion:1.2\n";
    for (int i = 0; i < 100000; ++i) connected += "x-" + std::to_string(i) + ":v\n";
    c.write(connected + "\n" + std::string(1, '\0'));
    while (c.read()) {
    }
  });
  const CaseResult r = run_one(peer.port(), "connect/negotiated-version@1.2");
  EXPECT_EQ(r.verdict, Verdict::Error) << explain(r);
  EXPECT_TRUE(cites(r, "FR-19", Verdict::Info)) << explain(r);
  EXPECT_FALSE(cites(r, "FR-01", Verdict::Fail)) << explain(r);
  Settings raised{.timeout = 2000ms, .quiet = 100ms, .close_window = 300ms};
  raised.limits.max_headers = 200000;
  const CaseResult ok = run_one(peer.port(), "connect/negotiated-version@1.2", raised);
  EXPECT_EQ(ok.verdict, Verdict::Pass) << explain(ok);
}

// A wait that saw octets of a frame but no whole frame says so; heart-beats alone are nothing.
TEST(Timeouts, OctetsOfAnUnfinishedFrameAreNotNothing) {
  for (const auto& [sent, said] :
       {std::pair<std::string, std::string>{"CON", "3 octets of an unfinished frame within 300 ms"},
        {"C", "1 octet of an unfinished frame within 300 ms"},
        {"\n\n", "nothing within 300 ms"},
        {"", "nothing within 300 ms"}}) {
    Peer peer([sent = sent](PeerConn& c) {
      if (!c.read()) return;
      if (!sent.empty()) c.write(sent);
      for (int i = 0; i < 200 && !c.stopping(); ++i) std::this_thread::sleep_for(10ms);
    });
    const CaseResult r = run_one(peer.port(), "connect/negotiated-version@1.2");
    EXPECT_NE(r.actual.find(said), std::string::npos) << stomp::show(sent) << "\n" << explain(r);
  }
}

// The EOL right after a frame is part of the frame stream, not an idle heart-beat
// (GRADING.md §10.6).
TEST(EventLog, TheEolAfterAFrameIsToldApartFromAnIdleHeartBeat) {
  Peer peer([](PeerConn& c) {
    if (!c.read()) return;
    c.write(stomp::wire("CONNECTED^Jversion:1.2^J^J^@^J"));
    std::this_thread::sleep_for(100ms);
    c.write("\n");
    while (c.read()) {
    }
  });
  asio::io_context io;
  Target target;
  target.port = peer.port();
  Session s(io.get_executor(), target, {}, {.timeout = 300ms, .quiet = 100ms}, stomp::Version::V1_2,
            "eol");
  std::vector<Event> seen;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto c = co_await s.connect();
        if (!c) co_return;
        const auto deadline = std::chrono::steady_clock::now() + 1000ms;
        for (std::size_t i = 0; i < 3; ++i) {
          auto at = co_await c->reach(i, deadline);
          if (!at) break;
          seen.push_back(c->at(*at));
        }
        co_await s.finish();
      },
      asio::detached);
  io.run();
  ASSERT_EQ(seen.size(), 3U);
  EXPECT_EQ(seen[0].kind, Event::Kind::Frame);
  EXPECT_EQ(seen[1].kind, Event::Kind::Heartbeat);
  EXPECT_TRUE(seen[1].trailing);
  EXPECT_EQ(seen[2].kind, Event::Kind::Heartbeat);
  EXPECT_FALSE(seen[2].trailing);
  EXPECT_LT(seen[0].seq, seen[2].seq);
}

// Every requirement a scenario cites is in the catalogue, and scenario slugs are unique.
TEST(Catalogue, EveryCitedRequirementExistsAndSlugsAreUnique) {
  std::vector<std::string_view> slugs;
  for (const Section& section : catalogue()) {
    for (const Scenario& sc : section.scenarios) {
      EXPECT_EQ(std::find(slugs.begin(), slugs.end(), sc.id), slugs.end()) << sc.id;
      slugs.push_back(sc.id);
      EXPECT_FALSE(sc.requirements.empty()) << sc.id;
      for (std::string_view id : sc.requirements) {
        EXPECT_NE(find_requirement(id), nullptr) << sc.id << " cites " << id;
      }
      const auto hash = sc.spec.find('#');
      ASSERT_NE(hash, std::string_view::npos) << sc.id;
      const auto v = stomp::parse_version(sc.spec.substr(0, hash));
      ASSERT_TRUE(v) << sc.id;
      const auto& anchors = spec_anchors(*v);
      EXPECT_NE(std::find(anchors.begin(), anchors.end(), sc.spec.substr(hash + 1)), anchors.end())
          << sc.id << ": " << sc.spec;
    }
  }
}

}  // namespace
}  // namespace stompcheck::test
