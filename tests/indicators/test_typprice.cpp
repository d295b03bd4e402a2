// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/typprice.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("typprice: matches TA-Lib TYPPRICE on ttrc") {
    const auto out = ind::apply(ind::typprice{}, quantkit::test::ttrc());
    quantkit::test::check_talib("TYPPRICE", "outReal", out, ind::typprice{}.warmup());
  }

  TEST_CASE("typprice: hand-computed value, no warm-up") {
    // open 10, high 12, low 9, close 11.5: (12 + 9 + 11.5) / 3 = 32.5 / 3
    ind::typprice p;
    CHECK_FALSE(p.ready());
    CHECK(std::isnan(p.value()));
    CHECK(p.warmup() == 0);
    CHECK(p.update(quantkit::bar{0, 10.0, 12.0, 9.0, 11.5, 100.0}) == approx(32.5 / 3.0, 1e-15));
    CHECK(p.ready());
    // A flat bar gives its price.
    CHECK(p.update(quantkit::bar{1, 4.25, 4.25, 4.25, 4.25, 0.0}) == 4.25);
  }

  TEST_CASE("typprice: NaN rule on the fields it uses (high, low, close) only") {
    ind::typprice p;
    quantkit::bar b{0, 10.0, 12.0, 9.0, 11.5, 100.0};
    b.open = std::nan("");  // not used: no effect
    CHECK(p.update(b) == approx(32.5 / 3.0, 1e-15));
    b.close = std::nan("");
    CHECK(std::isnan(p.update(b)));
    p.reset();
    CHECK_FALSE(p.ready());
    static_cast<void>(p.params());
  }
}
