// SPDX-License-Identifier: MIT
// quantkit/indicators/avgdev.hpp - rolling mean absolute deviation (TA-Lib AVGDEV)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/sliding_window.hpp"

#include <cmath>
#include <cstddef>
#include <span>

namespace quantkit::indicators {

/// Parameters of avgdev.
struct avgdev_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const avgdev_params&, const avgdev_params&) = default;
};

/// Average (mean absolute) deviation of the last n inputs around their mean:
/// AVGDEV_t = (1/n) sum |x_i - mean| (TA-Lib AVGDEV).
///
/// Convention: TA-Lib's two passes over the window, each summed from the newest value to the
/// oldest, in its order of operations, so identical to TA-Lib. Warm-up: n - 1 inputs. NaN rule: a
/// non-finite input returns NaN and is skipped. Throws invalid_argument for a period outside
/// 2..100000. O(n) per update (the mean moves every absolute deviation), O(n) memory.
class avgdev {
 public:
  using params_type = avgdev_params;
  using input_type = double;
  using value_type = double;

  avgdev() : avgdev(params_type{}) {}
  explicit avgdev(std::size_t period) : avgdev(params_type{.period = period}) {}
  explicit avgdev(const params_type& p)
      : p_(check(p)), n_(static_cast<double>(p.period)), window_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    window_.push(x);
    if (!window_.full()) return value_;
    const std::span<const double> w = window_.values();
    double sum = 0.0;
    for (std::size_t i = w.size(); i-- > 0;) sum += w[i];
    const double mean = sum / n_;
    double dev = 0.0;
    for (std::size_t i = w.size(); i-- > 0;) dev += std::fabs(w[i] - mean);
    value_ = dev / n_;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    window_.clear();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::avgdev");
    return p;
  }
  params_type p_;
  double n_;
  detail::sliding_window<double> window_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<avgdev>);

}  // namespace quantkit::indicators
