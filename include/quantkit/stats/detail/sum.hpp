// SPDX-License-Identifier: MIT
// quantkit/stats/detail/sum.hpp - compensated summation shared by the statistics layer
#pragma once

#include <cmath>
#include <cstddef>
#include <span>

namespace quantkit::stats::detail {

/// Neumaier's improved Kahan summation: the error does not grow with n (unlike a plain loop),
/// and large cancelling terms are handled. One home for every sum the layer needs.
class neumaier_sum {
 public:
  void add(double x) noexcept {
    const double t = sum_ + x;
    if (std::fabs(sum_) >= std::fabs(x)) {
      c_ += (sum_ - t) + x;
    } else {
      c_ += (x - t) + sum_;
    }
    sum_ = t;
  }
  [[nodiscard]] double value() const noexcept { return sum_ + c_; }

 private:
  double sum_ = 0.0;
  double c_ = 0.0;
};

/// Compensated sum of a span.
inline double sum(std::span<const double> x) noexcept {
  neumaier_sum s;
  for (double v : x) s.add(v);
  return s.value();
}

}  // namespace quantkit::stats::detail
