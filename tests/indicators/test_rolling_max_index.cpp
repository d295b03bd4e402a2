// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rolling_max_index.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("rolling_max_index: matches TA-Lib MAXINDEX(30) on ttrc") {
    const auto out = ind::apply(ind::rolling_max_index{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("MAXINDEX", "outInteger", out, ind::rolling_max_index{}.warmup());
  }

  TEST_CASE("rolling_max_index: TA-Lib's tie rule with period 3") {
    // 2, 1, 2, 2, 2: at position 2 the first scan keeps the earliest 2 (position 0); at 3 the
    // tracked 2 left the window, the rescan of {1, 2, 2} keeps position 2; at 4 the new 2 equals
    // the tracked maximum, which is still in the window, so the latest (4) takes over.
    const std::vector<double> x{2, 1, 2, 2, 2};
    const auto out = ind::apply(ind::rolling_max_index(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 0.0);
    CHECK(out[3] == 2.0);
    CHECK(out[4] == 4.0);
  }

  TEST_CASE("rolling_max_index: positions count NaN inputs, the window does not") {
    // positions 0:1 1:NaN 2:5 3:2 4:3 5:9; the windows (finite inputs) are {1, 5, 2}, {5, 2, 3},
    // {2, 3, 9}: maxima at positions 2, 2, 5.
    ind::rolling_max_index s(3);
    CHECK(std::isnan(s.update(1.0)));
    CHECK(std::isnan(s.update(std::nan(""))));
    CHECK(std::isnan(s.update(5.0)));
    CHECK_FALSE(s.ready());
    CHECK(s.update(2.0) == 2.0);
    CHECK(s.update(3.0) == 2.0);
    CHECK(s.update(9.0) == 5.0);
    s.reset();
    for (int i = 0; i < 2; ++i) s.update(7.0);
    CHECK(s.update(7.0) == 0.0);  // positions restart at 0 after reset()
  }

  TEST_CASE("rolling_max_index: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(
        ind::rolling_max_index(1),
        "quantkit::indicators::rolling_max_index: period must be in 2..100000 (got 1)",
        quantkit::invalid_argument);
  }
}
