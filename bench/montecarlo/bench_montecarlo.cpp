// SPDX-License-Identifier: MIT
// bench/montecarlo/bench_montecarlo.cpp - the two Monte Carlo targets: 10,000 bootstrap
// simulations of 1,000 trades, and a 10,000-run parameter Monte Carlo of the SMA crossover over
// 8,640 five-minute bars (one month)
#include <quantkit/backtest/summary.hpp>
#include <quantkit/backtest/vectorized.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/costs/models.hpp>
#include <quantkit/data/synthetic.hpp>
#include <quantkit/montecarlo/parameter_mc.hpp>
#include <quantkit/montecarlo/trade_bootstrap.hpp>
#include <quantkit/samplers/sampler.hpp>
#include <quantkit/samplers/space.hpp>
#include <quantkit/strategies/ma_crossover.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace mc = quantkit::montecarlo;
namespace sm = quantkit::samplers;

namespace {
// 1,000 trade returns: 0.2% mean, 2% sd, fixed seed.
const std::vector<double>& trades() {
  static const std::vector<double> t = [] {
    qk::rng g(3);
    std::vector<double> out(1000);
    for (double& r : out) r = 0.002 + 0.02 * qk::normal(g);
    return out;
  }();
  return t;
}

// 8,640 five-minute bars (30 days x 24 h x 12): GBM with 60% annual volatility, 24/7 market.
const qk::bar_series& month_of_5min_bars() {
  static const qk::bar_series s = [] {
    qk::gbm_params p;
    p.mu = 0.1;
    p.sigma = 0.6;
    p.periods_per_year = 365.0 * 24 * 12;
    p.clock.start = qk::make_timestamp(2024, 1, 1);
    p.clock.interval = qk::minutes(5);
    return qk::gbm_series(8640, p, 11);
  }();
  return s;
}

// Final equity, max drawdown, time under water and ruin of 10,000 paths of 1,000 iid trades.
void BM_bootstrap_trades(benchmark::State& state) {
  mc::trade_bootstrap_options o;
  o.execution.threads = static_cast<std::size_t>(state.range(0));
  o.trades_per_path = 1000;
  for (auto _ : state) {
    auto r = mc::bootstrap_trades(trades(), 10'000, 42, o);
    benchmark::DoNotOptimize(r.risk_of_ruin);
  }
  state.SetItemsProcessed(state.iterations() * 10'000 * 1000);
}
BENCHMARK(BM_bootstrap_trades)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// The same with the block resampler (blocks of 10 trades).
void BM_bootstrap_trades_block(benchmark::State& state) {
  mc::trade_bootstrap_options o;
  o.execution.threads = 2;
  o.method = mc::trade_resampling::block;
  o.block_length = 10;
  for (auto _ : state) {
    auto r = mc::bootstrap_trades(trades(), 10'000, 42, o);
    benchmark::DoNotOptimize(r.risk_of_ruin);
  }
  state.SetItemsProcessed(state.iterations() * 10'000 * 1000);
}
BENCHMARK(BM_bootstrap_trades_block)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// 10,000 runs of the SMA crossover at (fast, slow) drawn at random from fast in [2, 50], slow in
// [10, 300], fast < slow, over one month of 5-minute bars, on the fast path (run_fast), with a
// 1 bp commission; each run returns its run_summary (8 metrics); the call includes sampling,
// every summary (percentiles, histograms, VaR, parameter impact) and validating the bars once.
void BM_parameter_mc_sma(benchmark::State& state) {
  const auto& bars = month_of_5min_bars();
  sm::space sp;
  sp.add_int("fast", 2, 50).add_int("slow", 10, 300);
  sp.add_constraint("fast < slow", [](const sm::point& p) { return p[0] < p[1]; });
  mc::monte_carlo_options o;
  o.execution.threads = static_cast<std::size_t>(state.range(0));
  const auto cost = qk::costs::percentage(1.0);
  for (auto _ : state) {
    qk::validate(bars);  // once, as the runs skip it
    auto r = mc::monte_carlo(sp, sm::random_sampler{}, 10'000, 7, [&](const sm::point& p) {
      bt::vectorized_options vo;
      vo.validate_bars = false;
      const qk::strategies::ma_crossover<> s(
          {.fast = p.get<std::size_t>("fast"), .slow = p.get<std::size_t>("slow")});
      return bt::summarize(bt::run_fast(bars, s, cost, vo), 365.0 * 24 * 12);
    }, o);
    benchmark::DoNotOptimize(r.summaries.data());
  }
  state.SetItemsProcessed(state.iterations() * 10'000);
}
BENCHMARK(BM_parameter_mc_sma)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
}  // namespace
