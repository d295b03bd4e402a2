// SPDX-License-Identifier: MIT
// quantkit/indicators/tsf.hpp - time series forecast (TA-Lib TSF)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/linreg.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of tsf.
struct tsf_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const tsf_params&, const tsf_params&) = default;
};

/// Time series forecast: the least-squares line through the last n inputs extrapolated one step
/// ahead, TSF_t = b + m n (TA-Lib TSF).
///
/// Convention: TA-Lib's O(n) recomputation of the least-squares sums at each step in TA-Lib's
/// order of operations (detail::linreg_window), bit for bit with TA-Lib for n <= 1024 (TA-Lib's
/// 32-bit sums overflow above). Warm-up: n - 1 inputs. NaN rule: a non-finite input returns NaN
/// and is skipped (the window holds the last n finite inputs). Throws invalid_argument for a
/// period outside 2..100000. O(n) per update, O(n) memory.
class tsf {
 public:
  using params_type = tsf_params;
  using input_type = double;
  using value_type = double;

  tsf() : tsf(params_type{}) {}
  explicit tsf(std::size_t period) : tsf(params_type{.period = period}) {}
  explicit tsf(const params_type& p)
      : p_(check(p)), n_(static_cast<double>(p.period)), lr_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    if (lr_.push(x)) {
      const detail::linreg_fit fit = lr_.fit();
      value_ = fit.b + fit.m * n_;
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
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::tsf");
    return p;
  }
  params_type p_;
  double n_;
  detail::linreg_window lr_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<tsf>);

}  // namespace quantkit::indicators
