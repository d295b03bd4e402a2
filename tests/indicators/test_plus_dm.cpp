// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/plus_dm.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <span>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("plus_dm: matches TA-Lib PLUS_DM on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("PLUS_DM", "outReal", ind::apply(ind::plus_dm{}, bars), 13);
    for (std::size_t p : {std::size_t{1}, std::size_t{5}}) {
      quantkit::test::check_talib_params("PLUS_DM", "period=" + std::to_string(p),
                                         ind::apply(ind::plus_dm(p), bars),
                                         ind::plus_dm(p).warmup());
    }
  }

  TEST_CASE("plus_dm: TA-Lib seed and Wilder smoothing by hand with period 2") {
    // +DM1 per bar: -, 1, 0, 1.5, 0. Seed = plain sum of n - 1 = 1 value: 1.
    // Then S = S - S/2 + DM1: 1 - 0.5 + 0 = 0.5; 0.5 - 0.25 + 1.5 = 1.75; 1.75 - 0.875 = 0.875.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::plus_dm(2), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == approx(1.0));
    CHECK(out[2] == approx(0.5));
    CHECK(out[3] == approx(1.75));
    CHECK(out[4] == approx(0.875));
  }

  TEST_CASE("plus_dm: period 1 is the one-bar +DM, ties and inside bars count for neither") {
    ind::plus_dm dm(1);
    CHECK(dm.warmup() == 1);
    CHECK(std::isnan(dm.update(quantkit::test::ohlc(10, 10, 8, 9))));
    CHECK(dm.update(quantkit::test::ohlc(10, 12, 7, 9)) == 2.0);    // up 2 > down 1
    CHECK(dm.update(quantkit::test::ohlc(10, 13, 6, 9)) == 0.0);    // up 1 = down 1: a tie
    CHECK(dm.update(quantkit::test::ohlc(10, 12, 7, 9)) == 0.0);    // inside bar: up -1, down -1
    CHECK(dm.update(quantkit::test::ohlc(10, 14.5, 7, 9)) == 2.5);  // up 2.5, down 0
    CHECK(dm.update(quantkit::test::ohlc(10, 14, 4, 9)) == 0.0);    // a -DM bar: down 3 > up
  }

  TEST_CASE("plus_dm: fewer bars than the warm-up give NaN, a constant series gives 0") {
    ind::plus_dm dm(5);
    for (int i = 0; i < 4; ++i) CHECK(std::isnan(dm.update(quantkit::test::ohlc(1, 2, 1, 1.5))));
    CHECK_FALSE(dm.ready());
    CHECK(dm.update(quantkit::test::ohlc(1, 2, 1, 1.5)) == 0.0);
    CHECK(dm.ready());
  }

  TEST_CASE("plus_dm: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::plus_dm(0),
                         "quantkit::indicators::plus_dm: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::plus_dm(100001), quantkit::invalid_argument);
  }
}
