// SPDX-License-Identifier: MIT
// quantkit/indicators/rolling_sum.hpp - rolling sum over a window (TA-Lib SUM)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of rolling_sum.
struct rolling_sum_params {
  std::size_t period = 30;  ///< n, 2..100000
  friend constexpr bool operator==(const rolling_sum_params&, const rolling_sum_params&) = default;
};

/// Rolling sum of the last n inputs: SUM_t = x_{t-n+1} + ... + x_t (TA-Lib SUM).
///
/// Convention: TA-Lib's running total in TA-Lib's order of operations (add the new value, output,
/// then subtract the value that leaves the window), bit for bit with TA-Lib. Warm-up: n - 1
/// inputs. NaN rule: a non-finite input returns NaN and is skipped. Throws invalid_argument for a
/// period outside 2..100000. O(1) per update, O(n) memory.
class rolling_sum {
 public:
  using params_type = rolling_sum_params;
  using input_type = double;
  using value_type = double;

  rolling_sum() : rolling_sum(params_type{}) {}
  explicit rolling_sum(std::size_t period) : rolling_sum(params_type{.period = period}) {}
  explicit rolling_sum(const params_type& p) : p_(check(p)), window_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    total_ += x;
    window_.push(x);
    if (window_.full()) {
      value_ = total_;
      total_ -= window_.oldest();
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    window_.clear();
    total_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::rolling_sum");
    return p;
  }
  params_type p_;
  detail::ring_buffer<double> window_;
  double total_ = 0.0;  // sum of the window minus its oldest value once full (TA-Lib periodTotal)
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<rolling_sum>);

}  // namespace quantkit::indicators
