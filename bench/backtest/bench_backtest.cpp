// SPDX-License-Identifier: MIT
// bench/backtest/bench_backtest.cpp - the SMA(10)/SMA(50) crossover on 1,000,000 one-minute bars:
// the vectorized path and the event-driven engine (orders, accounting, trade log)
#include <quantkit/backtest/engine.hpp>
#include <quantkit/backtest/sweep.hpp>
#include <quantkit/strategies/ma_crossover.hpp>
#include <quantkit/backtest/vectorized.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/costs/models.hpp>
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/sma.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace ind = quantkit::indicators;

namespace {
const qk::bar_series& bars() {
  static const qk::bar_series s = [] {
    qk::rng g(7);
    qk::bar_series out;
    out.reserve(1'000'000);
    double close = 100.0;
    for (std::size_t i = 0; i < 1'000'000; ++i) {
      const double open = close * std::exp(0.0002 * qk::normal(g));
      close = open * std::exp(0.001 * qk::normal(g));
      out.push_back({qk::minutes(static_cast<std::int64_t>(i)), open,
                     std::max(open, close) * 1.0003, std::min(open, close) * 0.9997, close,
                     1000.0});
    }
    return out;
  }();
  return s;
}

struct sma_cross {
  ind::sma fast{10};
  ind::sma slow{50};
  double on_bar(const qk::bar& b, const qk::strategies::context&) {
    const double f = fast.update(b.close);
    const double s = slow.update(b.close);
    return slow.ready() && f > s ? 1.0 : 0.0;
  }
  void reset() {
    fast.reset();
    slow.reset();
  }
};

void set_counters(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(bars().size()));
}

// Signals (two SMAs over the closes) plus the vectorized accounting: the whole crossover.
void vectorized_crossover(benchmark::State& state, bool validate) {
  const auto closes = bars().closes();
  std::vector<double> fast(closes.size()), slow(closes.size()), target(closes.size());
  bt::vectorized_options vo;
  vo.validate_bars = validate;
  for (auto _ : state) {
    ind::apply_into(ind::sma(10), closes, std::span<double>(fast));
    ind::apply_into(ind::sma(50), closes, std::span<double>(slow));
    for (std::size_t i = 0; i < closes.size(); ++i) target[i] = fast[i] > slow[i] ? 1.0 : 0.0;
    auto r = bt::run_targets(bars(), target, qk::costs::percentage(1.0), vo);
    benchmark::DoNotOptimize(r.final_equity);
  }
  set_counters(state);
}
void BM_vectorized_crossover(benchmark::State& state) { vectorized_crossover(state, true); }
BENCHMARK(BM_vectorized_crossover)->Unit(benchmark::kMillisecond);
// The same on bars validated once when they were loaded (vectorized_options::validate_bars off).
void BM_vectorized_crossover_prevalidated(benchmark::State& state) {
  vectorized_crossover(state, false);
}
BENCHMARK(BM_vectorized_crossover_prevalidated)->Unit(benchmark::kMillisecond);

// The same crossover through run_fast with strategies::ma_crossover, which declares its indicator
// inputs: the fused single-run kernel (per block of 2048 bars: both averages as columns, the bar
// step, the fills, the curve and the trade excursions; the bars validated block by block).
void fused_crossover(benchmark::State& state, bool validate, bool fused) {
  bt::vectorized_options vo;
  vo.validate_bars = validate;
  vo.fused = fused;
  const qk::strategies::ma_crossover<> strategy({.fast = 10, .slow = 50});
  for (auto _ : state) {
    auto r = bt::run_fast(bars(), strategy, qk::costs::percentage(1.0), vo);
    benchmark::DoNotOptimize(r.final_equity);
  }
  set_counters(state);
}
void BM_vectorized_crossover_fused(benchmark::State& state) {
  fused_crossover(state, true, true);
}
BENCHMARK(BM_vectorized_crossover_fused)->Unit(benchmark::kMillisecond);
void BM_vectorized_crossover_fused_prevalidated(benchmark::State& state) {
  fused_crossover(state, false, true);
}
BENCHMARK(BM_vectorized_crossover_fused_prevalidated)->Unit(benchmark::kMillisecond);
// The same strategy on the generic per-bar loop (vectorized_options::fused = false), for
// comparison.
void BM_vectorized_crossover_generic_prevalidated(benchmark::State& state) {
  fused_crossover(state, false, false);
}
BENCHMARK(BM_vectorized_crossover_generic_prevalidated)->Unit(benchmark::kMillisecond);

