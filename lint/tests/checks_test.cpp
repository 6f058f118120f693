// stompcheck::check_server_frame (lint/checks.hpp): every check that applies, never only the
// first, at the level the catalogue gives it.
#include "lint/checks.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace stompcheck {
namespace {

using stomp::Command;
using stomp::Version;

std::vector<std::string> ids(const std::vector<FrameIssue>& issues) {
  std::vector<std::string> out;
  out.reserve(issues.size());
  for (const FrameIssue& i : issues)
    out.push_back(std::string(i.requirement) + (i.recommended ? "?" : "!"));
  return out;
}

TEST(ServerFrameChecks, ConformingFramesHaveNoIssue) {
  const stomp::Frame message{Command::Message,
                             {{"destination", "/q"},
                              {"message-id", "1"},
                              {"subscription", "0"},
                              {"content-type", "text/plain"},
                              {"content-length", "2"}},
                             "hi"};
  EXPECT_TRUE(check_server_frame(message, Version::V1_2).empty());
  EXPECT_TRUE(
      check_server_frame({Command::Receipt, {{"receipt-id", "r"}}, ""}, Version::V1_2).empty());
  EXPECT_TRUE(check_server_frame({Command::Error, {{"message", "m"}}, ""}, Version::V1_2).empty());
  EXPECT_TRUE(check_server_frame({Command::Connected, {}, ""}, Version::V1_2).empty());
}

TEST(ServerFrameChecks, EveryMissingHeaderOfAMessage) {
  const stomp::Frame bare{Command::Message, {}, "body"};
  EXPECT_EQ(ids(check_server_frame(bare, Version::V1_2)),
            (std::vector<std::string>{"MS-01!", "MS-03!", "MS-04!", "MS-07?"}));
  EXPECT_EQ(ids(check_server_frame(bare, Version::V1_0)),
            (std::vector<std::string>{"MS-01!", "MS-03!"}));
}

TEST(ServerFrameChecks, MessageBodyWithoutContentTypeIsNoIssue) {
  // A MESSAGE carries a content-type when its SEND did (GRADING.md §10.1): the lint cannot know.
  const stomp::Frame f{
      Command::Message,
      {{"destination", "/q"}, {"message-id", "1"}, {"subscription", "0"}, {"content-length", "2"}},
      "hi"};
  EXPECT_TRUE(check_server_frame(f, Version::V1_2).empty());
}

TEST(ServerFrameChecks, ReceiptAndError) {
  EXPECT_EQ(ids(check_server_frame({Command::Receipt, {}, ""}, Version::V1_0)),
            std::vector<std::string>{"RC-01!"});
  EXPECT_EQ(ids(check_server_frame({Command::Error, {}, "x"}, Version::V1_1)),
            (std::vector<std::string>{"ER-04?", "ER-04?"}));
  EXPECT_TRUE(check_server_frame({Command::Error, {}, "x"}, Version::V1_0).empty());
}

}  // namespace
}  // namespace stompcheck
