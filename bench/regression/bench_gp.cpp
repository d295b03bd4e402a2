// SPDX-License-Identifier: MIT
// bench/regression/bench_gp.cpp - Gaussian process fit / LML / refit / prediction on Friedman #1
#include <quantkit/regression/gaussian_process.hpp>

#include "regression/gp_mlp_data.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <vector>

namespace rg = quantkit::regression;
using quantkit::bench_gp_mlp::friedman;
using quantkit::bench_gp_mlp::r2;

namespace {

rg::gaussian_process_params friedman_params(std::size_t threads) {
  rg::gaussian_process_params p;  // ConstantKernel * RBF(ARD) + WhiteKernel, as sklearn_reference
  p.normalize_y = true;
  p.n_restarts = 2;
  p.threads = threads;
  return p;
}

// Issue #7's target: 500 rows, 2 restarts, ARD, <= 2 s (sklearn 1.2.1: 8.5 s). Reports test R^2.
void BM_gp_fit_friedman500(benchmark::State& state) {
  const auto train = friedman("train", 500);
  const auto test = friedman("test");
  const auto threads = static_cast<std::size_t>(state.range(0));
  double score = 0.0;
  std::size_t iters = 0;
  for (auto _ : state) {
    rg::gaussian_process gp(friedman_params(threads));
    const auto rep = gp.fit(train.x, train.y);
    iters = rep.iterations;
    benchmark::DoNotOptimize(gp.theta().data());
    state.PauseTiming();
    score = r2(test.y, gp.predict(test.x));
    state.ResumeTiming();
  }
  state.counters["test_r2"] = score;
  state.counters["lbfgs_iterations"] = static_cast<double>(iters);
}
BENCHMARK(BM_gp_fit_friedman500)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(3);

// One log-marginal-likelihood + gradient evaluation (the optimiser's unit of work).
void BM_gp_lml_gradient(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto train = friedman("train", n);
  rg::gaussian_process_params p = friedman_params(1);
  p.optimize = false;
  rg::gaussian_process gp(p);
  (void)gp.fit(train.x, train.y);
  Eigen::VectorXd theta = gp.theta();
  Eigen::VectorXd grad;
  for (auto _ : state) benchmark::DoNotOptimize(gp.log_marginal_likelihood(theta, &grad));
}
BENCHMARK(BM_gp_lml_gradient)->Arg(200)->Arg(500)->Unit(benchmark::kMillisecond);

// Bayesian-optimisation loop pieces: refit with fixed hyperparameters, predict 1 / 1000 points.
void BM_gp_refit_fixed(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto train = friedman("train", n);
  rg::gaussian_process gp(friedman_params(1));
  (void)gp.fit(train.x, train.y);
  for (auto _ : state) benchmark::DoNotOptimize(gp.refit(train.x, train.y).iterations);
}
BENCHMARK(BM_gp_refit_fixed)->Arg(200)->Arg(500)->Unit(benchmark::kMicrosecond);

void BM_gp_fit_200_no_restart(benchmark::State& state) {
  const auto train = friedman("train", 200);
  rg::gaussian_process_params p = friedman_params(1);
  p.n_restarts = 0;
  for (auto _ : state) {
    rg::gaussian_process gp(p);
    benchmark::DoNotOptimize(gp.fit(train.x, train.y).iterations);
  }
}
BENCHMARK(BM_gp_fit_200_no_restart)->Unit(benchmark::kMillisecond);

void BM_gp_predict_one(benchmark::State& state) {
  const auto train = friedman("train", 200);
  const auto test = friedman("test", 1);
  rg::gaussian_process gp(friedman_params(1));
  (void)gp.fit(train.x, train.y);
  std::vector<double> x(8);
  for (std::size_t j = 0; j < 8; ++j) x[j] = test.x(0, static_cast<Eigen::Index>(j));
  for (auto _ : state) benchmark::DoNotOptimize(gp.predict_one(x).std);
}
BENCHMARK(BM_gp_predict_one)->Unit(benchmark::kMicrosecond);

void BM_gp_predict_mean_std_1000(benchmark::State& state) {
  const auto train = friedman("train", 200);
  const auto test = friedman("test", 1000);
  rg::gaussian_process gp(friedman_params(1));
  (void)gp.fit(train.x, train.y);
  for (auto _ : state) benchmark::DoNotOptimize(gp.predict_mean_std(test.x).std.data());
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_gp_predict_mean_std_1000)->Unit(benchmark::kMicrosecond);

}  // namespace
