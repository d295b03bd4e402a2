// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/dx.hpp>

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

// Hand calculation shared by dx, adx and adxr, period 2 on quantkit::test::hand_bars():
// smoothed +DM 0.5, 1.75, 0.875; -DM 2, 1, 0.5; TR 4.5, 6.25, 5.125 (see test_plus_di.cpp), so
// DX = 100 |-DM - +DM| / (-DM + +DM) (TR cancels): 100 * 1.5 / 2.5 = 60, 100 * 0.75 / 2.75,
// 100 * 0.375 / 1.375 (both 300 / 11).

TEST_SUITE("indicators") {
  TEST_CASE("dx: matches TA-Lib DX on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("DX", "outReal", ind::apply(ind::dx{}, bars), 14);
    for (std::size_t p : {std::size_t{2}, std::size_t{9}}) {
      quantkit::test::check_talib_params("DX", "period=" + std::to_string(p),
                                         ind::apply(ind::dx(p), bars), ind::dx(p).warmup());
    }
  }

  TEST_CASE("dx: hand calculation with period 2") {
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::dx(2), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(60.0));
    CHECK(out[3] == approx(300.0 / 11.0));
    CHECK(out[4] == approx(300.0 / 11.0));
  }

  TEST_CASE("dx: a degenerate first output is 0, later ones repeat the previous DX (TA-Lib)") {
    ind::dx d(2);
    for (int i = 0; i < 2; ++i) d.update(quantkit::test::ohlc(5, 5, 5, 5));
    CHECK(d.update(quantkit::test::ohlc(5, 5, 5, 5)) == 0.0);  // TR = 0 on the first output
    // After the hand bars (DX 300/11), flat bars carry no DM and no TR: the sums halve exactly,
    // the DX stays 300/11 and, once TR < 1e-14 (within 50 bars), TA-Lib repeats the last DX.
    ind::dx e(2);
    for (const auto& b : quantkit::test::hand_bars()) e.update(b);
    for (int i = 0; i < 100; ++i) e.update(quantkit::test::ohlc(11.5, 11.5, 11.5, 11.5));
    CHECK(e.value() == approx(300.0 / 11.0));
  }

  TEST_CASE("dx: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::dx(1),
                         "quantkit::indicators::dx: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
