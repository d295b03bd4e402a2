// SPDX-License-Identifier: MIT
// quantkit/indicators/plus_di.hpp - Wilder's +DI (TA-Lib PLUS_DI), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/directional.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of plus_di.
struct plus_di_params {
  std::size_t period = 14;  ///< n, 1..100000
  friend constexpr bool operator==(const plus_di_params&, const plus_di_params&) = default;
};

/// Wilder's +DI (New Concepts in Technical Trading Systems, 1978; TA-Lib PLUS_DI):
/// +DI = 100 * +DM_n / TR_n, both smoothed as S = S - S / n + v.
///
/// Convention (TA-Lib): the sums start as the plain totals of the first n - 1 one-bar values and
/// the first output comes one bar later, after one smoothing step (see plus_dm for the +DM
/// rule). TR_n zero in TA-Lib's sense (|TR| < 1e-14, absolute) gives 0. TA-Lib quirk, replicated:
/// with n = 1 the output is the fraction +DM1 / TR1, *not* multiplied by 100. Warm-up: n bars
/// (1 when n = 1). NaN rule: a bar with a non-finite high, low or close returns NaN and is skipped.
/// Throws invalid_argument for a period outside 1..100000. O(1) per update and memory.
class plus_di {
 public:
  using params_type = plus_di_params;
  using input_type = bar;
  using value_type = double;

  plus_di() : plus_di(params_type{}) {}
  explicit plus_di(std::size_t period) : plus_di(params_type{.period = period}) {}
  explicit plus_di(const params_type& p) : p_(check(p)), sums_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    sums_.push(b.high, b.low, b.close);
    if (sums_.moves() < p_.period) return value_;
    const double tr = sums_.true_range();
    const double dm = sums_.plus_dm();
    if (detail::talib_is_zero(tr)) {
      value_ = 0.0;
    } else if (p_.period == 1) {
      value_ = dm / tr;
    } else {
      value_ = 100.0 * (dm / tr);
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
    detail::require_period(p.period, "quantkit::indicators::plus_di", "period", 1);
    return p;
  }
  params_type p_;
  detail::directional_sums<true> sums_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<plus_di>);

}  // namespace quantkit::indicators
