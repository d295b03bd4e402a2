// SPDX-License-Identifier: MIT
// quantkit/indicators/ht_trendline.hpp - Hilbert transform instantaneous trendline
// (TA-Lib HT_TRENDLINE)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/hilbert.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of ht_trendline (none: Ehlers' constants are fixed, as in TA-Lib).
struct ht_trendline_params {
  friend constexpr bool operator==(const ht_trendline_params&,
                                   const ht_trendline_params&) = default;
};

/// Hilbert transform instantaneous trendline (Ehlers, "Rocket Science for Traders", 2001): the
/// mean of the inputs over the dominant cycle period, smoothed by a 4-3-2-1 WMA of those means.
///
/// Convention (TA-Lib HT_TRENDLINE): TA-Lib's engine with 34 smoothing-only inputs; the window is
/// int(DCPeriod + 0.5) raw inputs (detail::ht_trend). Warm-up: 63 inputs. NaN rule: a non-finite
/// input returns NaN and is skipped. Never throws. O(dominant period) <= 50 per update, O(1)
/// memory.
class ht_trendline {
 public:
  using params_type = ht_trendline_params;
  using input_type = double;
  using value_type = double;

  ht_trendline() = default;
  explicit ht_trendline(const params_type& p) : p_(p) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    trend_.push(x);
    if (!cycle_.update(x)) return value_;
    const double t = trend_.update(cycle_.smooth_period());
    if (cycle_.count() > lookback) value_ = t;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return cycle_.count() > lookback; }
  [[nodiscard]] std::size_t warmup() const noexcept { return lookback; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    cycle_ = detail::hilbert_cycle(34);
    trend_ = detail::ht_trend{};
    value_ = detail::nan;
  }

 private:
  static constexpr std::size_t lookback = 63;
  params_type p_{};
  detail::hilbert_cycle cycle_{34};
  detail::ht_trend trend_{};
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<ht_trendline>);

}  // namespace quantkit::indicators
