// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/trix.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("trix: matches TA-Lib TRIX(30) and TRIX(9) on ttrc") {
    const auto c = qt::ttrc().closes();
    qt::check_talib("TRIX", "outReal", ind::apply(ind::trix{}, c), ind::trix{}.warmup());
    qt::check_talib_call("TRIX(9)", "outReal", ind::apply(ind::trix(9), c), 25);
  }

  TEST_CASE("trix: hand-computed with period 2") {
    // Triple EMA(2) of 1, 2, 4, 8, 16, 8 (k = 2/3, SMA seeds): e3 = 199/54, 3905/486, ...;
    // TRIX = (e3_t / e3_{t-1} - 1) 100 = 211400/1791 and 34360/2343.
    const std::vector<double> x{1, 2, 4, 8, 16, 8};
    const auto out = ind::apply(ind::trix(2), std::span<const double>(x));
    CHECK(std::isnan(out[3]));
    CHECK(out[4] == approx(211400.0 / 1791.0));
    CHECK(out[5] == approx(34360.0 / 2343.0));
  }

  TEST_CASE("trix: period 1 is the one-step rate of change (deviation from TA-Lib)") {
    // TA-Lib's EMA lookback is -1 for period 1, which misaligns its TRIX(1); the definition gives
    // 100 (x_t / x_{t-1} - 1), warm-up 1.
    ind::trix t(1);
    CHECK(t.warmup() == 1);
    CHECK(std::isnan(t.update(4.0)));
    CHECK_FALSE(t.ready());
    CHECK(t.update(5.0) == approx(25.0));
    CHECK(t.ready());
    CHECK(t.update(0.0) == approx(-100.0));
    CHECK(t.update(3.0) == 0.0);  // TA-Lib's ROC: 0 after a zero
  }

  TEST_CASE("trix: a constant series gives 0") {
    ind::trix t(3);
    for (int i = 0; i < 7; ++i) CHECK(std::isnan(t.update(2.0)));
    CHECK(t.update(2.0) == 0.0);
  }

  TEST_CASE("trix: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::trix(0); }, "quantkit::indicators::trix", "period");
  }
}
