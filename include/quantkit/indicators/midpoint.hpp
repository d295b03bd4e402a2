// SPDX-License-Identifier: MIT
// quantkit/indicators/midpoint.hpp - midpoint of the rolling range (TA-Lib MIDPOINT)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/window_extreme.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of midpoint.
struct midpoint_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const midpoint_params&, const midpoint_params&) = default;
};

/// Midpoint of the last n inputs: (max + min) / 2 (TA-Lib MIDPOINT).
///
/// Convention: TA-Lib's (highest + lowest) / 2.0, identical to TA-Lib. Warm-up: n - 1 inputs.
/// NaN rule: a non-finite input returns NaN and is skipped. Throws invalid_argument for a period
/// outside 2..100000. O(1) amortized per update (TA-Lib rescans: O(n)), O(n) memory.
class midpoint {
 public:
  using params_type = midpoint_params;
  using input_type = double;
  using value_type = double;

  midpoint() : midpoint(params_type{}) {}
  explicit midpoint(std::size_t period) : midpoint(params_type{.period = period}) {}
  explicit midpoint(const params_type& p) : p_(check(p)), max_(p.period), min_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    max_.push(x, 0);
    min_.push(x, 0);
    if (max_.full()) value_ = (max_.value() + min_.value()) / 2.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return max_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    max_.reset();
    min_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::midpoint");
    return p;
  }
  params_type p_;
  detail::window_extreme<true> max_;
  detail::window_extreme<false> min_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<midpoint>);

}  // namespace quantkit::indicators
