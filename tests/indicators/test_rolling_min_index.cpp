// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rolling_min_index.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("rolling_min_index: matches TA-Lib MININDEX(30) on ttrc") {
    const auto out = ind::apply(ind::rolling_min_index{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("MININDEX", "outInteger", out, ind::rolling_min_index{}.warmup());
  }

  TEST_CASE("rolling_min_index: TA-Lib's tie rule with period 3") {
    // 1, 3, 1, 1, 1 mirrors MAXINDEX's 2, 1, 2, 2, 2: positions 0, 2, 4.
    const std::vector<double> x{1, 3, 1, 1, 1};
    const auto out = ind::apply(ind::rolling_min_index(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 0.0);
    CHECK(out[3] == 2.0);
    CHECK(out[4] == 4.0);
  }

  TEST_CASE("rolling_min_index: positions count NaN inputs, a constant series gives the oldest") {
    ind::rolling_min_index s(2);
    s.update(4.0);
    CHECK(std::isnan(s.update(HUGE_VAL)));
    CHECK(s.update(6.0) == 0.0);
    CHECK(s.update(1.0) == 3.0);
    // Constant input: the tracked minimum always leaves first, the rescan keeps the earliest.
    ind::rolling_min_index c(4);
    for (int i = 0; i < 9; ++i) c.update(5.0);
    CHECK(c.value() == 5.0);  // positions 5..8, earliest 5
    CHECK(c.warmup() == 3);
  }

  TEST_CASE("rolling_min_index: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(
        ind::rolling_min_index(0),
        "quantkit::indicators::rolling_min_index: period must be in 2..100000 (got 0)",
        quantkit::invalid_argument);
  }
}
