// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rocr100.hpp>

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
  TEST_CASE("rocr100: matches TA-Lib ROCR100 on ttrc at default and other periods") {
    const auto closes = quantkit::test::ttrc().closes();
    quantkit::test::check_talib("ROCR100", "outReal", ind::apply(ind::rocr100{}, closes), 10);
    for (std::size_t p : {std::size_t{1}, std::size_t{5}}) {
      quantkit::test::check_talib_params("ROCR100", "period=" + std::to_string(p),
                                         ind::apply(ind::rocr100(p), closes), p);
    }
  }

  TEST_CASE("rocr100: by hand with period 2") {
    // inputs 10, 11, 9, 12, 0, 3; (x_t / x_{t-2}) * 100: 9/10, 12/11, 0/9, 3/12.
    const std::vector<double> x{10.0, 11.0, 9.0, 12.0, 0.0, 3.0};
    const auto out = ind::apply(ind::rocr100(2), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(90.0));
    CHECK(out[3] == approx(1200.0 / 11.0));
    CHECK(out[4] == approx(0.0));
    CHECK(out[5] == approx(25.0));
  }

  TEST_CASE("rocr100: a zero value n steps back gives 0 (TA-Lib's exact test)") {
    ind::rocr100 r(2);
    CHECK(std::isnan(r.update(0.0)));
    CHECK(std::isnan(r.update(1.0)));
    CHECK(r.update(2.0) == 0.0);
    CHECK(r.update(2.0) != 0.0);
  }

  TEST_CASE("rocr100: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::rocr100(0),
                         "quantkit::indicators::rocr100: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
