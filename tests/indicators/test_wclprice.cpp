// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/wclprice.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("wclprice: matches TA-Lib WCLPRICE on ttrc") {
    const auto out = ind::apply(ind::wclprice{}, quantkit::test::ttrc());
    quantkit::test::check_talib("WCLPRICE", "outReal", out, ind::wclprice{}.warmup());
  }

  TEST_CASE("wclprice: hand-computed value, no warm-up") {
    // open 10, high 12, low 9, close 11.5: (12 + 9 + 2 * 11.5) / 4 = 11
    ind::wclprice p;
    CHECK_FALSE(p.ready());
    CHECK(std::isnan(p.value()));
    CHECK(p.warmup() == 0);
    CHECK(p.update(quantkit::bar{0, 10.0, 12.0, 9.0, 11.5, 100.0}) == approx(11.0, 1e-15));
    CHECK(p.ready());
    // A flat bar gives its price.
    CHECK(p.update(quantkit::bar{1, 4.25, 4.25, 4.25, 4.25, 0.0}) == 4.25);
  }

  TEST_CASE("wclprice: NaN rule on the fields it uses (high, low, close) only") {
    ind::wclprice p;
    quantkit::bar b{0, 10.0, 12.0, 9.0, 11.5, 100.0};
    b.open = std::nan("");  // not used: no effect
    CHECK(p.update(b) == approx(11.0, 1e-15));
    b.high = HUGE_VAL;
    CHECK(std::isnan(p.update(b)));
    p.reset();
    CHECK_FALSE(p.ready());
    static_cast<void>(p.params());
  }
}
