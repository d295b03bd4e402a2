// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rolling_minmax.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("rolling_minmax: matches TA-Lib MINMAX(30) on ttrc") {
    const auto out = ind::apply(ind::rolling_minmax{}, quantkit::test::ttrc().closes());
    std::vector<double> lo, hi;
    for (const auto& v : out) {
      lo.push_back(v.min);
      hi.push_back(v.max);
    }
    const std::size_t w = ind::rolling_minmax{}.warmup();
    quantkit::test::check_talib("MINMAX", "outMin", lo, w);
    quantkit::test::check_talib("MINMAX", "outMax", hi, w);
  }

  TEST_CASE("rolling_minmax: hand-computed values with period 3") {
    // windows {1, 5, 3} {5, 3, 2} {3, 2, 4}: (1, 5), (2, 5), (2, 4)
    const std::vector<double> x{1, 5, 3, 2, 4};
    const auto out = ind::apply(ind::rolling_minmax(3), std::span<const double>(x));
    CHECK(std::isnan(out[1].min));
    CHECK(std::isnan(out[1].max));
    CHECK(out[2].min == 1.0);
    CHECK(out[2].max == 5.0);
    CHECK(out[3].min == 2.0);
    CHECK(out[3].max == 5.0);
    CHECK(out[4].min == 2.0);
    CHECK(out[4].max == 4.0);
  }

  TEST_CASE("rolling_minmax: minimum period, constant series, NaN skipped") {
    ind::rolling_minmax s(2);
    s.update(1.0);
    CHECK_FALSE(s.ready());
    const auto bad = s.update(std::nan(""));
    CHECK(std::isnan(bad.min));
    CHECK(std::isnan(bad.max));
    const auto v = s.update(-1.0);
    CHECK(v.min == -1.0);
    CHECK(v.max == 1.0);
    ind::rolling_minmax c(3);
    for (int i = 0; i < 5; ++i) c.update(8.0);
    CHECK(c.value().min == 8.0);
    CHECK(c.value().max == 8.0);
  }

  TEST_CASE("rolling_minmax: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(
        ind::rolling_minmax(1),
        "quantkit::indicators::rolling_minmax: period must be in 2..100000 (got 1)",
        quantkit::invalid_argument);
  }
}
