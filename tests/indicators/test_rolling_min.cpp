// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rolling_min.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("rolling_min: matches TA-Lib MIN(30) on ttrc") {
    const auto out = ind::apply(ind::rolling_min{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("MIN", "outReal", out, ind::rolling_min{}.warmup());
  }

  TEST_CASE("rolling_min: hand-computed values with period 3") {
    // windows {1, 5, 3} {5, 3, 2} {3, 2, 4} {2, 4, -1}
    const std::vector<double> x{1, 5, 3, 2, 4, -1};
    const auto out = ind::apply(ind::rolling_min(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 1.0);
    CHECK(out[3] == 2.0);
    CHECK(out[4] == 2.0);
    CHECK(out[5] == -1.0);
  }

  TEST_CASE("rolling_min: minimum period, constant series, NaN skipped") {
    ind::rolling_min s(2);
    CHECK(std::isnan(s.update(3.0)));
    CHECK_FALSE(s.ready());
    CHECK(std::isnan(s.update(std::nan(""))));
    CHECK(s.update(4.0) == 3.0);
    ind::rolling_min c(5);
    for (int i = 0; i < 8; ++i) c.update(2.0);
    CHECK(c.value() == 2.0);
    CHECK(c.warmup() == 4);
  }

  TEST_CASE("rolling_min: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::rolling_min(0),
                         "quantkit::indicators::rolling_min: period must be in 2..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
