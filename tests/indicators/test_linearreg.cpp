// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/linearreg.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("linearreg: matches TA-Lib LINEARREG(14) on ttrc") {
    const auto out = ind::apply(ind::linearreg{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("LINEARREG", "outReal", out, ind::linearreg{}.warmup());
  }

  TEST_CASE("linearreg: hand-computed values with period 3") {
    // Line through (0, 1), (1, 2), (2, 4): slope 3/2, fitted value at t = 0 is 7/3 - 3/2 = 5/6,
    // at the newest point 5/6 + 2 * 3/2 = 23/6. Next window 2, 4, 4: slope 1, mean 10/3, value at
    // the newest 10/3 + 1 = 13/3.
    const std::vector<double> x{1, 2, 4, 4};
    const auto out = ind::apply(ind::linearreg(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(23.0 / 6.0, 1e-14));
    CHECK(out[3] == approx(13.0 / 3.0, 1e-14));
  }

  TEST_CASE("linearreg: period 2 returns the newest input, a constant series the constant") {
    const std::vector<double> x{3.0, 5.5, -2.0};
    const auto out = ind::apply(ind::linearreg(2), std::span<const double>(x));
    CHECK(out[1] == approx(5.5, 1e-14));
    CHECK(out[2] == approx(-2.0, 1e-14));
    ind::linearreg c(5);
    for (int i = 0; i < 9; ++i) c.update(7.25);
    CHECK(c.value() == 7.25);
  }

  TEST_CASE("linearreg: fewer inputs than the window leave it not ready, NaN is skipped") {
    ind::linearreg s(3);
    CHECK(std::isnan(s.update(1.0)));
    CHECK(std::isnan(s.update(std::nan(""))));
    CHECK(std::isnan(s.update(2.0)));
    CHECK_FALSE(s.ready());
    CHECK(s.update(4.0) == approx(23.0 / 6.0, 1e-14));
    CHECK(s.ready());
    CHECK(s.warmup() == 2);
    s.reset();
    CHECK_FALSE(s.ready());
    CHECK(std::isnan(s.value()));
  }

  TEST_CASE("linearreg: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::linearreg(1),
                         "quantkit::indicators::linearreg: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::linearreg(100001), quantkit::invalid_argument);
  }
}
