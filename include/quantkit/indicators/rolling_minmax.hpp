// SPDX-License-Identifier: MIT
// quantkit/indicators/rolling_minmax.hpp - rolling minimum and maximum together (TA-Lib MINMAX)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/window_extreme.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of rolling_minmax.
struct rolling_minmax_params {
  std::size_t period = 30;  ///< n, 2..100000
  friend constexpr bool operator==(const rolling_minmax_params&,
                                   const rolling_minmax_params&) = default;
};

/// Output of rolling_minmax (TA-Lib outMin, outMax).
struct rolling_minmax_value {
  double min = detail::nan;
  double max = detail::nan;
};

/// Rolling minimum and maximum of the last n inputs (TA-Lib MINMAX).
///
/// Convention: exact, identical to TA-Lib. Warm-up: n - 1 inputs. NaN rule: a non-finite input
/// returns NaN fields and is skipped. Throws invalid_argument for a period outside 2..100000.
/// O(1) amortized per update (two monotonic deques), O(n) memory.
class rolling_minmax {
 public:
  using params_type = rolling_minmax_params;
  using input_type = double;
  using value_type = rolling_minmax_value;

  rolling_minmax() : rolling_minmax(params_type{}) {}
  explicit rolling_minmax(std::size_t period) : rolling_minmax(params_type{.period = period}) {}
  explicit rolling_minmax(const params_type& p) : p_(check(p)), min_(p.period), max_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return {};
    min_.push(x, 0);
    max_.push(x, 0);
    if (max_.full()) value_ = {min_.value(), max_.value()};
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return max_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    min_.reset();
    max_.reset();
    value_ = {};
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::rolling_minmax");
    return p;
  }
  params_type p_;
  detail::window_extreme<false> min_;
  detail::window_extreme<true> max_;
  value_type value_{};
};

static_assert(ScalarIndicator<rolling_minmax>);

}  // namespace quantkit::indicators
