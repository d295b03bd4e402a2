// SPDX-License-Identifier: MIT
// quantkit/indicators/variance.hpp - rolling population variance (TA-Lib VAR), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of variance.
struct variance_params {
  std::size_t period = 5;  ///< n, 1..100000
  friend constexpr bool operator==(const variance_params&, const variance_params&) = default;
};

/// Rolling population variance of the last n inputs: mean(x^2) - mean(x)^2 (TA-Lib VAR; its
/// unused NbDev parameter is dropped).
///
/// Convention: TA-Lib's running sums of x and x^2 in TA-Lib's order of operations, so the results
/// (including the rounding residue of flat windows) agree with TA-Lib bit for bit. The one-pass
/// formula loses relative precision when |mean| >> standard deviation (about 16 - 2 log10(|mean| /
/// sd) significant digits); for such data, difference or demean the series first, or use
/// quantkit::stats for two-pass statistics. Warm-up: n - 1 inputs. NaN rule: a non-finite input
/// returns NaN and is skipped. Throws invalid_argument for a period outside 1..100000. O(1) per
/// update, O(n) memory.
class variance {
 public:
  using params_type = variance_params;
  using input_type = double;
  using value_type = double;

  variance() : variance(params_type{}) {}
  explicit variance(std::size_t period) : variance(params_type{.period = period}) {}
  explicit variance(const params_type& p)
      : p_(check(p)), n_(static_cast<double>(p.period)), window_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    sum_ += x;
    sum2_ += x * x;
    window_.push(x);
    if (window_.full()) {
      const double mean1 = sum_ / n_;
      const double mean2 = sum2_ / n_;
      const double old = window_.oldest();
      sum_ -= old;
      sum2_ -= old * old;
      value_ = mean2 - mean1 * mean1;
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    window_.clear();
    sum_ = 0.0;
    sum2_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::variance", "period", 1);
    return p;
  }
  params_type p_;
  double n_;
  detail::ring_buffer<double> window_;
  double sum_ = 0.0;
  double sum2_ = 0.0;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<variance>);

}  // namespace quantkit::indicators
