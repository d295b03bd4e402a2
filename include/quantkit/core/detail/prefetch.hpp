// SPDX-License-Identifier: MIT
// quantkit/core/detail/prefetch.hpp - a software prefetch the optimizer cannot delete
#pragma once

namespace quantkit::detail {

/// Asks for the cache line holding the byte at `p` to be brought into the caches: a hint, with no
/// effect on any result (it never faults, whatever `p` is). On x86-64 with GCC or Clang it is a
/// `prefetcht0` in an `asm volatile` statement, which the optimizer never deletes: GCC 12 at -O3
/// silently deleted the `__builtin_prefetch` calls of the fused kernel's fill loop (its second
/// dead-store elimination pass removed them; Clang kept them). Elsewhere `__builtin_prefetch`, or
/// nothing.
inline void prefetch(const void* p) noexcept {
#if defined(__GNUC__) && defined(__x86_64__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#elif defined(__GNUC__)
  __builtin_prefetch(p);
#else
  static_cast<void>(p);
#endif
}

}  // namespace quantkit::detail
