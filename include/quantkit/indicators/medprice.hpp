// SPDX-License-Identifier: MIT
// quantkit/indicators/medprice.hpp - median price of a bar (TA-Lib MEDPRICE)
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of medprice (none).
struct medprice_params {
  friend constexpr bool operator==(const medprice_params&, const medprice_params&) = default;
};

/// Median price: (high + low) / 2 of each bar (TA-Lib MEDPRICE).
///
/// Convention: TA-Lib's (high + low) / 2, in that order of operations, so identical to TA-Lib. Uses
/// high and low. No warm-up. NaN rule: a bar with a non-finite field among those returns NaN. No
/// parameters, never throws. O(1) per update and memory.
class medprice {
 public:
  using params_type = medprice_params;
  using input_type = bar;
  using value_type = double;

  medprice() = default;
  explicit medprice(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low)) return detail::nan;
    ready_ = true;
    value_ = (b.high + b.low) / 2.0;
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

static_assert(BarIndicator<medprice>);

}  // namespace quantkit::indicators
