// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/window_ma.hpp - TA-Lib's windowed moving-average recurrences (SMA,
// WMA, TRIMA, KAMA) as kernels over a shared history, so one window can serve many periods (MAVP)
#pragma once

#include "common.hpp"
#include "ring_buffer.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators::detail {

/// The value pushed k steps before the newest one (ago(h, 0) is the newest).
inline double ago(const ring_buffer<double>& h, std::size_t k) noexcept {
  return h[h.size() - 1 - k];
}

// Each kernel below is the state of one moving average of period p. step(x, n, h) consumes the
// input x, which the caller has just pushed into the history h (so ago(h, 0) == x); n is the number
// of inputs this kernel has consumed, x included (1-based). It returns the average once n >= the
// kernel's warm-up + 1 and NaN before. A kernel reads only values it has consumed, so a history
// shared by kernels started at different times is enough (capacity: the largest p + 2). The
// operations follow TA-Lib's C code in order, so the results agree with TA-Lib bit for bit.

/// TA-Lib SMA: running sum; add, divide, then drop the value that leaves the window.
struct sma_kernel {
  std::size_t p = 1;
  double sum = 0.0;

  double step(double x, std::size_t n, const ring_buffer<double>& h) noexcept {
    sum += x;
    if (n < p) return nan;
    const double v = sum / static_cast<double>(p);
    sum -= ago(h, p - 1);
    return v;
  }
};

/// TA-Lib WMA (weights 1..p, newest heaviest): a weighted sum and a plain sum updated in O(1).
struct wma_kernel {
  std::size_t p = 1;
  double sub = 0.0;       // plain sum of the window (TA-Lib periodSub)
  double sum = 0.0;       // weighted sum (TA-Lib periodSum)
  double trailing = 0.0;  // value that leaves the plain sum on the next step

  double step(double x, std::size_t n, const ring_buffer<double>& h) noexcept {
    if (n < p) {
      sub += x;
      sum += x * static_cast<double>(n);
      return nan;
    }
    sub += x;
    sub -= trailing;
    sum += x * static_cast<double>(p);
    trailing = ago(h, p - 1);
    const double v = sum / static_cast<double>(p * (p + 1) / 2);
    sum -= sub;
    return v;
  }
};

/// TA-Lib TRIMA: triangular weights 1, 2, .., m, .., 2, 1 kept as a numerator with the sums of
/// the rising (sub) and falling (add) halves, updated in O(1); p >= 2.
struct trima_kernel {
  std::size_t p = 2;
  double numerator = 0.0;
  double sub = 0.0;
  double add = 0.0;

  [[nodiscard]] double factor() const noexcept {
    const std::size_t i = p / 2;
    return 1.0 / static_cast<double>(p % 2 == 1 ? (i + 1) * (i + 1) : i * (i + 1));
  }

  double step(double x, std::size_t n, const ring_buffer<double>& h) noexcept {
    if (n < p) return nan;
    // The middle of the window is i values after the oldest: ago(i) for odd and even p alike.
    const std::size_t i = p / 2;
    if (n == p) {
      // TA-Lib's first window: sub from the middle back to the oldest, add from after the middle
      // up to the newest.
      numerator = 0.0;
      sub = 0.0;
      add = 0.0;
      for (std::size_t k = i; k < p; ++k) {
        sub += ago(h, k);
        numerator += sub;
      }
      for (std::size_t k = i; k-- > 0;) {
        add += ago(h, k);
        numerator += add;
      }
      return numerator * factor();
    }
    const double mid = ago(h, i);
    numerator -= sub;
    sub -= ago(h, p);  // the value that just left the window
    sub += mid;
    if (p % 2 == 1) {
      numerator += add;
      add -= mid;
    } else {
      add -= mid;
      numerator += add;
    }
    add += x;
    numerator += x;
    return numerator * factor();
  }
};

/// TA-Lib KAMA (Kaufman 1995): efficiency ratio ER = |x_t - x_{t-p}| / sum |x_i - x_{i-1}|,
/// smoothing sc = (ER (2/3 - 2/31) + 2/31)^2, KAMA_t = (x_t - KAMA_{t-1}) sc + KAMA_{t-1},
/// seeded with x_{t-1} at the first output (input p + 1); p >= 2.
struct kama_kernel {
  std::size_t p = 2;
  double sum_roc = 0.0;
  double value = 0.0;

  double step(double x, std::size_t n, const ring_buffer<double>& h) noexcept {
    if (n == 1) return nan;
    if (n <= p + 1) {
      sum_roc += std::fabs(ago(h, 1) - x);
      if (n <= p) return nan;
      value = adapt(sum_roc, ago(h, 1), x, x - ago(h, p));
      return value;
    }
    return next(x, ago(h, 1), ago(h, p), ago(h, p + 1));
  }

  /// The step after the first output, given x_{t-1} (`prev`), x_{t-p} (`back`) and x_{t-p-1}
  /// (`gone`).
  double next(double x, double prev, double back, double gone) noexcept {
    sum_roc = path(sum_roc, x, prev, back, gone);
    value = adapt(sum_roc, value, x, x - back);
    return value;
  }

  // The recurrences as pure functions (a loop can keep their state in registers).
  /// The path length after x: - |x_{t-p-1} - x_{t-p}| + |x_t - x_{t-1}|.
  static double path(double sum, double x, double prev, double back, double gone) noexcept {
    sum -= std::fabs(gone - back);
    sum += std::fabs(x - prev);
    return sum;
  }
  /// The next KAMA from the path length, the previous KAMA and the move roc = x_t - x_{t-p}.
  static double adapt(double sum, double prev_kama, double x, double roc) noexcept {
    constexpr double fastest = 2.0 / (2.0 + 1.0);
    constexpr double slowest = 2.0 / (30.0 + 1.0);
    constexpr double diff = fastest - slowest;
    // TA-Lib: ER = 1 when the path is no longer than the move or (absolutely) zero.
    double sc = (sum <= roc || talib_is_zero(sum)) ? 1.0 : std::fabs(roc / sum);
    sc = (sc * diff) + slowest;
    sc *= sc;
    return ((x - prev_kama) * sc) + prev_kama;
  }
};

}  // namespace quantkit::indicators::detail
