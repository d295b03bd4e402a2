// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/tsf.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("tsf: matches TA-Lib TSF(14) on ttrc") {
    const auto out = ind::apply(ind::tsf{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("TSF", "outReal", out, ind::tsf{}.warmup());
  }

  TEST_CASE("tsf: hand-computed values with period 3") {
    // Line through (0, 1), (1, 2), (2, 4): slope 3/2, value at t = 0 is 5/6; one step past the
    // newest point (t = 3): 5/6 + 9/2 = 16/3.
    const std::vector<double> x{1, 2, 4};
    const auto out = ind::apply(ind::tsf(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(16.0 / 3.0, 1e-14));
  }

  TEST_CASE("tsf: period 2 extrapolates the last change, a constant series gives the constant") {
    ind::tsf t(2);
    t.update(3.0);
    CHECK(t.update(5.0) == approx(7.0, 1e-14));  // 5 + (5 - 3)
    ind::tsf c(6);
    for (int i = 0; i < 10; ++i) c.update(-1.5);
    CHECK(c.value() == -1.5);
    CHECK(c.warmup() == 5);
  }

  TEST_CASE("tsf: fewer inputs than the window leave it not ready") {
    ind::tsf s(4);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(s.update(1.0)));
    CHECK_FALSE(s.ready());
    CHECK(std::isnan(s.update(HUGE_VAL)));
    CHECK(s.update(1.0) == 1.0);
  }

  TEST_CASE("tsf: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::tsf(0),
                         "quantkit::indicators::tsf: period must be in 2..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
