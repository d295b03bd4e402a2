// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/willr.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("willr: matches TA-Lib WILLR on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("WILLR", "outReal", ind::apply(ind::willr{}, bars), 13);
    for (std::size_t p : {std::size_t{2}, std::size_t{9}}) {
      quantkit::test::check_talib_params("WILLR", "period=" + std::to_string(p),
                                         ind::apply(ind::willr(p), bars), p - 1);
    }
  }

  TEST_CASE("willr: -100 (HH - close) / (HH - LL) by hand with period 3") {
    // bar 2: HH 11, LL 7, close 8 -> -75; bar 3: HH 12, LL 7, close 11 -> -20;
    // bar 4: HH 12, LL 7, close 11.5 -> -10.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::willr(3), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(-75.0));
    CHECK(out[3] == approx(-20.0));
    CHECK(out[4] == approx(-10.0));
  }

  TEST_CASE("willr: a window without range gives 0") {
    ind::willr w(2);
    CHECK(std::isnan(w.update(quantkit::test::ohlc(5, 5, 5, 5))));
    CHECK(w.update(quantkit::test::ohlc(5, 5, 5, 5)) == 0.0);
  }

  TEST_CASE("willr: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::willr(1),
                         "quantkit::indicators::willr: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
