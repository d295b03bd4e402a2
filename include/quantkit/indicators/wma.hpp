// SPDX-License-Identifier: MIT
// quantkit/indicators/wma.hpp - linearly weighted moving average (TA-Lib WMA), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of wma.
struct wma_params {
  std::size_t period = 30;  ///< n, 1..100000
  friend constexpr bool operator==(const wma_params&, const wma_params&) = default;
};

/// Weighted moving average with weights 1..n (newest heaviest):
/// WMA_t = sum_{i=1..n} i x_{t-n+i} / (n (n + 1) / 2)  (TA-Lib WMA).
///
/// Convention: TA-Lib's O(1) update with a weighted sum and a plain sum, in TA-Lib's order of
/// operations. Warm-up: n - 1 inputs. NaN rule: a non-finite input returns NaN and is skipped.
/// Throws invalid_argument for a period outside 1..100000. O(1) per update, O(n) memory.
class wma {
 public:
  using params_type = wma_params;
  using input_type = double;
  using value_type = double;

  wma() : wma(params_type{}) {}
  explicit wma(std::size_t period) : wma(params_type{.period = period}) {}
  explicit wma(const params_type& p)
      : p_(check(p)),
        n_(static_cast<double>(p.period)),
        divider_(static_cast<double>(p.period * (p.period + 1) / 2)),
        window_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    if (!window_.full() && window_.size() + 1 < p_.period) {
      // Warm-up: build the sums with weights 1, 2, ... as TA-Lib does.
      window_.push(x);
      sub_ += x;
      sum_ += x * static_cast<double>(window_.size());
      return value_;
    }
    sub_ += x;
    sub_ -= trailing_;
    sum_ += x * n_;
    window_.push(x);
    trailing_ = window_.oldest();
    value_ = sum_ / divider_;
    sum_ -= sub_;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    window_.clear();
    sub_ = 0.0;
    sum_ = 0.0;
    trailing_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::wma", "period", 1);
    return p;
  }
  params_type p_;
  double n_;
  double divider_;
  detail::ring_buffer<double> window_;
  double sub_ = 0.0;       // plain sum of the window (TA-Lib periodSub)
  double sum_ = 0.0;       // weighted sum (TA-Lib periodSum)
  double trailing_ = 0.0;  // value that leaves the plain sum on the next step
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<wma>);

}  // namespace quantkit::indicators
