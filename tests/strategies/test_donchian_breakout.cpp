// SPDX-License-Identifier: MIT
#include <quantkit/strategies/donchian_breakout.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

namespace qs = quantkit::strategies;

TEST_SUITE("strategies") {
  TEST_CASE("donchian_breakout: breaks out of the previous N bars, exits on the M-bar extreme") {
    // entry 3, exit 2. Closes (= highs = lows): 5 5 5 6 7 6 5 4 3
    // bar 3: 6 > max(5,5,5) -> long. bar 6: 5 < min(7, 6) = 6 -> exit; 5 < min of prev 3 (6,7,6)?
    // 5 < 6 -> short in the same bar. bar 7: 4 < min(6,5)... stays short; bar 8 stays short.
    const auto bars = quantkit::test::bars_from_closes({5, 5, 5, 6, 7, 6, 5, 4, 3});
    const auto sig = quantkit::test::signals(qs::donchian_breakout({.entry = 3, .exit = 2}), bars);
    CHECK(sig == std::vector<double>{0, 0, 0, 1, 1, 1, -1, -1, -1});
    const auto lo = quantkit::test::signals(
        qs::donchian_breakout({.entry = 3, .exit = 2, .side = qs::direction::long_only}), bars);
    CHECK(lo == std::vector<double>{0, 0, 0, 1, 1, 1, 0, 0, 0});
  }

  TEST_CASE("donchian_breakout: invalid periods throw") {
    CHECK_THROWS_AS(qs::donchian_breakout({.entry = 0}), quantkit::invalid_argument);
    CHECK_THROWS_AS(qs::donchian_breakout({.entry = 20, .exit = 0}), quantkit::invalid_argument);
  }
}
