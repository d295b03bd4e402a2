// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/kama.hpp>

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
  TEST_CASE("kama: matches TA-Lib KAMA(30) and KAMA(10) on ttrc") {
    const auto c = quantkit::test::ttrc().closes();
    quantkit::test::check_talib("KAMA", "outReal", ind::apply(ind::kama{}, c),
                                ind::kama{}.warmup());
    quantkit::test::check_talib_call("KAMA(10)", "outReal", ind::apply(ind::kama(10), c), 10);
  }

  TEST_CASE("kama: hand-computed values with period 2") {
    // x = 1, 2, 4, 3. Input 3: path |2-1| + |4-2| = 3, move 4 - 1 = 3 -> path <= move, ER = 1,
    // sc = (2/3)^2 = 4/9, KAMA = 2 + (4 - 2) 4/9 = 26/9.
    // Input 4: path 3 - |2-1| + |3-4| = 3, move 3 - 2 = 1, ER = 1/3,
    // sc = (1/3 (2/3 - 2/31) + 2/31)^2 = (74/279)^2, KAMA = 26/9 + (3 - 26/9) sc = 2029342/700569.
    const std::vector<double> x{1, 2, 4, 3};
    const auto out = ind::apply(ind::kama(2), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(26.0 / 9.0));
    CHECK(out[3] == approx(2029342.0 / 700569.0));
  }

  TEST_CASE("kama: a flat path uses the fastest constant, a constant series stays constant") {
    // Zero path length (TA-Lib's zero test): ER = 1, sc = 4/9; the seed is the previous input.
    ind::kama k(3);
    CHECK(k.warmup() == 3);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(k.update(5.0)));
    CHECK_FALSE(k.ready());
    CHECK(k.update(5.0) == 5.0);
    CHECK(k.ready());
    // A monotone move has path == move: ER = 1, KAMA moves 4/9 of the way each step.
    ind::kama up(2);
    up.update(0.0);
    up.update(1.0);
    CHECK(up.update(2.0) == approx(1.0 + 4.0 / 9.0));
  }

  TEST_CASE("kama: invalid parameters throw invalid_argument") {
    quantkit::test::check_invalid_param([] { ind::kama(1); }, "quantkit::indicators::kama",
                                        "period");
  }
}
