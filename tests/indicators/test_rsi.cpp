// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rsi.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("rsi: matches TA-Lib RSI(14) on ttrc") {
    const auto out = ind::apply(ind::rsi{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("RSI", "outReal", out, ind::rsi{}.warmup());
  }

  TEST_CASE("rsi: Wilder smoothing by hand with period 2") {
    // changes: +1, -2 -> G = 0.5, L = 1 -> RSI = 100 * 0.5 / 1.5 = 33.33...
    // next change +3: G = (0.5 * 1 + 3) / 2 = 1.75, L = (1 * 1 + 0) / 2 = 0.5 -> 100 * 1.75 / 2.25
    ind::rsi r(2);
    CHECK(std::isnan(r.update(10.0)));
    CHECK(std::isnan(r.update(11.0)));
    CHECK(r.update(9.0) == approx(100.0 / 3.0));
    CHECK(r.update(12.0) == approx(100.0 * 1.75 / 2.25));
    CHECK(r.average_gain() == approx(1.75));
    CHECK(r.average_loss() == approx(0.5));
  }

  TEST_CASE("rsi: a flat series gives 0 (TA-Lib's zero-denominator rule), a rising one 100") {
    ind::rsi flat(3);
    for (int i = 0; i < 10; ++i) flat.update(5.0);
    CHECK(flat.value() == 0.0);
    ind::rsi up(3);
    for (int i = 0; i < 10; ++i) up.update(static_cast<double>(i));
    CHECK(up.value() == 100.0);
  }

  TEST_CASE("rsi: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::rsi(1), "quantkit::indicators::rsi: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
