// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/supertrend.hpp>

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
  TEST_CASE("supertrend: bands, ratchet and both flips by hand with ATR(2) and multiplier 1") {
    // ATR(2): 2.75, 3.375, 2.6875 on bars 2..4 (test_atr.cpp); b5 H 13 L 11.5 C 12.8 (TR 1.5,
    // ATR 2.09375); b6 H 12.5 L 9 C 9.5 (TR 3.8, ATR 2.946875).
    // bar 2: hl2 8.75 -> upper 11.5, lower 6; starts down: line 11.5.
    // bar 3: basic 13.375 / 6.625; upper keeps 11.5 (13.375 not lower, prev close 8 not above);
    //        lower rises to 6.625; close 11 <= 11.5: still down, line 11.5.
    // bar 4: basic 13.6875 / 8.3125; upper 11.5, lower 8.3125; close 11.5 not > 11.5: down.
    // bar 5: basic 14.34375 / 10.15625; upper 11.5; close 12.8 > 11.5: up, line = lower 10.15625.
    // bar 6: basic 13.696875 / 7.803125; lower keeps 10.15625 (ratchet); upper resets to
    //        13.696875 (prev close 12.8 > 11.5); close 9.5 < 10.15625: down, line 13.696875.
    auto bars = quantkit::test::hand_bars();
    bars.push_back({5, 12.0, 13.0, 11.5, 12.8, 1.0});
    bars.push_back({6, 12.8, 12.5, 9.0, 9.5, 1.0});
    const auto out = ind::apply(ind::supertrend(2, 1.0), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1].line));
    CHECK(std::isnan(out[1].direction));
    CHECK(out[2].line == approx(11.5));
    CHECK(out[2].direction == -1.0);
    CHECK(out[3].line == approx(11.5));
    CHECK(out[3].direction == -1.0);
    CHECK(out[4].line == approx(11.5));
    CHECK(out[4].direction == -1.0);
    CHECK(out[5].line == approx(10.15625));
    CHECK(out[5].direction == 1.0);
    CHECK(out[6].line == approx(13.696875));
    CHECK(out[6].direction == -1.0);
  }

  TEST_CASE("supertrend: the line is below the close in an uptrend, above it in a downtrend") {
    const auto out = ind::apply(ind::supertrend{}, quantkit::test::ttrc().view());
    const auto closes = quantkit::test::ttrc().closes();
    CHECK(std::isnan(out[9].line));
    std::size_t ups = 0;
    std::size_t downs = 0;
    for (std::size_t i = 10; i < out.size(); ++i) {
      if (out[i].direction > 0.0) {
        CHECK(out[i].line <= closes[i]);
        ++ups;
      } else {
        CHECK(out[i].line >= closes[i]);
        ++downs;
      }
    }
    CHECK(ups > 100);
    CHECK(downs > 100);
  }

  TEST_CASE("supertrend: a constant series stays down with the line at the price") {
    ind::supertrend s(3, 3.0);
    CHECK(s.warmup() == 3);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(s.update(quantkit::test::ohlc(5, 5, 5, 5)).line));
    const auto v = s.update(quantkit::test::ohlc(5, 5, 5, 5));
    CHECK(v.line == 5.0);
    CHECK(v.direction == -1.0);
  }

  TEST_CASE("supertrend: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(
        ind::supertrend(0, 3.0),
        "quantkit::indicators::supertrend: atr_period must be in 1..100000 (got 0)",
        quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::supertrend(10, std::nan("")), quantkit::invalid_argument);
  }
}
