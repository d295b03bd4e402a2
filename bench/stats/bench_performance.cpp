// SPDX-License-Identifier: MIT
// bench/stats/bench_performance.cpp - performance metrics over 10^6 returns: the full summary,
// single metrics, rolling Sharpe, VaR/ES and trade statistics
#include <quantkit/core/random.hpp>
#include <quantkit/stats/performance.hpp>
#include <quantkit/stats/risk.hpp>
#include <quantkit/stats/rolling.hpp>
#include <quantkit/stats/trades.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <vector>

namespace qk = quantkit;
namespace st = quantkit::stats;

namespace {
constexpr std::size_t n = 1'000'000;

// Daily-like returns: 0.0004 + 0.012 * t(4) / sqrt(2), and a correlated benchmark.
struct series {
  std::vector<double> r;
  std::vector<double> f;
};
const series& data() {
  static const series s = [] {
    series out{std::vector<double>(n), std::vector<double>(n)};
    qk::rng g(20240611, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const double shock = qk::student_t(g, 4.0) / 1.4142135623730951;
      const double own = qk::normal(g);
      out.r[i] = 0.0004 + 0.012 * shock;
      out.f[i] = 0.0003 + 0.01 * (0.6 * shock + 0.8 * own);
    }
    return out;
  }();
  return s;
}

template <class F>
void run(benchmark::State& state, F&& f) {
  for (auto _ : state) benchmark::DoNotOptimize(f());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void BM_summary_with_benchmark(benchmark::State& s) {
  run(s, [] { return st::performance_summary(data().r, data().f); });
}
void BM_summary_returns_only(benchmark::State& s) {
  run(s, [] { return st::performance_summary(data().r); });
}
void BM_sharpe_ratio(benchmark::State& s) {
  run(s, [] { return st::sharpe_ratio(data().r); });
}
void BM_sortino_ratio(benchmark::State& s) {
  run(s, [] { return st::sortino_ratio(data().r); });
}
void BM_max_drawdown(benchmark::State& s) {
  run(s, [] { return st::max_drawdown(data().r); });
}
void BM_annual_return(benchmark::State& s) {
  run(s, [] { return st::annual_return(data().r); });
}
void BM_stability(benchmark::State& s) {
  run(s, [] { return st::stability_of_timeseries(data().r); });
}
void BM_tail_ratio(benchmark::State& s) {
  run(s, [] { return st::tail_ratio(data().r); });
}
void BM_alpha_beta(benchmark::State& s) {
  run(s, [] { return st::alpha_beta(data().r, data().f); });
}
void BM_cvar_empyrical(benchmark::State& s) {
  run(s, [] { return st::conditional_value_at_risk(data().r); });
}
void BM_var_es_historical(benchmark::State& s) {
  run(s, [] { return st::var_es(data().r); });
}
void BM_var_es_cornish_fisher(benchmark::State& s) {
  run(s, [] { return st::var_es(data().r, {.method = st::var_method::cornish_fisher}); });
}
void BM_roll_sharpe_63(benchmark::State& s) {
  run(s, [] { return st::roll_sharpe_ratio(data().r, 63); });
}
void BM_roll_beta_63(benchmark::State& s) {
  run(s, [] { return st::roll_beta(data().r, data().f, 63); });
}
void BM_roll_max_drawdown_63(benchmark::State& s) {
  run(s, [] { return st::roll_max_drawdown(data().r, 63); });
}
void BM_trade_stats(benchmark::State& s) {
  run(s, [] { return st::trade_stats(data().r); });
}
}  // namespace

BENCHMARK(BM_summary_with_benchmark)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_summary_returns_only)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_sharpe_ratio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_sortino_ratio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_max_drawdown)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_annual_return)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_stability)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_tail_ratio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_alpha_beta)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_cvar_empyrical)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_var_es_historical)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_var_es_cornish_fisher)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_roll_sharpe_63)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_roll_beta_63)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_roll_max_drawdown_63)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_trade_stats)->Unit(benchmark::kMillisecond);
