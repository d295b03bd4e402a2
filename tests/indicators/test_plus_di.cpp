// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/plus_di.hpp>

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
  TEST_CASE("plus_di: matches TA-Lib PLUS_DI on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("PLUS_DI", "outReal", ind::apply(ind::plus_di{}, bars), 14);
    for (std::size_t p : {std::size_t{1}, std::size_t{5}}) {
      quantkit::test::check_talib_params("PLUS_DI", "period=" + std::to_string(p),
                                         ind::apply(ind::plus_di(p), bars),
                                         ind::plus_di(p).warmup());
    }
  }

  TEST_CASE("plus_di: Wilder's sums by hand with period 2") {
    // +DM1: -, 1, 0, 1.5, 0; TR: -, 2, 3.5, 4, 2. Seeds (n - 1 = 1 value): +DM 1, TR 2.
    // Smoothed (S - S/2 + v): +DM 0.5, 1.75, 0.875; TR 4.5, 6.25, 5.125 -> +DI = 100 +DM / TR.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::plus_di(2), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(100.0 * 0.5 / 4.5));
    CHECK(out[3] == approx(28.0));
    CHECK(out[4] == approx(100.0 * 0.875 / 5.125));
  }

  TEST_CASE("plus_di: period 1 returns the fraction +DM1 / TR1 without the factor 100 (TA-Lib)") {
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::plus_di(1), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == approx(0.5));  // 1 / 2
    CHECK(out[2] == 0.0);
    CHECK(out[3] == approx(0.375));  // 1.5 / 4
    CHECK(out[4] == 0.0);
  }

  TEST_CASE("plus_di: a flat series has TR 0 and gives 0") {
    ind::plus_di di(3);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(di.update(quantkit::test::ohlc(5, 5, 5, 5))));
    CHECK(di.update(quantkit::test::ohlc(5, 5, 5, 5)) == 0.0);
  }

  TEST_CASE("plus_di: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::plus_di(0),
                         "quantkit::indicators::plus_di: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
