// SPDX-License-Identifier: MIT
// quantkit/indicators/bop.hpp - balance of power (TA-Lib BOP), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of bop (none: TA-Lib's BOP has no parameter).
struct bop_params {
  friend constexpr bool operator==(const bop_params&, const bop_params&) = default;
};

/// Balance of power (Igor Livshin, 2001; TA-Lib BOP): (close - open) / (high - low).
///
/// Convention (TA-Lib 0.6.4): a range that is zero or negative in TA-Lib's sense
/// (high - low < 1e-14, absolute) gives 0. Warm-up: 0. NaN rule: a bar with a non-finite open,
/// high, low or close returns NaN. Never throws. O(1) per update and memory.
class bop {
 public:
  using params_type = bop_params;
  using input_type = bar;
  using value_type = double;

  bop() = default;
  explicit bop(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.open, b.high, b.low, b.close)) return detail::nan;
    const double range = b.high - b.low;
    value_ = detail::talib_is_zero_or_neg(range) ? 0.0 : (b.close - b.open) / range;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return !std::isnan(value_); }
  [[nodiscard]] std::size_t warmup() const noexcept { return 0; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept { value_ = detail::nan; }

 private:
  params_type p_{};
  double value_ = detail::nan;
};

static_assert(BarIndicator<bop>);

}  // namespace quantkit::indicators
