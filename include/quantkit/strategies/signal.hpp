// SPDX-License-Identifier: MIT
// quantkit/strategies/signal.hpp - shared vocabulary of signal strategies: direction modes
#pragma once

#include <cmath>
#include <limits>

namespace quantkit::strategies {

/// Which sides a signal strategy may take.
enum class direction {
  long_only,   ///< signals in [0, 1]: short signals become flat
  short_only,  ///< signals in [-1, 0]
  long_short,  ///< signals in [-1, 1]
};

namespace detail {
inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Applies a direction mode to a signal in [-1, 1] (NaN passes through: no opinion).
constexpr double restrict_to(double signal, direction d) noexcept {
  if (signal != signal) return signal;
  if (d == direction::long_only) return signal > 0.0 ? signal : 0.0;
  if (d == direction::short_only) return signal < 0.0 ? signal : 0.0;
  return signal;
}
}  // namespace detail

}  // namespace quantkit::strategies
