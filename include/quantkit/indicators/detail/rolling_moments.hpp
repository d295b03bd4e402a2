// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/rolling_moments.hpp - rolling mean and sample variance without drift
#pragma once

#include "ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators::detail {

/// Mean and sample variance of the last n pushed values, O(1) amortized per push.
///
/// Running sums of the shifted values d = x - K (K, the shift, is a recent value of the window),
/// var = (sum d^2 - (sum d)^2 / n) / (n - 1): shifting by a value close to the mean avoids the
/// cancellation of the plain sum-of-squares formula, and a constant window gives exactly 0. Every
/// n pushes the sums are recomputed from the window with K = its newest value, so rounding
/// residue never accumulates (O(n) every n pushes: O(1) amortized). No allocation after
/// construction. Reference: Chan, Golub and LeVeque (1983), "Algorithms for computing the sample
/// variance", The American Statistician 37(3).
class rolling_moments {
 public:
  rolling_moments() = default;
  explicit rolling_moments(std::size_t n)
      : n_(n == 0 ? 1 : n), nd_(static_cast<double>(n_)), window_(n_) {}

  void push(double x) noexcept {
    double old = 0.0;
    if (window_.push(x, old)) {
      const double d = old - shift_;
      sum_ -= d;
      sum2_ -= d * d;
    }
    const double d = x - shift_;
    sum_ += d;
    sum2_ += d * d;
    if (++since_reseed_ >= n_ && window_.full()) reseed();
  }

  /// True once n values have been pushed.
  [[nodiscard]] bool full() const noexcept { return window_.full(); }
  /// Mean of the window (valid when full()).
  [[nodiscard]] double mean() const noexcept { return shift_ + sum_ / nd_; }
  /// Sample variance (divisor n - 1) of the window, never negative (valid when full(), n >= 2).
  [[nodiscard]] double sample_variance() const noexcept {
    const double v = (sum2_ - sum_ * sum_ / nd_) / (nd_ - 1.0);
    return v > 0.0 ? v : 0.0;
  }

  void clear() noexcept {
    window_.clear();
    shift_ = sum_ = sum2_ = 0.0;
    since_reseed_ = 0;
  }

 private:
  void reseed() noexcept {
    shift_ = window_.newest();
    sum_ = 0.0;
    sum2_ = 0.0;
    for (std::size_t i = 0; i < n_; ++i) {
      const double d = window_[i] - shift_;
      sum_ += d;
      sum2_ += d * d;
    }
    since_reseed_ = 0;
  }

  std::size_t n_ = 1;
  double nd_ = 1.0;
  ring_buffer<double> window_;
  double shift_ = 0.0;  // K
  double sum_ = 0.0;    // sum of (x - K) over the window
  double sum2_ = 0.0;   // sum of (x - K)^2 over the window
  std::size_t since_reseed_ = 0;
};

}  // namespace quantkit::indicators::detail
