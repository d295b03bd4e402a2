// SPDX-License-Identifier: MIT
// quantkit/core/detail/simd2.hpp - two doubles per SSE2 register (GCC/Clang vector extensions)
// for the few kernels that vectorize by hand: every lane performs the scalar IEEE operation, so
// the results are the bits of the one-lane code
#pragma once

#if defined(__GNUC__) && defined(__SSE2__)
#define QUANTKIT_SIMD2 1
#include <emmintrin.h>

#include <bit>
#include <cstring>

namespace quantkit::detail {

typedef double v2d __attribute__((vector_size(16)));     // NOLINT(modernize-use-using)
typedef long long v2i __attribute__((vector_size(16)));  // NOLINT(modernize-use-using)

inline v2d load2(const double* p) noexcept {
  v2d v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store2(double* p, v2d v) noexcept { std::memcpy(p, &v, sizeof v); }
/// Whether any lane of a comparison mask is set.
inline bool any2(v2i mask) noexcept { return _mm_movemask_pd(std::bit_cast<__m128d>(mask)) != 0; }
/// Whether every lane of a comparison mask is set.
inline bool all2(v2i mask) noexcept { return _mm_movemask_pd(std::bit_cast<__m128d>(mask)) == 3; }
/// Lane by lane: a > b ? a : b (SSE2 maxpd).
inline v2d max2(v2d a, v2d b) noexcept {
  return std::bit_cast<v2d>(_mm_max_pd(std::bit_cast<__m128d>(a), std::bit_cast<__m128d>(b)));
}
/// Lane by lane: a < b ? a : b (SSE2 minpd).
inline v2d min2(v2d a, v2d b) noexcept {
  return std::bit_cast<v2d>(_mm_min_pd(std::bit_cast<__m128d>(a), std::bit_cast<__m128d>(b)));
}
/// Lane by lane: mask ? a : b (mask lanes all ones or all zeros, as comparisons make them).
inline v2d select2(v2i mask, v2d a, v2d b) noexcept {
  return std::bit_cast<v2d>((mask & std::bit_cast<v2i>(a)) | (~mask & std::bit_cast<v2i>(b)));
}

}  // namespace quantkit::detail
#endif
