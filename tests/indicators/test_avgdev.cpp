// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/avgdev.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("avgdev: matches TA-Lib AVGDEV(14) on ttrc") {
    const auto out = ind::apply(ind::avgdev{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("AVGDEV", "outReal", out, ind::avgdev{}.warmup());
  }

  TEST_CASE("avgdev: hand-computed values with period 4") {
    // {1, 2, 3, 10}: mean 4, |deviations| 3, 2, 1, 6 -> 3. {2, 3, 10, 5}: mean 5, 3, 2, 5, 0 -> 2.5
    const std::vector<double> x{1, 2, 3, 10, 5};
    const auto out = ind::apply(ind::avgdev(4), std::span<const double>(x));
    CHECK(std::isnan(out[2]));
    CHECK(out[3] == approx(3.0, 1e-15));
    CHECK(out[4] == approx(2.5, 1e-15));
  }

  TEST_CASE("avgdev: period 2 is half the distance, a constant series gives 0") {
    ind::avgdev a(2);
    a.update(3.0);
    CHECK(a.update(7.0) == 2.0);
    ind::avgdev c(5);
    for (int i = 0; i < 9; ++i) c.update(1.1);
    CHECK(c.value() == approx(0.0, 1e-15));
  }

  TEST_CASE("avgdev: fewer inputs than the window leave it not ready, NaN skipped") {
    ind::avgdev a(3);
    CHECK(std::isnan(a.update(1.0)));
    CHECK(std::isnan(a.update(std::nan(""))));
    CHECK(std::isnan(a.update(2.0)));
    CHECK_FALSE(a.ready());
    CHECK(a.update(6.0) == approx(2.0, 1e-15));  // mean 3: (2 + 1 + 3) / 3
    CHECK(a.warmup() == 2);
  }

  TEST_CASE("avgdev: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::avgdev(1),
                         "quantkit::indicators::avgdev: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
