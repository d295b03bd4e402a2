// SPDX-License-Identifier: MIT
// quantkit/indicators/sma.hpp - simple moving average (TA-Lib SMA), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of sma.
struct sma_params {
  std::size_t period = 30;  ///< window length n, 1..100000
  friend constexpr bool operator==(const sma_params&, const sma_params&) = default;
};

/// Simple moving average: SMA_t = (x_{t-n+1} + ... + x_t) / n (TA-Lib SMA).
///
/// Convention: TA-Lib's running sum in TA-Lib's order of operations (add the new value, divide,
/// then subtract the value that leaves the window), so results agree with TA-Lib to the last bits.
/// Period 1 is the identity (TA-Lib's SMA starts at 2; its MA accepts 1).
/// Warm-up: n - 1 inputs. NaN rule: a non-finite input returns NaN and is skipped.
/// Throws invalid_argument for a period outside 1..100000. O(1) per update, O(n) memory.
class sma {
 public:
  using params_type = sma_params;
  using input_type = double;
  using value_type = double;

  sma() : sma(params_type{}) {}
  explicit sma(std::size_t period) : sma(params_type{.period = period}) {}
  explicit sma(const params_type& p) : p_(check(p)), window_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    sum_ += x;
    window_.push(x);  // when full, the evicted value was subtracted on the previous step
    if (window_.full()) {
      value_ = sum_ / static_cast<double>(p_.period);
      sum_ -= window_.oldest();  // TA-Lib subtracts the trailing value right after dividing
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
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::sma", "period", 1);
    return p;
  }
  params_type p_;
  detail::ring_buffer<double> window_;
  double sum_ = 0.0;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<sma>);

}  // namespace quantkit::indicators
