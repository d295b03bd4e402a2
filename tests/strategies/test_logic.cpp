// SPDX-License-Identifier: MIT
#include <quantkit/strategies/logic.hpp>
#include <quantkit/strategies/signal_series.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace qs = quantkit::strategies;

TEST_SUITE("strategies") {
  TEST_CASE("all_of, any_of, negate: agreement, conflicts and abstentions") {
    const double n = std::nan("");
    const std::vector<double> a{1, 1, -1, 1, n, 0};
    const std::vector<double> b{1, -1, -1, 0, 1, 0};
    const auto bars = quantkit::test::bars_from_closes({1, 1, 1, 1, 1, 1});
    CHECK(quantkit::test::signals(qs::all_of(qs::signal_series(a), qs::signal_series(b)), bars) ==
          std::vector<double>{1, 0, -1, 0, 0, 0});
    CHECK(quantkit::test::signals(qs::any_of(qs::signal_series(a), qs::signal_series(b)), bars) ==
          std::vector<double>{1, 0, -1, 1, 1, 0});
    const auto neg = quantkit::test::signals(qs::negate(qs::signal_series(a)), bars);
    CHECK(neg[0] == -1.0);
    CHECK(neg[2] == 1.0);
    CHECK(std::isnan(neg[4]));
  }
}
