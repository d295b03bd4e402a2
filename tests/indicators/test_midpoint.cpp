// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/midpoint.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("midpoint: matches TA-Lib MIDPOINT(14) on ttrc") {
    const auto out = ind::apply(ind::midpoint{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("MIDPOINT", "outReal", out, ind::midpoint{}.warmup());
  }

  TEST_CASE("midpoint: hand-computed values with period 3") {
    // windows {1, 5, 3} -> (5 + 1) / 2 = 3, {5, 3, 2} -> 3.5, {3, 2, 8} -> 5
    const std::vector<double> x{1, 5, 3, 2, 8};
    const auto out = ind::apply(ind::midpoint(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 3.0);
    CHECK(out[3] == 3.5);
    CHECK(out[4] == 5.0);
  }

  TEST_CASE("midpoint: minimum period, constant series, NaN skipped") {
    ind::midpoint s(2);
    CHECK(std::isnan(s.update(1.0)));
    CHECK_FALSE(s.ready());
    CHECK(std::isnan(s.update(std::nan(""))));
    CHECK(s.update(2.0) == 1.5);
    ind::midpoint c(14);
    for (int i = 0; i < 20; ++i) c.update(-3.0);
    CHECK(c.value() == -3.0);
    CHECK(c.warmup() == 13);
  }

  TEST_CASE("midpoint: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::midpoint(1),
                         "quantkit::indicators::midpoint: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
