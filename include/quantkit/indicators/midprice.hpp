// SPDX-License-Identifier: MIT
// quantkit/indicators/midprice.hpp - midpoint of the rolling high-low range (TA-Lib MIDPRICE)
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/window_extreme.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of midprice.
struct midprice_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const midprice_params&, const midprice_params&) = default;
};

/// Midpoint price: (highest high + lowest low) / 2 over the last n bars, the current bar
/// included (TA-Lib MIDPRICE; the middle line of donchian).
///
/// Convention: TA-Lib's (highest + lowest) / 2.0, identical to TA-Lib. Uses high and low only.
/// Warm-up: n - 1 bars. NaN rule: a bar with a non-finite high or low returns NaN and is skipped.
/// Throws invalid_argument for a period outside 2..100000. O(1) amortized per update, O(n) memory.
class midprice {
 public:
  using params_type = midprice_params;
  using input_type = bar;
  using value_type = double;

  midprice() : midprice(params_type{}) {}
  explicit midprice(std::size_t period) : midprice(params_type{.period = period}) {}
  explicit midprice(const params_type& p) : p_(check(p)), high_(p.period), low_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low)) return detail::nan;
    high_.push(b.high, 0);
    low_.push(b.low, 0);
    if (high_.full()) value_ = (high_.value() + low_.value()) / 2.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return high_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    high_.reset();
    low_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::midprice");
    return p;
  }
  params_type p_;
  detail::window_extreme<true> high_;
  detail::window_extreme<false> low_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<midprice>);

}  // namespace quantkit::indicators