// The accounting alone, with precomputed targets.
void BM_vectorized_accounting_only(benchmark::State& state) {
  const auto closes = bars().closes();
  std::vector<double> target(closes.size());
  const auto f = ind::apply(ind::sma(10), closes);
  const auto s = ind::apply(ind::sma(50), closes);
  for (std::size_t i = 0; i < closes.size(); ++i) target[i] = f[i] > s[i] ? 1.0 : 0.0;
  for (auto _ : state) {
    auto r = bt::run_targets(bars(), target, qk::costs::percentage(1.0));
    benchmark::DoNotOptimize(r.final_equity);
  }
  set_counters(state);
}
BENCHMARK(BM_vectorized_accounting_only)->Unit(benchmark::kMillisecond);

// The full event-driven engine: strategy object, orders, fills, accounting, trade and order logs.
void BM_engine_crossover(benchmark::State& state) {
  for (auto _ : state) {
    auto r = bt::run(bars(), sma_cross{}, qk::costs::percentage(1.0));
    benchmark::DoNotOptimize(r.final_equity);
  }
  set_counters(state);
}
BENCHMARK(BM_engine_crossover)->Unit(benchmark::kMillisecond);

// The same crossover on the fast path (run_fast: the strategy object, the account, the trade log;
// no order machinery), on bars validated once when they were loaded.
void BM_fast_path_crossover(benchmark::State& state) {
  bt::vectorized_options vo;
  vo.validate_bars = false;
  for (auto _ : state) {
    auto r = bt::run_fast(bars(), sma_cross{}, qk::costs::percentage(1.0), vo);
    benchmark::DoNotOptimize(r.final_equity);
  }
  set_counters(state);
}
BENCHMARK(BM_fast_path_crossover)->Unit(benchmark::kMillisecond);

// 174 (fast, slow) pairs over the same 1M bars on 2 threads: fast in {5, ..., 30} step 5,
// slow in {40, ..., 180} step 5 (6 x 29 = 174 pairs), each a full run with its summary (memory
// bounded). ma_crossover declares its indicator inputs, so the sweep takes the fused kernel (the 35
// distinct averages computed once per block of bars); the "_per_run" variant runs every pair alone
// on the fast path (sweep_options::fused = false). CPU time is the process's (both threads).
// The "_ema" variant crosses two EMAs (generic indicator columns, each EMA updated by its own
// update(); equal parameters share a column: 35 distinct EMAs for the 348 inputs).
template <class MA = ind::sma>
void sweep_174(benchmark::State& state, bool fused) {
  struct pair {
    std::size_t fast;
    std::size_t slow;
  };
  std::vector<pair> grid;
  for (std::size_t f = 5; f <= 30; f += 5) {
    for (std::size_t s = 40; s <= 180; s += 5) grid.push_back({f, s});
  }
  bt::sweep_options so;
  so.parallel.threads = 2;
  so.fused = fused;
  bt::options opt;
  opt.record_orders = false;
  auto make = [](const pair& p) {
    return qk::strategies::ma_crossover<MA, MA>({.fast = p.fast, .slow = p.slow});
  };
  for (auto _ : state) {
    auto r = bt::sweep(bars(), std::span<const pair>(grid), make, qk::costs::percentage(1.0), opt, so);
    benchmark::DoNotOptimize(r.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(bars().size() * grid.size()));
}
void BM_sweep_174_pairs_2_threads(benchmark::State& state) { sweep_174(state, true); }
BENCHMARK(BM_sweep_174_pairs_2_threads)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
void BM_sweep_174_pairs_2_threads_per_run(benchmark::State& state) { sweep_174(state, false); }
BENCHMARK(BM_sweep_174_pairs_2_threads_per_run)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
void BM_sweep_174_ema_pairs_2_threads(benchmark::State& state) { sweep_174<ind::ema>(state, true); }
BENCHMARK(BM_sweep_174_ema_pairs_2_threads)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

// Validation alone (run() validates the bars once per call).
void BM_validate_1m_bars(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(qk::find_invalid_bar(bars()).has_value());
  set_counters(state);
}
BENCHMARK(BM_validate_1m_bars)->Unit(benchmark::kMillisecond);
}  // namespace
