// SPDX-License-Identifier: MIT
// quantkit/indicators/heikin_ashi.hpp - Heikin-Ashi candles
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <algorithm>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of heikin_ashi (none).
struct heikin_ashi_params {
  friend constexpr bool operator==(const heikin_ashi_params&, const heikin_ashi_params&) = default;
};

/// A Heikin-Ashi candle (the bar's time and volume are unchanged and not repeated).
struct heikin_ashi_value {
  double ha_open = detail::nan;
  double ha_high = detail::nan;
  double ha_low = detail::nan;
  double ha_close = detail::nan;
};

/// Heikin-Ashi candles (no TA-Lib counterpart; D. Valcu, "Using the Heikin-Ashi Technique",
/// Technical Analysis of Stocks & Commodities, Feb 2004):
/// ha_close = (O + H + L + C) / 4, ha_open = (ha_open_prev + ha_close_prev) / 2,
/// ha_high = max(H, ha_open, ha_close), ha_low = min(L, ha_open, ha_close).
/// Seed: the first ha_open is (O + C) / 2 of the first bar. Warm-up 0. NaN rule on open, high,
/// low, close (a bad bar is skipped: the next candle continues from the last good one). No
/// parameters, never throws. O(1) per update and memory.
class heikin_ashi {
 public:
  using params_type = heikin_ashi_params;
  using input_type = bar;
  using value_type = heikin_ashi_value;

  heikin_ashi() = default;
  explicit heikin_ashi(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.open, b.high, b.low, b.close)) return {};
    const double ha_open =
        started_ ? (value_.ha_open + value_.ha_close) / 2.0 : (b.open + b.close) / 2.0;
    const double ha_close = (b.open + b.high + b.low + b.close) / 4.0;
    value_ = {ha_open, std::max({b.high, ha_open, ha_close}), std::min({b.low, ha_open, ha_close}),
              ha_close};
    started_ = true;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return started_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return 0; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    started_ = false;
    value_ = {};
  }

 private:
  params_type p_{};
  bool started_ = false;
  value_type value_{};
};

static_assert(BarIndicator<heikin_ashi>);

}  // namespace quantkit::indicators
