// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/wma.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("wma: matches TA-Lib WMA(30) on ttrc") {
    const auto out = ind::apply(ind::wma{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("WMA", "outReal", out, ind::wma{}.warmup());
  }

  TEST_CASE("wma: hand-computed values with period 3") {
    // (1*1 + 2*2 + 3*3)/6 = 14/6; (1*2 + 2*3 + 3*4)/6 = 20/6; (1*3 + 2*4 + 3*10)/6 = 41/6
    const std::vector<double> x{1, 2, 3, 4, 10};
    const auto out = ind::apply(ind::wma(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(14.0 / 6.0));
    CHECK(out[3] == approx(20.0 / 6.0));
    CHECK(out[4] == approx(41.0 / 6.0));
    const auto one = ind::apply(ind::wma(1), std::span<const double>(x));
    CHECK(one == x);
  }

  TEST_CASE("wma: invalid parameters throw invalid_argument") {
    CHECK_THROWS_AS(ind::wma(0), quantkit::invalid_argument);
    CHECK(ind::wma(7).warmup() == 6);
  }
}
