// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/linreg.hpp - rolling least-squares line of TA-Lib's LINEARREG family
#pragma once

#include "common.hpp"
#include "sliding_window.hpp"

#include <cstddef>
#include <span>

namespace quantkit::indicators::detail {

/// A least-squares line through the last n inputs: slope m per input and intercept b, the fitted
/// value at the oldest input of the window (so the fitted value at the newest is b + m (n - 1)).
struct linreg_fit {
  double m = nan;
  double b = nan;
};

/// Rolling least-squares fit shared by LINEARREG, LINEARREG_SLOPE, LINEARREG_INTERCEPT,
/// LINEARREG_ANGLE and TSF.
///
/// Convention: TA-Lib's recomputation over the whole window at each step, in its order of
/// operations, so the results agree with TA-Lib bit for bit. TA-Lib regresses on the age i of a
/// value (n - 1 for the oldest, 0 for the newest): SumX = n (n - 1) / 2, SumXSqr = n (n - 1)
/// (2n - 1) / 6, Divisor = SumX^2 - n SumXSqr, SumY and SumXY summed from the oldest value to the
/// newest, m = (n SumXY - SumX SumY) / Divisor, b = (SumY - m SumX) / n. TA-Lib evaluates SumX and
/// SumXSqr in 32-bit int, which overflows for n > 1024; quantkit computes them exactly (identical
/// for n <= 1024). A running-sum O(1) update would drift from these numbers; the O(n) loop is
/// kept because it is also fast (no loop-carried dependency between steps).
class linreg_window {
 public:
  linreg_window() = default;
  explicit linreg_window(std::size_t period)
      : n_(static_cast<double>(period)),
        sum_x_(static_cast<double>(period * (period - 1)) * 0.5),
        divisor_(sum_x_ * sum_x_ -
                 n_ * static_cast<double>(period * (period - 1) * (2 * period - 1) / 6)),
        window_(period) {}

  /// Appends x; returns true once the window holds n values.
  bool push(double x) noexcept {
    window_.push(x);
    return window_.full();
  }
  [[nodiscard]] bool full() const noexcept { return window_.full(); }
  /// The fit over the window (valid when full()).
  [[nodiscard]] linreg_fit fit() const noexcept {
    const std::span<const double> w = window_.values();
    const std::size_t n = w.size();
    double sum_y = 0.0;
    double sum_xy = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
      const double y = w[k];
      sum_y += y;
      sum_xy += static_cast<double>(n - 1 - k) * y;
    }
    const double m = (n_ * sum_xy - sum_x_ * sum_y) / divisor_;
    return {m, (sum_y - m * sum_x_) / n_};
  }
  /// n as a double.
  [[nodiscard]] double n() const noexcept { return n_; }
  void clear() noexcept { window_.clear(); }

 private:
  double n_ = 2.0;
  double sum_x_ = 1.0;
  double divisor_ = -1.0;
  sliding_window<double> window_;
};

}  // namespace quantkit::indicators::detail
