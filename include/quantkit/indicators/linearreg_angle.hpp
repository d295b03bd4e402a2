// SPDX-License-Identifier: MIT
// quantkit/indicators/linearreg_angle.hpp - angle of the rolling linear regression (TA-Lib
// LINEARREG_ANGLE)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/linreg.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of linearreg_angle.
struct linearreg_angle_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const linearreg_angle_params&,
                                   const linearreg_angle_params&) = default;
};

/// Linear regression angle in degrees: atan(m) * 180 / pi, m the slope per input of the
/// least-squares line through the last n inputs (TA-Lib LINEARREG_ANGLE; the price scale is not
/// normalised, so the angle depends on the units of the input).
///
/// Convention: TA-Lib's O(n) recomputation of the least-squares sums at each step in TA-Lib's
/// order of operations (detail::linreg_window), bit for bit with TA-Lib for n <= 1024 (TA-Lib's
/// 32-bit sums overflow above). Warm-up: n - 1 inputs. NaN rule: a non-finite input returns NaN
/// and is skipped (the window holds the last n finite inputs). Throws invalid_argument for a
/// period outside 2..100000. O(n) per update, O(n) memory.
class linearreg_angle {
 public:
  using params_type = linearreg_angle_params;
  using input_type = double;
  using value_type = double;

  linearreg_angle() : linearreg_angle(params_type{}) {}
  explicit linearreg_angle(std::size_t period) : linearreg_angle(params_type{.period = period}) {}
  explicit linearreg_angle(const params_type& p) : p_(check(p)), lr_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    if (lr_.push(x)) {
      const detail::linreg_fit fit = lr_.fit();
      value_ = std::atan(fit.m) * degrees_per_radian;
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return lr_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    lr_.clear();
    value_ = detail::nan;
  }

 private:
  // TA-Lib's constant, 180.0 / 3.14159265358979323846, folded the same way.
  static constexpr double degrees_per_radian = 180.0 / 3.14159265358979323846;
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::linearreg_angle");
    return p;
  }
  params_type p_;
  detail::linreg_window lr_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<linearreg_angle>);

}  // namespace quantkit::indicators
