// SPDX-License-Identifier: MIT
// quantkit/indicators/supertrend.hpp - SuperTrend (ATR bands with a ratchet), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "../core/error.hpp"
#include "atr.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of supertrend.
struct supertrend_params {
  std::size_t atr_period = 10;  ///< ATR period, 1..100000
  double multiplier = 3.0;      ///< band distance in ATRs, finite and >= 0
  friend constexpr bool operator==(const supertrend_params&, const supertrend_params&) = default;
};

/// The SuperTrend line and the trend it follows.
struct supertrend_value {
  double line = detail::nan;  ///< the trailing stop: lower band in an uptrend, upper in a downtrend
  double direction = detail::nan;  ///< +1 uptrend (line below the price), -1 downtrend
};

/// SuperTrend (Olivier Seban): basic bands hl2 +- m ATR(n), hl2 = (high + low) / 2, ratcheted:
/// lower_t = basic_lower if basic_lower > lower_{t-1} or close_{t-1} < lower_{t-1}, else
/// lower_{t-1}; upper_t = basic_upper if basic_upper < upper_{t-1} or close_{t-1} > upper_{t-1},
/// else upper_{t-1}. In a downtrend a close above upper_t turns the trend up; in an uptrend a
/// close below lower_t turns it down. The line is lower_t in an uptrend, upper_t in a downtrend.
///
/// Convention: the rules of TradingView's ta.supertrend (the de-facto reference), with the sign
/// of the direction flipped to +1 = up; the first value starts in a downtrend (line = upper band)
/// as there. The ATR is atr (TA-Lib ATR: first value at bar n, Wilder's smoothing). Not in
/// TA-Lib. Warm-up: atr_period bars. NaN rule: a bar with a non-finite high, low or close returns
/// NaN and is skipped. Throws invalid_argument for a period outside 1..100000 or a negative or
/// non-finite multiplier. O(1) per update and memory.
class supertrend {
 public:
  using params_type = supertrend_params;
  using input_type = bar;
  using value_type = supertrend_value;

  supertrend() : supertrend(params_type{}) {}
  supertrend(std::size_t atr_period, double multiplier)
      : supertrend(params_type{.atr_period = atr_period, .multiplier = multiplier}) {}
  explicit supertrend(const params_type& p) : p_(check(p)), atr_(p.atr_period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return value_type{};
    const double range = atr_.update(b);
    if (atr_.ready()) {
      const double mid = (b.high + b.low) / 2.0;
      const double basic_upper = mid + p_.multiplier * range;
      const double basic_lower = mid - p_.multiplier * range;
      if (!atr_was_ready_) {
        upper_ = basic_upper;
        lower_ = basic_lower;
        up_ = false;
        atr_was_ready_ = true;
      } else {
        if (basic_lower > lower_ || prev_close_ < lower_) lower_ = basic_lower;
        if (basic_upper < upper_ || prev_close_ > upper_) upper_ = basic_upper;
        up_ = up_ ? !(b.close < lower_) : b.close > upper_;
      }
      value_ = value_type{up_ ? lower_ : upper_, up_ ? 1.0 : -1.0};
    }
    prev_close_ = b.close;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return atr_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.atr_period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// The ratcheted bands (valid when ready()).
  [[nodiscard]] double upper_band() const noexcept { return upper_; }
  [[nodiscard]] double lower_band() const noexcept { return lower_; }
  void reset() noexcept {
    atr_.reset();
    atr_was_ready_ = false;
    up_ = false;
    prev_close_ = upper_ = lower_ = 0.0;
    value_ = value_type{};
  }

 private:
  static const params_type& check(const params_type& p) {
    constexpr const char* name = "quantkit::indicators::supertrend";
    detail::require_period(p.atr_period, name, "atr_period", 1);
    require(detail::finite(p.multiplier) && p.multiplier >= 0.0, name, "multiplier", p.multiplier,
            "must be finite and >= 0");
    return p;
  }
  params_type p_;
  atr atr_;
  bool atr_was_ready_ = false;
  bool up_ = false;
  double prev_close_ = 0.0;
  double upper_ = 0.0;
  double lower_ = 0.0;
  value_type value_{};
};

static_assert(BarIndicator<supertrend>);

}  // namespace quantkit::indicators
