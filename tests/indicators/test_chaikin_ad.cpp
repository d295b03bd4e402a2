// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/chaikin_ad.hpp>

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
  TEST_CASE("chaikin_ad: matches TA-Lib AD on ttrc") {
    quantkit::test::check_talib("AD", "outReal",
                                ind::apply(ind::chaikin_ad{}, quantkit::test::ttrc().view()), 0);
  }

  TEST_CASE("chaikin_ad: close location value times volume, accumulated by hand") {
    // CLV * V: b0 ((9-8)-(10-9))/2*100 = 0; b1 (1.5-0.5)/2*200 = 100; b2 (1-2.5)/3.5*300;
    // b3 (3-1)/4*400 = 200; b4 (1.5-0.5)/2*500 = 250.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::chaikin_ad{}, std::span<const quantkit::bar>(bars));
    const double b2 = -1.5 / 3.5 * 300.0;
    CHECK(out[0] == 0.0);
    CHECK(out[1] == approx(100.0));
    CHECK(out[2] == approx(100.0 + b2));
    CHECK(out[3] == approx(300.0 + b2));
    CHECK(out[4] == approx(550.0 + b2));
  }

  TEST_CASE("chaikin_ad: a bar without range adds nothing") {
    ind::chaikin_ad ad;
    CHECK_FALSE(ad.ready());
    CHECK(ad.update(quantkit::test::ohlc(5, 6, 4, 6, 10)) == approx(10.0));
    CHECK(ad.update(quantkit::test::ohlc(5, 5, 5, 5, 1e6)) == approx(10.0));
    CHECK(ad.ready());
  }
}
