// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/atr.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/keltner.hpp>

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
  TEST_CASE("keltner: EMA of the close plus and minus k ATR, by hand with periods 2 and 2") {
    // EMA(2), k = 2/3: seed (9 + 10.5) / 2 = 9.75; (8 - 9.75) 2/3 + 9.75 = 8.58333...;
    // (11 - 8.58333) 2/3 + 8.58333 = 10.19444... ATR(2): 2.75, 3.375 (test_atr.cpp).
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::keltner(2, 2, 2.0), std::span<const quantkit::bar>(bars));
    const double m2 = (8.0 - 9.75) * (2.0 / 3.0) + 9.75;
    const double m3 = (11.0 - m2) * (2.0 / 3.0) + m2;
    CHECK(std::isnan(out[1].middle));
    CHECK(out[2].middle == approx(m2));
    CHECK(out[2].upper == approx(m2 + 5.5));
    CHECK(out[2].lower == approx(m2 - 5.5));
    CHECK(out[3].middle == approx(m3));
    CHECK(out[3].upper == approx(m3 + 6.75));
    CHECK(out[3].lower == approx(m3 - 6.75));
  }

  TEST_CASE("keltner: defaults are EMA(20) of the close and 2 ATR(10), equal to the parts") {
    const auto bars = quantkit::test::ttrc().view();
    const auto out = ind::apply(ind::keltner{}, bars);
    const auto mid = ind::apply(ind::ema(20), bars.closes());
    const auto a = ind::apply(ind::atr(10), bars);
    CHECK(ind::keltner{}.warmup() == 19);
    CHECK(std::isnan(out[18].upper));
    for (std::size_t i = 19; i < out.size(); i += 97) {
      CHECK(out[i].middle == mid[i]);
      CHECK(out[i].upper == mid[i] + 2.0 * a[i]);
      CHECK(out[i].lower == mid[i] - 2.0 * a[i]);
    }
  }

  TEST_CASE("keltner: the typical-price variant averages (H + L + C) / 3") {
    // tp: 27/3, 30.5/3 -> EMA(2) seed 57.5/6; the ATR(1) of bar 1 is 2.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::keltner({.ema_period = 2,
                                              .atr_period = 1,
                                              .multiplier = 1.0,
                                              .price = ind::keltner_price::typical}),
                                std::span<const quantkit::bar>(bars));
    CHECK(out[1].middle == approx(57.5 / 6.0));
    CHECK(out[1].upper == approx(57.5 / 6.0 + 2.0));
  }

  TEST_CASE("keltner: a constant series collapses the channel, a longer ATR sets the warm-up") {
    ind::keltner k(2, 5, 2.0);
    CHECK(k.warmup() == 5);
    for (int i = 0; i < 5; ++i)
      CHECK(std::isnan(k.update(quantkit::test::ohlc(5, 5, 5, 5)).middle));
    const auto v = k.update(quantkit::test::ohlc(5, 5, 5, 5));
    CHECK(v.middle == 5.0);
    CHECK(v.upper == 5.0);
    CHECK(v.lower == 5.0);
  }

  TEST_CASE("keltner: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::keltner(0, 10, 2.0),
                         "quantkit::indicators::keltner: ema_period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(
        ind::keltner(20, 10, -1.0),
        "quantkit::indicators::keltner: multiplier must be finite and >= 0 (got -1)",
        quantkit::invalid_argument);
  }
}
