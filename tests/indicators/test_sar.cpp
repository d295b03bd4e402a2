// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/sar.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("sar: matches TA-Lib SAR on ttrc at default and other parameters") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("SAR", "outReal", ind::apply(ind::sar{}, bars), 1);
    quantkit::test::check_talib_params("SAR", "acceleration=0.01 maximum=0.1",
                                       ind::apply(ind::sar(0.01, 0.1), bars), 1);
    quantkit::test::check_talib_params("SAR", "acceleration=0.3 maximum=0.2",
                                       ind::apply(ind::sar(0.3, 0.2), bars), 1);
  }

  TEST_CASE("sar: start, reversals and the range rule by hand") {
    // b1 vs b0: -DM1 = 0 -> long, SAR = low0 = 8, ep = high1 = 11. b1 emits 8; next SAR
    // 8 + 0.02 (11 - 8) = 8.06. b2 low 7 <= 8.06: reverse short at ep 11 (>= both highs), emit
    // 11; ep 7, SAR 11 + 0.02 (7 - 11) = 10.92, raised to the previous high 11. b3 high 12 >= 11:
    // reverse long at ep 7 (<= both lows), emit 7; SAR 7 + 0.02 (12 - 7) = 7.1, lowered to the
    // previous low 7. b4 emits 7.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::sar{}, std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == 8.0);
    CHECK(out[2] == 11.0);
    CHECK(out[3] == 7.0);
    CHECK(out[4] == 7.0);
  }

  TEST_CASE("sar: a -DM second bar starts short, and an acceleration above the maximum is capped") {
    ind::sar s;
    s.update(quantkit::test::ohlc(10, 10, 8, 9));
    CHECK(s.update(quantkit::test::ohlc(9, 9.5, 7, 8)) == 10.0);  // short: SAR = first high
    CHECK_FALSE(s.is_long());
    const auto bars = quantkit::test::ttrc().view();
    const auto capped = ind::apply(ind::sar(0.3, 0.2), bars);
    const auto at_max = ind::apply(ind::sar(0.2, 0.2), bars);
    bool same = true;
    for (std::size_t i = 1; i < capped.size(); ++i) same = same && capped[i] == at_max[i];
    CHECK(same);
  }

  TEST_CASE("sar: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(
        ind::sar(-0.01, 0.2),
        "quantkit::indicators::sar: acceleration must be finite and >= 0 (got -0.01)",
        quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::sar(0.02, std::numeric_limits<double>::infinity()),
                    quantkit::invalid_argument);
  }
}
