// SPDX-License-Identifier: MIT
// quantkit/indicators/ht_dcphase.hpp - Hilbert transform dominant cycle phase (TA-Lib HT_DCPHASE)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/hilbert.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of ht_dcphase (none: Ehlers' constants are fixed, as in TA-Lib).
struct ht_dcphase_params {
  friend constexpr bool operator==(const ht_dcphase_params&, const ht_dcphase_params&) = default;
};

/// Hilbert transform dominant cycle phase in degrees (Ehlers, "Rocket Science for Traders",
/// 2001): the phase of a one-cycle DFT of the smoothed price at the dominant cycle period.
///
/// Convention (TA-Lib HT_DCPHASE): TA-Lib's engine with 34 smoothing-only inputs and TA-Lib's
/// phase rules (detail::dc_phase: +90, + 360 / period, +180 when the imaginary part is negative,
/// wrapped above 315; previous phase +-90 when it is exactly 0), so the output lies in
/// (-45, 315]. Warm-up: 63 inputs. NaN rule: a non-finite input returns NaN and is skipped.
/// Never throws. O(dominant period) <= 50 per update, O(1) memory.
class ht_dcphase {
 public:
  using params_type = ht_dcphase_params;
  using input_type = double;
  using value_type = double;

  ht_dcphase() = default;
  explicit ht_dcphase(const params_type& p) : p_(p) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    if (!cycle_.update(x)) return value_;
    const double phase = phase_.update(cycle_);
    if (cycle_.count() > lookback) value_ = phase;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return cycle_.count() > lookback; }
  [[nodiscard]] std::size_t warmup() const noexcept { return lookback; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    cycle_ = detail::hilbert_cycle(34);
    phase_ = detail::dc_phase{};
    value_ = detail::nan;
  }

 private:
  static constexpr std::size_t lookback = 63;
  params_type p_{};
  detail::hilbert_cycle cycle_{34};
  detail::dc_phase phase_{};
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<ht_dcphase>);

}  // namespace quantkit::indicators
