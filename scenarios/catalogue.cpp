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
      {"SEND", cases::send()},
      {"SUBSCRIBE", cases::subscribe()},
      {"ACK and NACK", cases::ack()},
      {"Transactions", cases::transactions()},
      {"RECEIPT", cases::receipt()},
      {"DISCONNECT", cases::disconnect()},
      {"Broker profile", cases::profile(), true},
  };
  return sections;
}

}  // namespace stompcheck
