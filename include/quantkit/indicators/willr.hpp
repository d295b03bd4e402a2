// SPDX-License-Identifier: MIT
// quantkit/indicators/willr.hpp - Williams' %R (TA-Lib WILLR), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/window_extreme.hpp"

#include <cstddef>
#include <cstdint>

namespace quantkit::indicators {

/// Parameters of willr.
struct willr_params {
  std::size_t period = 14;  ///< n, 2..100000
};

/// Williams' %R (Larry Williams, 1973; TA-Lib WILLR): %R = -100 (HH - close) / (HH - LL) over the
/// highest high HH and lowest low LL of the last n bars; it runs from -100 to 0.
///
/// Convention (TA-Lib 0.6.4): evaluated as (HH - close) / ((HH - LL) / -100), TA-Lib's order; an
/// exactly zero range gives 0 (TA-Lib's exact test). Warm-up: n - 1 bars. NaN rule: a bar with a
/// non-finite high, low or close returns NaN and is skipped. Throws invalid_argument for a period
/// outside 2..100000. O(1) amortized per update (monotonic deques), O(n) memory.
class willr {
 public:
  using params_type = willr_params;
  using input_type = bar;
  using value_type = double;

  willr() : willr(params_type{}) {}
  explicit willr(std::size_t period) : willr(params_type{.period = period}) {}
  explicit willr(const params_type& p) : p_(check(p)), highs_(p.period), lows_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    highs_.push(b.high, pos_);
    lows_.push(b.low, pos_);
    ++pos_;
    if (!highs_.full()) return value_;
    const double highest = highs_.value();
    const double diff = (highest - lows_.value()) / (-100.0);
    value_ = diff != 0.0 ? (highest - b.close) / diff : 0.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return highs_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    highs_.reset();
    lows_.reset();
    pos_ = 0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::willr");
    return p;
  }
  params_type p_;
  detail::window_extreme<true> highs_;
  detail::window_extreme<false> lows_;
  std::int64_t pos_ = 0;
  double value_ = detail::nan;
};

static_assert(BarIndicator<willr>);

}  // namespace quantkit::indicators
