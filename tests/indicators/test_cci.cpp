// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/cci.hpp>

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
  TEST_CASE("cci: matches TA-Lib CCI on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("CCI", "outReal", ind::apply(ind::cci{}, bars), 13);
    for (std::size_t p : {std::size_t{2}, std::size_t{9}}) {
      quantkit::test::check_talib_params("CCI", "period=" + std::to_string(p),
                                         ind::apply(ind::cci(p), bars), p - 1);
    }
  }

  TEST_CASE("cci: typical price, mean and mean deviation by hand with period 3") {
    // tp = 9, 30.5/3, 25.5/3 on bars 0..2: m = (9 + 30.5/3 + 25.5/3) / 3 = 83/9,
    // d = (|9 - m| + |30.5/3 - m| + |25.5/3 - m|) / 3 = (2/9 + 8.5/9 + 6.5/9) / 3 = 17/27,
    // CCI = (25.5/3 - 83/9) / (0.015 * 17/27) = (-6.5/9) / (0.015 * 17/27).
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::cci(3), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx((-6.5 / 9.0) / (0.015 * 17.0 / 27.0)));
  }

  TEST_CASE("cci: exact flat windows give 0, a flat window with rounding residue does not") {
    ind::cci c(3);
    for (int i = 0; i < 2; ++i) CHECK(std::isnan(c.update(quantkit::test::ohlc(5, 5, 5, 5))));
    CHECK(c.update(quantkit::test::ohlc(5, 5, 5, 5)) == 0.0);
    // TA-Lib 0.6.4's exact zero test (TA-Lib issue #7): eight bars at 1.1 leave a residue in the
    // mean and TA-Lib 0.6.4 reports 66.666...; quantkit reproduces it.
    ind::cci q(8);
    double last = 0.0;
    for (int i = 0; i < 8; ++i) last = q.update(quantkit::test::ohlc(1.1, 1.1, 1.1, 1.1));
    CHECK(last == approx(200.0 / 3.0, 1e-9));  // the residue's ratio; tolerance for its rounding
  }

  TEST_CASE("cci: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::cci(1),
                         "quantkit::indicators::cci: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
