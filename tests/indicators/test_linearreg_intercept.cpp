// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/linearreg_intercept.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("linearreg_intercept: matches TA-Lib LINEARREG_INTERCEPT(14) on ttrc") {
    const auto out = ind::apply(ind::linearreg_intercept{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("LINEARREG_INTERCEPT", "outReal", out,
                                ind::linearreg_intercept{}.warmup());
  }

  TEST_CASE("linearreg_intercept: the fitted value at the oldest input of the window") {
    // 1, 2, 4: mean 7/3, slope 3/2, fitted value at the oldest point 7/3 - 3/2 = 5/6.
    const std::vector<double> x{1, 2, 4};
    CHECK(ind::apply(ind::linearreg_intercept(3), std::span<const double>(x))[2] ==
          approx(5.0 / 6.0, 1e-14));
    // On a straight line y = 3 + 2 t the intercept of the window ending at t is y(t - n + 1).
    ind::linearreg_intercept s(5);
    for (int t = 0; t < 12; ++t) s.update(3.0 + 2.0 * t);
    CHECK(s.value() == approx(3.0 + 2.0 * 7, 1e-13));
  }

  TEST_CASE("linearreg_intercept: a constant series gives the constant, period 2 the older input") {
    ind::linearreg_intercept c(4);
    for (int i = 0; i < 9; ++i) c.update(0.5);
    CHECK(c.value() == 0.5);
    ind::linearreg_intercept two(2);
    two.update(3.0);
    CHECK(two.update(8.0) == approx(3.0, 1e-14));
  }

  TEST_CASE("linearreg_intercept: fewer inputs than the window leave it not ready") {
    ind::linearreg_intercept s(14);
    for (int i = 0; i < 13; ++i) CHECK(std::isnan(s.update(1.0)));
    CHECK_FALSE(s.ready());
    CHECK(s.update(1.0) == 1.0);
  }

  TEST_CASE("linearreg_intercept: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(
        ind::linearreg_intercept(0),
        "quantkit::indicators::linearreg_intercept: period must be in 2..100000 (got 0)",
        quantkit::invalid_argument);
  }
}
