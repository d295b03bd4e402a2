// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/momentum.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("momentum: matches TA-Lib MOM on ttrc at default and other periods") {
    const auto closes = quantkit::test::ttrc().closes();
    quantkit::test::check_talib("MOM", "outReal", ind::apply(ind::momentum{}, closes), 10);
    for (std::size_t p : {std::size_t{1}, std::size_t{5}}) {
      quantkit::test::check_talib_params("MOM", "period=" + std::to_string(p),
                                         ind::apply(ind::momentum(p), closes), p);
    }
  }

  TEST_CASE("momentum: by hand with period 2") {
    // inputs 10, 11, 9, 12, 0, 3; x_t - x_{t-2}: 9 - 10, 12 - 11, 0 - 9, 3 - 12.
    const std::vector<double> x{10.0, 11.0, 9.0, 12.0, 0.0, 3.0};
    const auto out = ind::apply(ind::momentum(2), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(-1.0));
    CHECK(out[3] == approx(1.0));
    CHECK(out[4] == approx(-9.0));
    CHECK(out[5] == approx(-9.0));
  }

  TEST_CASE("momentum: a constant series gives 0") {
    ind::momentum m(3);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(m.update(4.0)));
    CHECK(m.update(4.0) == 0.0);
  }

  TEST_CASE("momentum: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::momentum(0),
                         "quantkit::indicators::momentum: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
