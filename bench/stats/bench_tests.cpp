// SPDX-License-Identifier: MIT
// bench/stats/bench_tests.cpp - hypothesis tests, correlation, bootstrap and PBO throughput
#include <quantkit/core/random.hpp>
#include <quantkit/stats/bootstrap.hpp>
#include <quantkit/stats/correlation.hpp>
#include <quantkit/stats/descriptive.hpp>
#include <quantkit/stats/ks_test.hpp>
#include <quantkit/stats/mann_whitney.hpp>
#include <quantkit/stats/overfitting.hpp>
#include <quantkit/stats/ttest.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace qk = quantkit;
namespace st = quantkit::stats;

namespace {

std::vector<double> normals(std::size_t n, std::uint64_t seed, double mean = 0.0, double sd = 1.0) {
  qk::rng g(seed);
  std::vector<double> x(n);
  for (double& v : x) v = qk::normal(g, mean, sd);
  return x;
}

std::size_t size_arg(const benchmark::State& state, std::size_t i = 0) {
  return static_cast<std::size_t>(state.range(i));
}

void BM_ttest_1samp(benchmark::State& state) {
  const auto x = normals(size_arg(state), 1);
  for (auto _ : state) benchmark::DoNotOptimize(st::ttest_1samp(x, 0.0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_ttest_ind_student(benchmark::State& state) {
  const auto a = normals(size_arg(state), 1);
  const auto b = normals(size_arg(state), 2, 0.01);
  for (auto _ : state) benchmark::DoNotOptimize(st::ttest_ind(a, b, true));
  state.SetItemsProcessed(state.iterations() * state.range(0) * 2);
}

void BM_ttest_ind_welch(benchmark::State& state) {
  const auto a = normals(size_arg(state), 1);
  const auto b = normals(size_arg(state), 2, 0.01, 2.0);
  for (auto _ : state) benchmark::DoNotOptimize(st::welch_ttest(a, b));
  state.SetItemsProcessed(state.iterations() * state.range(0) * 2);
}

void BM_ttest_rel(benchmark::State& state) {
  const auto a = normals(size_arg(state), 1);
  const auto b = normals(size_arg(state), 2);
  for (auto _ : state) benchmark::DoNotOptimize(st::ttest_rel(a, b));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// n per sample; asymptotic (ranks of the pooled 2n values, one sort).
void BM_mann_whitney_asymptotic(benchmark::State& state) {
  const auto a = normals(size_arg(state), 1);
  const auto b = normals(size_arg(state), 2, 0.01);
  for (auto _ : state) benchmark::DoNotOptimize(st::mann_whitney_u(a, b));
  state.SetItemsProcessed(state.iterations() * state.range(0) * 2);
}

// Exact null distribution: x of size 8 against y of size n (scipy's 'auto' picks exact here).
void BM_mann_whitney_exact(benchmark::State& state) {
  const auto a = normals(8, 1, 0.3);
  const auto b = normals(size_arg(state), 2);
  for (auto _ : state) benchmark::DoNotOptimize(st::mann_whitney_u(a, b));
  state.SetItemsProcessed(state.iterations() * (state.range(0) + 8));
}

// Exact p-value (lattice paths, automatic up to max(n1, n2) = 10000) with n2 = 0.8 n1; the
// asymptotic run uses n1 = 555556, n2 = 444444 (10^6 observations).
void BM_ks_2samp_exact(benchmark::State& state) {
  const auto a = normals(size_arg(state), 1);
  const auto b = normals(size_arg(state) * 4 / 5, 2, 0.02);
  for (auto _ : state) benchmark::DoNotOptimize(st::ks_2samp(a, b));
  state.SetItemsProcessed(state.iterations() * (state.range(0) * 9 / 5));
}

void BM_ks_2samp_asymptotic(benchmark::State& state) {
  const auto a = normals(size_arg(state), 1);
  const auto b = normals(size_arg(state) * 4 / 5, 2, 0.002);
  for (auto _ : state) {
    benchmark::DoNotOptimize(st::ks_2samp(a, b, {.method = st::ks_method::asymptotic}));
  }
  state.SetItemsProcessed(state.iterations() * (state.range(0) * 9 / 5));
}

void BM_ks_1samp_normal(benchmark::State& state) {
  const auto a = normals(size_arg(state), 1);
  for (auto _ : state) benchmark::DoNotOptimize(st::ks_1samp_normal(a));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_kendalltau(benchmark::State& state) {
  const auto a = normals(size_arg(state), 1);
  auto b = normals(size_arg(state), 2);
  for (std::size_t i = 0; i < b.size(); ++i) b[i] += 0.5 * a[i];
  for (auto _ : state) benchmark::DoNotOptimize(st::kendalltau(a, b));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_spearmanr(benchmark::State& state) {
  const auto a = normals(size_arg(state), 1);
  auto b = normals(size_arg(state), 2);
  for (std::size_t i = 0; i < b.size(); ++i) b[i] += 0.5 * a[i];
  for (auto _ : state) benchmark::DoNotOptimize(st::spearmanr(a, b));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// BCa bootstrap of the mean: range(0) observations, range(1) resamples (items = draws).
void BM_bootstrap_mean_bca(benchmark::State& state) {
  const auto x = normals(size_arg(state, 0), 1, 0.0005, 0.01);
  const st::bootstrap_options o{
      .n_resamples = size_arg(state, 1), .seed = 7, .threads = size_arg(state, 2)};
  for (auto _ : state) benchmark::DoNotOptimize(st::bootstrap_mean(x, o));
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(1));
}

// BCa bootstrap of a generic statistic (Sharpe ratio): B resamples plus the O(n^2) jackknife.
void BM_bootstrap_sharpe_bca(benchmark::State& state) {
  const auto x = normals(size_arg(state, 0), 1, 0.0005, 0.01);
  const st::bootstrap_options o{
      .n_resamples = size_arg(state, 1), .seed = 7, .threads = size_arg(state, 2)};
  auto sharpe = [](std::span<const double> s) { return st::mean(s) / st::stddev(s, 1); };
  for (auto _ : state) benchmark::DoNotOptimize(st::bootstrap(x, sharpe, o));
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(1));
}

// PBO over T = 1000 rows x N = 50 trials with S = 16 (12870 splits), range(0) threads.
void BM_pbo_1000x50_S16(benchmark::State& state) {
  qk::rng g(3);
  std::vector<double> data(1000 * 50);
  for (double& v : data) v = qk::normal(g, 0.0003, 0.01);
  const st::pbo_options o{.n_chunks = 16, .threads = size_arg(state)};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        st::probability_of_backtest_overfitting(data, 1000, 50, st::matrix_layout::row_major, o));
  }
  state.SetItemsProcessed(state.iterations() * 12870);
}

}  // namespace

BENCHMARK(BM_ttest_1samp)->Arg(1'000'000);
BENCHMARK(BM_ttest_ind_student)->Arg(1'000'000);
BENCHMARK(BM_ttest_ind_welch)->Arg(1'000'000);
BENCHMARK(BM_ttest_rel)->Arg(1'000'000);
BENCHMARK(BM_mann_whitney_asymptotic)->Arg(500'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_mann_whitney_exact)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ks_2samp_exact)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ks_2samp_asymptotic)->Arg(555'556)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ks_1samp_normal)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_kendalltau)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_spearmanr)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_bootstrap_mean_bca)
    ->Args({1'000'000, 100, 1})
    ->Args({1'000'000, 100, 2})
    ->Args({10'000, 9'999, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_bootstrap_sharpe_bca)
    ->Args({10'000, 9'999, 1})
    ->Args({10'000, 9'999, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_pbo_1000x50_S16)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
