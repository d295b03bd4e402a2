// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/midprice.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace indicators_test_midprice {  // own scope for unity builds

namespace ind = quantkit::indicators;

namespace {
quantkit::bar hl(double h, double l) { return {0, l, h, l, h, 1.0}; }
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("midprice: matches TA-Lib MIDPRICE(14) on ttrc") {
    const auto out = ind::apply(ind::midprice{}, quantkit::test::ttrc());
    quantkit::test::check_talib("MIDPRICE", "outReal", out, ind::midprice{}.warmup());
  }

  TEST_CASE("midprice: hand-computed values with period 2") {
    // (H, L) = (10, 8), (12, 9), (11, 7): (12 + 8) / 2 = 10, then (12 + 7) / 2 = 9.5
    ind::midprice m(2);
    CHECK(std::isnan(m.update(hl(10, 8))));
    CHECK_FALSE(m.ready());
    CHECK(m.update(hl(12, 9)) == 10.0);
    CHECK(m.update(hl(11, 7)) == 9.5);
    CHECK(m.ready());
  }

  TEST_CASE("midprice: NaN rule on high and low only, constant bars") {
    ind::midprice m(2);
    quantkit::bar b = hl(10, 8);
    b.close = std::nan("");  // unused
    m.update(b);
    CHECK(std::isnan(m.update(hl(std::nan(""), 1))));
    CHECK(m.update(hl(10, 8)) == 9.0);
    ind::midprice c(5);
    for (int i = 0; i < 9; ++i) c.update(hl(3, 3));
    CHECK(c.value() == 3.0);
  }

  TEST_CASE("midprice: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::midprice(1),
                         "quantkit::indicators::midprice: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}

}  // namespace indicators_test_midprice
