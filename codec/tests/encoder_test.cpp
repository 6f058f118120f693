// Encoder (FR-07, FR-08, FR-10, FR-12, FR-02).
#include <gtest/gtest.h>

#include <stomp/encoder.hpp>
#include <stomp/notation.hpp>

namespace stomp {
namespace {

Frame send(std::vector<Header> headers, std::string body = "") {
  return {Command::Send, std::move(headers), std::move(body)};
}

TEST(Encoder, PlainFrame) {
  auto r = encode(send({{"destination", "/q"}}, "hi"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.bytes, wire("SEND\ndestination:/q\n\nhi^@"));
}

TEST(Encoder, EscapesNamesAndValuesPerVersion_FR07) {
  Frame f = send({{"a:b", "x\ny:z\\\r"}});
  EXPECT_EQ(encode(f, {.version = Version::V1_2}).bytes,
            wire("SEND\na\\cb:x\\ny\\cz\\\\\\r\n\n^@"));
  EXPECT_EQ(encode(f, {.version = Version::V1_1}).bytes, wire("SEND\na\\cb:x\\ny\\cz\\\\^M\n\n^@"));
}

TEST(Encoder, NeverEscapesConnectOrConnected_FR08) {
  Frame f{Command::Connect, {{"passcode", "a\\b:c"}}, ""};
  EXPECT_EQ(encode(f).bytes, wire("CONNECT\npasscode:a\\b:c\n\n^@"));
  f.command = Command::Connected;
  EXPECT_EQ(encode(f).bytes, wire("CONNECTED\npasscode:a\\b:c\n\n^@"));
}

TEST(Encoder, UnrepresentableHeadersAreErrors) {
  Frame lf{Command::Connect, {{"login", "a\nb"}}, ""};
  EXPECT_EQ(encode(lf).error, EncodeError::Unrepresentable);
  Frame colon_name{Command::Send, {{"a:b", "v"}}, ""};
  EXPECT_EQ(encode(colon_name, {.version = Version::V1_0}).error, EncodeError::Unrepresentable);
  EXPECT_EQ(encode(send({{"", "v"}})).error, EncodeError::EmptyHeaderName);
  EXPECT_EQ(encode(send({{"k", ""}}), {.version = Version::V1_0}).error,
            EncodeError::Unrepresentable);
  EXPECT_EQ(encode(send({{"k", "\xc3\xa9"}}), {.version = Version::V1_0}).error,
            EncodeError::Unrepresentable);
  EXPECT_TRUE(encode(send({{"k", "\xc3\xa9"}}), {.version = Version::V1_2}).ok());
}

TEST(Encoder, AddsContentLengthWhenBodyHoldsNul_FR12) {
  auto r = encode(send({{"destination", "/q"}}, std::string("a\0b", 3)));
  EXPECT_EQ(r.bytes, wire("SEND\ndestination:/q\ncontent-length:3\n\na^@b^@"));
}

TEST(Encoder, AddsContentLengthWhenAsked) {
  auto r = encode(send({}, "hello"), {.content_length = true});
  EXPECT_EQ(r.bytes, wire("SEND\ncontent-length:5\n\nhello^@"));
  Frame sub{Command::Subscribe, {{"id", "1"}}, ""};
  EXPECT_EQ(encode(sub, {.content_length = true}).bytes, wire("SUBSCRIBE\nid:1\n\n^@"));
}

TEST(Encoder, KeepsAMatchingContentLengthAndRejectsAWrongOne) {
  EXPECT_EQ(encode(send({{"content-length", "2"}}, "hi"), {.content_length = true}).bytes,
            wire("SEND\ncontent-length:2\n\nhi^@"));
  EXPECT_EQ(encode(send({{"content-length", "3"}}, "hi")).error,
            EncodeError::ContentLengthMismatch);
}

TEST(Encoder, BodyOnlyOnSendMessageError_FR10) {
  Frame f{Command::Subscribe, {{"id", "1"}}, "x"};
  EXPECT_EQ(encode(f).error, EncodeError::BodyNotAllowed);
  EXPECT_TRUE(encode(f, {.version = Version::V1_0}).ok());
}

TEST(Encoder, CrlfOnlyIn12_FR02) {
  auto r = encode(send({{"k", "v"}}, "b"), {.crlf = true});
  EXPECT_EQ(r.bytes, wire("SEND^M\nk:v^M\n^M\nb^@"));
  EXPECT_EQ(encode(send({}), {.version = Version::V1_1, .crlf = true}).error,
            EncodeError::CrlfNotInVersion);
}

TEST(Encoder, NackDoesNotExistIn10_FR24) {
  Frame f{Command::Nack, {{"id", "1"}}, ""};
  EXPECT_EQ(encode(f, {.version = Version::V1_0}).error, EncodeError::CommandNotInVersion);
}

TEST(Encoder, ErrorLeavesOutputUntouched) {
  std::string out = "keep";
  EXPECT_EQ(encode_to(out, send({{"", "v"}})), EncodeError::EmptyHeaderName);
  EXPECT_EQ(out, "keep");
}

}  // namespace
}  // namespace stomp
