// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/aroonosc.hpp>

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

TEST_SUITE("indicators") {
  TEST_CASE("aroonosc: matches TA-Lib AROONOSC on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("AROONOSC", "outReal", ind::apply(ind::aroonosc{}, bars), 14);
    for (std::size_t p : {std::size_t{2}, std::size_t{9}}) {
      quantkit::test::check_talib_params("AROONOSC", "period=" + std::to_string(p),
                                         ind::apply(ind::aroonosc(p), bars), p);
    }
  }

  TEST_CASE("aroonosc: up minus down, by hand with period 2") {
    // From test_aroon.cpp: (up, down) = (50, 100), (100, 50), (100, 0) on bars 2..4.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::aroonosc(2), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == -50.0);
    CHECK(out[3] == 50.0);
    CHECK(out[4] == 100.0);
  }

  TEST_CASE("aroonosc: a constant series gives 0") {
    ind::aroonosc a(2);
    for (int i = 0; i < 2; ++i) CHECK(std::isnan(a.update(quantkit::test::ohlc(5, 6, 4, 5))));
    CHECK(a.update(quantkit::test::ohlc(5, 6, 4, 5)) == 0.0);
  }

  TEST_CASE("aroonosc: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::aroonosc(100001),
                         "quantkit::indicators::aroonosc: period must be in 2..100000 (got 100001)",
                         quantkit::invalid_argument);
  }
}
