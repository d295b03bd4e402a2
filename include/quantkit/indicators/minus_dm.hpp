// SPDX-License-Identifier: MIT
// quantkit/indicators/minus_dm.hpp - Wilder's smoothed -DM (TA-Lib MINUS_DM), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/directional.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of minus_dm.
struct minus_dm_params {
  std::size_t period = 14;  ///< n, 1..100000
  friend constexpr bool operator==(const minus_dm_params&, const minus_dm_params&) = default;
};

/// Wilder's smoothed -DM (New Concepts in Technical Trading Systems, 1978; TA-Lib MINUS_DM):
/// the sum of the last n one-bar -DM values, smoothed as S = S - S / n + -DM1.
///
/// Convention (TA-Lib): up = high - prev high, down = prev low - low; a bar counts as -DM
/// only when down > 0 and down > up (ties count for neither). The first value is the plain sum
/// of the first n - 1 one-bar values (TA-Lib's seed), so it is a total, not an average; with
/// n = 1 the output is the one-bar -DM itself. Warm-up: n - 1 bars (1 when n = 1). Uses high
/// and low only; NaN rule: a bar with a non-finite high or low returns NaN and is skipped.
/// Throws invalid_argument for a period outside 1..100000. O(1) per update and memory.
class minus_dm {
 public:
  using params_type = minus_dm_params;
  using input_type = bar;
  using value_type = double;

  minus_dm() : minus_dm(params_type{}) {}
  explicit minus_dm(std::size_t period) : minus_dm(params_type{.period = period}) {}
  explicit minus_dm(const params_type& p)
      : p_(check(p)), sums_(p.period), warmup_(p.period > 1 ? p.period - 1 : 1) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low)) return detail::nan;
    sums_.push(b.high, b.low, 0.0);
    if (sums_.moves() >= warmup_) value_ = sums_.minus_dm();
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return sums_.moves() >= warmup_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return warmup_; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    sums_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::minus_dm", "period", 1);
    return p;
  }
  params_type p_;
  detail::directional_sums<false> sums_;
  std::size_t warmup_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<minus_dm>);

}  // namespace quantkit::indicators
