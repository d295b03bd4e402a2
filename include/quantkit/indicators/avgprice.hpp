// SPDX-License-Identifier: MIT
// quantkit/indicators/avgprice.hpp - average price of a bar (TA-Lib AVGPRICE)
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of avgprice (none).
struct avgprice_params {
  friend constexpr bool operator==(const avgprice_params&, const avgprice_params&) = default;
};

/// Average price: (open + high + low + close) / 4 of each bar (TA-Lib AVGPRICE).
///
/// Convention: TA-Lib's order (high + low + close + open) / 4, in that order of operations, so
/// identical to TA-Lib. Uses open, high, low and close. No warm-up. NaN rule: a bar with a
/// non-finite field among those returns NaN. No parameters, never throws. O(1) per update and
/// memory.
class avgprice {
 public:
  using params_type = avgprice_params;
  using input_type = bar;
  using value_type = double;

  avgprice() = default;
  explicit avgprice(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.open, b.high, b.low, b.close)) return detail::nan;
    ready_ = true;
    value_ = (b.high + b.low + b.close + b.open) / 4.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return 0; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    ready_ = false;
    value_ = detail::nan;
  }

 private:
  params_type p_{};
  bool ready_ = false;
  double value_ = detail::nan;
};

static_assert(BarIndicator<avgprice>);

}  // namespace quantkit::indicators
