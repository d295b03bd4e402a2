// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/true_range.hpp - Wilder's true range of one bar (TA-Lib's TRUE_RANGE)
#pragma once

#include <cmath>

namespace quantkit::indicators::detail {

/// Wilder's true range: max(high - low, |high - prev_close|, |low - prev_close|), compared in
/// TA-Lib's order (the range first, then the two gaps, strict >). Every operand is exact in
/// IEEE arithmetic apart from the two subtractions, so the result is bit-identical to TA-Lib's.
inline double true_range_of(double high, double low, double prev_close) noexcept {
  double range = high - low;
  const double up = std::fabs(high - prev_close);
  if (up > range) range = up;
  const double down = std::fabs(low - prev_close);
  if (down > range) range = down;
  return range;
}

}  // namespace quantkit::indicators::detail
