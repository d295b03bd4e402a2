// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ultosc.hpp>

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
  TEST_CASE("ultosc: matches TA-Lib ULTOSC on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("ULTOSC", "outReal", ind::apply(ind::ultosc{}, bars), 28);
    quantkit::test::check_talib_params("ULTOSC", "period1=2 period2=3 period3=4",
                                       ind::apply(ind::ultosc(2, 3, 4), bars), 4);
    quantkit::test::check_talib_params("ULTOSC", "period1=28 period2=7 period3=14",
                                       ind::apply(ind::ultosc(28, 7, 14), bars), 28);
  }

  TEST_CASE("ultosc: weighted pressure ratios by hand with periods 1, 2, 3 in any order") {
    // BP = close - min(low, prev close), TR: bar 1 (1.5, 2), bar 2 (1, 3.5), bar 3 (3, 4),
    // bar 4 (1.5, 2). Bar 3: A1 = 3/4, A2 = 4/7.5, A3 = 5.5/9.5; bar 4: A1 = 0.75, A2 = 4.5/6,
    // A3 = 5.5/9.5. ULTOSC = 100 (4 A1 + 2 A2 + A3) / 7.
    const auto bars = quantkit::test::hand_bars();
    const std::span<const quantkit::bar> in(bars);
    const auto out = ind::apply(ind::ultosc(1, 2, 3), in);
    CHECK(std::isnan(out[2]));
    CHECK(out[3] == approx(100.0 * (4.0 * 0.75 + 2.0 * (4.0 / 7.5) + 5.5 / 9.5) / 7.0));
    CHECK(out[4] == approx(100.0 * (4.0 * 0.75 + 2.0 * 0.75 + 5.5 / 9.5) / 7.0));
    const auto shuffled = ind::apply(ind::ultosc(3, 1, 2), in);
    CHECK(shuffled[3] == out[3]);
    CHECK(shuffled[4] == out[4]);
  }

  TEST_CASE("ultosc: windows without true range contribute 0, all periods 1 warm up one bar") {
    ind::ultosc u(1, 1, 1);
    CHECK(u.warmup() == 1);
    CHECK(std::isnan(u.update(quantkit::test::ohlc(5, 5, 5, 5))));
    CHECK(u.update(quantkit::test::ohlc(5, 5, 5, 5)) == 0.0);
    CHECK(u.update(quantkit::test::ohlc(5, 6, 4, 6)) == approx(100.0));  // BP = TR = 2
  }

  TEST_CASE("ultosc: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::ultosc(7, 0, 28),
                         "quantkit::indicators::ultosc: period2 must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
