// SPDX-License-Identifier: MIT
// quantkit/indicators/mama.hpp - MESA adaptive moving average (TA-Lib MAMA), streaming and batch
#pragma once

#include "../core/error.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/hilbert.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of mama.
struct mama_params {
  double fast_limit = 0.5;   ///< largest smoothing factor, 0.01..0.99
  double slow_limit = 0.05;  ///< smallest smoothing factor, 0.01..0.99
  friend constexpr bool operator==(const mama_params&, const mama_params&) = default;
};

/// Outputs of mama.
struct mama_value {
  double mama = detail::nan;  ///< the MESA adaptive moving average
  double fama = detail::nan;  ///< the following adaptive moving average
};

/// MESA adaptive moving average (Ehlers, "MAMA - The Mother of Adaptive Moving Averages", TASC
/// 2001): alpha = fast / dPhase clamped to [slow, fast], dPhase = the drop of the Hilbert phase
/// atan(Q1 / I1) in degrees (at least 1); MAMA = alpha x + (1 - alpha) MAMA,
/// FAMA = (alpha / 2) MAMA + (1 - alpha / 2) FAMA.
///
/// Convention (TA-Lib MAMA): TA-Lib's Hilbert engine (detail::hilbert_cycle, 9 smoothing-only
/// inputs), MAMA and FAMA start at 0, the phase is 0 when I1 is exactly 0. Warm-up: 32 inputs
/// (TA-Lib's fixed lookback). NaN rule: a non-finite input returns NaN (both fields) and is
/// skipped. Throws invalid_argument for a limit outside [0.01, 0.99]. O(1) per update and memory.
class mama {
 public:
  using params_type = mama_params;
  using input_type = double;
  using value_type = mama_value;

  mama() : mama(params_type{}) {}
  explicit mama(double fast_limit, double slow_limit = 0.05)
      : mama(params_type{.fast_limit = fast_limit, .slow_limit = slow_limit}) {}
  explicit mama(const params_type& p) : p_(check(p)) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return value_type{};
    if (!cycle_.update(x)) return value_;
    const double i1 = cycle_.in_phase();
    const double phase =
        i1 != 0.0 ? std::atan(cycle_.quadrature() / i1) * detail::hilbert_cycle::rad2deg() : 0.0;
    double delta = prev_phase_ - phase;
    prev_phase_ = phase;
    if (delta < 1.0) delta = 1.0;
    double alpha = p_.fast_limit;
    if (delta > 1.0) {
      alpha = p_.fast_limit / delta;
      if (alpha < p_.slow_limit) alpha = p_.slow_limit;
    }
    mama_ = (alpha * x) + ((1.0 - alpha) * mama_);
    alpha *= 0.5;
    fama_ = (alpha * mama_) + ((1.0 - alpha) * fama_);
    if (cycle_.count() > lookback) value_ = {mama_, fama_};
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return cycle_.count() > lookback; }
  [[nodiscard]] std::size_t warmup() const noexcept { return lookback; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    cycle_ = detail::hilbert_cycle(9);
    prev_phase_ = 0.0;
    mama_ = 0.0;
    fama_ = 0.0;
    value_ = value_type{};
  }

 private:
  static constexpr std::size_t lookback = 32;
  static const params_type& check(const params_type& p) {
    require(p.fast_limit >= 0.01 && p.fast_limit <= 0.99, "quantkit::indicators::mama",
            "fast_limit", p.fast_limit, "must be in [0.01, 0.99]");
    require(p.slow_limit >= 0.01 && p.slow_limit <= 0.99, "quantkit::indicators::mama",
            "slow_limit", p.slow_limit, "must be in [0.01, 0.99]");
    return p;
  }
  params_type p_;
  detail::hilbert_cycle cycle_{9};
  double prev_phase_ = 0.0;
  double mama_ = 0.0;
  double fama_ = 0.0;
  value_type value_{};
};

static_assert(ScalarIndicator<mama>);

}  // namespace quantkit::indicators
