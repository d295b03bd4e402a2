// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/obv.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("obv: matches TA-Lib OBV on ttrc") {
    quantkit::test::check_talib("OBV", "outReal",
                                ind::apply(ind::obv{}, quantkit::test::ttrc().view()), 0);
  }

  TEST_CASE("obv: starts at the first volume, adds on up closes, subtracts on down closes") {
    // closes 9, 10.5, 8, 11, 11.5; volumes 100..500 -> 100, 300, 0, 400, 900.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::obv{}, std::span<const quantkit::bar>(bars));
    CHECK(out[0] == 100.0);
    CHECK(out[1] == 300.0);
    CHECK(out[2] == 0.0);
    CHECK(out[3] == 400.0);
    CHECK(out[4] == 900.0);
  }

  TEST_CASE("obv: an unchanged close leaves it unchanged, high and low are not used") {
    const double q = std::numeric_limits<double>::quiet_NaN();
    ind::obv o;
    CHECK(o.update({0, q, q, q, 5.0, 7.0}) == 7.0);
    CHECK(o.update({0, q, q, q, 5.0, 3.0}) == 7.0);
    CHECK(o.update({0, q, q, q, 4.0, 2.0}) == 5.0);
  }
}
