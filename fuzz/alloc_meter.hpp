#pragma once
// Counts the heap bytes one thread holds while a Counting scope is open, by replacing the
// global operator new and delete (alloc_meter.cpp; link it into one target only). The parse
// target uses it to check that the parser's memory stays bounded by its limits (FR-19).
#include <cstddef>

namespace fuzz::meter {

// Zeroes the count and the peak.
void reset();
// The most bytes held at once inside Counting scopes since reset().
std::size_t peak();

// Allocations and frees made by this thread while it lives are counted.
class Counting {
 public:
  Counting();
  ~Counting();
  Counting(const Counting&) = delete;
  Counting& operator=(const Counting&) = delete;
};

}  // namespace fuzz::meter
