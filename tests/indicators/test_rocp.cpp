// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rocp.hpp>

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
  TEST_CASE("rocp: matches TA-Lib ROCP on ttrc at default and other periods") {
    const auto closes = quantkit::test::ttrc().closes();
    quantkit::test::check_talib("ROCP", "outReal", ind::apply(ind::rocp{}, closes), 10);
    for (std::size_t p : {std::size_t{1}, std::size_t{5}}) {
      quantkit::test::check_talib_params("ROCP", "period=" + std::to_string(p),
                                         ind::apply(ind::rocp(p), closes), p);
    }
  }

  TEST_CASE("rocp: by hand with period 2") {
    // inputs 10, 11, 9, 12, 0, 3; (x_t - x_{t-2}) / x_{t-2}: -1/10, 1/11, -9/9, -9/12.
    const std::vector<double> x{10.0, 11.0, 9.0, 12.0, 0.0, 3.0};
    const auto out = ind::apply(ind::rocp(2), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(-0.1));
    CHECK(out[3] == approx(1.0 / 11.0));
    CHECK(out[4] == approx(-1.0));
    CHECK(out[5] == approx(-0.75));
  }

  TEST_CASE("rocp: a zero value n steps back gives 0 (TA-Lib's exact test)") {
    ind::rocp r(2);
    CHECK(std::isnan(r.update(0.0)));
    CHECK(std::isnan(r.update(1.0)));
    CHECK(r.update(2.0) == 0.0);
    CHECK(r.update(2.0) != 0.0);
  }

  TEST_CASE("rocp: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::rocp(0),
                         "quantkit::indicators::rocp: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
