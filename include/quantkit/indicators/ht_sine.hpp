// SPDX-License-Identifier: MIT
// quantkit/indicators/ht_sine.hpp - Hilbert transform sine wave (TA-Lib HT_SINE)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/hilbert.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of ht_sine (none: Ehlers' constants are fixed, as in TA-Lib).
struct ht_sine_params {
  friend constexpr bool operator==(const ht_sine_params&, const ht_sine_params&) = default;
};

/// Outputs of ht_sine.
struct ht_sine_value {
  double sine = detail::nan;      ///< sin(DCPhase)
  double leadsine = detail::nan;  ///< sin(DCPhase + 45 degrees)
};

/// Hilbert transform sine wave indicator (Ehlers, "Rocket Science for Traders", 2001): the sine
/// of the dominant cycle phase and of the phase advanced by 45 degrees.
///
/// Convention (TA-Lib HT_SINE): the phase of ht_dcphase (TA-Lib's engine, 34 smoothing-only
/// inputs), converted with TA-Lib's deg2Rad = 1 / rad2Deg. Warm-up: 63 inputs. NaN rule: a
/// non-finite input returns NaN (both fields) and is skipped. Never throws. O(dominant period)
/// <= 50 per update, O(1) memory.
class ht_sine {
 public:
  using params_type = ht_sine_params;
  using input_type = double;
  using value_type = ht_sine_value;

  ht_sine() = default;
  explicit ht_sine(const params_type& p) : p_(p) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return value_type{};
    if (!cycle_.update(x)) return value_;
    const double phase = phase_.update(cycle_);
    if (cycle_.count() > lookback) {
      const double deg2rad = 1.0 / detail::hilbert_cycle::rad2deg();
      value_ = {std::sin(phase * deg2rad), std::sin((phase + 45.0) * deg2rad)};
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return cycle_.count() > lookback; }
  [[nodiscard]] std::size_t warmup() const noexcept { return lookback; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    cycle_ = detail::hilbert_cycle(34);
    phase_ = detail::dc_phase{};
    value_ = value_type{};
  }

 private:
  static constexpr std::size_t lookback = 63;
  params_type p_{};
  detail::hilbert_cycle cycle_{34};
  detail::dc_phase phase_{};
  value_type value_{};
};

static_assert(ScalarIndicator<ht_sine>);

}  // namespace quantkit::indicators
