// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/atr.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("atr: matches TA-Lib ATR on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("ATR", "outReal", ind::apply(ind::atr{}, bars), 14);
    for (std::size_t p : {std::size_t{1}, std::size_t{5}}) {
      quantkit::test::check_talib_params("ATR", "period=" + std::to_string(p),
                                         ind::apply(ind::atr(p), bars), ind::atr(p).warmup());
    }
  }

  TEST_CASE("atr: SMA seed then Wilder's recursion, by hand with period 2") {
    // TR: -, 2, 3.5, 4, 2. ATR = (2 + 3.5) / 2 = 2.75, (2.75 * 1 + 4) / 2 = 3.375,
    // (3.375 + 2) / 2 = 2.6875.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::atr(2), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(2.75));
    CHECK(out[3] == approx(3.375));
    CHECK(out[4] == approx(2.6875));
    // Period 1 is the true range itself.
    const auto one = ind::apply(ind::atr(1), std::span<const quantkit::bar>(bars));
    CHECK(one[1] == 2.0);
    CHECK(one[4] == 2.0);
  }

  TEST_CASE("atr: works on a series without volume and is 0 on a constant series") {
    const double q = std::numeric_limits<double>::quiet_NaN();
    ind::atr a(3);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(a.update(quantkit::test::ohlc(5, 5, 5, 5, q))));
    CHECK_FALSE(a.ready());
    CHECK(a.update(quantkit::test::ohlc(5, 5, 5, 5, q)) == 0.0);
    CHECK(a.ready());
  }

  TEST_CASE("atr: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::atr(0),
                         "quantkit::indicators::atr: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
