// SPDX-License-Identifier: MIT
// quantkit/indicators/alma.hpp - Arnaud Legoux moving average (not in TA-Lib)
#pragma once

#include "../core/error.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

namespace quantkit::indicators {

/// Parameters of alma.
struct alma_params {
  std::size_t period = 9;  ///< window N, 1..100000
  double offset = 0.85;  ///< position of the Gaussian's peak in the window, 0 (oldest)..1 (newest)
  double sigma = 6.0;    ///< sharpness: the Gaussian's width is N / sigma; > 0
  bool floor =
      false;  ///< round m = offset (N - 1) down (Legoux's MT4 original; TradingView's `floor`)
  friend constexpr bool operator==(const alma_params&, const alma_params&) = default;
};

/// Arnaud Legoux moving average (Legoux & Kouzis-Loukas, 2009): a Gaussian-weighted window,
/// ALMA = sum_i w_i x_{t-N+1+i} / sum_i w_i with w_i = exp(-(i - m)^2 / (2 s^2)), i = 0 (oldest)
/// .. N - 1, m = offset (N - 1), s = N / sigma.
///
/// Convention: TradingView's ta.alma and pandas-ta's alma (m not rounded unless `floor`); the
/// weighted sum runs from the oldest input to the newest and is divided by the sum of the weights
/// at the end. Warm-up: N - 1 inputs. NaN rule: a non-finite input returns NaN and is skipped.
/// Throws invalid_argument for a period outside 1..100000, an offset outside [0, 1] or a sigma
/// that is not finite and > 0. O(N) per update (a convolution with fixed, non-recursive
/// weights), O(N) memory.
class alma {
 public:
  using params_type = alma_params;
  using input_type = double;
  using value_type = double;

  alma() : alma(params_type{}) {}
  explicit alma(std::size_t period, double offset = 0.85, double sigma = 6.0)
      : alma(params_type{.period = period, .offset = offset, .sigma = sigma}) {}
  explicit alma(const params_type& p) : p_(check(p)), weights_(p.period), window_(p.period) {
    const double n = static_cast<double>(p.period);
    double m = p.offset * (n - 1.0);
    if (p.floor) m = std::floor(m);
    const double s = n / p.sigma;
    norm_ = 0.0;
    for (std::size_t i = 0; i < p.period; ++i) {
      const double d = static_cast<double>(i) - m;
      weights_[i] = std::exp(-(d * d) / (2.0 * s * s));
      norm_ += weights_[i];
    }
  }

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    window_.push(x);
    if (!window_.full()) return value_;
    double sum = 0.0;
    for (std::size_t i = 0; i < p_.period; ++i) sum += weights_[i] * window_[i];
    value_ = sum / norm_;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// The (unnormalised) weight of window position i (0 = oldest).
  [[nodiscard]] double weight(std::size_t i) const noexcept { return weights_[i]; }
  void reset() noexcept {
    window_.clear();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    constexpr auto name = "quantkit::indicators::alma";
    detail::require_period(p.period, name, "period", 1);
    require(p.offset >= 0.0 && p.offset <= 1.0, name, "offset", p.offset, "must be in [0, 1]");
    require(p.sigma > 0.0 && detail::finite(p.sigma), name, "sigma", p.sigma,
            "must be finite and > 0");
    return p;
  }
  params_type p_;
  std::vector<double> weights_;
  detail::ring_buffer<double> window_;
  double norm_ = 1.0;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<alma>);

}  // namespace quantkit::indicators
