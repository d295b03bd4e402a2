// SPDX-License-Identifier: MIT
// quantkit/indicators/sar.hpp - Wilder's parabolic SAR (TA-Lib SAR), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "../core/error.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/parabolic.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of sar.
struct sar_params {
  double acceleration = 0.02;  ///< initial acceleration factor and its step, >= 0
  double maximum = 0.2;        ///< cap of the acceleration factor, >= 0
  friend constexpr bool operator==(const sar_params&, const sar_params&) = default;
};

/// Wilder's parabolic stop-and-reverse (New Concepts in Technical Trading Systems, 1978; TA-Lib
/// SAR): SAR_{t+1} = SAR_t + af (ep - SAR_t), ep the extreme point of the trend, af starting at
/// `acceleration` and growing by it at each new extreme up to `maximum`.
///
/// Convention (TA-Lib, see detail::parabolic_engine for every rule): the second bar's -DM1
/// decides the initial direction (short if positive); the first SAR is the first bar's low (long)
/// or high (short); a reversal sets the SAR to the extreme point; the SAR never enters the
/// previous or current bar's range; an acceleration above the maximum is lowered to it. The output
/// is always the (positive) SAR level; sarext reports the side by its sign. Warm-up: 1 bar. Uses
/// high and low only; NaN rule: a bar with a non-finite high or low returns NaN and is skipped.
/// Throws invalid_argument for a negative or non-finite parameter. O(1) per update and memory.
class sar {
 public:
  using params_type = sar_params;
  using input_type = bar;
  using value_type = double;

  sar() : sar(params_type{}) {}
  sar(double acceleration, double maximum)
      : sar(params_type{.acceleration = acceleration, .maximum = maximum}) {}
  explicit sar(const params_type& p)
      : p_(check(p)),
        engine_(detail::parabolic_settings{.start_value = 0.0,
                                           .offset_on_reverse = 0.0,
                                           .init_long = p.acceleration,
                                           .step_long = p.acceleration,
                                           .max_long = p.maximum,
                                           .init_short = p.acceleration,
                                           .step_short = p.acceleration,
                                           .max_short = p.maximum}) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low)) return detail::nan;
    if (engine_.push(b.high, b.low)) value_ = engine_.emitted();
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return engine_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// True when the current SAR is a long position's stop (below the price).
  [[nodiscard]] bool is_long() const noexcept { return engine_.is_long(); }
  void reset() noexcept {
    engine_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    constexpr const char* name = "quantkit::indicators::sar";
    require(detail::finite(p.acceleration) && p.acceleration >= 0.0, name, "acceleration",
            p.acceleration, "must be finite and >= 0");
    require(detail::finite(p.maximum) && p.maximum >= 0.0, name, "maximum", p.maximum,
            "must be finite and >= 0");
    return p;
  }
  params_type p_;
  detail::parabolic_engine engine_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<sar>);

}  // namespace quantkit::indicators
