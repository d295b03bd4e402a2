// SPDX-License-Identifier: MIT
#include <quantkit/strategies/filters.hpp>
#include <quantkit/strategies/signal_series.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace qs = quantkit::strategies;
namespace qk = quantkit;

TEST_SUITE("strategies") {
  TEST_CASE("filtered: a trend filter vetoes longs below the average, exits always pass") {
    // SMA(2) of closes 10 12 11 9 9: . 11 11.5 10 9; always-long signal (then exit at bar 4)
    const std::vector<double> sig{1, 1, 1, 1, 0};
    const auto bars = quantkit::test::bars_from_closes({10, 12, 11, 9, 9});
    const auto out =
        quantkit::test::signals(qs::filtered(qs::signal_series(sig), qs::trend_filter(2)), bars);
    CHECK(std::isnan(out[0]));  // warm-up: blocked -> hold
    CHECK(out[1] == 1.0);       // 12 > 11
    CHECK(std::isnan(out[2]));  // 11 < 11.5: blocked
    CHECK(std::isnan(out[3]));  // 9 < 10
    CHECK(out[4] == 0.0);       // an exit is never blocked
    const auto flat = quantkit::test::signals(
        qs::filtered(qs::block_action::flat, qs::signal_series(sig), qs::trend_filter(2)), bars);
    CHECK(flat[2] == 0.0);
  }

  TEST_CASE("time_of_day_filter: session window, weekdays, wrap past midnight") {
    const qs::context ctx{};
    const qs::time_of_day_filter f(qk::hours(14) + qk::minutes(30), qk::hours(21));
    auto at = [](int day, int h, int m) {
      return qk::bar{qk::make_timestamp(2024, 3, day, h, m), 1, 1, 1, 1, 1};
    };
    CHECK(f.allows(at(4, 15, 0), ctx, 1.0));  // Monday 15:00 UTC
    CHECK_FALSE(f.allows(at(4, 14, 29), ctx, 1.0));
    CHECK_FALSE(f.allows(at(4, 21, 0), ctx, 1.0));  // end excluded
    CHECK_FALSE(f.allows(at(9, 15, 0), ctx, 1.0));  // Saturday
    const qs::time_of_day_filter night(qk::hours(22), qk::hours(2), 0b1111111);
    CHECK(night.allows(at(9, 23, 0), ctx, 1.0));
    CHECK(night.allows(at(9, 1, 0), ctx, 1.0));
    CHECK_FALSE(night.allows(at(9, 12, 0), ctx, 1.0));
    CHECK_THROWS_AS(qs::time_of_day_filter(-1, qk::hours(1)), quantkit::invalid_argument);
  }

  TEST_CASE("blackout_filter: vetoes inside its windows (start included, end excluded), in any order") {
    qs::blackout_filter f({{qk::days(5), qk::days(7)}, {qk::days(1), qk::days(2)}});
    const qs::context ctx{};
    std::vector<bool> allowed;
    for (int d = 0; d < 9; ++d) allowed.push_back(f.allows({qk::days(d), 1, 1, 1, 1, 1}, ctx, 1.0));
    CHECK(allowed == std::vector<bool>{true, false, true, true, true, false, false, true, true});
    f.reset();
    CHECK_FALSE(f.allows({qk::days(1), 1, 1, 1, 1, 1}, ctx, 1.0));
    CHECK_THROWS_AS(qs::blackout_filter({{qk::days(2), qk::days(2)}}), quantkit::invalid_argument);
  }

  TEST_CASE("volatility_filter and veto_if: quality gates") {
    // log returns of 100 -> 101 -> 100 ... alternate +-0.00995; population sd over 2 = 0.00995
    const auto calm = quantkit::test::bars_from_closes({100, 101, 100, 101, 100});
    const std::vector<double> always{1, 1, 1, 1, 1};
    const auto in_band = quantkit::test::signals(
        qs::filtered(qs::signal_series(always), qs::volatility_filter(2, 0.005, 0.02)), calm);
    CHECK(std::isnan(in_band[1]));  // warm-up
    CHECK(in_band[3] == 1.0);
    const auto too_calm = quantkit::test::signals(
        qs::filtered(qs::signal_series(always), qs::volatility_filter(2, 0.02, 0.05)), calm);
    CHECK(std::isnan(too_calm[3]));
    CHECK_THROWS_AS(qs::volatility_filter(5, 0.3, 0.1), quantkit::invalid_argument);
    auto no_mondays = qs::veto_if(
        [](const qk::bar& b, const qs::context&, double) { return qk::day_of_week(b.time) == 0; });
    const auto days =
        quantkit::test::bars_from_closes({1, 1, 1, 1, 1});  // 1970-01-01 is a Thursday
    const auto gated =
        quantkit::test::signals(qs::filtered(qs::signal_series(always), no_mondays), days);
    CHECK(std::isnan(gated[4]));  // day 4 = Monday
    CHECK(gated[3] == 1.0);
  }
}
