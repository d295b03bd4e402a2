// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/bop.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <span>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("bop: matches TA-Lib BOP on ttrc") {
    quantkit::test::check_talib("BOP", "outReal",
                                ind::apply(ind::bop{}, quantkit::test::ttrc().view()), 0);
  }

  TEST_CASE("bop: (close - open) / (high - low) by hand, no warm-up") {
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::bop{}, std::span<const quantkit::bar>(bars));
    CHECK(out[0] == approx(0.25));  // (9 - 8.5) / 2
    CHECK(out[1] == approx(0.75));  // (10.5 - 9) / 2
    CHECK(out[2] == approx(-2.0 / 3.5));
    CHECK(out[3] == approx(0.75));   // (11 - 8) / 4
    CHECK(out[4] == approx(-0.25));  // (11.5 - 12) / 2
  }

  TEST_CASE("bop: a bar without range gives 0 (TA-Lib's zero-or-negative rule)") {
    ind::bop b;
    CHECK_FALSE(b.ready());
    CHECK(b.update(quantkit::test::ohlc(5, 5, 5, 5)) == 0.0);
    CHECK(b.update(quantkit::test::ohlc(5, 5 + 1e-15, 5, 5)) == 0.0);  // below TA-Lib's 1e-14
    CHECK(b.ready());
  }
}
