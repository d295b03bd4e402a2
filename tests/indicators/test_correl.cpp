// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/correl.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("correl: matches TA-Lib CORREL(30) on ttrc (high with low)") {
    const auto& bars = quantkit::test::ttrc();
    const auto out = ind::apply(ind::correl{}, bars.highs(), bars.lows());
    quantkit::test::check_talib("CORREL", "outReal", out, ind::correl{}.warmup());
  }

  TEST_CASE("correl: hand-computed value with period 3") {
    // x 1, 2, 3; y 2, 4, 7: deviations (-1, 0, 1) and (-7/3, -1/3, 8/3), sum of products 5,
    // sums of squares 2 and 114/9: r = 5 / sqrt(228 / 9) = 15 / sqrt(228).
    const std::vector<double> x{1, 2, 3, 10};
    const std::vector<double> y{2, 4, 7, -3};
    const auto out =
        ind::apply(ind::correl(3), std::span<const double>(x), std::span<const double>(y));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(15.0 / std::sqrt(228.0), 1e-13));
    // Next window x 2, 3, 10; y 4, 7, -3: means 5 and 8/3, deviations (-3, -2, 5) and
    // (4/3, 13/3, -17/3): sum of products -4 - 26/3 - 85/3 = -41, squares 38 and 474/9.
    CHECK(out[3] == approx(-41.0 / std::sqrt(38.0 * 474.0 / 9.0), 1e-13));
  }

  TEST_CASE("correl: exact linear relations give +-1, a constant series 0") {
    ind::correl pos(5), neg(5), flat(5);
    for (int i = 0; i < 12; ++i) {
      const double x = std::sin(0.7 * i);
      pos.update({x, 2.0 * x + 1.0});
      neg.update({x, -0.5 * x});
      flat.update({x, 4.0});
    }
    CHECK(pos.value() == approx(1.0, 1e-12));
    CHECK(neg.value() == approx(-1.0, 1e-12));
    CHECK(flat.value() == 0.0);  // Syy - Sy^2 / n is 0: TA-Lib's zero rule
  }

  TEST_CASE("correl: fewer inputs than the window, period 1, NaN skipped") {
    ind::correl c(3);
    c.update({1, 2});
    CHECK(std::isnan(c.update({std::nan(""), 0})));
    CHECK(std::isnan(c.update({2, 4})));
    CHECK_FALSE(c.ready());
    CHECK(c.update({3, 7}) == approx(15.0 / std::sqrt(228.0), 1e-13));
    CHECK(c.warmup() == 2);
    ind::correl one(1);
    CHECK(one.update({1.0, 2.0}) == 0.0);
  }

  TEST_CASE("correl: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::correl(0),
                         "quantkit::indicators::correl: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
