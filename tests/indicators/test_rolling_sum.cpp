// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rolling_sum.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("rolling_sum: matches TA-Lib SUM(30) on ttrc") {
    const auto out = ind::apply(ind::rolling_sum{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("SUM", "outReal", out, ind::rolling_sum{}.warmup());
  }

  TEST_CASE("rolling_sum: hand-computed values with period 3") {
    // 1 + 2 + 3 = 6, 2 + 3 + 4 = 9, 3 + 4 + 8 = 15
    const std::vector<double> x{1, 2, 3, 4, 8};
    const auto out = ind::apply(ind::rolling_sum(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 6.0);
    CHECK(out[3] == 9.0);
    CHECK(out[4] == 15.0);
  }

  TEST_CASE("rolling_sum: minimum period, constant series, NaN skipped") {
    ind::rolling_sum s(2);
    CHECK(std::isnan(s.update(1.5)));
    CHECK_FALSE(s.ready());
    CHECK(std::isnan(s.update(std::nan(""))));
    CHECK(s.update(2.5) == 4.0);
    CHECK(s.ready());
    ind::rolling_sum c(4);
    for (int i = 0; i < 10; ++i) c.update(0.25);
    CHECK(c.value() == 1.0);
    CHECK(c.warmup() == 3);
  }

  TEST_CASE("rolling_sum: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::rolling_sum(1),
                         "quantkit::indicators::rolling_sum: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::rolling_sum(100001), quantkit::invalid_argument);
  }
}
