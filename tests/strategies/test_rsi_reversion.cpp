// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rsi.hpp>
#include <quantkit/strategies/rsi_reversion.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

namespace qs = quantkit::strategies;
namespace ind = quantkit::indicators;

TEST_SUITE("strategies") {
  TEST_CASE("rsi_reversion: enters below oversold, exits above the exit level, per the RSI") {
    // A fall then a rise: RSI(2) drops to 0, then climbs to 100.
    const auto bars = quantkit::test::bars_from_closes({10, 9, 8, 7, 8, 9, 10, 11, 10, 9, 8});
    const auto rsi = ind::apply(ind::rsi(2), bars.closes());
    const auto sig = quantkit::test::signals(qs::rsi_reversion({.period = 2,
                                                                .oversold = 30,
                                                                .overbought = 70,
                                                                .exit = 50,
                                                                .side = qs::direction::long_short}),
                                             bars);
    // Expected by the rule, from the (TA-Lib-parity) RSI values.
    double state = 0.0;
    for (std::size_t i = 0; i < bars.size(); ++i) {
      if (i >= 2) {
        if (state > 0 && rsi[i] > 50) state = 0;
        if (state < 0 && rsi[i] < 50) state = 0;
        if (state == 0 && rsi[i] < 30) state = 1;
        if (state == 0 && rsi[i] > 70) state = -1;
      }
      CAPTURE(i);
      CHECK(sig[i] == state);
    }
    CHECK(sig[3] == 1.0);   // RSI 0 after three falls
    CHECK(sig[6] == -1.0);  // RSI 100 after the rally: long exited, short entered
  }

  TEST_CASE("rsi_reversion: invalid levels throw") {
    CHECK_THROWS_AS(qs::rsi_reversion({.oversold = 60, .overbought = 70, .exit = 50}),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(qs::rsi_reversion({.oversold = 30, .overbought = 101, .exit = 50}),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(qs::rsi_reversion({.period = 1}), quantkit::invalid_argument);
  }
}
