// SPDX-License-Identifier: MIT
// bench/core/bench_random.cpp - engine and distribution throughput (draws/s)
#include <quantkit/core/random.hpp>

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

namespace qk = quantkit;

namespace {
template <class F>
void draws(benchmark::State& state, F&& f) {
  qk::rng g(1);
  for (auto _ : state) {
    for (int i = 0; i < 1024; ++i) benchmark::DoNotOptimize(f(g));
  }
  state.SetItemsProcessed(state.iterations() * 1024);
}

void BM_rng_bits(benchmark::State& s) { draws(s, [](qk::rng& g) { return g(); }); }
void BM_mt19937_64_bits(benchmark::State& state) {
  std::mt19937_64 g(1);
  for (auto _ : state) {
    for (int i = 0; i < 1024; ++i) benchmark::DoNotOptimize(g());
  }
  state.SetItemsProcessed(state.iterations() * 1024);
}
void BM_uniform01(benchmark::State& s) { draws(s, [](qk::rng& g) { return qk::uniform01(g); }); }
void BM_uniform_index(benchmark::State& s) {
  draws(s, [](qk::rng& g) { return qk::uniform_index(g, 1000); });
}
void BM_normal(benchmark::State& s) { draws(s, [](qk::rng& g) { return qk::normal(g); }); }
void BM_exponential(benchmark::State& s) {
  draws(s, [](qk::rng& g) { return qk::exponential(g, 1.0); });
}
void BM_student_t(benchmark::State& s) {
  draws(s, [](qk::rng& g) { return qk::student_t(g, 5.0); });
}
void BM_poisson_small(benchmark::State& s) {
  draws(s, [](qk::rng& g) { return qk::poisson(g, 0.05); });
}
void BM_discrete(benchmark::State& state) {
  const std::vector<double> w{1, 2, 3, 4, 5, 6, 7, 8};
  const qk::discrete_distribution d(w);
  draws(state, [&](qk::rng& g) { return d(g); });
}
void BM_rng_stream_construction(benchmark::State& state) {
  std::uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(qk::rng(42, i++));
  state.SetItemsProcessed(state.iterations());
}
}  // namespace

BENCHMARK(BM_rng_bits);
BENCHMARK(BM_mt19937_64_bits);
BENCHMARK(BM_uniform01);
BENCHMARK(BM_uniform_index);
BENCHMARK(BM_normal);
BENCHMARK(BM_exponential);
BENCHMARK(BM_student_t);
BENCHMARK(BM_poisson_small);
BENCHMARK(BM_discrete);
BENCHMARK(BM_rng_stream_construction);
