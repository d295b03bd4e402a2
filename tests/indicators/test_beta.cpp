// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/beta.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("beta: matches TA-Lib BETA(5) on ttrc (high on low)") {
    const auto& bars = quantkit::test::ttrc();
    const auto out = ind::apply(ind::beta{}, bars.highs(), bars.lows());
    quantkit::test::check_talib("BETA", "outReal", out, ind::beta{}.warmup());
  }

  TEST_CASE("beta: slope of the returns, hand-computed with period 2") {
    // x: 100, 110, 99 -> returns 0.1, -0.1; y: 50, 60, 45 -> returns 0.2, -0.25.
    // n Sxy - Sx Sy = 2 (0.02 + 0.025) - 0 = 0.09, n Sxx - Sx^2 = 2 (0.02) - 0 = 0.04: 2.25.
    const std::vector<double> x{100, 110, 99};
    const std::vector<double> y{50, 60, 45};
    const auto out =
        ind::apply(ind::beta(2), std::span<const double>(x), std::span<const double>(y));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(2.25, 1e-12));
  }

  TEST_CASE("beta: y = k x in returns gives k, TA-Lib's zero rules") {
    // y's returns are 3 times x's: beta 3 for any window.
    ind::beta b(4);
    double px = 50.0, py = 20.0;
    b.update({px, py});
    const double r[] = {0.01, -0.02, 0.015, 0.005, -0.01, 0.02};
    for (double ri : r) {
      px *= 1.0 + ri;
      py *= 1.0 + 3.0 * ri;
      b.update({px, py});
    }
    CHECK(b.value() == approx(3.0, 1e-9));  // the prices carry rounding: returns agree to ~1e-14
    // A price of 0 makes the next return 0: x 0, 1, 2 -> returns 0, 1; y 1, 2, 3 -> 1, 0.5;
    // (2 (0 + 0.5) - 1 * 1.5) / (2 * 1 - 1) = -0.5.
    ind::beta z(2);
    z.update({0.0, 1.0});
    z.update({1.0, 2.0});
    CHECK(z.update({2.0, 3.0}) == approx(-0.5, 1e-14));
    // A constant x has zero variance of returns: 0 (TA-Lib's rule), not a division by zero.
    ind::beta c(3);
    for (int i = 0; i < 6; ++i) c.update({10.0, 10.0 + i});
    CHECK(c.value() == 0.0);
  }

  TEST_CASE("beta: warm-up needs period + 1 prices, period 1, NaN skipped") {
    ind::beta b(2);
    CHECK(b.warmup() == 2);
    CHECK(std::isnan(b.update({100, 50})));
    CHECK(std::isnan(b.update({std::nan(""), 1.0})));
    CHECK(std::isnan(b.update({110, 60})));
    CHECK_FALSE(b.ready());
    CHECK(b.update({99, 45}) == approx(2.25, 1e-12));
    // One return: n Sxx - Sx^2 = x^2 - x^2 = 0, so TA-Lib outputs 0.
    ind::beta one(1);
    one.update({1.0, 1.0});
    CHECK(one.update({2.0, 3.0}) == 0.0);
  }

  TEST_CASE("beta: invalid parameters and shapes throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::beta(0),
                         "quantkit::indicators::beta: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
    const std::vector<double> a(3), b(2);
    CHECK_THROWS_AS(static_cast<void>(ind::apply(ind::beta(2), std::span<const double>(a),
                                                 std::span<const double>(b))),
                    quantkit::invalid_argument);
  }
}
