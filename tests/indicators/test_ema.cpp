// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ema.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("ema: matches TA-Lib EMA(30) on ttrc") {
    const auto out = ind::apply(ind::ema{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("EMA", "outReal", out, ind::ema{}.warmup());
  }

  TEST_CASE("ema: SMA seed then the recursion, by hand") {
    // period 3, k = 0.5: seed (1+2+3)/3 = 2; then 2 + 0.5 (6 - 2) = 4; 4 + 0.5 (0 - 4) = 2.
    const std::vector<double> x{1, 2, 3, 6, 0};
    const auto out = ind::apply(ind::ema(3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 2.0);
    CHECK(out[3] == 4.0);
    CHECK(out[4] == 2.0);
    CHECK(ind::ema(3).alpha() == 0.5);
  }

  TEST_CASE("ema: first-value seed and a custom alpha") {
    // seed x0 = 10; k = 0.25: 10 + 0.25 (14 - 10) = 11; 11 + 0.25 (7 - 11) = 10.
    ind::ema e({.period = 3, .alpha = 0.25, .seed = ind::ema_seed::first_value});
    CHECK(e.warmup() == 0);
    CHECK(e.update(10.0) == 10.0);
    CHECK(e.ready());
    CHECK(e.update(14.0) == 11.0);
    CHECK(e.update(7.0) == 10.0);
  }

  TEST_CASE("ema: a constant series stays constant, NaN is skipped") {
    ind::ema e(5);
    for (int i = 0; i < 20; ++i) e.update(2.5);
    CHECK(e.value() == approx(2.5, 1e-15));
    CHECK(std::isnan(e.update(std::nan(""))));
    CHECK(e.value() == approx(2.5, 1e-15));
  }

  TEST_CASE("ema: invalid parameters throw invalid_argument") {
    CHECK_THROWS_AS(ind::ema(0), quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(ind::ema({.period = 5, .alpha = 1.5}),
                         "quantkit::indicators::ema: alpha must be in [0, 1] (0 means 2 / (period + "
                         "1)) (got 1.5)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::ema({.period = 5, .alpha = -0.1}), quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::ema({.period = 5, .alpha = std::nan("")}), quantkit::invalid_argument);
  }
}
