// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/medprice.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("medprice: matches TA-Lib MEDPRICE on ttrc") {
    const auto out = ind::apply(ind::medprice{}, quantkit::test::ttrc());
    quantkit::test::check_talib("MEDPRICE", "outReal", out, ind::medprice{}.warmup());
  }

  TEST_CASE("medprice: hand-computed value, no warm-up") {
    // open 10, high 12, low 9, close 11.5: (12 + 9) / 2 = 10.5
    ind::medprice p;
    CHECK_FALSE(p.ready());
    CHECK(std::isnan(p.value()));
    CHECK(p.warmup() == 0);
    CHECK(p.update(quantkit::bar{0, 10.0, 12.0, 9.0, 11.5, 100.0}) == approx(10.5, 1e-15));
    CHECK(p.ready());
    // A flat bar gives its price.
    CHECK(p.update(quantkit::bar{1, 4.25, 4.25, 4.25, 4.25, 0.0}) == 4.25);
  }

  TEST_CASE("medprice: NaN rule on the fields it uses (high and low) only") {
    ind::medprice p;
    quantkit::bar b{0, 10.0, 12.0, 9.0, 11.5, 100.0};
    b.open = std::nan("");  // not used: no effect
    CHECK(p.update(b) == approx(10.5, 1e-15));
    b.low = std::nan("");
    CHECK(std::isnan(p.update(b)));
    p.reset();
    CHECK_FALSE(p.ready());
    static_cast<void>(p.params());
  }
}
