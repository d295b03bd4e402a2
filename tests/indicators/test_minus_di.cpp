// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/minus_di.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("minus_di: matches TA-Lib MINUS_DI on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("MINUS_DI", "outReal", ind::apply(ind::minus_di{}, bars), 14);
    for (std::size_t p : {std::size_t{1}, std::size_t{5}}) {
      quantkit::test::check_talib_params("MINUS_DI", "period=" + std::to_string(p),
                                         ind::apply(ind::minus_di(p), bars),
                                         ind::minus_di(p).warmup());
    }
  }

  TEST_CASE("minus_di: Wilder's sums by hand with period 2") {
    // -DM1: -, 0, 2, 0, 0; TR: -, 2, 3.5, 4, 2. Seeds (n - 1 = 1 value): -DM 0, TR 2.
    // Smoothed (S - S/2 + v): -DM 2, 1, 0.5; TR 4.5, 6.25, 5.125 -> -DI = 100 -DM / TR.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::minus_di(2), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(100.0 * 2.0 / 4.5));
    CHECK(out[3] == approx(16.0));
    CHECK(out[4] == approx(100.0 * 0.5 / 5.125));
  }

  TEST_CASE("minus_di: period 1 returns the fraction -DM1 / TR1 without the factor 100 (TA-Lib)") {
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::minus_di(1), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == 0.0);
    CHECK(out[2] == approx(2.0 / 3.5));
    CHECK(out[3] == 0.0);
    CHECK(out[4] == 0.0);
  }

  TEST_CASE("minus_di: a flat series has TR 0 and gives 0") {
    ind::minus_di di(3);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(di.update(quantkit::test::ohlc(5, 5, 5, 5))));
    CHECK(di.update(quantkit::test::ohlc(5, 5, 5, 5)) == 0.0);
  }

  TEST_CASE("minus_di: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::minus_di(0),
                         "quantkit::indicators::minus_di: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
