// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/avgprice.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("avgprice: matches TA-Lib AVGPRICE on ttrc") {
    const auto out = ind::apply(ind::avgprice{}, quantkit::test::ttrc());
    quantkit::test::check_talib("AVGPRICE", "outReal", out, ind::avgprice{}.warmup());
  }

  TEST_CASE("avgprice: hand-computed value, no warm-up") {
    // open 10, high 12, low 9, close 11.0: (10 + 12 + 9 + 11) / 4 = 10.5
    ind::avgprice p;
    CHECK_FALSE(p.ready());
    CHECK(std::isnan(p.value()));
    CHECK(p.warmup() == 0);
    CHECK(p.update(quantkit::bar{0, 10.0, 12.0, 9.0, 11.0, 100.0}) == approx(10.5, 1e-15));
    CHECK(p.ready());
    // A flat bar gives its price.
    CHECK(p.update(quantkit::bar{1, 4.25, 4.25, 4.25, 4.25, 0.0}) == 4.25);
  }

  TEST_CASE("avgprice: NaN rule on the fields it uses (open, high, low, close) only") {
    ind::avgprice p;
    quantkit::bar b{0, 10.0, 12.0, 9.0, 11.0, 100.0};
    b.volume = std::nan("");  // not used: no effect
    CHECK(p.update(b) == approx(10.5, 1e-15));
    b.open = std::nan("");
    CHECK(std::isnan(p.update(b)));
    p.reset();
    CHECK_FALSE(p.ready());
    static_cast<void>(p.params());
  }
}
