// SPDX-License-Identifier: MIT
#include <quantkit/indicators/ema.hpp>
#include <quantkit/strategies/ma_crossover.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

namespace qs = quantkit::strategies;
namespace ind = quantkit::indicators;
using quantkit::test::bars_from_closes;
using quantkit::test::signals;

TEST_SUITE("strategies") {
  TEST_CASE("ma_crossover: +1 above, -1 below, 0 during warm-up, by hand with SMA(2)/SMA(3)") {
    // closes 1 2 3 2 1 1: SMA2 = . 1.5 2.5 2.5 1.5 1; SMA3 = . . 2 2.333 2 1.333
    // bar 2: 2.5 > 2 -> +1; bar 3: 2.5 > 2.333 -> +1; bar 4: 1.5 < 2 -> -1; bar 5: 1 < 1.333 -> -1
    const auto bars = bars_from_closes({1, 2, 3, 2, 1, 1});
    const auto ls = signals(
        qs::ma_crossover<>({.fast = 2, .slow = 3, .side = qs::direction::long_short}), bars);
    CHECK(ls == std::vector<double>{0, 0, 1, 1, -1, -1});
    const auto lo = signals(qs::ma_crossover<>({.fast = 2, .slow = 3}), bars);
    CHECK(lo == std::vector<double>{0, 0, 1, 1, 0, 0});
    const auto so = signals(
        qs::ma_crossover<>({.fast = 2, .slow = 3, .side = qs::direction::short_only}), bars);
    CHECK(so == std::vector<double>{0, 0, 0, 0, -1, -1});
  }

  TEST_CASE("ma_crossover: any moving-average type, equal averages give 0") {
    const auto flat = bars_from_closes({5, 5, 5, 5, 5});
    CHECK(signals(qs::ma_crossover<ind::ema, ind::sma>(
                      {.fast = 2, .slow = 3, .side = qs::direction::long_short}),
                  flat) == std::vector<double>{0, 0, 0, 0, 0});
    qs::ma_crossover<ind::ema, ind::ema> s({.fast = 3, .slow = 5});
    CHECK(s.params().slow == 5);
    s.reset();
  }

  TEST_CASE("ma_crossover: invalid periods throw") {
    CHECK_THROWS_WITH_AS(qs::ma_crossover<>({.fast = 5, .slow = 5}),
                         "quantkit::strategies::ma_crossover: slow must be > fast (got 5)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(qs::ma_crossover<>({.fast = 0, .slow = 5}), quantkit::invalid_argument);
  }
}
