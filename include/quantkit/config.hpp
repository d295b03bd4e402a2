// SPDX-License-Identifier: MIT
// quantkit/config.hpp - configuration macros: QUANTKIT_ASSERT, QUANTKIT_THROW, exceptions-off mode
#pragma once

#include "version.hpp"

#include <cstdio>
#include <cstdlib>

// Configuration macros (QUANTKIT_ASSERT, QUANTKIT_NO_DEBUG, QUANTKIT_THROW_USER) must be set the
// same way in every translation unit: on the CMake target or the command line, never with a
// #define in one source file (an ODR hazard, as Boost.Math warns for its policy macros).

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define QUANTKIT_HAS_EXCEPTIONS 1
#else
#define QUANTKIT_HAS_EXCEPTIONS 0
#endif

namespace quantkit::detail {
[[noreturn]] inline void fail_fast(const char* kind, const char* message, const char* file,
                                   int line) noexcept {
  std::fprintf(stderr, "%s:%d: quantkit %s: %s\n", file, line, kind, message);
  std::abort();
}
}  // namespace quantkit::detail

/// Throws `ex` (an expression of a quantkit::error type). With exceptions disabled, prints the
/// message and calls std::abort(), unless the user supplies QUANTKIT_THROW_USER(ex).
#ifndef QUANTKIT_THROW
#if defined(QUANTKIT_THROW_USER)
#define QUANTKIT_THROW(ex) QUANTKIT_THROW_USER(ex)
#elif QUANTKIT_HAS_EXCEPTIONS
#define QUANTKIT_THROW(ex) throw ex
#else
#define QUANTKIT_THROW(ex) ::quantkit::detail::fail_fast("error", (ex).what(), __FILE__, __LINE__)
#endif
#endif

/// Debug-only check of an internal invariant or a caller contract that is too costly to check in
/// release builds. Off under NDEBUG or QUANTKIT_NO_DEBUG; redefine it to route failures elsewhere.
#ifndef QUANTKIT_ASSERT
#if defined(NDEBUG) || defined(QUANTKIT_NO_DEBUG)
#define QUANTKIT_ASSERT(cond, msg) static_cast<void>(0)
#else
#define QUANTKIT_ASSERT(cond, msg) \
  ((cond) ? static_cast<void>(0)   \
          : ::quantkit::detail::fail_fast("assertion failed", #cond ": " msg, __FILE__, __LINE__))
#endif
#endif
