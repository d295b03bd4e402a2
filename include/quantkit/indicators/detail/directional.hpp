// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/directional.hpp - Wilder's directional movement as TA-Lib computes it
// (shared by PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI, DX, ADX, ADXR)
#pragma once

#include "common.hpp"
#include "true_range.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators::detail {

/// One bar's directional movement against the previous bar (Wilder's +DM1 and -DM1).
struct directional_move {
  double plus = 0.0;
  double minus = 0.0;
};

/// TA-Lib's classification: with up = high - prev_high and down = prev_low - low, the bar is a
/// -DM bar when down > 0 and up < down, else a +DM bar when up > 0 and up > down, else neither
/// (an inside bar, or equal moves). At most one of the two fields is non-zero.
inline directional_move directional_move_of(double prev_high, double prev_low, double high,
                                            double low) noexcept {
  const double up = high - prev_high;
  const double down = prev_low - low;
  directional_move m;
  if (down > 0.0 && up < down) {
    m.minus = down;
  } else if (up > 0.0 && up > down) {
    m.plus = up;
  }
  return m;
}

/// Wilder's running sums of +DM, -DM and (with WithTrueRange) the true range, seeded as TA-Lib
/// seeds them: the first n - 1 one-bar values are summed plainly, then every later one is folded
/// in as S = S - S / n + v (TA-Lib's order). So the sums are *totals* (about n times an average),
/// and with n = 1 they are the one-bar values themselves. The caller applies the NaN rule.
/// O(1) per bar, no allocation.
template <bool WithTrueRange>
class directional_sums {
 public:
  directional_sums() = default;
  explicit directional_sums(std::size_t period) noexcept
      : n_(period), nd_(static_cast<double>(period)) {}

  /// Consumes one bar (close is ignored without WithTrueRange).
  void push(double high, double low, double close) noexcept {
    if (!started_) {
      started_ = true;
    } else {
      const directional_move m = directional_move_of(prev_high_, prev_low_, high, low);
      if (moves_ + 1 < n_) {
        plus_ += m.plus;
        minus_ += m.minus;
        if constexpr (WithTrueRange) tr_ += true_range_of(high, low, prev_close_);
      } else {
        plus_ = plus_ - plus_ / nd_ + m.plus;
        minus_ = minus_ - minus_ / nd_ + m.minus;
        if constexpr (WithTrueRange) tr_ = tr_ - tr_ / nd_ + true_range_of(high, low, prev_close_);
      }
      if (moves_ <= n_) ++moves_;  // saturates at n + 1: only comparisons with n matter
    }
    prev_high_ = high;
    prev_low_ = low;
    if constexpr (WithTrueRange) prev_close_ = close;
  }

  /// One-bar moves folded so far (bars - 1), saturating at period + 1.
  [[nodiscard]] std::size_t moves() const noexcept { return moves_; }
  [[nodiscard]] double plus_dm() const noexcept { return plus_; }
  [[nodiscard]] double minus_dm() const noexcept { return minus_; }
  [[nodiscard]] double true_range() const noexcept { return tr_; }
  [[nodiscard]] std::size_t period() const noexcept { return n_; }

  void reset() noexcept {
    started_ = false;
    moves_ = 0;
    prev_high_ = prev_low_ = prev_close_ = 0.0;
    plus_ = minus_ = tr_ = 0.0;
  }

 private:
  std::size_t n_ = 1;
  double nd_ = 1.0;
  bool started_ = false;
  std::size_t moves_ = 0;
  double prev_high_ = 0.0;
  double prev_low_ = 0.0;
  double prev_close_ = 0.0;
  double plus_ = 0.0;
  double minus_ = 0.0;
  double tr_ = 0.0;
};

/// Wilder's directional index from the smoothed sums, in TA-Lib's order:
/// -DI = 100 (-DM / TR), +DI = 100 (+DM / TR), DX = 100 (|-DI - +DI| / (-DI + +DI)).
/// Returns false (dx untouched) when TR or -DI + +DI is zero in TA-Lib's sense (|v| < 1e-14),
/// where TA-Lib's DX repeats its previous value and ADX skips the bar.
inline bool directional_index(double plus_dm, double minus_dm, double tr, double& dx) noexcept {
  if (talib_is_zero(tr)) return false;
  const double minus_di = 100.0 * (minus_dm / tr);
  const double plus_di = 100.0 * (plus_dm / tr);
  const double sum = minus_di + plus_di;
  if (talib_is_zero(sum)) return false;
  dx = 100.0 * (std::fabs(minus_di - plus_di) / sum);
  return true;
}

}  // namespace quantkit::indicators::detail
