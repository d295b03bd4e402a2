// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/sma.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("sma: matches TA-Lib SMA(30) on ttrc") {
    const auto out = ind::apply(ind::sma{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("SMA", "outReal", out, ind::sma{}.warmup());
  }

  TEST_CASE("sma: hand-computed values with period 3") {
    // (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+8)/3 = 5
    const std::vector<double> x{1, 2, 3, 4, 8};
    const auto out = ind::apply(ind::sma(3), std::span<const double>(x));
    CHECK(std::isnan(out[0]));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 2.0);
    CHECK(out[3] == 3.0);
    CHECK(out[4] == 5.0);
  }

  TEST_CASE("sma: period 1 is the identity, a constant series gives the constant") {
    const std::vector<double> x{3.5, -1.0, 2.0};
    CHECK(ind::apply(ind::sma(1), std::span<const double>(x)) == x);
    ind::sma s(4);
    for (int i = 0; i < 10; ++i) s.update(7.25);
    CHECK(s.value() == 7.25);
  }

  TEST_CASE("sma: fewer inputs than the window leave it not ready") {
    ind::sma s(5);
    for (int i = 0; i < 4; ++i) CHECK(std::isnan(s.update(1.0)));
    CHECK_FALSE(s.ready());
    CHECK(s.update(1.0) == 1.0);
    CHECK(s.ready());
    CHECK(s.warmup() == 4);
    CHECK(s.params().period == 5);
  }

  TEST_CASE("sma: NaN and infinite inputs are skipped") {
    ind::sma s(2);
    s.update(1.0);
    CHECK(std::isnan(s.update(std::nan(""))));
    CHECK(std::isnan(s.update(std::numeric_limits<double>::infinity())));
    CHECK(s.update(3.0) == 2.0);  // window {1, 3}
  }

  TEST_CASE("sma: invalid parameters and shapes throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::sma(0), "quantkit::indicators::sma: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::sma(100001), quantkit::invalid_argument);
    std::vector<double> in(3), out(2);
    CHECK_THROWS_AS(ind::apply_into(ind::sma(2), std::span<const double>(in), std::span<double>(out)),
                    quantkit::invalid_argument);
    const std::vector<double> empty;
    CHECK(ind::apply(ind::sma(2), std::span<const double>(empty)).empty());
  }
}
