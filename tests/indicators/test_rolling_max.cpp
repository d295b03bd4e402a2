// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rolling_max.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("rolling_max: matches TA-Lib MAX(30) on ttrc") {
    const auto out = ind::apply(ind::rolling_max{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("MAX", "outReal", out, ind::rolling_max{}.warmup());
  }

  TEST_CASE("rolling_max: hand-computed values with period 3") {
    // windows {1, 5, 3} {5, 3, 2} {3, 2, 4} {2, 4, -1}
    const std::vector<double> x{1, 5, 3, 2, 4, -1};
    const auto out = ind::apply(ind::rolling_max(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 5.0);
    CHECK(out[3] == 5.0);
    CHECK(out[4] == 4.0);
    CHECK(out[5] == 4.0);
  }

  TEST_CASE("rolling_max: minimum period, constant series, NaN skipped") {
    ind::rolling_max s(2);
    CHECK(std::isnan(s.update(3.0)));
    CHECK_FALSE(s.ready());
    CHECK(std::isnan(s.update(-HUGE_VAL)));
    CHECK(s.update(1.0) == 3.0);
    CHECK(s.update(0.0) == 1.0);
    ind::rolling_max c(5);
    for (int i = 0; i < 8; ++i) c.update(2.0);
    CHECK(c.value() == 2.0);
  }

  TEST_CASE("rolling_max: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::rolling_max(1),
                         "quantkit::indicators::rolling_max: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
