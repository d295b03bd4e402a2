// SPDX-License-Identifier: MIT
// quantkit/indicators/rolling_max.hpp - rolling maximum (TA-Lib MAX)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/window_extreme.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of rolling_max.
struct rolling_max_params {
  std::size_t period = 30;  ///< n, 2..100000
  friend constexpr bool operator==(const rolling_max_params&, const rolling_max_params&) = default;
};

/// Rolling maximum of the last n inputs (TA-Lib MAX).
///
/// Convention: exact (no rounding), so identical to TA-Lib. Warm-up: n - 1 inputs. NaN rule: a
/// non-finite input returns NaN and is skipped. Throws invalid_argument for a period outside
/// 2..100000. O(1) amortized per update (monotonic deque), O(n) memory.
class rolling_max {
 public:
  using params_type = rolling_max_params;
  using input_type = double;
  using value_type = double;

  rolling_max() : rolling_max(params_type{}) {}
  explicit rolling_max(std::size_t period) : rolling_max(params_type{.period = period}) {}
  explicit rolling_max(const params_type& p) : p_(check(p)), ext_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    ext_.push(x, 0);
    if (ext_.full()) value_ = ext_.value();
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ext_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    ext_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::rolling_max");
    return p;
  }
  params_type p_;
  detail::window_extreme<true> ext_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<rolling_max>);

}  // namespace quantkit::indicators
