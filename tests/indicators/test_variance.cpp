// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/variance.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("variance: matches TA-Lib VAR(5) on ttrc") {
    const auto out = ind::apply(ind::variance{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("VAR", "outReal", out, ind::variance{}.warmup());
  }

  TEST_CASE("variance: population variance by hand") {
    // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, population variance 4 (the textbook example).
    const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
    const auto out = ind::apply(ind::variance(8), std::span<const double>(x));
    CHECK(out[7] == approx(4.0));
    const auto one = ind::apply(ind::variance(1), std::span<const double>(x));
    CHECK(one[3] == 0.0);
  }

  TEST_CASE("variance: invalid parameters throw invalid_argument") {
    CHECK_THROWS_AS(ind::variance(0), quantkit::invalid_argument);
  }
}
