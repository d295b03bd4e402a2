// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/imi.hpp>

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
  TEST_CASE("imi: matches TA-Lib IMI on ttrc at default and another period") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("IMI", "outReal", ind::apply(ind::imi{}, bars), 13);
    quantkit::test::check_talib_params("IMI", "period=9", ind::apply(ind::imi(9), bars), 8);
  }

  TEST_CASE("imi: up and down bodies by hand with period 3") {
    // close - open: 0.5, 1.5, -2, 3, -0.5.
    // bar 2: U 2, D 2 -> 50; bar 3: U 4.5, D 2 -> 100 * 4.5 / 6.5; bar 4: U 3, D 2.5 -> 300 / 5.5.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::imi(3), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(50.0));
    CHECK(out[3] == approx(450.0 / 6.5));
    CHECK(out[4] == approx(300.0 / 5.5));
  }

  TEST_CASE("imi: an all-doji window gives 50 where TA-Lib 0.6.4 gives NaN (documented)") {
    ind::imi m(2);
    CHECK(std::isnan(m.update(quantkit::test::ohlc(5, 6, 4, 5))));
    CHECK(m.update(quantkit::test::ohlc(5, 6, 4, 5)) == 50.0);
    CHECK(m.update(quantkit::test::ohlc(5, 6, 4, 6)) == 100.0);  // one up body of 1, one doji
  }

  TEST_CASE("imi: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::imi(1),
                         "quantkit::indicators::imi: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
