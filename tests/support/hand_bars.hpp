// SPDX-License-Identifier: MIT
// tests/support/hand_bars.hpp - five small bars used by the hand calculations of the bar indicators
#pragma once

#include <quantkit/core/bar.hpp>

#include <array>
#include <vector>

namespace quantkit::test {

/// Five bars (open, high, low, close, volume) with round numbers; per-bar facts used by the hand
/// calculations (up = high - prev high, down = prev low - low, TR = true range):
///   b0  O 8.5 H 10   L 8   C 9    V 100
///   b1  O 9   H 11   L 9   C 10.5 V 200   up  1   down -1  -> +DM 1,   TR 2
///   b2  O 10  H 10.5 L 7   C 8    V 300   up -0.5 down  2  -> -DM 2,   TR 3.5
///   b3  O 8   H 12   L 8   C 11   V 400   up  1.5 down -1  -> +DM 1.5, TR 4
///   b4  O 12  H 12   L 10  C 11.5 V 500   up  0   down -2  -> none,    TR 2
inline std::vector<quantkit::bar> hand_bars() {
  return {{0, 8.5, 10.0, 8.0, 9.0, 100.0},
          {1, 9.0, 11.0, 9.0, 10.5, 200.0},
          {2, 10.0, 10.5, 7.0, 8.0, 300.0},
          {3, 8.0, 12.0, 8.0, 11.0, 400.0},
          {4, 12.0, 12.0, 10.0, 11.5, 500.0}};
}

/// A bar with the given OHLC (volume 1), for edge cases.
inline quantkit::bar ohlc(double o, double h, double l, double c, double v = 1.0) {
  return {0, o, h, l, c, v};
}

}  // namespace quantkit::test
