// SPDX-License-Identifier: MIT
// quantkit/indicators/ht_dcperiod.hpp - Hilbert transform dominant cycle period (TA-Lib
// HT_DCPERIOD)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/hilbert.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of ht_dcperiod (none: Ehlers' constants are fixed, as in TA-Lib).
struct ht_dcperiod_params {
  friend constexpr bool operator==(const ht_dcperiod_params&, const ht_dcperiod_params&) = default;
};

/// Hilbert transform dominant cycle period (Ehlers, "Rocket Science for Traders", 2001): the
/// homodyne-discriminator period, clamped and smoothed 0.2 / 0.8, then smoothed again 0.33 / 0.67.
///
/// Convention (TA-Lib HT_DCPERIOD): TA-Lib's engine (detail::hilbert_cycle) with 9
/// smoothing-only inputs; everything starts at 0. Warm-up: 32 inputs (TA-Lib's fixed lookback).
/// NaN rule: a non-finite input returns NaN and is skipped (the even/odd filter lanes follow the
/// finite inputs). Never throws. O(1) per update and memory.
class ht_dcperiod {
 public:
  using params_type = ht_dcperiod_params;
  using input_type = double;
  using value_type = double;

  ht_dcperiod() = default;
  explicit ht_dcperiod(const params_type& p) : p_(p) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    if (cycle_.update(x) && cycle_.count() > lookback) value_ = cycle_.smooth_period();
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return cycle_.count() > lookback; }
  [[nodiscard]] std::size_t warmup() const noexcept { return lookback; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    cycle_ = detail::hilbert_cycle(9);
    value_ = detail::nan;
  }

 private:
  static constexpr std::size_t lookback = 32;
  params_type p_{};
  detail::hilbert_cycle cycle_{9};
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<ht_dcperiod>);

}  // namespace quantkit::indicators
