// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/linearreg_slope.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("linearreg_slope: matches TA-Lib LINEARREG_SLOPE(14) on ttrc") {
    const auto out = ind::apply(ind::linearreg_slope{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("LINEARREG_SLOPE", "outReal", out, ind::linearreg_slope{}.warmup());
  }

  TEST_CASE("linearreg_slope: hand-computed and closed-form values") {
    // 1, 2, 4: slope sum((t - 1)(y - 7/3)) / sum((t - 1)^2) = (4/3 + 5/3) / 2 = 3/2.
    const std::vector<double> x{1, 2, 4};
    CHECK(ind::apply(ind::linearreg_slope(3), std::span<const double>(x))[2] == approx(1.5, 1e-14));
    // A straight line y = 10 - 0.25 t has slope -0.25 for any window.
    ind::linearreg_slope s(7);
    for (int t = 0; t < 20; ++t) s.update(10.0 - 0.25 * t);
    CHECK(s.value() == approx(-0.25, 1e-13));
  }

  TEST_CASE("linearreg_slope: a constant series has slope 0, period 2 is the last change") {
    ind::linearreg_slope c(5);
    for (int i = 0; i < 9; ++i) c.update(42.0);
    CHECK(c.value() == 0.0);
    ind::linearreg_slope two(2);
    two.update(3.0);
    CHECK(two.update(1.0) == approx(-2.0, 1e-14));
  }

  TEST_CASE("linearreg_slope: fewer inputs than the window leave it not ready") {
    ind::linearreg_slope s(3);
    CHECK(std::isnan(s.update(1.0)));
    CHECK(std::isnan(s.update(2.0)));
    CHECK_FALSE(s.ready());
    CHECK(s.warmup() == 2);
  }

  TEST_CASE("linearreg_slope: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(
        ind::linearreg_slope(1),
        "quantkit::indicators::linearreg_slope: period must be in 2..100000 (got 1)",
        quantkit::invalid_argument);
  }
}
