// Every verifier and cross-cutting check against a scripted broker: PASS when it behaves,
// FAIL or NON-STRICT when one fault is switched on (STYLE.md: harness bugs are bugs too).
#include <algorithm>
#include <string>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include <stomp/notation.hpp>

#include "scenarios/tests/fake_broker.hpp"
#include "scenarios/verify.hpp"

namespace stompcheck::test {
namespace {

std::string explain(const CaseResult& r) {
  std::string out = std::string(to_string(r.verdict)) + " " + r.id + "\n  expected: " + r.expected +
                    "\n  actual:   " + r.actual;
  for (const Finding& f : r.findings) {
    out += "\n  " + std::string(to_string(f.grade)) + " " + f.check + ": " + f.detail;
  }
  for (const TranscriptEntry& t : r.transcript) {
    out += "\n  " + std::to_string(t.conn) + " " + std::string(to_string(t.dir)) + " " + t.data;
  }
  return out;
}

bool found(const CaseResult& r, std::string_view check, Verdict grade) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const Finding& f) { return f.check == check && f.grade == grade; });
}

struct Expectation {
  const char* id;
  Verdict verdict;
};

void expect_verdicts(const Faults& faults, std::initializer_list<Expectation> cases) {
  FakeBroker broker(faults);
  for (const Expectation& e : cases) {
    const CaseResult r = run_one(broker.port(), e.id);
    EXPECT_EQ(r.verdict, e.verdict) << e.id << "\n" << explain(r);
  }
}

TEST(FakeBroker, PassesTheCoreScenariosWhenItBehaves) {
  expect_verdicts({}, {{"flow/classic-tutorial@1.2", Verdict::Pass},
                       {"connect/negotiated-version@1.0", Verdict::Pass},
                       {"connect/negotiated-version@1.2", Verdict::Pass},
                       {"connect/stomp-frame@1.2", Verdict::Pass},
                       {"connect/no-common-version@1.2", Verdict::Pass},
                       {"connect/connected-headers@1.2", Verdict::Pass},
                       {"send/receipt@1.2", Verdict::Pass},
                       {"send/missing-destination@1.2", Verdict::Pass},
                       {"send/body-with-nul@1.2", Verdict::Pass},
                       {"send/escaped-header-round-trip@1.2", Verdict::Pass},
                       {"subscribe/receipt-then-message@1.2", Verdict::Pass},
                       {"subscribe/unsubscribe-stops-delivery@1.2", Verdict::Pass},
                       {"receipt/pipelined@1.2", Verdict::Pass},
                       {"disconnect/receipt-then-close@1.2", Verdict::Pass},
                       {"disconnect/closes@1.2", Verdict::Pass},
                       {"profile/topic-fan-out@1.2", Verdict::Pass}});
}

TEST(Negotiation, WrongVersionFails) {
  expect_verdicts({.wrong_version = true}, {{"connect/negotiated-version@1.2", Verdict::Fail},
                                            {"connect/highest-common-version@1.2", Verdict::Fail}});
}

TEST(Negotiation, AcceptingAnUnknownVersionFailsIn12AndIsNonStrictIn11) {
  expect_verdicts({.accept_any_version = true},
                  {{"connect/no-common-version@1.2", Verdict::Fail},
                   {"connect/no-common-version@1.1", Verdict::NonStrict}});
}

TEST(Negotiation, RefusingStompFailsIn12AndIsNonStrictIn11) {
  expect_verdicts({.refuse_stomp = true}, {{"connect/stomp-frame@1.2", Verdict::Fail},
                                           {"connect/stomp-frame@1.1", Verdict::NonStrict}});
}

TEST(Negotiation, MalformedHeartBeatFails) {
  expect_verdicts({.bad_heart_beat = true}, {{"connect/connected-headers@1.2", Verdict::Fail}});
}

TEST(Receipts, NoReceiptFails) {
  expect_verdicts({.no_receipt = true},
                  {{"send/receipt@1.2", Verdict::Fail},
                   {"disconnect/receipt-then-close@1.2", Verdict::NonStrict}});
}

