// SPDX-License-Identifier: MIT
#include <quantkit/backtest/engine.hpp>
#include <quantkit/backtest/vectorized.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/costs/composite.hpp>
#include <quantkit/costs/models.hpp>

#include "backtest/bt_support.hpp"
#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;

namespace {

// Targets that change every ~20 bars among {-1, -0.5, 0, 0.5, 1}, with some NaN (hold).
std::vector<double> random_targets(std::size_t n, std::uint64_t seed) {
  qk::rng g(seed);
  std::vector<double> t(n, std::numeric_limits<double>::quiet_NaN());
  double current = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (qk::uniform01(g) < 0.05)
      current = -1.0 + 0.5 * static_cast<double>(qk::uniform_index(g, 5));
    t[i] = qk::uniform01(g) < 0.1 ? std::numeric_limits<double>::quiet_NaN() : current;
  }
  return t;
}
}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("run_targets: the same decisions give the engine's equity and trades bit for bit") {
    const auto bars = quantkit::test::random_walk_bars(20'000, 3);
    const auto targets = random_targets(bars.size(), 4);
    const auto model = qk::costs::percentage(2.0) + qk::costs::slippage(1.0, 0.1) +
                       qk::costs::sqrt_impact(0.5) + qk::costs::fixed_per_order(1.0);
    for (const auto timing : {bt::fill_timing::next_open, bt::fill_timing::same_close}) {
      for (const auto policy : {bt::rebalance_policy::on_change, bt::rebalance_policy::every_bar}) {
        CAPTURE(static_cast<int>(timing));
        CAPTURE(static_cast<int>(policy));
        bt::options eo;
        eo.market_fills = timing;
        eo.rebalance = policy;
        eo.close_at_end = true;
        bt::vectorized_options vo;
        vo.market_fills = timing;
        vo.rebalance = policy;
        vo.close_at_end = true;
        const auto e = bt::run(bars, qk::test::scripted_target{targets}, model, eo);
        const auto v = bt::run_targets(bars, targets, model, vo);
        CHECK(v.final_equity == e.final_equity);
        CHECK(v.equity == e.equity);
        REQUIRE(v.trades.size() == e.trades.size());
        CHECK(v.trades.size() > 100);
        bool same = true;
        for (std::size_t i = 0; i < v.trades.size(); ++i) {
          const auto& a = v.trades[i];
          const auto& b = e.trades[i];
          same = same && a.entry_index == b.entry_index && a.exit_index == b.exit_index &&
                 a.entry_price == b.entry_price && a.exit_price == b.exit_price && a.pnl == b.pnl &&
                 a.costs == b.costs && a.mae == b.mae && a.mfe == b.mfe &&
                 a.quantity == b.quantity && a.reason == b.reason;
        }
        CHECK(same);
        CHECK(v.total_costs == e.total_costs);
        CHECK(v.fills == e.fills);
      }
    }
  }

  TEST_CASE("run_targets: units targets, lots and hand-computed equity") {
    const auto bars = qk::test::make_bars(
        {{100, 100, 100, 100}, {100, 101, 99, 101}, {102, 103, 101, 103}, {103, 104, 102, 104}});
    bt::vectorized_options vo;
    vo.initial_cash = 10'000.0;
    vo.units = true;
    const std::vector<double> targets{10.0, std::nan(""), 0.0, std::nan("")};
    const auto r = bt::run_targets(bars, targets, qk::costs::zero_cost{}, vo);
    // buy 10 at open 1 (100), sell at open 3 (103): +30
    REQUIRE(r.trades.size() == 1);
    CHECK(r.trades[0].pnl == quantkit::test::approx(30.0));
    CHECK(r.equity[1] == quantkit::test::approx(10'010.0));
    CHECK(r.final_equity == quantkit::test::approx(10'030.0));
    bt::vectorized_options lots;
    lots.initial_cash = 10'000.0;
    lots.fractional = false;
    lots.lot_size = 7.0;
    const std::vector<double> half{0.5, std::nan(""), std::nan(""), std::nan("")};
    // 0.5 x 10,000 / 100 = 50 units -> 49 (7 lots)
    CHECK(bt::run_targets(bars, half, qk::costs::zero_cost{}, lots).final_position == 49.0);
  }

  TEST_CASE("run_targets: bad input") {
    const auto bars = qk::test::make_bars({{100, 100, 100, 100}, {100, 101, 99, 101}});
    const std::vector<double> one{1.0};
    CHECK_THROWS_WITH_AS(bt::run_targets(bars, one),
                         "quantkit::backtest::run_targets: bars and targets must have the same "
                         "length (got 2 and 1)",
                         quantkit::invalid_argument);
    const std::vector<double> two{1.0, std::numeric_limits<double>::infinity()};
    CHECK(bt::run_targets(bars, two).rejections == 1);
    auto bad = bars;
    bad.lows_mut()[1] = 200.0;
    CHECK_THROWS_AS(bt::run_targets(bad, std::vector<double>{1.0, 1.0}), quantkit::data_error);
    bt::vectorized_options vo;
    vo.initial_cash = -1.0;
    CHECK_THROWS_AS(
        bt::run_targets(bars, std::vector<double>{1.0, 1.0}, qk::costs::zero_cost{}, vo),
        quantkit::invalid_argument);
  }
}

#include <quantkit/strategies/consensus.hpp>
#include <quantkit/strategies/donchian_breakout.hpp>
#include <quantkit/strategies/filters.hpp>
#include <quantkit/strategies/ma_crossover.hpp>
#include <quantkit/strategies/rsi_reversion.hpp>
#include <quantkit/strategies/sizing.hpp>

namespace {
template <class S, class C>
void check_fast_equals_engine(const qk::bar_series& bars, const S& strategy, const C& costs,
                              bt::fill_timing timing) {
  bt::options eo;
  eo.market_fills = timing;
  bt::vectorized_options vo;
  vo.market_fills = timing;
  const auto e = bt::run(bars, strategy, costs, eo);
  const auto f = bt::run_fast(bars, strategy, costs, vo);
  CHECK(f.final_equity == e.final_equity);
  CHECK(f.equity == e.equity);
  REQUIRE(f.trades.size() == e.trades.size());
  bool same = true;
  for (std::size_t i = 0; i < f.trades.size(); ++i) {
    same = same && f.trades[i].pnl == e.trades[i].pnl &&
           f.trades[i].entry_index == e.trades[i].entry_index &&
           f.trades[i].mae == e.trades[i].mae && f.trades[i].quantity == e.trades[i].quantity;
  }
  CHECK(same);
  CHECK(f.total_costs == e.total_costs);
}
}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("run_fast: any target strategy gives the engine's result bit for bit") {
    namespace qs = quantkit::strategies;
    const auto bars = quantkit::test::random_walk_bars(20'000, 8);
    const auto model = qk::costs::percentage(1.0) + qk::costs::sqrt_impact(0.3);
    for (const auto timing : {bt::fill_timing::next_open, bt::fill_timing::same_close}) {
      check_fast_equals_engine(bars, qs::ma_crossover<>({.fast = 10, .slow = 50}), model, timing);
      qs::consensus_params<3> p;
      p.weights = {2.0, 1.0, 1.0};
      p.threshold = 0.2;
      check_fast_equals_engine(
          bars,
          qs::filtered(
              qs::consensus(
                  p, qs::ma_crossover<>({.fast = 5, .slow = 30, .side = qs::direction::long_short}),
                  qs::donchian_breakout{}, qs::rsi_reversion({.period = 3})),
              qs::trend_filter(100)),
          model, timing);
      // A units strategy (sized by volatility).
      check_fast_equals_engine(bars,
                               qs::sized(qs::ma_crossover<>({.fast = 20, .slow = 60}),
                                         qs::volatility_target({.window = 30})),
                               model, timing);
    }
  }
}
