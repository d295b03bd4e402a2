// SPDX-License-Identifier: MIT
// quantkit/indicators/adx.hpp - Wilder's average directional movement index (TA-Lib ADX)
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/directional.hpp"
#include "detail/wilder.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of adx.
struct adx_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const adx_params&, const adx_params&) = default;
};

/// Wilder's average directional movement index (New Concepts in Technical Trading Systems, 1978;
/// TA-Lib ADX): Wilder's average of DX, ADX_t = (ADX_{t-1} (n - 1) + DX_t) / n.
///
/// Convention (TA-Lib): DX as in dx (DM and TR sums seeded with the plain totals of n - 1 bars);
/// the first ADX is the sum of the first n DX values divided by n, where a degenerate DX (TR or
/// -DI + +DI zero in TA-Lib's sense, |v| < 1e-14) adds nothing; afterwards a degenerate DX leaves
/// ADX unchanged. Warm-up: 2n - 1 bars. NaN rule: a bar with a non-finite high, low or close
/// returns NaN and is skipped. Throws invalid_argument for a period outside 2..100000. O(1).
class adx {
 public:
  using params_type = adx_params;
  using input_type = bar;
  using value_type = double;

  adx() : adx(params_type{}) {}
  explicit adx(std::size_t period) : adx(params_type{.period = period}) {}
  explicit adx(const params_type& p) : p_(check(p)), sums_(p.period), average_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    sums_.push(b.high, b.low, b.close);
    if (sums_.moves() < p_.period) return value_;
    double dx = 0.0;
    const bool defined =
        detail::directional_index(sums_.plus_dm(), sums_.minus_dm(), sums_.true_range(), dx);
    if (!average_.ready()) {
      // Seed: a degenerate DX counts as 0 in the sum (adding +0.0 is exact).
      if (average_.push(defined ? dx : 0.0)) value_ = average_.value();
    } else if (defined) {
      average_.push(dx);
      value_ = average_.value();
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return average_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return 2 * p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    sums_.reset();
    average_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::adx");
    return p;
  }
  params_type p_;
  detail::directional_sums<true> sums_;
  detail::wilder_average average_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<adx>);

}  // namespace quantkit::indicators
