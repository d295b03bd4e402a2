// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/mfi.hpp>

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
  TEST_CASE("mfi: matches TA-Lib MFI on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("MFI", "outReal", ind::apply(ind::mfi{}, bars), 14);
    for (std::size_t p : {std::size_t{2}, std::size_t{9}}) {
      quantkit::test::check_talib_params("MFI", "period=" + std::to_string(p),
                                         ind::apply(ind::mfi(p), bars), p);
    }
  }

  TEST_CASE("mfi: positive and negative money flow by hand with period 2") {
    // tp: 9, 30.5/3, 8.5, 31/3, 33.5/3; volume 100..500. Flows from bar 1: +30.5/3*200,
    // -8.5*300, +31/3*400, +33.5/3*500.
    const double f1 = 30.5 / 3.0 * 200.0;
    const double f2 = 8.5 * 300.0;
    const double f3 = 31.0 / 3.0 * 400.0;
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::mfi(2), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(100.0 * f1 / (f1 + f2)));
    CHECK(out[3] == approx(100.0 * f3 / (f3 + f2)));
    CHECK(out[4] == approx(100.0));  // both flows of the window are positive
  }

  TEST_CASE("mfi: total money flow below 1 gives 0 (TA-Lib 0.6.4's literal threshold)") {
    ind::mfi m(2);
    m.update(quantkit::test::ohlc(1.0, 1.0, 1.0, 1.0, 0.1));
    m.update(quantkit::test::ohlc(1.1, 1.1, 1.1, 1.1, 0.1));
    CHECK(m.update(quantkit::test::ohlc(1.2, 1.2, 1.2, 1.2, 0.1)) == 0.0);  // 0.11 + 0.12 < 1
    ind::mfi flat(2);
    for (int i = 0; i < 5; ++i) flat.update(quantkit::test::ohlc(5, 5, 5, 5, 1000));
    CHECK(flat.value() == 0.0);  // no flow at all
  }

  TEST_CASE("mfi: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::mfi(1),
                         "quantkit::indicators::mfi: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
