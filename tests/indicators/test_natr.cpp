// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/natr.hpp>

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
  TEST_CASE("natr: matches TA-Lib NATR on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("NATR", "outReal", ind::apply(ind::natr{}, bars), 14);
    for (std::size_t p : {std::size_t{1}, std::size_t{5}}) {
      quantkit::test::check_talib_params("NATR", "period=" + std::to_string(p),
                                         ind::apply(ind::natr(p), bars), ind::natr(p).warmup());
    }
  }

  TEST_CASE("natr: ATR as a percentage of the close, by hand with period 2") {
    // ATR(2) = 2.75, 3.375, 2.6875 (see test_atr.cpp) over closes 8, 11, 11.5.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::natr(2), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(2.75 / 8.0 * 100.0));
    CHECK(out[3] == approx(3.375 / 11.0 * 100.0));
    CHECK(out[4] == approx(2.6875 / 11.5 * 100.0));
  }

  TEST_CASE("natr: period 1 is the raw true range (TA-Lib quirk), a zero close gives 0") {
    const auto bars = quantkit::test::hand_bars();
    const auto one = ind::apply(ind::natr(1), std::span<const quantkit::bar>(bars));
    CHECK(one[1] == 2.0);
    CHECK(one[2] == 3.5);
    ind::natr n(2);
    n.update(quantkit::test::ohlc(1, 2, 0, 1));
    n.update(quantkit::test::ohlc(1, 2, 0, 1));
    CHECK(n.update(quantkit::test::ohlc(1, 2, 0, 0)) == 0.0);
    CHECK(n.update(quantkit::test::ohlc(1, 2, 0, 1)) == approx(200.0));  // ATR 2 / close 1
  }

  TEST_CASE("natr: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::natr(0),
                         "quantkit::indicators::natr: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
