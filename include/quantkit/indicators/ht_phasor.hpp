// SPDX-License-Identifier: MIT
// quantkit/indicators/ht_phasor.hpp - Hilbert transform phasor components (TA-Lib HT_PHASOR)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/hilbert.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of ht_phasor (none: Ehlers' constants are fixed, as in TA-Lib).
struct ht_phasor_params {
  friend constexpr bool operator==(const ht_phasor_params&, const ht_phasor_params&) = default;
};

/// Outputs of ht_phasor.
struct ht_phasor_value {
  double inphase = detail::nan;     ///< I1: the detrended price three samples back
  double quadrature = detail::nan;  ///< Q1: the Hilbert transform of the detrended price
};

/// Hilbert transform phasor components (Ehlers, "Rocket Science for Traders", 2001): the
/// in-phase I1 and quadrature Q1 components of the detrended, WMA-smoothed price.
///
/// Convention (TA-Lib HT_PHASOR): TA-Lib's engine (detail::hilbert_cycle) with 9 smoothing-only
/// inputs; the filters alternate even/odd lanes by input position as in TA-Lib. Warm-up: 32
/// inputs (TA-Lib's fixed lookback). NaN rule: a non-finite input returns NaN (both fields) and
/// is skipped. Never throws. O(1) per update and memory.
class ht_phasor {
 public:
  using params_type = ht_phasor_params;
  using input_type = double;
  using value_type = ht_phasor_value;

  ht_phasor() = default;
  explicit ht_phasor(const params_type& p) : p_(p) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return value_type{};
    if (cycle_.update(x) && cycle_.count() > lookback) {
      value_ = {cycle_.in_phase(), cycle_.quadrature()};
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return cycle_.count() > lookback; }
  [[nodiscard]] std::size_t warmup() const noexcept { return lookback; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    cycle_ = detail::hilbert_cycle(9);
    value_ = value_type{};
  }

 private:
  static constexpr std::size_t lookback = 32;
  params_type p_{};
  detail::hilbert_cycle cycle_{9};
  value_type value_{};
};

static_assert(ScalarIndicator<ht_phasor>);

}  // namespace quantkit::indicators
