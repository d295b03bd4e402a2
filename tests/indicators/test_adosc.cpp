// SPDX-License-Identifier: MIT
#include <quantkit/indicators/adosc.hpp>
#include <quantkit/indicators/apply.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <span>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("adosc: matches TA-Lib ADOSC on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("ADOSC", "outReal", ind::apply(ind::adosc{}, bars), 9);
    quantkit::test::check_talib_params("ADOSC", "fast_period=2 slow_period=5",
                                       ind::apply(ind::adosc(2, 5), bars), 4);
    quantkit::test::check_talib_params("ADOSC", "fast_period=10 slow_period=3",
                                       ind::apply(ind::adosc(10, 3), bars), 9);
  }

  TEST_CASE("adosc: EMAs seeded at the first AD value, by hand with periods 2 and 3") {
    // AD: 0, 100, 100 - 1.5/3.5*300 (test_chaikin_ad.cpp). k = 2/3 and 1/2.
    const double a2 = 100.0 - 1.5 / 3.5 * 300.0;
    const double f1 = 2.0 / 3.0 * 100.0;
    const double s1 = 0.5 * 100.0;
    const double f2 = 2.0 / 3.0 * a2 + (1.0 - 2.0 / 3.0) * f1;
    const double s2 = 0.5 * a2 + 0.5 * s1;
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::adosc(2, 3), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(f2 - s2));
  }

  TEST_CASE("adosc: equal periods give 0, fewer bars than the warm-up give NaN") {
    ind::adosc a(4, 4);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(a.update(quantkit::test::hand_bars()[1])));
    CHECK(a.update(quantkit::test::hand_bars()[2]) == 0.0);
  }

  TEST_CASE("adosc: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::adosc(3, 1),
                         "quantkit::indicators::adosc: slow_period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
