// SPDX-License-Identifier: MIT
#include <quantkit/strategies/signal_series.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace qs = quantkit::strategies;

TEST_SUITE("strategies") {
  TEST_CASE("signal_series: replays the array by bar index and holds past its end") {
    const std::vector<double> sig{0.0, 1.0, std::nan(""), -0.5};
    const auto bars = quantkit::test::bars_from_closes({1, 2, 3, 4, 5});
    const auto out = quantkit::test::signals(qs::signal_series(sig), bars);
    CHECK(out[0] == 0.0);
    CHECK(out[1] == 1.0);
    CHECK(std::isnan(out[2]));
    CHECK(out[3] == -0.5);
    CHECK(std::isnan(out[4]));
  }
}
