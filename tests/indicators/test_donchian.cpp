// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/donchian.hpp>
#include <quantkit/indicators/midprice.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace indicators_test_donchian {  // own scope for unity builds

namespace ind = quantkit::indicators;

namespace {
quantkit::bar hl(double h, double l) { return {0, l, h, l, h, 1.0}; }
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("donchian: hand-computed channel with period 3, current bar included") {
    // (H, L): (10, 8), (12, 9), (11, 7), (9, 8.5): windows of 3 -> upper 12, lower 7, middle 9.5,
    // then upper 12, lower 7 again (the (12, 9) bar is still inside).
    ind::donchian d(3);
    CHECK(std::isnan(d.update(hl(10, 8)).upper));
    CHECK(std::isnan(d.update(hl(12, 9)).lower));
    CHECK_FALSE(d.ready());
    auto v = d.update(hl(11, 7));
    CHECK(v.upper == 12.0);
    CHECK(v.lower == 7.0);
    CHECK(v.middle == 9.5);
    v = d.update(hl(9, 8.5));
    CHECK(v.upper == 12.0);
    CHECK(v.lower == 7.0);
    // A new high is its own upper band (the current bar is part of the window).
    v = d.update(hl(15, 14));
    CHECK(v.upper == 15.0);
    CHECK(v.lower == 7.0);
    CHECK(v.middle == 11.0);
  }

  TEST_CASE("donchian: the middle line equals midprice, period 1 is the bar itself") {
    const auto& bars = quantkit::test::ttrc();
    const auto d = ind::apply(ind::donchian(14), bars);
    const auto m = ind::apply(ind::midprice(14), bars);
    std::size_t bad = 0;
    for (std::size_t i = 13; i < bars.size(); ++i)
      if (d[i].middle != m[i]) ++bad;
    CHECK(bad == 0);
    ind::donchian one(1);
    const auto v = one.update(hl(5, 4));
    CHECK(v.upper == 5.0);
    CHECK(v.lower == 4.0);
    CHECK(one.warmup() == 0);
  }

  TEST_CASE("donchian: NaN rule on high and low, constant bars") {
    ind::donchian d(2);
    d.update(hl(3, 2));
    CHECK(std::isnan(d.update(hl(3, std::nan(""))).middle));
    CHECK(d.update(hl(4, 1)).middle == 2.5);
    ind::donchian c;
    CHECK(c.warmup() == 19);
    for (int i = 0; i < 25; ++i) c.update(hl(2, 2));
    CHECK(c.value().upper == 2.0);
    CHECK(c.value().lower == 2.0);
  }

  TEST_CASE("donchian: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::donchian(0),
                         "quantkit::indicators::donchian: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}

}  // namespace indicators_test_donchian
