// Global operator new/delete over malloc/free, counting usable sizes while a thread's Counting
// scope is open. malloc_usable_size() works under glibc and under the sanitizers' allocators,
// so AddressSanitizer and LeakSanitizer still see every block.
#include "fuzz/alloc_meter.hpp"

#include <malloc.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace fuzz::meter {
namespace {

thread_local bool counting = false;
thread_local std::int64_t held = 0;  // may go below 0 when older blocks are freed
thread_local std::int64_t most = 0;

void* allocate(std::size_t n) noexcept {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p != nullptr && counting) {
    held += static_cast<std::int64_t>(malloc_usable_size(p));
    if (held > most) most = held;
  }
  return p;
}

void release(void* p) noexcept {
  if (p != nullptr && counting) held -= static_cast<std::int64_t>(malloc_usable_size(p));
  std::free(p);
}

}  // namespace

void reset() { held = most = 0; }
std::size_t peak() { return static_cast<std::size_t>(most); }
Counting::Counting() { counting = true; }
Counting::~Counting() { counting = false; }

}  // namespace fuzz::meter

void* operator new(std::size_t n) {
  void* p = fuzz::meter::allocate(n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t& /*tag*/) noexcept {
  return fuzz::meter::allocate(n);
}
void* operator new[](std::size_t n, const std::nothrow_t& /*tag*/) noexcept {
  return fuzz::meter::allocate(n);
}
void operator delete(void* p) noexcept { fuzz::meter::release(p); }
void operator delete[](void* p) noexcept { fuzz::meter::release(p); }
void operator delete(void* p, std::size_t /*n*/) noexcept { fuzz::meter::release(p); }
void operator delete[](void* p, std::size_t /*n*/) noexcept { fuzz::meter::release(p); }
void operator delete(void* p, const std::nothrow_t& /*tag*/) noexcept { fuzz::meter::release(p); }
void operator delete[](void* p, const std::nothrow_t& /*tag*/) noexcept { fuzz::meter::release(p); }
