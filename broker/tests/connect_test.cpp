// Loopback tests: negotiation, authentication, heart-beats, limits and the ERROR paths.
#include <thread>

#include <gtest/gtest.h>

#include "broker/tests/loopback.hpp"

namespace stompcheck::broker::test {
namespace {

using stomp::Command;
using stomp::Version;

TEST(Connect, NegotiatesHighestCommonVersion) {
  Running broker;
  struct Case {
    const char* accept;
    const char* version;
  };
  for (const Case& c : {Case{"1.2", "1.2"}, Case{"1.0,1.1,2.0", "1.1"}, Case{"1.2,1.0", "1.2"},
                        Case{"1.1, 1.0", "1.1"}, Case{"1.0", "1.0"}}) {
    Client client(broker.port());
    stomp::Frame f = client.connect(c.accept);
    EXPECT_EQ(value(f, "version"), c.version) << c.accept;
    EXPECT_EQ(value(f, "server"), "stompcheck-broker/0.1");
    EXPECT_NE(value(f, "session"), "<absent>");
  }
}

TEST(Connect, NoAcceptVersionMeansOneZero) {
  Running broker;
  Client client(broker.port());
  client.send("CONNECT\nlogin:x\n\n^@");
  stomp::Frame f = client.frame();
  EXPECT_EQ(f.command, Command::Connected);
  EXPECT_EQ(value(f, "version"), "1.0");
  EXPECT_EQ(value(f, "heart-beat"), "<absent>");  // HB-07
}

// 1.0's grammar allows a body on any frame, CONNECT included (FR-10 is 1.1/1.2 only): the
// frame before the version is settled is judged by the version it asks for.
TEST(Connect, OneZeroConnectMayHaveABody) {
  Running broker;
  for (const char* connect : {"CONNECT\nlogin:x\n\n\n^@", "CONNECT\naccept-version:1.0\n\nhi^@"}) {
    Client client(broker.port(), Version::V1_0);
    client.send(connect);
    stomp::Frame f = client.frame();
    EXPECT_EQ(f.command, Command::Connected) << connect;
    EXPECT_EQ(value(f, "version"), "1.0");
    client.sync("SEND", "destination:/queue/a\n", "r-1");  // and the session works
  }
  for (const char* accept : {"1.2", "1.0,1.1"}) {
    Client client(broker.port());
    client.send(std::string("CONNECT\naccept-version:") + accept + "\nhost:h\n\n\n^@");
    stomp::Frame f = client.frame();
    EXPECT_EQ(f.command, Command::Error) << accept;
    EXPECT_EQ(value(f, "message"), "BodyNotAllowed");
    EXPECT_NE(f.body.find("FR-10"), std::string::npos) << f.body;
    EXPECT_TRUE(client.closed());
  }
}

// `--listen localhost:0`: a host name is resolved (to its loopback address).
TEST(Connect, ListensOnAHostName) {
  asio::io_context io;
  Broker named(io, {.host = "localhost"});
  EXPECT_FALSE(named.error()) << named.error_text();
  EXPECT_NE(named.port(), 0);
  ListenAddress where = resolve_listen("localhost");
  ASSERT_TRUE(where.address);
  EXPECT_TRUE(where.address->is_loopback());
  EXPECT_FALSE(resolve_listen("no-such-host.invalid").problem.empty());
}

TEST(Connect, StompFrameActsAsConnect) {
  Running broker;
  Client client(broker.port());
  client.send("STOMP\naccept-version:1.2\nhost:h\n\n^@");
  stomp::Frame f = client.frame();
  EXPECT_EQ(f.command, Command::Connected);
  EXPECT_EQ(value(f, "version"), "1.2");
}

TEST(Connect, NoCommonVersionIsErrorWithVersionsThenClose) {
  Running broker;
  Client client(broker.port());
  client.send("CONNECT\naccept-version:9.9\nhost:h\n\n^@");
  stomp::Frame f = client.frame();
  EXPECT_EQ(f.command, Command::Error);
  EXPECT_EQ(value(f, "version"), "1.0,1.1,1.2");
  EXPECT_EQ(value(f, "content-type"), "text/plain");
  EXPECT_EQ(value(f, "content-length"), std::to_string(f.body.size()));
  EXPECT_TRUE(client.closed());
}

TEST(Connect, CredentialsAreCheckedLiterally) {
  Running broker({.login = "guest", .passcode = "p\\t:x"});
  {
    Client client(broker.port());  // FR-08: `\t` is not an escape in CONNECT
    client.connect("1.2", "login:guest\npasscode:p\\t:x\n");
  }
  for (const char* bad : {"login:guest\npasscode:nope\n", "passcode:p\\t:x\n", ""}) {
    Client client(broker.port());
    client.send(std::string("CONNECT\naccept-version:1.2\nhost:h\n") + bad + "\n^@");
    stomp::Frame f = client.frame();
    EXPECT_EQ(f.command, Command::Error) << bad;
    EXPECT_EQ(value(f, "message"), "authentication failed");
    EXPECT_TRUE(client.closed());
  }
}

// Each of these ends in ERROR (with receipt-id when asked) and then the close.
struct ErrorCase {
  const char* name;
  const char* version;
  const char* frame;
  const char* message;
};

TEST(Errors, ErrorThenClose) {
  Running broker;
  const ErrorCase cases[] = {
      {"unknown command", "1.2", "FOO\nreceipt:r\n\n^@", "UnknownCommand"},
      {"lowercase", "1.2", "send\ndestination:/queue/a\n\n^@", "UnknownCommand"},
      {"server command", "1.2", "MESSAGE\ndestination:/queue/a\n\n^@", "CommandNotAllowed"},
      {"undefined escape", "1.2", "SEND\ndestination:/queue/a\nx:a\\tb\n\n^@", "UndefinedEscape"},
      {"missing colon", "1.2", "SEND\ndestination:/queue/a\nnovalue\n\n^@", "MissingColon"},
      {"short content-length", "1.2", "SEND\ndestination:/queue/a\ncontent-length:1\n\nabc^@",
       "MissingNul"},
      {"nack in 1.0", "1.0", "NACK\nmessage-id:m\n\n^@", "CommandNotAllowed"},
      {"second connect", "1.2", "CONNECT\naccept-version:1.2\nhost:h\nreceipt:r\n\n^@",
       "already connected"},
      {"send no destination", "1.2", "SEND\nreceipt:r\n\nhi^@", "missing destination header"},
      {"bad destination", "1.2", "SEND\ndestination:/nowhere\nreceipt:r\n\n^@",
       "invalid destination"},
      {"subscribe no id", "1.2", "SUBSCRIBE\ndestination:/queue/a\nreceipt:r\n\n^@",
       "missing id header"},
      {"subscribe bad ack", "1.2", "SUBSCRIBE\nid:1\ndestination:/queue/a\nack:never\n\n^@",
       "invalid ack mode"},
      {"individual in 1.0", "1.0",
       "SUBSCRIBE\nid:1\ndestination:/queue/a\nack:client-individual\n\n^@", "invalid ack mode"},
      {"subscribe bad dest", "1.2", "SUBSCRIBE\nid:1\ndestination:/queue/\n\n^@",
       "invalid destination"},
      {"unsubscribe unknown", "1.2", "UNSUBSCRIBE\nid:9\nreceipt:r\n\n^@", "unknown subscription"},
      {"ack unknown", "1.2", "ACK\nid:nope\nreceipt:r\n\n^@", "unknown ack id"},
      {"ack 1.1 no subscription", "1.1", "ACK\nmessage-id:m-1\n\n^@",
       "missing subscription header"},
      {"commit unknown", "1.2", "COMMIT\ntransaction:t\nreceipt:r\n\n^@", "unknown transaction"},
      {"send unknown tx", "1.2", "SEND\ndestination:/queue/a\ntransaction:t\n\n^@",
       "unknown transaction"},
      {"begin no tx", "1.2", "BEGIN\nreceipt:r\n\n^@", "missing transaction header"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    Client client(broker.port());
    client.connect(c.version);
    client.send(c.frame);
    stomp::Frame f = client.frame();
    EXPECT_EQ(f.command, Command::Error);
    EXPECT_EQ(value(f, "message"), c.message);
    // ER-03, except after a parse error (CamelCase codec names): no frame, no receipt.
    const bool parsed = c.message[0] >= 'a' && c.message[0] <= 'z';
    if (parsed && std::string_view(c.frame).find("receipt:r") != std::string_view::npos) {
      EXPECT_EQ(value(f, "receipt-id"), "r");
    }
    EXPECT_EQ(value(f, "content-type"), "text/plain");
    EXPECT_FALSE(f.body.empty());
    EXPECT_TRUE(client.closed());
  }
}

TEST(Errors, DuplicateSubscriptionAndTransactionIds) {
  Running broker;
  for (const char* twice :
       {"SUBSCRIBE\nid:1\ndestination:/queue/a\n\n^@", "BEGIN\ntransaction:t\n\n^@"}) {
    Client client(broker.port());
    client.connect();
    client.send(twice);
    client.send(std::string(twice).insert(std::string(twice).find("\n\n^@"), "\nreceipt:r"));
    stomp::Frame f = client.frame();
    EXPECT_EQ(f.command, Command::Error) << twice;  // never a RECEIPT first (RC-01)
    EXPECT_EQ(value(f, "receipt-id"), "r");
    EXPECT_TRUE(client.closed());
  }
}

TEST(Errors, FrameBeforeConnect) {
  Running broker;
  Client client(broker.port());
  client.send("SEND\ndestination:/queue/a\nreceipt:r\n\nhi^@");
  stomp::Frame f = client.frame();
  EXPECT_EQ(f.command, Command::Error);
  EXPECT_EQ(value(f, "message"), "not connected");
  EXPECT_EQ(value(f, "receipt-id"), "r");
  EXPECT_TRUE(client.closed());
}

TEST(Limits, OversizedFramesAreErrorThenClose) {
  Running broker({.limits = {.max_headers = 4, .max_line = 64, .max_body = 16, .max_frame = 4096}});
  const char* cases[] = {"SEND\ndestination:/queue/a\n\n01234567890123456789^@",
                         "SEND\ndestination:/queue/a\na:1\nb:2\nc:3\nd:4\n\n^@"};
  for (const char* c : cases) {
    Client client(broker.port());
    client.connect();
    client.send(c);
    stomp::Frame f = client.frame();
    EXPECT_EQ(f.command, Command::Error);
    EXPECT_TRUE(client.closed());
  }
  Client client(broker.port());
  client.send("CONNECT\naccept-version:1.2\nhost:" + std::string(100, 'h') + "\n\n^@");
  EXPECT_EQ(value(client.frame(), "message"), "LineTooLong");
  EXPECT_TRUE(client.closed());
}

TEST(HeartBeat, NegotiatedAndSentAsEols) {
  Running broker({.heartbeat_send_ms = 50, .heartbeat_receive_ms = 0});
  Client client(broker.port());
  stomp::Frame f = client.connect("1.2", "heart-beat:0,60\n");
  EXPECT_EQ(value(f, "heart-beat"), "50,0");
  int beats = 0;
  const auto end = std::chrono::steady_clock::now() + 400ms;
  while (std::chrono::steady_clock::now() < end) {
    Event e = client.next(200ms);  // a beat at least every max(50, 60) ms, with margin
    ASSERT_EQ(e.kind, Event::Kind::Heartbeat);
    ++beats;
  }
  EXPECT_GE(beats, 4);
}

TEST(HeartBeat, NoneWhenClientAsksNone) {
  Running broker({.heartbeat_send_ms = 30, .heartbeat_receive_ms = 30});
  Client client(broker.port());
  client.connect("1.2", "heart-beat:0,0\n");
  EXPECT_EQ(client.next(300ms).kind, Event::Kind::Timeout);  // HB-02: no EOLs, no close
}

TEST(HeartBeat, SilentClientIsDroppedBeatingClientIsNot) {
  Running broker({.heartbeat_send_ms = 0, .heartbeat_receive_ms = 40});
  Client beating(broker.port());
  beating.connect("1.2", "heart-beat:100,0\n");
  Client silent(broker.port());
  silent.connect("1.2", "heart-beat:100,0\n");
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 10; ++i) {
    beating.send("\n");
    std::this_thread::sleep_for(30ms);
  }
  EXPECT_TRUE(silent.closed(1500ms));  // after 2 x max(100, 40) ms of silence
  EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);  // HB-05: not before 100 ms
  beating.sync("SEND", "destination:/queue/hb\n", "alive");    // HB-06: still connected
}

TEST(Disconnect, HalfCloseStillGetsReceipts) {
  Running broker;
  Client client(broker.port());
  client.connect();
  client.send("SEND\ndestination:/queue/half\nreceipt:r\n\nx^@");
  client.shut_write();
  EXPECT_EQ(value(client.frame(), "receipt-id"), "r");  // DC-04
  EXPECT_TRUE(client.closed());
}

TEST(HeartBeat, MalformedHeartBeatIsRejected) {
  Running broker;
  Client client(broker.port());
  client.send("CONNECT\naccept-version:1.2\nhost:h\nheart-beat:a,b\n\n^@");
  EXPECT_EQ(value(client.frame(), "message"), "invalid heart-beat");
  EXPECT_TRUE(client.closed());
}

TEST(Disconnect, ReceiptThenClose) {
  Running broker;
  Client client(broker.port());
  client.connect();
  client.send("DISCONNECT\nreceipt:bye\n\n^@");
  stomp::Frame f = client.frame();
  EXPECT_EQ(f.command, Command::Receipt);
  EXPECT_EQ(value(f, "receipt-id"), "bye");
  EXPECT_TRUE(f.body.empty());
  EXPECT_TRUE(client.closed());
}

TEST(Broker, BindFailureIsAValue) {
  asio::io_context io;
  Broker broker(io, {.host = "not-an-address"});
  EXPECT_TRUE(broker.error());
  EXPECT_EQ(broker.port(), 0);
}

}  // namespace
}  // namespace stompcheck::broker::test