TEST(Receipts, WrongReceiptIdFailsTheCrossCuttingCheck) {
  FakeBroker broker({.wrong_receipt_id = true});
  const CaseResult r = run_one(broker.port(), "send/receipt@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_TRUE(found(r, "receipt-id", Verdict::Fail)) << explain(r);
}

TEST(Receipts, ARawFramesReceiptIsRecordedAsWritten) {
  // send_raw() must note the receipt byte for byte (no trimming), or the broker's correct
  // echo would be taken for a receipt-id nobody asked for (RC-01).
  FakeBroker broker;
  asio::io_context io;
  Target target;
  target.port = broker.port();
  Session s(io.get_executor(), target, {},
            {.timeout = 300ms, .quiet = 100ms, .close_window = 300ms}, stomp::Version::V1_2, "raw");
  Outcome o;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto c = co_await s.connect();
        if (!c) {
          o = c.outcome;
          co_return;
        }
        co_await c->send_raw(stomp::wire("SEND^Jdestination:/queue/raw^Jreceipt: r 1 ^J^Jhi^@"));
        o = co_await expect_receipt(*c, " r 1 ");
        co_await s.finish();
      },
      asio::detached);
  io.run();
  EXPECT_EQ(o.verdict, Verdict::Pass) << o.expected << " / " << o.actual;
  const std::vector<Finding> findings = s.take_findings();
  EXPECT_TRUE(findings.empty()) << findings.front().check << ": " << findings.front().detail;
}

TEST(Receipts, OutOfOrderReceiptsAreInfoNeverFail) {
  FakeBroker broker({.reorder_receipts = true});
  const CaseResult r = run_one(broker.port(), "receipt/pipelined@1.2");
  EXPECT_EQ(r.verdict, Verdict::Pass) << explain(r);
  EXPECT_TRUE(found(r, "receipt-order", Verdict::Info)) << explain(r);
}

