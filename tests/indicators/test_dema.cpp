// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/dema.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("dema: matches TA-Lib DEMA(30) and DEMA(5) on ttrc") {
    const auto c = quantkit::test::ttrc().closes();
    quantkit::test::check_talib("DEMA", "outReal", ind::apply(ind::dema{}, c),
                                ind::dema{}.warmup());
    quantkit::test::check_talib_call("DEMA(5)", "outReal", ind::apply(ind::dema(5), c),
                                     ind::dema(5).warmup());
  }

  TEST_CASE("dema: hand-computed values with period 2") {
    // k = 2/3. e1: seed (1+2)/2 = 3/2, then 19/6, 115/18. e2: seed (3/2 + 19/6)/2 = 7/3, then
    // (115/18 - 7/3) 2/3 + 7/3 = 136/27. DEMA = 2 e1 - e2: 19/3 - 7/3 = 4, 115/9 - 136/27 = 209/27.
    const std::vector<double> x{1, 2, 4, 8};
    const auto out = ind::apply(ind::dema(2), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(4.0));
    CHECK(out[3] == approx(209.0 / 27.0));
  }

  TEST_CASE("dema: a constant series gives the constant, warm-up is 2 (n - 1)") {
    ind::dema d(4);
    CHECK(d.warmup() == 6);
    for (int i = 0; i < 6; ++i) CHECK(std::isnan(d.update(2.5)));
    CHECK_FALSE(d.ready());
    CHECK(d.update(2.5) == 2.5);
    CHECK(d.ready());
    CHECK(d.params().period == 4);
  }

  TEST_CASE("dema: invalid parameters throw invalid_argument") {
    quantkit::test::check_invalid_param([] { ind::dema(1); }, "quantkit::indicators::dema",
                                        "period");
    quantkit::test::check_invalid_param([] { ind::dema(100001); }, "quantkit::indicators::dema",
                                        "period");
  }
}
