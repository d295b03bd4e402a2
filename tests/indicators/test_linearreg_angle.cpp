// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/linearreg_angle.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("linearreg_angle: matches TA-Lib LINEARREG_ANGLE(14) on ttrc") {
    const auto out = ind::apply(ind::linearreg_angle{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("LINEARREG_ANGLE", "outReal", out, ind::linearreg_angle{}.warmup());
  }

  TEST_CASE("linearreg_angle: degrees of the slope") {
    // Slope 1 per input is 45 degrees, slope -1 is -45; 1, 2, 4 has slope 3/2:
    // atan(1.5) = 56.309932474020215 degrees.
    ind::linearreg_angle up(4);
    for (int t = 0; t < 6; ++t) up.update(static_cast<double>(t));
    CHECK(up.value() == approx(45.0, 1e-13));
    ind::linearreg_angle down(3);
    for (int t = 0; t < 6; ++t) down.update(-static_cast<double>(t));
    CHECK(down.value() == approx(-45.0, 1e-13));
    const std::vector<double> x{1, 2, 4};
    CHECK(ind::apply(ind::linearreg_angle(3), std::span<const double>(x))[2] ==
          approx(56.309932474020215, 1e-13));
  }

  TEST_CASE("linearreg_angle: a constant series has angle 0") {
    ind::linearreg_angle c(2);
    for (int i = 0; i < 5; ++i) c.update(9.0);
    CHECK(c.value() == 0.0);
    CHECK(c.warmup() == 1);
  }

  TEST_CASE("linearreg_angle: fewer inputs than the window leave it not ready") {
    ind::linearreg_angle s(3);
    CHECK(std::isnan(s.update(1.0)));
    CHECK(std::isnan(s.update(1.0)));
    CHECK_FALSE(s.ready());
  }

  TEST_CASE("linearreg_angle: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(
        ind::linearreg_angle(1),
        "quantkit::indicators::linearreg_angle: period must be in 2..100000 (got 1)",
        quantkit::invalid_argument);
  }
}
