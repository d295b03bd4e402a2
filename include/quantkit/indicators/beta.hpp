// SPDX-License-Identifier: MIT
// quantkit/indicators/beta.hpp - rolling beta of one series' returns on another's (TA-Lib BETA)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of beta.
struct beta_params {
  std::size_t period = 5;  ///< n, the number of returns in the window, 1..100000
  friend constexpr bool operator==(const beta_params&, const beta_params&) = default;
};

/// Rolling beta (TA-Lib BETA): the least-squares slope of the one-bar returns of `y` on those of
/// `x` over the last n returns, beta = (n Sxy - Sx Sy) / (n Sxx - Sx^2), with the simple returns
/// r_t = (p_t - p_{t-1}) / p_{t-1} of each series (x = TA-Lib's inReal0, y = inReal1).
///
/// Convention: TA-Lib's running sums in its order of operations. TA-Lib 0.6.4's zero rules: a
/// return whose previous price is zero (|p| < 1e-14, absolute) is 0, and a denominator
/// n Sxx - Sx^2 with |.| < 1e-14 gives 0. Warm-up: n inputs (n returns need n + 1 prices).
/// NaN rule: an input with a non-finite x or y returns NaN and is skipped (the next returns are
/// measured from the last finite pair). Throws invalid_argument for a period outside 1..100000.
/// O(1) per update, O(n) memory.
class beta {
 public:
  using params_type = beta_params;
  using input_type = pair_input;
  using value_type = double;

  beta() : beta(params_type{}) {}
  explicit beta(std::size_t period) : beta(params_type{.period = period}) {}
  explicit beta(const params_type& p)
      : p_(check(p)), n_(static_cast<double>(p.period)), returns_(p.period) {}

  value_type update(const pair_input& in) noexcept {
    if (!detail::finite(in.x, in.y)) return detail::nan;
    if (!has_last_) {
      last_x_ = in.x;
      last_y_ = in.y;
      has_last_ = true;
      return value_;
    }
    const double x = simple_return(in.x, last_x_);
    const double y = simple_return(in.y, last_y_);
    last_x_ = in.x;
    last_y_ = in.y;
    s_xx_ += x * x;
    s_xy_ += x * y;
    s_x_ += x;
    s_y_ += y;
    returns_.push(pair_input{x, y});
    if (returns_.full()) {
      const double den = n_ * s_xx_ - s_x_ * s_x_;
      value_ = detail::talib_is_zero(den) ? 0.0 : (n_ * s_xy_ - s_x_ * s_y_) / den;
      // TA-Lib removes the trailing return right after the output.
      const pair_input& old = returns_.oldest();
      s_xx_ -= old.x * old.x;
      s_xy_ -= old.x * old.y;
      s_x_ -= old.x;
      s_y_ -= old.y;
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return returns_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    returns_.clear();
    has_last_ = false;
    last_x_ = last_y_ = 0.0;
    s_xx_ = s_xy_ = s_x_ = s_y_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static double simple_return(double p, double last) noexcept {
    return detail::talib_is_zero(last) ? 0.0 : (p - last) / last;
  }
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::beta", "period", 1);
    return p;
  }
  params_type p_;
  double n_;
  detail::ring_buffer<pair_input> returns_;  // the (x, y) returns of the window
  bool has_last_ = false;
  double last_x_ = 0.0;
  double last_y_ = 0.0;
  double s_xx_ = 0.0;
  double s_xy_ = 0.0;
  double s_x_ = 0.0;
  double s_y_ = 0.0;
  double value_ = detail::nan;
};

static_assert(Indicator<beta>);

}  // namespace quantkit::indicators
