// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/tema.hpp>

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
  TEST_CASE("tema: matches TA-Lib TEMA(30) and TEMA(7) on ttrc") {
    const auto c = quantkit::test::ttrc().closes();
    quantkit::test::check_talib("TEMA", "outReal", ind::apply(ind::tema{}, c),
                                ind::tema{}.warmup());
    quantkit::test::check_talib_call("TEMA(7)", "outReal", ind::apply(ind::tema(7), c),
                                     ind::tema(7).warmup());
  }

  TEST_CASE("tema: hand-computed values with period 2") {
    // k = 2/3 on 1, 2, 4, 8, 16 (exact fractions), each EMA seeded with the mean of 2 values:
    // e1 = -, 3/2, 19/6, 115/18, 691/54; e2 = -, -, 7/3, 136/27, 827/81;
    // e3 = -, -, -, (7/3 + 136/27)/2 = 199/54, 3905/486.
    // TEMA_3 = e3 + 3 e1 - 3 e2 = 199/54 + 115/6 - 136/9 = 209/27;
    // TEMA_4 = 3905/486 + 691/18 - 827/27 = 3838/243.
    const std::vector<double> x{1, 2, 4, 8, 16};
    const auto out = ind::apply(ind::tema(2), std::span<const double>(x));
    CHECK(std::isnan(out[2]));
    CHECK(out[3] == approx(209.0 / 27.0));
    CHECK(out[4] == approx(3838.0 / 243.0));
  }

  TEST_CASE("tema: a constant series gives the constant, warm-up is 3 (n - 1)") {
    ind::tema t(3);
    CHECK(t.warmup() == 6);
    for (int i = 0; i < 6; ++i) CHECK(std::isnan(t.update(-1.5)));
    CHECK(t.update(-1.5) == -1.5);
    CHECK(t.ready());
  }

  TEST_CASE("tema: invalid parameters throw invalid_argument") {
    quantkit::test::check_invalid_param([] { ind::tema(1); }, "quantkit::indicators::tema",
                                        "period");
  }
}
