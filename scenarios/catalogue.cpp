#include "scenarios/catalogue.hpp"

#include <vector>

#include "scenarios/cases/cases.hpp"

namespace stompcheck {

std::span<const Section> catalogue() {
  static const std::vector<Section> sections{
      {"Protocol overview", cases::overview()},
      {"Frames", cases::frames()},
      {"Required headers", cases::headers()},
      {"Connecting", cases::connecting()},
      {"Heart-beating", cases::heartbeat()},
      {"SEND", cases::send()},
      {"SUBSCRIBE", cases::subscribe()},
      {"ACK and NACK", cases::ack()},
      {"Transactions", cases::transactions()},
      {"DISCONNECT", cases::disconnect()},
      {"MESSAGE", cases::message()},
      {"RECEIPT", cases::receipt()},
      {"ERROR", cases::errors()},
      {"Across versions", cases::versions()},
      {"Size limits", cases::limits()},
      {"Broker profile", cases::profile(), true},
  };
  return sections;
}

}  // namespace stompcheck