TEST(Receipts, ReceiptThenErrorForOneFrameFails) {
  FakeBroker broker({.receipt_then_error = true});
  const CaseResult r = run_one(broker.port(), "send/missing-destination@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_TRUE(found(r, "receipt-for-failed-frame", Verdict::Fail)) << explain(r);
}

TEST(Errors, ErrorWithoutCloseFailsTheVerifier) {
  FakeBroker broker({.error_left_open = true});
  const CaseResult r = run_one(broker.port(), "send/missing-destination@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_FALSE(found(r, "close-after-error", Verdict::Fail)) << "graded twice: " << explain(r);
  // 1.0 has no close-after-ERROR rule (GRADING.md §9.2): recorded, never a FAIL.
  const CaseResult old = run_one(broker.port(), "send/missing-destination@1.0");
  EXPECT_EQ(old.verdict, Verdict::Info) << explain(old);
}

TEST(Errors, AnUnexpectedErrorLeftOpenFailsTheCrossCuttingCheckPerVersion) {
  FakeBroker broker({.error_left_open = true, .error_on_unsubscribe = true});
  const Verdict grade[] = {Verdict::Info, Verdict::NonStrict, Verdict::Fail};
  const char* ids[] = {"subscribe/unsubscribe-stops-delivery@1.0",
                       "subscribe/unsubscribe-stops-delivery@1.1",
                       "subscribe/unsubscribe-stops-delivery@1.2"};
  for (int i = 0; i < 3; ++i) {
    const CaseResult r = run_one(broker.port(), ids[i]);
    EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);  // no RECEIPT for the UNSUBSCRIBE
    EXPECT_TRUE(found(r, "close-after-error", grade[i])) << explain(r);
  }
}

TEST(Errors, CloseWithoutErrorIsNonStrict) {
  expect_verdicts({.close_without_error = true},
                  {{"send/missing-destination@1.2", Verdict::NonStrict},
                   {"subscribe/missing-destination@1.2", Verdict::NonStrict}});
}

TEST(Errors, AcceptingABadFrameFails) {
  expect_verdicts({.accept_bad_frames = true},
                  {{"send/missing-destination@1.2", Verdict::Fail},
                   {"subscribe/missing-destination@1.2", Verdict::Fail}});
}

TEST(Errors, AcceptingABadFrameIsInfoIn10) {
  // 1.0 asks nothing of the server for a frame without destination ("may send ERROR").
  expect_verdicts({.accept_bad_frames = true},
                  {{"send/missing-destination@1.0", Verdict::Info},
                   {"subscribe/missing-destination@1.0", Verdict::Info}});
}

TEST(Errors, AnErrorWithoutTheReceiptIdIsNonStrict) {
  FakeBroker broker({.error_without_receipt_id = true});
  const CaseResult r = run_one(broker.port(), "send/missing-destination@1.2");
  EXPECT_EQ(r.verdict, Verdict::NonStrict) << explain(r);
  EXPECT_TRUE(found(r, "error-receipt-id", Verdict::NonStrict)) << explain(r);
}

TEST(Lint, AColonInAnErrorBeforeConnectedIsNotGraded) {
  // No version is agreed yet, so escaping is unsettled (GRADING.md §9.4).
  expect_verdicts({.colon_in_refusal = true}, {{"connect/no-common-version@1.2", Verdict::Pass}});
}

TEST(Messages, MissingMessageFails) {
  expect_verdicts({.drop_messages = true}, {{"subscribe/receipt-then-message@1.2", Verdict::Fail},
                                            {"flow/classic-tutorial@1.0", Verdict::Fail}});
}

TEST(Messages, UnescapedColonFailsTheLint) {
  FakeBroker broker({.unescaped_colon = true});
  const CaseResult r = run_one(broker.port(), "subscribe/receipt-then-message@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_TRUE(found(r, "lint", Verdict::Fail)) << explain(r);
  // 1.0 allows ':' in values (FR-21): the same bytes are clean there.
  const CaseResult old = run_one(broker.port(), "subscribe/receipt-then-message@1.0");
  EXPECT_EQ(old.verdict, Verdict::Pass) << explain(old);
}

TEST(Messages, MissingSubscriptionHeaderFails) {
  FakeBroker broker({.no_subscription_header = true});
  const CaseResult r = run_one(broker.port(), "subscribe/receipt-then-message@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  EXPECT_TRUE(found(r, "lint", Verdict::Fail)) << explain(r);
}

TEST(Messages, MissingContentLengthIsNonStrict) {
  FakeBroker broker({.no_content_length = true});
  const CaseResult r = run_one(broker.port(), "subscribe/receipt-then-message@1.2");
  EXPECT_EQ(r.verdict, Verdict::NonStrict) << explain(r);
  EXPECT_TRUE(found(r, "lint", Verdict::NonStrict)) << explain(r);  // MS-07
}

TEST(Acks, ClientModeMessageWithoutAckHeaderFails) {
  expect_verdicts({}, {{"ack/client-ack-receipt@1.2", Verdict::Pass}});
  expect_verdicts({.no_ack_header = true}, {{"ack/client-ack-receipt@1.2", Verdict::Fail}});
}

TEST(Messages, MangledBodyFails) {
  expect_verdicts({.mangle_body = true}, {{"send/body-with-nul@1.2", Verdict::Fail}});
}

TEST(Subscriptions, DeliveryAfterUnsubscribeFails) {
  expect_verdicts({.ignore_unsubscribe = true},
                  {{"subscribe/unsubscribe-stops-delivery@1.2", Verdict::Fail}});
}

TEST(Acks, RedeliveringAcknowledgedMessagesFails) {
  expect_verdicts({.redeliver_acked = true},
                  {{"ack/client-is-cumulative@1.2", Verdict::Fail},
                   {"ack/client-individual@1.2", Verdict::Fail},
                   {"subscribe/default-ack-is-auto@1.2", Verdict::Fail}});
}

TEST(Acks, NoRedeliveryIsInfoUnlessTheProfileClaimsIt) {
  FakeBroker broker;
  EXPECT_EQ(run_one(broker.port(), "ack/client-individual@1.2").verdict, Verdict::Info);
  Profile claims;
  claims.redelivers = true;
  const CaseResult r =
      run_one(broker.port(), "ack/client-individual@1.2", {300ms, 100ms, 300ms}, claims);
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
}

TEST(Disconnect, NoCloseAfterDisconnectFails) {
  expect_verdicts({.keep_open_after_disconnect = true},
                  {{"disconnect/receipt-then-close@1.2", Verdict::Fail},
                   {"disconnect/closes@1.2", Verdict::Fail}});
}

TEST(Disconnect, CloseWithoutTheReceiptIsNonStrict) {
  expect_verdicts({.drop_disconnect_receipt = true},
                  {{"disconnect/receipt-then-close@1.2", Verdict::NonStrict}});
}

TEST(Profile, FanOutOnAQueueFailsCompetingConsumers) {
  expect_verdicts({}, {{"profile/queue-competing-consumers@1.2", Verdict::Fail}});
}

}  // namespace
}  // namespace stompcheck::test
