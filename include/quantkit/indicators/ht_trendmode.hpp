// SPDX-License-Identifier: MIT
// quantkit/indicators/ht_trendmode.hpp - Hilbert transform trend vs cycle mode (TA-Lib
// HT_TRENDMODE)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/hilbert.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of ht_trendmode (none: Ehlers' constants are fixed, as in TA-Lib).
struct ht_trendmode_params {
  friend constexpr bool operator==(const ht_trendmode_params&,
                                   const ht_trendmode_params&) = default;
};

/// Hilbert transform trend vs cycle mode (Ehlers, "Rocket Science for Traders", 2001): 1 in a
/// trend, 0 in a cycle, as a double.
///
/// Convention (TA-Lib HT_TRENDMODE): cycle mode when the sine and lead sine cross (which restarts
/// the day count), during the first DCPeriod / 2 days after a cross, or when the phase advanced by
/// between 0.67 and 1.5 times 360 / DCPeriod degrees; trend mode whenever the smoothed price is at
/// least 1.5% away from the instantaneous trendline. TA-Lib's engine with 34 smoothing-only
/// inputs. Warm-up: 63 inputs. NaN rule: a non-finite input returns NaN and is skipped. Never
/// throws. O(dominant period) <= 50 per update, O(1) memory.
class ht_trendmode {
 public:
  using params_type = ht_trendmode_params;
  using input_type = double;
  using value_type = double;

  ht_trendmode() = default;
  explicit ht_trendmode(const params_type& p) : p_(p) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    trend_.push(x);
    if (!cycle_.update(x)) return value_;
    const double sp = cycle_.smooth_period();
    const double prev_phase = phase_.phase();
    const double phase = phase_.update(cycle_);
    const double deg2rad = 1.0 / detail::hilbert_cycle::rad2deg();
    const double prev_sine = sine_;
    const double prev_lead = lead_;
    sine_ = std::sin(phase * deg2rad);
    lead_ = std::sin((phase + 45.0) * deg2rad);
    const double trendline = trend_.update(sp);
    bool trend = true;
    if ((sine_ > lead_ && prev_sine <= prev_lead) || (sine_ < lead_ && prev_sine >= prev_lead)) {
      days_in_trend_ = 0;
      trend = false;
    }
    ++days_in_trend_;
    if (static_cast<double>(days_in_trend_) < 0.5 * sp) trend = false;
    const double advance = phase - prev_phase;
    if (sp != 0.0 && advance > 0.67 * 360.0 / sp && advance < 1.5 * 360.0 / sp) trend = false;
    const double price = phase_.price();
    if (trendline != 0.0 && std::fabs((price - trendline) / trendline) >= 0.015) trend = true;
    if (cycle_.count() > lookback) value_ = trend ? 1.0 : 0.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return cycle_.count() > lookback; }
  [[nodiscard]] std::size_t warmup() const noexcept { return lookback; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept { *this = ht_trendmode(p_); }

 private:
  static constexpr std::size_t lookback = 63;
  params_type p_{};
  detail::hilbert_cycle cycle_{34};
  detail::dc_phase phase_{};
  detail::ht_trend trend_{};
  double sine_ = 0.0;
  double lead_ = 0.0;
  std::size_t days_in_trend_ = 0;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<ht_trendmode>);

}  // namespace quantkit::indicators
