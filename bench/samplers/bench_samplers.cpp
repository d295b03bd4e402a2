// SPDX-License-Identifier: MIT
// bench/samplers/bench_samplers.cpp - designs (LHS, Sobol, Halton), discrepancies, resamplers
#include <quantkit/core/random.hpp>
#include <quantkit/samplers/block_length.hpp>
#include <quantkit/samplers/discrepancy.hpp>
#include <quantkit/samplers/halton.hpp>
#include <quantkit/samplers/lhs.hpp>
#include <quantkit/samplers/resample.hpp>
#include <quantkit/samplers/sampler.hpp>
#include <quantkit/samplers/sobol.hpp>
#include <quantkit/samplers/space.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace qs = quantkit::samplers;

namespace {

std::size_t arg(const benchmark::State& state, std::size_t i = 0) {
  return static_cast<std::size_t>(state.range(i));
}

// scipy 1.10.1 on this machine: LatinHypercube(d=8, seed=s).random(10000) 2.6 ms (construction
// included), scramble=False 1.9 ms.
void BM_lhs(benchmark::State& state) {
  qs::lhs_sampler s;
  s.centered = state.range(2) != 0;
  std::uint64_t seed = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s.unit_sample(arg(state, 0), arg(state, 1), ++seed));
  state.SetItemsProcessed(state.iterations() * state.range(1));
}
BENCHMARK(BM_lhs)->Args({8, 10000, 0})->Args({8, 10000, 1})->Unit(benchmark::kMillisecond);

void BM_lhs_maximin(benchmark::State& state) {
  qs::lhs_sampler s;
  s.maximin_iterations = arg(state, 2);
  std::uint64_t seed = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s.unit_sample(arg(state, 0), arg(state, 1), ++seed));
}
BENCHMARK(BM_lhs_maximin)->Args({8, 1000, 1000})->Unit(benchmark::kMillisecond);

// scipy: Sobol(d=8, seed=s).random(16384) 0.69 ms (construction + LMS scrambling included;
// 0.15 ms for random() alone on an already scrambled engine), scramble=False 0.19 ms.
void BM_sobol(benchmark::State& state) {
  qs::sobol_sampler s;
  s.scramble = static_cast<qs::sobol_scramble>(state.range(2));
  std::uint64_t seed = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s.unit_sample(arg(state, 0), arg(state, 1), ++seed));
  state.SetItemsProcessed(state.iterations() * state.range(1));
}
BENCHMARK(BM_sobol)
    ->Args({8, 16384, static_cast<int>(qs::sobol_scramble::lms_shift)})
    ->Args({8, 16384, static_cast<int>(qs::sobol_scramble::none)})
    ->Args({8, 16384, static_cast<int>(qs::sobol_scramble::owen)})
    ->Args({1000, 1024, static_cast<int>(qs::sobol_scramble::none)})
    ->Args({1000, 1024, static_cast<int>(qs::sobol_scramble::lms_shift)})
    ->Unit(benchmark::kMillisecond);

// scipy: Halton(d=8, seed=s).random(10000) 10.4 ms.
void BM_halton(benchmark::State& state) {
  qs::halton_sampler s;
  s.scramble = state.range(2) != 0;
  std::uint64_t seed = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s.unit_sample(arg(state, 0), arg(state, 1), ++seed));
  state.SetItemsProcessed(state.iterations() * state.range(1));
}
BENCHMARK(BM_halton)->Args({8, 10000, 1})->Args({8, 10000, 0})->Unit(benchmark::kMillisecond);

// scipy: qmc.discrepancy of a 1024 x 8 design: CD 17.1 ms, WD 17.2 ms, MD 37.8 ms, L2-star
// 11.6 ms (workers=1); CD of 4096 x 8: 501 ms.
void BM_discrepancy(benchmark::State& state) {
  const auto x = qs::sobol_sampler{}.unit_sample(8, arg(state, 0), 1);
  const auto m = static_cast<qs::discrepancy_method>(state.range(1));
  const std::size_t threads = arg(state, 2);
  for (auto _ : state) benchmark::DoNotOptimize(qs::discrepancy(x, 8, m, threads));
}
BENCHMARK(BM_discrepancy)
    ->Args({1024, static_cast<int>(qs::discrepancy_method::centered), 1})
    ->Args({1024, static_cast<int>(qs::discrepancy_method::wrap_around), 1})
    ->Args({1024, static_cast<int>(qs::discrepancy_method::mixture), 1})
    ->Args({1024, static_cast<int>(qs::discrepancy_method::l2_star), 1})
    ->Args({4096, static_cast<int>(qs::discrepancy_method::centered), 1})
    ->Args({4096, static_cast<int>(qs::discrepancy_method::centered), 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Mapping a design through a 4-dimensional space (int, int, log real, categorical) with one
// constraint: the per-point cost of sample() beyond unit_sample().
void BM_space_sample(benchmark::State& state) {
  qs::space sp;
  sp.add_int("fast", 2, 50).add_int("slow", 10, 200).add_log_real("lr", 1e-4, 1.0).add_categorical(
      "ma", {"sma", "ema", "wma"});
  sp.add_constraint("fast < slow", [](const qs::point& p) { return p[0] < p[1]; });
  std::uint64_t seed = 0;
  for (auto _ : state) benchmark::DoNotOptimize(qs::sobol_sampler{}.sample(sp, arg(state), ++seed));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_space_sample)->Arg(10000)->Unit(benchmark::kMillisecond);

// Resampling 1,000 values, 10,000 replicates (the trade-bootstrap shape).
void BM_resample(benchmark::State& state) {
  const auto r = qs::resampler{static_cast<qs::resample_scheme>(state.range(0)), 5.0};
  std::vector<double> x(1000);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i % 17) * 0.01 - 0.08;
  std::vector<double> out(1000);
  for (auto _ : state) {
    for (std::uint64_t b = 0; b < 10000; ++b) {
      quantkit::rng g(7, b);
      r.resample_into(std::span<const double>(x), std::span<double>(out), g);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * 10000 * 1000);
}
BENCHMARK(BM_resample)
    ->Arg(static_cast<int>(qs::resample_scheme::iid))
    ->Arg(static_cast<int>(qs::resample_scheme::moving_block))
    ->Arg(static_cast<int>(qs::resample_scheme::circular_block))
    ->Arg(static_cast<int>(qs::resample_scheme::stationary))
    ->Arg(static_cast<int>(qs::resample_scheme::permutation))
    ->Unit(benchmark::kMillisecond);

void BM_optimal_block_length(benchmark::State& state) {
  quantkit::rng g(3);
  std::vector<double> x(arg(state));
  double prev = 0.0;
  for (double& v : x) v = prev = 0.6 * prev + quantkit::normal(g);
  for (auto _ : state) benchmark::DoNotOptimize(qs::optimal_block_length(x));
}
BENCHMARK(BM_optimal_block_length)->Arg(1500)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace
