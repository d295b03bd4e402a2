// SPDX-License-Identifier: MIT
// quantkit/indicators/sarext.hpp - extended parabolic SAR (TA-Lib SAREXT), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "../core/error.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/parabolic.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of sarext (TA-Lib SAREXT's, same defaults).
struct sarext_params {
  double start_value = 0.0;               ///< 0: auto; > 0: start long at it; < 0: short at |it|
  double offset_on_reverse = 0.0;         ///< >= 0, fraction moving a reversal SAR away from price
  double acceleration_init_long = 0.02;   ///< >= 0
  double acceleration_long = 0.02;        ///< >= 0, step
  double acceleration_max_long = 0.2;     ///< >= 0
  double acceleration_init_short = 0.02;  ///< >= 0
  double acceleration_short = 0.02;       ///< >= 0, step
  double acceleration_max_short = 0.2;    ///< >= 0
  friend constexpr bool operator==(const sarext_params&, const sarext_params&) = default;
};

/// Extended parabolic SAR (TA-Lib SAREXT): Wilder's parabolic SAR (see sar) with separate
/// accelerations for long and short positions, an optional start value and direction, and an
/// optional offset applied to the SAR on a reversal (short: SAR + SAR * offset, long:
/// SAR - SAR * offset).
///
/// Convention (TA-Lib, detail::parabolic_engine): a short position's SAR is output as a negative
/// number (0 - SAR), a long position's as a positive one, so the sign is the side. start_value 0
/// picks the direction as sar does; a positive start_value starts long with that SAR, a negative
/// one short with |start_value|. Initial or step accelerations above their maximum are lowered to
/// it. Warm-up: 1 bar. Uses high and low only; NaN rule: a bar with a non-finite high or low
/// returns NaN and is skipped. Throws invalid_argument for a non-finite parameter or a negative
/// offset or acceleration. O(1) per update and memory.
class sarext {
 public:
  using params_type = sarext_params;
  using input_type = bar;
  using value_type = double;

  sarext() : sarext(params_type{}) {}
  explicit sarext(const params_type& p)
      : p_(check(p)),
        engine_(detail::parabolic_settings{.start_value = p.start_value,
                                           .offset_on_reverse = p.offset_on_reverse,
                                           .init_long = p.acceleration_init_long,
                                           .step_long = p.acceleration_long,
                                           .max_long = p.acceleration_max_long,
                                           .init_short = p.acceleration_init_short,
                                           .step_short = p.acceleration_short,
                                           .max_short = p.acceleration_max_short}) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low)) return detail::nan;
    if (engine_.push(b.high, b.low)) {
      value_ = engine_.is_long() ? engine_.emitted() : 0.0 - engine_.emitted();
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return engine_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    engine_.reset();
    value_ = detail::nan;
  }

 private:
  static void non_negative(double v, const char* parameter) {
    require(detail::finite(v) && v >= 0.0, "quantkit::indicators::sarext", parameter, v,
            "must be finite and >= 0");
  }
  static const params_type& check(const params_type& p) {
    require(detail::finite(p.start_value), "quantkit::indicators::sarext", "start_value",
            p.start_value, "must be finite");
    non_negative(p.offset_on_reverse, "offset_on_reverse");
    non_negative(p.acceleration_init_long, "acceleration_init_long");
    non_negative(p.acceleration_long, "acceleration_long");
    non_negative(p.acceleration_max_long, "acceleration_max_long");
    non_negative(p.acceleration_init_short, "acceleration_init_short");
    non_negative(p.acceleration_short, "acceleration_short");
    non_negative(p.acceleration_max_short, "acceleration_max_short");
    return p;
  }
  params_type p_;
  detail::parabolic_engine engine_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<sarext>);

}  // namespace quantkit::indicators
