// SPDX-License-Identifier: MIT
// quantkit/indicators/dx.hpp - Wilder's directional movement index DX (TA-Lib DX), streaming and
// batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/directional.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of dx.
struct dx_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const dx_params&, const dx_params&) = default;
};

/// Wilder's directional movement index (New Concepts in Technical Trading Systems, 1978; TA-Lib
/// DX): DX = 100 |-DI - +DI| / (-DI + +DI), with the DIs of plus_di / minus_di.
///
/// Convention (TA-Lib): the DM and TR sums are seeded and smoothed as in plus_di; the formula is
/// evaluated in TA-Lib's order. When TR or -DI + +DI is zero in TA-Lib's sense (|v| < 1e-14,
/// absolute) the output repeats the previous DX, and is 0 if that happens on the first output
/// (TA-Lib's rule). Warm-up: n bars. NaN rule: a bar with a non-finite high, low or close returns
/// NaN and is skipped. Throws invalid_argument for a period outside 2..100000. O(1) per update.
class dx {
 public:
  using params_type = dx_params;
  using input_type = bar;
  using value_type = double;

  dx() : dx(params_type{}) {}
  explicit dx(std::size_t period) : dx(params_type{.period = period}) {}
  explicit dx(const params_type& p) : p_(check(p)), sums_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    sums_.push(b.high, b.low, b.close);
    if (sums_.moves() < p_.period) return value_;
    double v = 0.0;
    if (detail::directional_index(sums_.plus_dm(), sums_.minus_dm(), sums_.true_range(), v)) {
      value_ = v;
    } else if (std::isnan(value_)) {
      value_ = 0.0;  // degenerate first output: TA-Lib writes 0
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return sums_.moves() >= p_.period; }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    sums_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::dx");
    return p;
  }
  params_type p_;
  detail::directional_sums<true> sums_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<dx>);

}  // namespace quantkit::indicators
