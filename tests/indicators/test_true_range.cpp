// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/true_range.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("true_range: matches TA-Lib TRANGE on ttrc") {
    quantkit::test::check_talib("TRANGE", "outReal",
                                ind::apply(ind::true_range{}, quantkit::test::ttrc().view()), 1);
  }

  TEST_CASE("true_range: the largest of the range and the two gaps, by hand") {
    // b1: H-L 2, |11-9| 2, |9-9| 0 -> 2; b2: 3.5, 0, |7-10.5| 3.5 -> 3.5; b3: 4, |12-8| 4, 0 -> 4;
    // b4: 2, |12-11| 1, |10-11| 1 -> 2.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::true_range{}, std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == 2.0);
    CHECK(out[2] == 3.5);
    CHECK(out[3] == 4.0);
    CHECK(out[4] == 2.0);
    // A gap up: the gap above the previous close dominates the bar's own range.
    ind::true_range tr;
    tr.update(quantkit::test::ohlc(10, 10, 10, 10));
    CHECK(tr.update(quantkit::test::ohlc(13, 13, 12, 12.5)) == 3.0);
  }

  TEST_CASE("true_range: a constant series gives 0, volume is not used") {
    ind::true_range tr;
    const double q = std::numeric_limits<double>::quiet_NaN();
    CHECK(std::isnan(tr.update(quantkit::test::ohlc(5, 5, 5, 5, q))));
    CHECK_FALSE(tr.ready());
    CHECK(tr.update(quantkit::test::ohlc(5, 5, 5, 5, q)) == 0.0);
    CHECK(tr.ready());
  }
}
