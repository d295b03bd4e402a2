// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/wilder.hpp - Wilder's smoothed average as TA-Lib evaluates it
#pragma once

#include <cstddef>

namespace quantkit::indicators::detail {

/// Wilder's smoothing (an EMA with k = 1/n) with TA-Lib's seed, shared by ATR, ADX and NATR:
/// the first value is the plain mean of the first n pushed values (summed in order, then divided
/// by n), then A_t = (A_{t-1} (n - 1) + x_t) / n, evaluated in TA-Lib's order (multiply, add,
/// divide) so the values are bit-identical to TA-Lib's ATR, ADX and RSI recursions.
/// O(1) per push, no allocation. The caller applies the NaN rule (push finite values only).
class wilder_average {
 public:
  wilder_average() = default;
  explicit wilder_average(std::size_t period) noexcept
      : n_(period), nd_(static_cast<double>(period)) {}

  /// Folds x in; returns true once the average is defined (n values pushed).
  bool push(double x) noexcept {
    if (count_ < n_) {
      sum_ += x;
      if (++count_ < n_) return false;
      value_ = sum_ / nd_;
      return true;
    }
    value_ *= nd_ - 1.0;
    value_ += x;
    value_ /= nd_;
    return true;
  }

  /// True once n values have been pushed.
  [[nodiscard]] bool ready() const noexcept { return count_ == n_; }
  /// The average (meaningful when ready()).
  [[nodiscard]] double value() const noexcept { return value_; }
  [[nodiscard]] std::size_t period() const noexcept { return n_; }

  void reset() noexcept {
    count_ = 0;
    sum_ = 0.0;
    value_ = 0.0;
  }

 private:
  std::size_t n_ = 1;
  double nd_ = 1.0;
  std::size_t count_ = 0;  // values pushed, saturating at n
  double sum_ = 0.0;
  double value_ = 0.0;
};

}  // namespace quantkit::indicators::detail
