#pragma once
// Injected defects: the reference broker made to misbehave the way real brokers do, one named
// defect at a time, so that the suite can be shown to catch each (the mutation self-test).
// Benign variants are behaviours the specification allows; the suite must never grade them
// FAIL or NON-STRICT. Nothing here knows the suite's verdicts: a defect only changes what the
// broker does.
#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <stomp/command.hpp>

namespace stompcheck::broker {

enum class Defect : std::uint8_t {
  // frame grammar
  LowercaseCommands,
  CommandPrefix,
  CommandTrailingSpace,
  HeaderWithoutColon,
  EmptyHeaderName,
  ColonInValueTruncated,
  ColonInValueKept,
  LastHeaderWins,
  SecondContentLength,
  IgnoreContentLength,
  CrlfRejected,
  CrlfBetweenFramesRejected,
  // escaping
  UndefinedEscapesKept,
  DanglingBackslashKept,
  CrEscapeIn11,
  NoUnescape,
  NoEscapeOutput,
  UnescapeConnect,
  // negotiation
  LowestVersion,
  FirstListedVersion,
  NoVersionHeader,
  StompFrameRejected,
  NoErrorOnVersionMismatch,
  // heart-beats
  HeartbeatIgnoresOffer,
  NoHeartbeats,
  HeartbeatSlow,
  HeartbeatDropEarly,
  EolNotLiveness,
  HeartbeatMalformedAnswer,
  HeartbeatInsideFrame,
  // SEND
  SendMissingDestinationAccepted,
  UserHeadersDropped,
  EmptyHeaderDropped,
  Utf8Mangled,
  LargeBodyTruncated,
  // SUBSCRIBE / UNSUBSCRIBE
  SubscribeMissingDestinationAccepted,
  InvalidAckModeAccepted,
  UnsubscribeIgnored,
  UnsubscribeByDestinationIgnored,
  AutoAckKeepsMessages,
  // ACK / NACK
  NoAckHeader,
  AckByMessageId,
  ClientAckIndividual,
  IndividualAckCumulative,
  CumulativeAckConnectionWide,
  NackActsAsAck,
  // transactions
  TxSendImmediate,
  AbortNotUndoing,
  CommitDiscards,
  NoImplicitAbortOnDisconnect,
  NoImplicitAbortOnDrop,
  TxAckImmediate,
  // MESSAGE
  MessageIdReused,
  NoMessageId,
  NoDestination,
  DestinationRewritten,
  NoSubscriptionHeader,
  WrongSubscription,
  ContentTypeDropped,
  NoContentLength,
  BodyTrailingNewline,
  // RECEIPT
  ReceiptBeforeFailure,
  ReceiptWithBody,
  NoSubscribeReceipt,
  NoSendReceipt,
  ReceiptIdRaw,
  // ERROR
  NoCloseAfterError,
  ErrorWithoutMessage,
  ErrorWithoutReceiptId,
  ErrorWithoutContentLength,
  ErrorWithoutContentType,
  CloseWithoutError,
  // DISCONNECT
  NoDisconnectReceipt,
  NoCloseAfterDisconnect,
  DisconnectDropsPendingSends,
  DisconnectError,
  // limits
  LimitSilentClose,
  LimitHang,
  LimitNoClose,
  // profile
  TopicAsQueue,
  QueueAsTopic,
  NoRedeliveryAfterDrop,
  TopicRetainsMessages,
  // benign variants the specification allows
  CrlfOutput,
  EolAfterFrame,
  EscapedColonIds,
  SmallLimits,
  HeartbeatNone,
  HeartbeatFast,
  CrlfHeartbeats,
  NackDeadLetters,
  NoRedeliveredHeader,
  RedeliveredAlways,
  CollapseRepeatedHeaders,
  SilentCloseBeforeConnect,
  NoServerHeader,
  NoSessionHeader,
  ExtraMessageHeaders,
  ExtraConnectedHeaders,
  ReceiptsReordered,
  BodyOnBodilessAccepted,
  AckHeaderAlways,
};
inline constexpr std::size_t kDefects = static_cast<std::size_t>(Defect::AckHeaderAlways) + 1;

// The spec areas a defect belongs to (issue 9: at least three defects in each).
enum class Area : std::uint8_t {
  Grammar,
  Escaping,
  Negotiation,
  Heartbeat,
  Send,
  Subscribe,
  Ack,
  Transaction,
  Message,
  Receipt,
  Error,
  Disconnect,
  Limits,
  Profile,
};
std::string_view to_string(Area a);  // "frame grammar", "escaping", ...

struct DefectInfo {
  Defect defect;
  std::string_view name;  // kebab-case, as --fault spells it
  Area area;
  bool benign;              // allowed by the specification (a variant, not a defect)
  std::string_view models;  // the real-broker behaviour it imitates, one line
};
// Every defect, in enum order.
std::span<const DefectInfo> defects();
const DefectInfo& info(Defect d);
std::optional<Defect> defect_named(std::string_view name);

// The set of defects a broker runs with; empty: the strict reference broker.
class Defects {
 public:
  Defects() = default;
  bool has(Defect d) const { return bits_.test(static_cast<std::size_t>(d)); }
  void set(Defect d) { bits_.set(static_cast<std::size_t>(d)); }
  bool any() const { return bits_.any(); }
  bool operator==(const Defects&) const = default;

 private:
  std::bitset<kDefects> bits_{};
};

// The defects that rewrite a client frame's head before the strict parser reads it.
bool rewrites_heads(const Defects& d);

// The length of the head at the start of `in` (command line to the blank line, both
// included), or npos while the blank line has not arrived.
std::size_t head_length(std::string_view in);

struct Head {
  std::string bytes;   // the head as the defective broker reads it
  std::string reject;  // non-empty: the broker refuses the frame, for this reason
};
// One client frame's head as the defects in `d` would read it, on a connection at version
// `v` (`connected` false: the frame is the CONNECT).
Head rewrite_head(std::string_view head, const Defects& d, stomp::Version v, bool connected);

}  // namespace stompcheck::broker
