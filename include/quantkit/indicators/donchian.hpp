// SPDX-License-Identifier: MIT
// quantkit/indicators/donchian.hpp - Donchian channel: highest high, lowest low, their midpoint
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/window_extreme.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of donchian.
struct donchian_params {
  std::size_t period = 20;  ///< n, 1..100000
  friend constexpr bool operator==(const donchian_params&, const donchian_params&) = default;
};

/// Output of donchian.
struct donchian_value {
  double upper = detail::nan;   ///< highest high of the last n bars
  double middle = detail::nan;  ///< (upper + lower) / 2
  double lower = detail::nan;   ///< lowest low of the last n bars
};

/// Donchian channel (Richard Donchian; no TA-Lib counterpart): upper = max(high) and
/// lower = min(low) over the last n bars, the current bar INCLUDED, middle = (upper + lower) / 2
/// (the middle equals midprice). A breakout rule "close above the channel" must therefore compare
/// a bar with the previous bar's value (the current high can never exceed its own upper band).
/// Exact (no rounding but the halving). Warm-up: n - 1 bars. NaN rule on high and low. Throws
/// invalid_argument for a period outside 1..100000. O(1) amortized per update, O(n) memory.
class donchian {
 public:
  using params_type = donchian_params;
  using input_type = bar;
  using value_type = donchian_value;

  donchian() : donchian(params_type{}) {}
  explicit donchian(std::size_t period) : donchian(params_type{.period = period}) {}
  explicit donchian(const params_type& p) : p_(check(p)), high_(p.period), low_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low)) return {};
    high_.push(b.high, 0);
    low_.push(b.low, 0);
    if (high_.full()) {
      const double up = high_.value();
      const double lo = low_.value();
      value_ = {up, (up + lo) / 2.0, lo};
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return high_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    high_.reset();
    low_.reset();
    value_ = {};
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::donchian", "period", 1);
    return p;
  }
  params_type p_;
  detail::window_extreme<true> high_;
  detail::window_extreme<false> low_;
  value_type value_{};
};

static_assert(BarIndicator<donchian>);

}  // namespace quantkit::indicators
