// SPDX-License-Identifier: MIT
// quantkit/core/bar.hpp - one OHLCV bar
#pragma once

#include "time.hpp"

namespace quantkit {

/// One OHLCV bar. `time` is the bar's open time (the start of its interval) unless the data
/// source says otherwise; prices are in quote currency, volume in units traded.
/// Invariants checked by quantkit::validate: finite values, prices > 0,
/// low <= min(open, close) <= max(open, close) <= high, volume >= 0.
struct bar {
  timestamp time = 0;
  double open = 0.0;
  double high = 0.0;
  double low = 0.0;
  double close = 0.0;
  double volume = 0.0;

  friend constexpr bool operator==(const bar&, const bar&) = default;
};

}  // namespace quantkit
