// SPDX-License-Identifier: MIT
// quantkit/indicators/zscore.hpp - rolling z-score (not in TA-Lib), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of zscore.
struct zscore_params {
  std::size_t period = 20;  ///< window n, 2..100000
  friend constexpr bool operator==(const zscore_params&, const zscore_params&) = default;
};

/// Rolling z-score: z_t = (x_t - mean_n) / sd_n over the last n inputs (x_t included), sd the
/// population standard deviation (divisor n, as TA-Lib's STDDEV and BBANDS; multiply z by
/// sqrt((n - 1) / n) for the sample convention).
///
/// Convention: a window with zero deviation (all n values equal, or a variance that rounds to
/// <= 0) gives z = 0, the input being the mean. The sums are kept about a shift K (the window
/// mean at the last exact recomputation, redone every n inputs), so unlike TA-Lib's one-pass
/// mean(x^2) - mean^2 the result keeps its precision when |mean| >> sd. Warm-up: n - 1 inputs.
/// NaN rule: a non-finite input returns NaN and is skipped. Throws invalid_argument for a period
/// outside 2..100000. O(1) amortized per update, O(n) memory.
class zscore {
 public:
  using params_type = zscore_params;
  using input_type = double;
  using value_type = double;

  zscore() : zscore(params_type{}) {}
  explicit zscore(std::size_t period) : zscore(params_type{.period = period}) {}
  explicit zscore(const params_type& p)
      : p_(check(p)), n_(static_cast<double>(p.period)), window_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    run_ = x == last_ ? run_ + 1 : 1;
    last_ = x;
    double old = 0.0;
    const bool evicted = window_.push(x, old);
    if (!window_.full()) return value_;
    if (!evicted || ++since_exact_ == p_.period) {
      recompute();
    } else {
      const double dx = x - shift_;
      const double dold = old - shift_;
      s1_ += dx - dold;
      s2_ += dx * dx - dold * dold;
    }
    if (run_ >= p_.period) {
      value_ = 0.0;
      return value_;
    }
    const double mean_dev = s1_ / n_;
    const double var = s2_ / n_ - mean_dev * mean_dev;
    value_ = var > 0.0 ? ((x - shift_) - mean_dev) / std::sqrt(var) : 0.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    window_.clear();
    shift_ = 0.0;
    s1_ = 0.0;
    s2_ = 0.0;
    since_exact_ = 0;
    run_ = 0;
    last_ = detail::nan;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::zscore");
    return p;
  }
  // Two passes over the window: K = mean, then the sums of deviations about K.
  void recompute() noexcept {
    double sum = 0.0;
    for (std::size_t i = 0; i < p_.period; ++i) sum += window_[i];
    shift_ = sum / n_;
    s1_ = 0.0;
    s2_ = 0.0;
    for (std::size_t i = 0; i < p_.period; ++i) {
      const double d = window_[i] - shift_;
      s1_ += d;
      s2_ += d * d;
    }
    since_exact_ = 0;
  }
  params_type p_;
  double n_;
  detail::ring_buffer<double> window_;
  double shift_ = 0.0;  // K
  double s1_ = 0.0;     // sum of (x - K) over the window
  double s2_ = 0.0;     // sum of (x - K)^2 over the window
  std::size_t since_exact_ = 0;
  std::size_t run_ = 0;  // length of the current run of equal inputs
  double last_ = detail::nan;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<zscore>);

}  // namespace quantkit::indicators
