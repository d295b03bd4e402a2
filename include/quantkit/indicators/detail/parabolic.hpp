// SPDX-License-Identifier: MIT
// quantkit/indicators/detail/parabolic.hpp - Wilder's parabolic stop-and-reverse as TA-Lib's SAR
// and SAREXT compute it (shared by sar and sarext)
#pragma once

#include "directional.hpp"

#include <cmath>

namespace quantkit::indicators::detail {

/// The settings of the parabolic SAR engine (TA-Lib SAREXT's parameters).
struct parabolic_settings {
  double start_value =
      0.0;  ///< 0: direction from the first two bars; > 0 long at it; < 0 short at |it|
  double offset_on_reverse =
      0.0;  ///< fraction added to (short) / removed from (long) a reversal SAR
  double init_long = 0.02;
  double step_long = 0.02;
  double max_long = 0.2;
  double init_short = 0.02;
  double step_short = 0.02;
  double max_short = 0.2;
};

/// Wilder's parabolic SAR (New Concepts in Technical Trading Systems, 1978) exactly as TA-Lib's
/// SAREXT evaluates it (SAR is the symmetric case without offset):
///  - an initial or step acceleration above its maximum is lowered to the maximum;
///  - start_value 0: the second bar decides the direction, short when its -DM1 against the first
///    bar is positive (detail::directional_move_of), else long; the first SAR is the first bar's
///    low (long) or high (short), the extreme point the second bar's high (long) or low (short);
///  - every bar from the second on emits the SAR computed on the previous bar (the first step
///    treats the second bar as its own previous bar, as TA-Lib does), or, when the bar's low
///    (long) / high (short) reaches the SAR, reverses: the new SAR is the extreme point, kept
///    outside the previous and current bar's range, moved by the offset, and emitted;
///  - then ep and the acceleration advance (new extreme: af += step, capped), and
///    SAR += af (ep - SAR), kept outside the previous and current bar's range.
/// The caller applies the NaN rule (push finite highs and lows only). O(1), no allocation.
class parabolic_engine {
 public:
  parabolic_engine() = default;
  explicit parabolic_engine(const parabolic_settings& s) noexcept : s_(s) {
    if (s_.init_long > s_.max_long) s_.init_long = s_.max_long;
    if (s_.step_long > s_.max_long) s_.step_long = s_.max_long;
    if (s_.init_short > s_.max_short) s_.init_short = s_.max_short;
    if (s_.step_short > s_.max_short) s_.step_short = s_.max_short;
    reset();
  }

  /// Consumes one bar; returns true when it emitted a SAR (every bar from the second on).
  bool push(double high, double low) noexcept {
    if (bars_ == 0) {
      bars_ = 1;
      prev_high_ = high;
      prev_low_ = low;
      return false;
    }
    if (bars_ == 1) {
      bars_ = 2;
      start(high, low);
      prev_high_ = high;  // TA-Lib's first step sees the second bar as its own previous bar
      prev_low_ = low;
    }
    step(high, low);
    prev_high_ = high;
    prev_low_ = low;
    return true;
  }

  /// The last emitted SAR (always positive for positive prices).
  [[nodiscard]] double emitted() const noexcept { return emitted_; }
  /// True when the last emitted SAR belongs to a long position (a stop below the price).
  [[nodiscard]] bool is_long() const noexcept { return long_; }
  /// True once a SAR has been emitted.
  [[nodiscard]] bool ready() const noexcept { return bars_ == 2; }

  void reset() noexcept {
    bars_ = 0;
    long_ = true;
    af_long_ = s_.init_long;
    af_short_ = s_.init_short;
    ep_ = sar_ = emitted_ = 0.0;
    prev_high_ = prev_low_ = 0.0;
  }

 private:
  void start(double high, double low) noexcept {
    if (s_.start_value == 0.0) {
      long_ = !(directional_move_of(prev_high_, prev_low_, high, low).minus > 0.0);
      ep_ = long_ ? high : low;
      sar_ = long_ ? prev_low_ : prev_high_;
    } else if (s_.start_value > 0.0) {
      long_ = true;
      ep_ = high;
      sar_ = s_.start_value;
    } else {
      long_ = false;
      ep_ = low;
      sar_ = std::fabs(s_.start_value);
    }
  }

  void clamp_short(double high) noexcept {  // a short SAR stays at or above both bars' highs
    if (sar_ < prev_high_) sar_ = prev_high_;
    if (sar_ < high) sar_ = high;
  }
  void clamp_long(double low) noexcept {  // a long SAR stays at or below both bars' lows
    if (sar_ > prev_low_) sar_ = prev_low_;
    if (sar_ > low) sar_ = low;
  }

  void step(double high, double low) noexcept {
    if (long_) {
      if (low <= sar_) {
        long_ = false;
        sar_ = ep_;
        clamp_short(high);
        if (s_.offset_on_reverse != 0.0) sar_ += sar_ * s_.offset_on_reverse;
        emitted_ = sar_;
        af_short_ = s_.init_short;
        ep_ = low;
        sar_ = sar_ + af_short_ * (ep_ - sar_);
        clamp_short(high);
      } else {
        emitted_ = sar_;
        if (high > ep_) {
          ep_ = high;
          af_long_ += s_.step_long;
          if (af_long_ > s_.max_long) af_long_ = s_.max_long;
        }
        sar_ = sar_ + af_long_ * (ep_ - sar_);
        clamp_long(low);
      }
    } else if (high >= sar_) {
      long_ = true;
      sar_ = ep_;
      clamp_long(low);
      if (s_.offset_on_reverse != 0.0) sar_ -= sar_ * s_.offset_on_reverse;
      emitted_ = sar_;
      af_long_ = s_.init_long;
      ep_ = high;
      sar_ = sar_ + af_long_ * (ep_ - sar_);
      clamp_long(low);
    } else {
      emitted_ = sar_;
      if (low < ep_) {
        ep_ = low;
        af_short_ += s_.step_short;
        if (af_short_ > s_.max_short) af_short_ = s_.max_short;
      }
      sar_ = sar_ + af_short_ * (ep_ - sar_);
      clamp_short(high);
    }
  }

  parabolic_settings s_{};
  int bars_ = 0;  // 0, 1, then 2 for "running"
  bool long_ = true;
  double af_long_ = 0.02;
  double af_short_ = 0.02;
  double ep_ = 0.0;
  double sar_ = 0.0;
  double emitted_ = 0.0;
  double prev_high_ = 0.0;
  double prev_low_ = 0.0;
};

}  // namespace quantkit::indicators::detail
