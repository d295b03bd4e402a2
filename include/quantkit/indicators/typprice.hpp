// SPDX-License-Identifier: MIT
// quantkit/indicators/typprice.hpp - typical price of a bar (TA-Lib TYPPRICE)
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of typprice (none).
struct typprice_params {
  friend constexpr bool operator==(const typprice_params&, const typprice_params&) = default;
};

/// Typical price: (high + low + close) / 3 of each bar (TA-Lib TYPPRICE).
///
/// Convention: TA-Lib's (high + low + close) / 3, in that order of operations, so identical to
/// TA-Lib. Uses high, low and close. No warm-up. NaN rule: a bar with a non-finite field among
/// those returns NaN. No parameters, never throws. O(1) per update and memory.
class typprice {
 public:
  using params_type = typprice_params;
  using input_type = bar;
  using value_type = double;

  typprice() = default;
  explicit typprice(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    ready_ = true;
    value_ = (b.high + b.low + b.close) / 3.0;
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

static_assert(BarIndicator<typprice>);

}  // namespace quantkit::indicators
