// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/t3.hpp>

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
  TEST_CASE("t3: matches TA-Lib T3(5, 0.7) and T3(9, 0.4) on ttrc") {
    const auto c = quantkit::test::ttrc().closes();
    quantkit::test::check_talib("T3", "outReal", ind::apply(ind::t3{}, c), ind::t3{}.warmup());
    quantkit::test::check_talib_call("T3(9 0.4)", "outReal", ind::apply(ind::t3(9, 0.4), c), 48);
  }

  TEST_CASE("t3: hand-computed values with period 2 and vfactor 0.5") {
    // k = 2/3, six EMAs e = k x + (1 - k) e, each seeded with the mean of 2 values of its input;
    // c1 = -1/8, c2 = 9/8, c3 = -27/8, c4 = 27/8. Exact fractions of the first two outputs on
    // 1, 2, 4, 8, 16, 8, 4, 2: 581669/78732 and 1006739/236196.
    const std::vector<double> x{1, 2, 4, 8, 16, 8, 4, 2};
    const auto out = ind::apply(ind::t3(2, 0.5), std::span<const double>(x));
    CHECK(std::isnan(out[5]));
    CHECK(out[6] == approx(581669.0 / 78732.0));
    CHECK(out[7] == approx(1006739.0 / 236196.0));
  }

  TEST_CASE("t3: vfactor 0 is the triple EMA e3, a constant series gives the constant") {
    // c1 = c2 = c3 = 0, c4 = 1 when v = 0.
    const std::vector<double> x{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    const auto out = ind::apply(ind::t3(2, 0.0), std::span<const double>(x));
    ind::ema e1(2);
    ind::ema e2(2);
    ind::ema e3(2);
    for (std::size_t i = 0; i < x.size(); ++i) {
      // EMA(2) of a seeded EMA(2): the same seeds and k, TA-Lib's other order of operations.
      const double v = e3.update(e2.update(e1.update(x[i])));
      if (i >= 6) CHECK(out[i] == approx(v, 1e-13));
    }
    ind::t3 flat(3, 0.7);
    CHECK(flat.warmup() == 12);
    for (int i = 0; i < 12; ++i) CHECK(std::isnan(flat.update(4.0)));
    CHECK(flat.update(4.0) == approx(4.0, 1e-14));
  }

  TEST_CASE("t3: invalid parameters throw invalid_argument") {
    quantkit::test::check_invalid_param([] { ind::t3(1); }, "quantkit::indicators::t3", "period");
    quantkit::test::check_invalid_param([] { ind::t3(5, 1.5); }, "quantkit::indicators::t3",
                                        "vfactor");
    quantkit::test::check_invalid_param([] { ind::t3(5, -0.1); }, "quantkit::indicators::t3",
                                        "vfactor");
  }
}
