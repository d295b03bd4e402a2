// SPDX-License-Identifier: MIT
#include <quantkit/strategies/bollinger.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

namespace qs = quantkit::strategies;

TEST_SUITE("strategies") {
  TEST_CASE("bollinger: reversion fades a close below the lower band and exits at the middle") {
    // period 3, k = 1: window {10, 10, 7}: mean 9, population sd sqrt(2) = 1.414 -> lower 7.586;
    // close 7 < 7.586 -> long. Next {10, 7, 9}: mean 8.667, close 9 > 8.667 -> exit.
    const auto bars = quantkit::test::bars_from_closes({10, 10, 7, 9, 9});
    const auto sig = quantkit::test::signals(qs::bollinger({.period = 3, .k = 1.0}), bars);
    CHECK(sig == std::vector<double>{0, 0, 1, 0, 0});
  }

  TEST_CASE("bollinger: breakout follows a close above the upper band") {
    // window {10, 10, 13}: mean 11, sd 1.414 -> upper 12.414 < 13 -> long; exits below the middle
    const auto bars = quantkit::test::bars_from_closes({10, 10, 13, 12.5, 10});
    const auto sig = quantkit::test::signals(
        qs::bollinger({.period = 3, .k = 1.0, .mode = qs::band_mode::breakout}), bars);
    // bar 3: window {10, 13, 12.5} mean 11.833: 12.5 > mean -> stays long; bar 4: {13, 12.5, 10}
    // mean 11.833 > 10 -> exit
    CHECK(sig == std::vector<double>{0, 0, 1, 1, 0});
  }

  TEST_CASE("bollinger: invalid parameters throw") {
    CHECK_THROWS_AS(qs::bollinger({.period = 1}), quantkit::invalid_argument);
    CHECK_THROWS_AS(qs::bollinger({.period = 20, .k = 0.0}), quantkit::invalid_argument);
  }
}
