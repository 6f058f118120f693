// Unit tests of the routing state: no sockets, no clocks.
#include "broker/state.hpp"

#include <gtest/gtest.h>

namespace stompcheck::broker {
namespace {

using stomp::Version;

Message msg(std::string dest, std::string body) {
  return {.destination = std::move(dest), .headers = {}, .body = std::move(body), .id = {}};
}

std::vector<std::string> bodies(const Outcome& o) {
  std::vector<std::string> out;
  for (const Delivery& d : o.deliveries) out.push_back(d.message.body);
  return out;
}

TEST(State, Destinations) {
  EXPECT_TRUE(State::valid_destination("/queue/a"));
  EXPECT_TRUE(State::valid_destination("/topic/a/b"));
  for (const char* bad : {"/queue/", "/topic/", "/queue", "queue/a", "/Queue/a", "", " /queue/a"}) {
    EXPECT_FALSE(State::valid_destination(bad)) << bad;
  }
}

TEST(State, AckModes) {
  EXPECT_EQ(parse_ack_mode("auto", Version::V1_0), AckMode::Auto);
  EXPECT_EQ(parse_ack_mode("client", Version::V1_1), AckMode::Client);
  EXPECT_EQ(parse_ack_mode("client-individual", Version::V1_2), AckMode::ClientIndividual);
  EXPECT_EQ(parse_ack_mode("client-individual", Version::V1_0), std::nullopt);
  EXPECT_EQ(parse_ack_mode("Client", Version::V1_2), std::nullopt);
}

TEST(State, QueueRoundRobinAndStorage) {
  State s;
  s.open(1, Version::V1_2);
  s.open(2, Version::V1_2);
  EXPECT_TRUE(s.send(1, msg("/queue/q", "stored"), std::nullopt).deliveries.empty());
  EXPECT_EQ(s.queued("/queue/q"), 1U);
  Outcome o = s.subscribe(1, "a", "/queue/q", AckMode::Auto);
  ASSERT_EQ(o.deliveries.size(), 1U);
  EXPECT_EQ(o.deliveries[0].message.id, "m-1");
  EXPECT_EQ(o.deliveries[0].ack, "");
  ASSERT_TRUE(s.subscribe(2, "b", "/queue/q", AckMode::Auto).ok());
  std::vector<SessionId> to;
  to.reserve(4);
  for (int i = 0; i < 4; ++i)
    to.push_back(s.send(1, msg("/queue/q", "x"), {}).deliveries[0].session);
  EXPECT_EQ(to, (std::vector<SessionId>{2, 1, 2, 1}));
}

TEST(State, TopicFanOut) {
  State s;
  s.open(1, Version::V1_2);
  s.open(2, Version::V1_1);
  ASSERT_TRUE(s.subscribe(1, "a", "/topic/t", AckMode::Auto).ok());
  ASSERT_TRUE(s.subscribe(2, "b", "/topic/t", AckMode::Client).ok());
  Outcome o = s.send(1, msg("/topic/t", "hi"), std::nullopt);
  ASSERT_EQ(o.deliveries.size(), 2U);
  EXPECT_EQ(o.deliveries[0].message.id, o.deliveries[1].message.id);
  EXPECT_EQ(s.queued("/topic/t"), 0U);
  EXPECT_TRUE(s.close(2).deliveries.empty());  // topic messages are not kept
}

TEST(State, FaultsChangeNothing) {
  State s;
  s.open(1, Version::V1_2);
  EXPECT_EQ(s.send(1, msg("/nowhere", ""), {}).fault->message, "invalid destination");
  EXPECT_EQ(s.send(1, msg("/queue/q", ""), "t").fault->message, "unknown transaction");
  EXPECT_EQ(s.queued("/queue/q"), 0U);
  ASSERT_TRUE(s.subscribe(1, "a", "/queue/q", AckMode::Client).ok());
  EXPECT_EQ(s.subscribe(1, "a", "/queue/r", AckMode::Auto).fault->message,
            "duplicate subscription id");
  EXPECT_EQ(s.unsubscribe(1, "zz", "").fault->message, "unknown subscription");
  EXPECT_EQ(s.ack(1, {.id = "a-9", .message_id = {}, .subscription = {}}, false, {}).fault->message,
            "unknown ack id");
  ASSERT_TRUE(s.begin(1, "t").ok());
  EXPECT_EQ(s.begin(1, "t").fault->message, "duplicate transaction");
  EXPECT_EQ(s.commit(1, "u").fault->message, "unknown transaction");
  EXPECT_FALSE(s.subscribe(7, "a", "/queue/q", AckMode::Auto).ok());  // never opened
}

TEST(State, CumulativeAndIndividualAcks) {
  State s;
  s.open(1, Version::V1_2);
  ASSERT_TRUE(s.subscribe(1, "c", "/queue/c", AckMode::Client).ok());
  ASSERT_TRUE(s.subscribe(1, "i", "/queue/i", AckMode::ClientIndividual).ok());
  std::vector<std::string> acks;
  for (const char* q : {"/queue/i", "/queue/c", "/queue/c", "/queue/c", "/queue/i"}) {
    acks.push_back(s.send(1, msg(q, q), {}).deliveries[0].ack);
  }
  // ACK of the second /queue/c message covers the first, not the /queue/i ones (SB-06).
  ASSERT_TRUE(s.ack(1, {.id = acks[2], .message_id = {}, .subscription = {}}, false, {}).ok());
  EXPECT_FALSE(s.ack(1, {.id = acks[1], .message_id = {}, .subscription = {}}, false, {}).ok());
  ASSERT_TRUE(s.ack(1, {.id = acks[4], .message_id = {}, .subscription = {}}, false, {}).ok());
  Outcome back = s.close(1);
  EXPECT_TRUE(back.deliveries.empty());
  EXPECT_EQ(s.queued("/queue/i"), 1U);
  EXPECT_EQ(s.queued("/queue/c"), 1U);
}

TEST(State, NackRequeuesInOrderMarked) {
  State s;
  s.open(1, Version::V1_2);
  ASSERT_TRUE(s.subscribe(1, "c", "/queue/n", AckMode::Client).ok());
  std::vector<std::string> acks;
  for (const char* b : {"0", "1", "2"})
    acks.push_back(s.send(1, msg("/queue/n", b), {}).deliveries[0].ack);
  Outcome o = s.ack(1, {.id = acks[1], .message_id = {}, .subscription = {}}, true, {});
  EXPECT_EQ(bodies(o), (std::vector<std::string>{"0", "1"}));  // cumulative NACK, redelivered
  EXPECT_TRUE(o.deliveries[0].message.redelivered);
  EXPECT_NE(o.deliveries[0].ack, acks[0]);
}

TEST(State, OneOneAndOneZeroAckReferences) {
  State s;
  s.open(1, Version::V1_1);
  s.open(2, Version::V1_0);
  ASSERT_TRUE(s.subscribe(1, "x", "/queue/a", AckMode::Client).ok());
  ASSERT_TRUE(s.subscribe(2, "", "/queue/b", AckMode::Client).ok());
  std::string id1 = s.send(1, msg("/queue/a", ""), {}).deliveries[0].message.id;
  Delivery d2 = s.send(2, msg("/queue/b", ""), {}).deliveries[0];
  EXPECT_EQ(d2.subscription, "/queue/b");  // 1.0 without id: the destination names it
  EXPECT_FALSE(s.ack(1, {.id = {}, .message_id = id1, .subscription = "y"}, false, {}).ok());
  EXPECT_TRUE(s.ack(1, {.id = {}, .message_id = id1, .subscription = "x"}, false, {}).ok());
  EXPECT_TRUE(
      s.ack(2, {.id = {}, .message_id = d2.message.id, .subscription = {}}, false, {}).ok());
  EXPECT_TRUE(s.unsubscribe(2, "", "/queue/b").ok());
}

TEST(State, TransactionsApplyAtCommitOnly) {
  State s;
  s.open(1, Version::V1_2);
  ASSERT_TRUE(s.subscribe(1, "c", "/queue/t", AckMode::ClientIndividual).ok());
  std::string ack = s.send(1, msg("/queue/t", "first"), {}).deliveries[0].ack;
  ASSERT_TRUE(s.begin(1, "tx").ok());
  EXPECT_TRUE(s.send(1, msg("/queue/t", "later"), "tx").deliveries.empty());
  EXPECT_TRUE(s.ack(1, {.id = ack, .message_id = {}, .subscription = {}}, true, "tx").ok());
  Outcome o = s.commit(1, "tx");
  EXPECT_EQ(bodies(o), (std::vector<std::string>{"later", "first"}));
  EXPECT_FALSE(s.commit(1, "tx").ok());  // gone after COMMIT
  ASSERT_TRUE(s.begin(1, "tx").ok());    // and may be begun again
  EXPECT_TRUE(s.send(1, msg("/queue/t", "dropped"), "tx").ok());
  EXPECT_TRUE(s.abort(1, "tx").deliveries.empty());
  EXPECT_TRUE(s.commit(1, "tx").fault.has_value());
}

TEST(State, CloseRequeuesToOthers) {
  State s;
  s.open(1, Version::V1_2);
  s.open(2, Version::V1_2);
  ASSERT_TRUE(s.subscribe(1, "a", "/queue/q", AckMode::Client).ok());
  ASSERT_TRUE(s.send(1, msg("/queue/q", "0"), {}).ok());
  ASSERT_TRUE(s.send(1, msg("/queue/q", "1"), {}).ok());
  ASSERT_TRUE(s.subscribe(2, "b", "/queue/q", AckMode::Auto).ok());
  Outcome o = s.close(1);
  EXPECT_EQ(bodies(o), (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(o.deliveries[0].session, 2U);
  EXPECT_TRUE(o.deliveries[1].message.redelivered);
}

// Flow control: refused deliveries go back in order, the session is skipped until unblocked;
// queued_bytes follows what waits in queues.
TEST(State, RefuseBlocksUntilUnblock) {
  State s;
  s.open(1, Version::V1_2);
  s.open(2, Version::V1_2);
  ASSERT_TRUE(s.subscribe(1, "a", "/queue/q", AckMode::ClientIndividual).ok());
  Outcome o = s.send(2, msg("/queue/q", "m1"), std::nullopt);
  o.deliveries.push_back(s.send(2, msg("/queue/q", "m2"), std::nullopt).deliveries.at(0));
  ASSERT_EQ(bodies(o), (std::vector<std::string>{"m1", "m2"}));
  EXPECT_EQ(s.queued_bytes(), 0U);
  EXPECT_TRUE(s.refuse(1, o.deliveries).deliveries.empty());  // nobody else: they wait
  EXPECT_EQ(s.queued("/queue/q"), 2U);
  EXPECT_GT(s.queued_bytes(), 0U);
  EXPECT_TRUE(s.send(2, msg("/queue/q", "m3"), std::nullopt).deliveries.empty());  // blocked
  Outcome back = s.unblock(1);
  EXPECT_EQ(bodies(back), (std::vector<std::string>{"m1", "m2", "m3"}));
  EXPECT_TRUE(back.deliveries.at(0).message.redelivered);
  EXPECT_EQ(s.queued_bytes(), 0U);
  // The refused ones were no longer pending: acking the old ack id finds nothing, the new does.
  EXPECT_FALSE(s.ack(1, {.id = o.deliveries.at(0).ack, .message_id = {}, .subscription = {}}, false,
                     std::nullopt)
                   .ok());
  EXPECT_TRUE(s.ack(1, {.id = back.deliveries.at(0).ack, .message_id = {}, .subscription = {}},
                    false, std::nullopt)
                  .ok());
  // A blocked session's share goes to the others.
  ASSERT_TRUE(s.subscribe(2, "b", "/queue/q", AckMode::Auto).ok());
  EXPECT_TRUE(s.refuse(1, {}).deliveries.empty());
  Outcome to2 = s.send(2, msg("/queue/q", "m4"), std::nullopt);
  ASSERT_EQ(to2.deliveries.size(), 1U);
  EXPECT_EQ(to2.deliveries.at(0).session, 2U);
}

}  // namespace
}  // namespace stompcheck::broker
