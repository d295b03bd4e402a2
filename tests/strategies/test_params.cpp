// SPDX-License-Identifier: MIT
// Every built-in strategy's and sizer's parameters compare with == (defaulted, member by member),
// as the indicators' do: a tuner or a cache can tell two configurations apart or find a repeat.
#include <quantkit/strategies.hpp>

#include <doctest/doctest.h>

#include <concepts>
#include <limits>

namespace strategies_test_params {  // own scope for unity builds

namespace qs = quantkit::strategies;

static_assert(std::equality_comparable<qs::ma_crossover_params>);
static_assert(std::equality_comparable<qs::rsi_reversion_params>);
static_assert(std::equality_comparable<qs::bollinger_params>);
static_assert(std::equality_comparable<qs::macd_cross_params>);
static_assert(std::equality_comparable<qs::donchian_breakout_params>);
static_assert(std::equality_comparable<qs::consensus_params<3>>);
static_assert(std::equality_comparable<qs::volatility_target_params>);
static_assert(std::equality_comparable<qs::capped_kelly_params>);

TEST_SUITE("strategies") {
  TEST_CASE("params: == compares every member") {
    const qs::ma_crossover_params m{.fast = 5, .slow = 20};
    CHECK(m == qs::ma_crossover_params{.fast = 5, .slow = 20});
    CHECK_FALSE(m == qs::ma_crossover_params{.fast = 6, .slow = 20});
    CHECK_FALSE(m == qs::ma_crossover_params{.fast = 5, .slow = 21});
    CHECK_FALSE(m ==
                qs::ma_crossover_params{.fast = 5, .slow = 20, .side = qs::direction::long_short});

    const qs::rsi_reversion_params r{};
    CHECK(r == qs::rsi_reversion_params{});
    CHECK_FALSE(r == qs::rsi_reversion_params{.oversold = 25.0});
    CHECK_FALSE(r == qs::rsi_reversion_params{.exit = 55.0});

    const qs::bollinger_params b{};
    CHECK(b == qs::bollinger_params{});
    CHECK_FALSE(b == qs::bollinger_params{.k = 2.5});
    CHECK_FALSE(b == qs::bollinger_params{.mode = qs::band_mode::breakout});

    CHECK(qs::macd_cross_params{} == qs::macd_cross_params{});
    CHECK_FALSE(qs::macd_cross_params{} == qs::macd_cross_params{.zero_filter = true});
    CHECK_FALSE(qs::macd_cross_params{} == qs::macd_cross_params{.signal = 10});

    CHECK(qs::donchian_breakout_params{} == qs::donchian_breakout_params{});
    CHECK_FALSE(qs::donchian_breakout_params{} == qs::donchian_breakout_params{.exit = 11});

    // consensus: the weights array element by element, then the rules.
    qs::consensus_params<3> c{};
    CHECK(c == qs::consensus_params<3>{});
    qs::consensus_params<3> w = c;
    w.weights[2] = 2.0;
    CHECK_FALSE(c == w);
    qs::consensus_params<3> t = c;
    t.min_votes = 2;
    CHECK_FALSE(c == t);

    const qs::volatility_target_params v{};
    CHECK(v == qs::volatility_target_params{});
    CHECK_FALSE(v == qs::volatility_target_params{.window = 30});
    CHECK_FALSE(v == qs::volatility_target_params{.estimator = qs::volatility_estimator::atr});

    const qs::capped_kelly_params k{};
    CHECK(k == qs::capped_kelly_params{});
    CHECK_FALSE(k == qs::capped_kelly_params{.cap = 0.3});
    // A NaN member equals nothing, itself included (IEEE ==).
    const qs::capped_kelly_params odd{.payoff = std::numeric_limits<double>::quiet_NaN()};
    CHECK_FALSE(odd == odd);
  }
}

}  // namespace strategies_test_params
