// SPDX-License-Identifier: MIT
// quantkit/indicators/atr.hpp - Wilder's average true range (TA-Lib ATR), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/true_range.hpp"
#include "detail/wilder.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of atr.
struct atr_params {
  std::size_t period = 14;  ///< n, 1..100000
  friend constexpr bool operator==(const atr_params&, const atr_params&) = default;
};

/// Wilder's average true range (New Concepts in Technical Trading Systems, 1978; TA-Lib ATR):
/// ATR_t = (ATR_{t-1} (n - 1) + TR_t) / n, TR as in true_range.
///
/// Convention (TA-Lib): TR starts at the second bar; the first ATR is the plain mean of the first
/// n TRs, then Wilder's recursion in TA-Lib's order (multiply, add, divide;
/// detail::wilder_average). With n = 1 the output is the true range. Warm-up: n bars. Uses high,
/// low and close only (an FX series with NaN volume works); NaN rule: a bar with a non-finite high,
/// low or close returns NaN and is skipped. Throws invalid_argument for a period outside 1..100000.
/// O(1) per update.
class atr {
 public:
  using params_type = atr_params;
  using input_type = bar;
  using value_type = double;

  atr() : atr(params_type{}) {}
  explicit atr(std::size_t period) : atr(params_type{.period = period}) {}
  explicit atr(const params_type& p) : p_(check(p)), average_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    if (started_ && average_.push(detail::true_range_of(b.high, b.low, prev_close_))) {
      value_ = average_.value();
    }
    started_ = true;
    prev_close_ = b.close;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return average_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    started_ = false;
    prev_close_ = 0.0;
    average_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::atr", "period", 1);
    return p;
  }
  params_type p_;
  bool started_ = false;
  double prev_close_ = 0.0;
  detail::wilder_average average_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<atr>);

}  // namespace quantkit::indicators
