// SPDX-License-Identifier: MIT
// bench/regression/bench_mlp.cpp - MLP regressor fit and prediction on Friedman #1
#include <quantkit/regression/mlp.hpp>

#include "regression/gp_mlp_data.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>

namespace rg = quantkit::regression;
using quantkit::bench_gp_mlp::friedman;
using quantkit::bench_gp_mlp::r2;

namespace {

// 2000 rows, (64,) relu, Adam lr 1e-3, batch 200, up to 500 epochs (sklearn MLPRegressor with
// the same settings on standardised y: 2.0 s, test R^2 0.946). Reports test R^2 and epochs.
void BM_mlp_fit_friedman2000(benchmark::State& state) {
  const auto train = friedman("train");
  const auto test = friedman("test");
  rg::mlp_params p;
  p.hidden1 = static_cast<std::size_t>(state.range(0));
  p.hidden2 = static_cast<std::size_t>(state.range(1));
  p.max_epochs = 500;
  double score = 0.0;
  std::size_t epochs = 0;
  for (auto _ : state) {
    rg::mlp_regressor m(p);
    epochs = m.fit(train.x, train.y).iterations;
    state.PauseTiming();
    score = r2(test.y, m.predict(test.x));
    state.ResumeTiming();
  }
  state.counters["test_r2"] = score;
  state.counters["epochs"] = static_cast<double>(epochs);
}
BENCHMARK(BM_mlp_fit_friedman2000)->Args({64, 0})->Args({64, 32})->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_mlp_predict_1000(benchmark::State& state) {
  const auto train = friedman("train");
  const auto test = friedman("test", 1000);
  rg::mlp_params p;
  p.hidden1 = 64;
  p.max_epochs = 20;
  rg::mlp_regressor m(p);
  (void)m.fit(train.x, train.y);
  for (auto _ : state) benchmark::DoNotOptimize(m.predict(test.x).data());
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_mlp_predict_1000)->Unit(benchmark::kMicrosecond);

}  // namespace
