// SPDX-License-Identifier: MIT
// quantkit/indicators/pivot_points.hpp - classic, Fibonacci and Camarilla pivot levels
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// The pivot formulas.
enum class pivot_method {
  classic,    ///< floor-trader pivots
  fibonacci,  ///< P +- 0.382, 0.618, 1.000 times the range
  camarilla,  ///< N. Scott's Camarilla levels, C +- 1.1 (H - L) / {12, 6, 4, 2}
};

/// Parameters of pivot_points.
struct pivot_points_params {
  pivot_method method = pivot_method::classic;
  friend constexpr bool operator==(const pivot_points_params&,
                                   const pivot_points_params&) = default;
};

/// Output of pivot_points: the levels valid for the current bar. r4 and s4 exist for Camarilla
/// only (NaN for the other methods).
struct pivot_points_value {
  double pivot = detail::nan;
  double r1 = detail::nan;
  double r2 = detail::nan;
  double r3 = detail::nan;
  double r4 = detail::nan;
  double s1 = detail::nan;
  double s2 = detail::nan;
  double s3 = detail::nan;
  double s4 = detail::nan;
};

/// Pivot points (no TA-Lib counterpart) from the PREVIOUS bar's high H, low L and close C, so the
/// value at bar t uses only bar t - 1 (no look-ahead); feed daily bars for daily pivots (or
/// weekly bars for weekly ones) and hold the levels through the next period's intraday bars.
/// P = (H + L + C) / 3 for every method.
///  - classic: R1 = 2P - L, S1 = 2P - H, R2 = P + (H - L), S2 = P - (H - L), R3 = H + 2 (P - L),
///    S3 = L - 2 (H - P);
///  - fibonacci: R_k = P + f_k (H - L), S_k = P - f_k (H - L), f = 0.382, 0.618, 1.000;
///  - camarilla: R_k = C + 1.1 (H - L) / d_k, S_k = C - 1.1 (H - L) / d_k, d = 12, 6, 4, 2 (k
///  = 1..4).
/// Warm-up: 1 bar. NaN rule on high, low, close. Never throws. O(1) per update and memory.
class pivot_points {
 public:
  using params_type = pivot_points_params;
  using input_type = bar;
  using value_type = pivot_points_value;

  pivot_points() = default;
  explicit pivot_points(pivot_method method) : p_{.method = method} {}
  explicit pivot_points(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return {};
    if (has_prev_) value_ = levels(prev_high_, prev_low_, prev_close_);
    prev_high_ = b.high;
    prev_low_ = b.low;
    prev_close_ = b.close;
    if (has_prev_) ready_ = true;
    has_prev_ = true;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    has_prev_ = false;
    ready_ = false;
    value_ = {};
  }

 private:
  [[nodiscard]] value_type levels(double h, double l, double c) const noexcept {
    const double p = (h + l + c) / 3.0;
    const double range = h - l;
    value_type v{};
    v.pivot = p;
    switch (p_.method) {
      case pivot_method::classic:
        v.r1 = 2.0 * p - l;
        v.s1 = 2.0 * p - h;
        v.r2 = p + range;
        v.s2 = p - range;
        v.r3 = h + 2.0 * (p - l);
        v.s3 = l - 2.0 * (h - p);
        break;
      case pivot_method::fibonacci:
        v.r1 = p + 0.382 * range;
        v.s1 = p - 0.382 * range;
        v.r2 = p + 0.618 * range;
        v.s2 = p - 0.618 * range;
        v.r3 = p + range;
        v.s3 = p - range;
        break;
      case pivot_method::camarilla:
        v.r1 = c + 1.1 * range / 12.0;
        v.s1 = c - 1.1 * range / 12.0;
        v.r2 = c + 1.1 * range / 6.0;
        v.s2 = c - 1.1 * range / 6.0;
        v.r3 = c + 1.1 * range / 4.0;
        v.s3 = c - 1.1 * range / 4.0;
        v.r4 = c + 1.1 * range / 2.0;
        v.s4 = c - 1.1 * range / 2.0;
        break;
    }
    return v;
  }

  params_type p_{};
  bool has_prev_ = false;
  bool ready_ = false;
  double prev_high_ = 0.0;
  double prev_low_ = 0.0;
  double prev_close_ = 0.0;
  value_type value_{};
};

static_assert(BarIndicator<pivot_points>);

}  // namespace quantkit::indicators
