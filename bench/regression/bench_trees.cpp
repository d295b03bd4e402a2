// SPDX-License-Identifier: MIT
// bench/regression/bench_trees.cpp - tree models on the Friedman #1 split: fit and predict times
#include <quantkit/regression/gradient_boosting.hpp>
#include <quantkit/regression/hist_gradient_boosting.hpp>
#include <quantkit/regression/random_forest.hpp>
#include <quantkit/regression/tree.hpp>

#include <benchmark/benchmark.h>

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <numbers>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace rg = quantkit::regression;

namespace {

struct friedman_data {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
};

// tests/data/regression/friedman1_rs1_<part>.csv: header x0..x7,y then 8 features and the target.
friedman_data load(const std::string& part) {
  const std::string path = std::string(QUANTKIT_BENCH_DATA_DIR) +
                           "/../../tests/data/regression/friedman1_rs1_" + part + ".csv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(in, line);
  std::vector<double> v;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) v.push_back(std::strtod(cell.c_str(), nullptr));
  }
  const auto n = static_cast<Eigen::Index>(v.size() / 9);
  friedman_data d{Eigen::MatrixXd(n, 8), Eigen::VectorXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 8; ++j) d.X(i, j) = v[static_cast<std::size_t>(i * 9 + j)];
    d.y(i) = v[static_cast<std::size_t>(i * 9 + 8)];
  }
  return d;
}

const friedman_data& train() {
  static const friedman_data d = load("train");
  return d;
}

// 100,000 rows uniform on [0, 1)^8 (the Friedman #1 input distribution), fixed seed.
const Eigen::MatrixXd& big() {
  static const Eigen::MatrixXd X = [] {
    quantkit::rng g(7);
    Eigen::MatrixXd m(100000, 8);
    for (Eigen::Index j = 0; j < 8; ++j)
      for (Eigen::Index i = 0; i < m.rows(); ++i) m(i, j) = quantkit::uniform01(g);
    return m;
  }();
  return X;
}

// 200,000 Friedman #1 rows: x uniform on [0, 1)^8, y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 +
// 10 x3 + 5 x4 + N(0, 1), fixed seed. Large enough for the boosting fits to go parallel.
const friedman_data& large() {
  static const friedman_data d = [] {
    quantkit::rng g(11);
    friedman_data r{Eigen::MatrixXd(200000, 8), Eigen::VectorXd(200000)};
    for (Eigen::Index i = 0; i < r.X.rows(); ++i) {
      for (Eigen::Index j = 0; j < 8; ++j) r.X(i, j) = quantkit::uniform01(g);
      const auto x = r.X.row(i);
      r.y(i) = 10.0 * std::sin(std::numbers::pi * x(0) * x(1)) +
               20.0 * (x(2) - 0.5) * (x(2) - 0.5) + 10.0 * x(3) + 5.0 * x(4) + quantkit::normal(g);
    }
    return r;
  }();
  return d;
}

void BM_decision_tree_fit(benchmark::State& state) {
  const auto& d = train();
  for (auto _ : state) {
    rg::decision_tree_regressor m;
    benchmark::DoNotOptimize(m.fit(d.X, d.y));
  }
}
BENCHMARK(BM_decision_tree_fit)->Unit(benchmark::kMillisecond);

// One fully grown tree predicting 100,000 rows (blocks walked 16 rows in lockstep).
void BM_decision_tree_predict_100k(benchmark::State& state) {
  const auto& d = train();
  rg::decision_tree_regressor m;
  m.fit(d.X, d.y);
  for (auto _ : state) benchmark::DoNotOptimize(m.predict(big()));
  state.SetItemsProcessed(state.iterations() * big().rows());
}
BENCHMARK(BM_decision_tree_predict_100k)->Unit(benchmark::kMillisecond);

// RandomForestRegressor(n_estimators=100) defaults; range(0) = threads.
void BM_random_forest_fit(benchmark::State& state) {
  const auto& d = train();
  for (auto _ : state) {
    rg::random_forest_regressor m({.threads = static_cast<std::size_t>(state.range(0))});
    benchmark::DoNotOptimize(m.fit(d.X, d.y));
  }
}
BENCHMARK(BM_random_forest_fit)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_random_forest_predict_100k(benchmark::State& state) {
  const auto& d = train();
  rg::random_forest_regressor m({.threads = static_cast<std::size_t>(state.range(0))});
  m.fit(d.X, d.y);
  for (auto _ : state) benchmark::DoNotOptimize(m.predict(big()));
  state.SetItemsProcessed(state.iterations() * big().rows());
}
// range(0) = threads; the CPU column is the process's (all threads).
BENCHMARK(BM_random_forest_predict_100k)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// GradientBoostingRegressor(n_estimators=200, max_depth=3, learning_rate=0.1).
void BM_gradient_boosting_fit(benchmark::State& state) {
  const auto& d = train();
  for (auto _ : state) {
    rg::gradient_boosting_regressor m({.n_estimators = 200, .learning_rate = 0.1, .max_depth = 3});
    benchmark::DoNotOptimize(m.fit(d.X, d.y));
  }
}
BENCHMARK(BM_gradient_boosting_fit)->Unit(benchmark::kMillisecond);

// HistGradientBoostingRegressor() defaults.
void BM_hist_gradient_boosting_fit(benchmark::State& state) {
  const auto& d = train();
  for (auto _ : state) {
    rg::hist_gradient_boosting_regressor m;
    benchmark::DoNotOptimize(m.fit(d.X, d.y));
  }
}
BENCHMARK(BM_hist_gradient_boosting_fit)->Unit(benchmark::kMillisecond);

// 200,000 rows: 50 stages of depth 3; range(0) = threads (fit workers). The CPU column is the
// process's (all threads).
void BM_gradient_boosting_fit_200k(benchmark::State& state) {
  const auto& d = large();
  for (auto _ : state) {
    rg::gradient_boosting_regressor m({.n_estimators = 50, .learning_rate = 0.1, .max_depth = 3,
                                       .threads = static_cast<std::size_t>(state.range(0))});
    benchmark::DoNotOptimize(m.fit(d.X, d.y));
  }
}
BENCHMARK(BM_gradient_boosting_fit_200k)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// 200,000 rows, defaults (early stopping on: 180,000 training rows), at most 100 iterations;
// range(0) = threads; process CPU time.
void BM_hist_gradient_boosting_fit_200k(benchmark::State& state) {
  const auto& d = large();
  for (auto _ : state) {
    rg::hist_gradient_boosting_regressor m({.threads = static_cast<std::size_t>(state.range(0))});
    benchmark::DoNotOptimize(m.fit(d.X, d.y));
  }
}
BENCHMARK(BM_hist_gradient_boosting_fit_200k)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void BM_hist_gradient_boosting_predict_100k(benchmark::State& state) {
  const auto& d = train();
  rg::hist_gradient_boosting_regressor m;
  m.fit(d.X, d.y);
  for (auto _ : state) benchmark::DoNotOptimize(m.predict(big()));
  state.SetItemsProcessed(state.iterations() * big().rows());
}
BENCHMARK(BM_hist_gradient_boosting_predict_100k)->Unit(benchmark::kMillisecond);

}  // namespace
