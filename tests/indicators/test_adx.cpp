// SPDX-License-Identifier: MIT
#include <quantkit/indicators/adx.hpp>
#include <quantkit/indicators/apply.hpp>

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

// Hand calculation (as in test_dx.cpp), period 2 on quantkit::test::hand_bars():
// smoothed +DM 0.5, 1.75, 0.875; -DM 2, 1, 0.5; TR 4.5, 6.25, 5.125 (see test_plus_di.cpp), so
// DX = 100 |-DM - +DM| / (-DM + +DM) (TR cancels): 100 * 1.5 / 2.5 = 60, 100 * 0.75 / 2.75,
// 100 * 0.375 / 1.375 (both 300 / 11).

TEST_SUITE("indicators") {
  TEST_CASE("adx: matches TA-Lib ADX on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("ADX", "outReal", ind::apply(ind::adx{}, bars), 27);
    for (std::size_t p : {std::size_t{2}, std::size_t{9}}) {
      quantkit::test::check_talib_params("ADX", "period=" + std::to_string(p),
                                         ind::apply(ind::adx(p), bars), ind::adx(p).warmup());
    }
  }

  TEST_CASE("adx: first value is the mean of n DX values, then Wilder's recursion (period 2)") {
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::adx(2), std::span<const quantkit::bar>(bars));
    CHECK(ind::adx(2).warmup() == 3);
    CHECK(std::isnan(out[2]));
    const double first = (60.0 + 300.0 / 11.0) / 2.0;
    CHECK(out[3] == approx(first));
    CHECK(out[4] == approx((first * 1.0 + 300.0 / 11.0) / 2.0));
  }

  TEST_CASE("adx: a flat series gives 0 and fewer bars than the warm-up give NaN") {
    ind::adx a(3);
    for (int i = 0; i < 5; ++i) CHECK(std::isnan(a.update(quantkit::test::ohlc(5, 5, 5, 5))));
    CHECK(a.update(quantkit::test::ohlc(5, 5, 5, 5)) == 0.0);
  }

  TEST_CASE("adx: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::adx(1),
                         "quantkit::indicators::adx: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
