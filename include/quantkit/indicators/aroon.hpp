// SPDX-License-Identifier: MIT
// quantkit/indicators/aroon.hpp - Aroon down and up (TA-Lib AROON), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/latest_extreme.hpp"

#include <cstddef>
#include <cstdint>

namespace quantkit::indicators {

/// Parameters of aroon.
struct aroon_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const aroon_params&, const aroon_params&) = default;
};

/// The two Aroon lines (fields in TA-Lib's output order).
struct aroon_value {
  double down = detail::nan;  ///< 100 (n - bars since the lowest low) / n
  double up = detail::nan;    ///< 100 (n - bars since the highest high) / n
};

/// Aroon (Tushar Chande, 1995; TA-Lib AROON): up = (100 / n) (n - bars since the highest high),
/// down = (100 / n) (n - bars since the lowest low), over a window of n + 1 bars.
///
/// Convention (TA-Lib): the window holds n + 1 bars (the current one and the n before it); on
/// ties the *latest* extreme counts (detail::latest_extreme), and the value is evaluated as
/// (100 / n) * (n - distance). Warm-up: n bars. Uses high and low only; NaN rule: a bar with a
/// non-finite high or low returns NaN and is skipped (distances count finite bars).
/// Throws invalid_argument for a period outside 2..100000. O(1) amortized per update, O(n) memory.
class aroon {
 public:
  using params_type = aroon_params;
  using input_type = bar;
  using value_type = aroon_value;

  aroon() : aroon(params_type{}) {}
  explicit aroon(std::size_t period) : aroon(params_type{.period = period}) {}
  explicit aroon(const params_type& p)
      : p_(check(p)),
        factor_(100.0 / static_cast<double>(p.period)),
        highs_(p.period + 1),
        lows_(p.period + 1) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low)) return value_type{};
    highs_.push(b.high);
    lows_.push(b.low);
    if (!highs_.full()) return value_;
    value_.down = factor_ * static_cast<double>(p_.period - bars_since_low());
    value_.up = factor_ * static_cast<double>(p_.period - bars_since_high());
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return highs_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// Bars since the latest highest high / lowest low of the window (valid when ready()).
  [[nodiscard]] std::size_t bars_since_high() const noexcept {
    return static_cast<std::size_t>(highs_.newest() - highs_.index());
  }
  [[nodiscard]] std::size_t bars_since_low() const noexcept {
    return static_cast<std::size_t>(lows_.newest() - lows_.index());
  }
  void reset() noexcept {
    highs_.reset();
    lows_.reset();
    value_ = value_type{};
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::aroon");
    return p;
  }
  params_type p_;
  double factor_;
  detail::latest_extreme<true> highs_;
  detail::latest_extreme<false> lows_;
  value_type value_{};
};

static_assert(BarIndicator<aroon>);

}  // namespace quantkit::indicators
