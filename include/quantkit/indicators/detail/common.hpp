// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/common.hpp - NaN helpers and parameter checks shared by indicators
#pragma once

#include "../../core/error.hpp"

#include <cstddef>
#include <limits>
#include <string_view>
#include <type_traits>

namespace quantkit::indicators::detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// True for finite doubles (false for NaN and +-inf); branch-light.
constexpr bool finite(double x) noexcept { return x - x == 0.0; }

/// True when every argument is finite.
template <class... T>
constexpr bool finite(double x, T... rest) noexcept {
  return finite(x) && (finite(static_cast<double>(rest)) && ...);
}

/// TA-Lib 0.6.4's epsilon: TA_IS_ZERO(v) is |v| < 1e-14 (strict), TA_IS_ZERO_OR_NEG(v) is
/// v < 1e-14. It is an absolute threshold, so it depends on the price scale (TA-Lib issue #253);
/// quantkit keeps it where parity with TA-Lib needs it and says so in the indicator's doc comment.
inline constexpr double talib_epsilon = 1e-14;
constexpr bool talib_is_zero(double v) noexcept { return -talib_epsilon < v && v < talib_epsilon; }
constexpr bool talib_is_zero_or_neg(double v) noexcept { return v < talib_epsilon; }

/// The "no value" of a value_type: NaN for double, a default-constructed aggregate (whose fields
/// default to NaN by convention) otherwise.
template <class V>
constexpr V missing() noexcept {
  if constexpr (std::is_same_v<V, double>) {
    return nan;
  } else {
    return V{};
  }
}

/// Throws invalid_argument unless lo <= period <= hi (TA-Lib's ranges are the defaults).
inline void require_period(std::size_t period, std::string_view component,
                           std::string_view name = "period", std::size_t lo = 2,
                           std::size_t hi = 100000) {
  if (period < lo || period > hi) {
    throw_invalid_argument(component, name,
                           "must be in " + std::to_string(lo) + ".." + std::to_string(hi), period);
  }
}

}  // namespace quantkit::indicators::detail
