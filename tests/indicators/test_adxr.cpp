// SPDX-License-Identifier: MIT
#include <quantkit/indicators/adxr.hpp>
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
  TEST_CASE("adxr: matches TA-Lib ADXR on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("ADXR", "outReal", ind::apply(ind::adxr{}, bars), 40);
    for (std::size_t p : {std::size_t{2}, std::size_t{9}}) {
      quantkit::test::check_talib_params("ADXR", "period=" + std::to_string(p),
                                         ind::apply(ind::adxr(p), bars), ind::adxr(p).warmup());
    }
  }

  TEST_CASE("adxr: the mean of today's ADX and the ADX n - 1 bars back (period 2)") {
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::adxr(2), std::span<const quantkit::bar>(bars));
    const double adx3 = (60.0 + 300.0 / 11.0) / 2.0;
    const double adx4 = (adx3 + 300.0 / 11.0) / 2.0;
    CHECK(ind::adxr(2).warmup() == 4);
    CHECK(std::isnan(out[3]));
    CHECK(out[4] == approx((adx4 + adx3) / 2.0));
  }

  TEST_CASE("adxr: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::adxr(1),
                         "quantkit::indicators::adxr: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
