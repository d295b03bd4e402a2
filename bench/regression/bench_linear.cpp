// SPDX-License-Identifier: MIT
// bench/regression/bench_linear.cpp - linear models, k-NN, kernel ridge, CV and permutation
// importance on the reference Friedman #1 split (2000 x 8 train, 1000 x 8 test) and the
// classification set (1000 x 6); scikit-learn timings for the same calls are in docs/performance.md.
#include <quantkit/regression/coordinate_descent.hpp>
#include <quantkit/regression/importance.hpp>
#include <quantkit/regression/kernel_ridge.hpp>
#include <quantkit/regression/knn.hpp>
#include <quantkit/regression/linear.hpp>
#include <quantkit/regression/logistic.hpp>
#include <quantkit/regression/model_selection.hpp>

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace rg = quantkit::regression;

namespace {
struct dataset {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
};

// Minimal reader for the reference CSVs (header row, numeric cells, last column = y).
dataset load(const std::string& name) {
  const std::string path = std::string(QUANTKIT_BENCH_DATA_DIR) + "/../../tests/data/regression/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(in, line);
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<double> r;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) r.push_back(std::stod(cell));
    rows.push_back(std::move(r));
  }
  dataset d;
  const auto n = static_cast<Eigen::Index>(rows.size());
  const auto p = static_cast<Eigen::Index>(rows[0].size()) - 1;
  d.X.resize(n, p);
  d.y.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < p; ++j) d.X(i, j) = rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    d.y[i] = rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(p)];
  }
  return d;
}
const dataset& train() {
  static const dataset d = load("friedman1_rs1_train.csv");
  return d;
}
const dataset& test() {
  static const dataset d = load("friedman1_rs1_test.csv");
  return d;
}
const dataset& classes() {
  static const dataset d = load("classification_rs3.csv");
  return d;
}

template <class M>
void fit_bench(benchmark::State& state, M model, const dataset& d) {
  for (auto _ : state) {
    M m = model;
    benchmark::DoNotOptimize(m.fit(d.X, d.y));
  }
}

void BM_ols_fit(benchmark::State& s) { fit_bench(s, rg::linear_regression(), train()); }
void BM_ridge_fit(benchmark::State& s) { fit_bench(s, rg::ridge(0.1), train()); }
void BM_lasso_fit(benchmark::State& s) { fit_bench(s, rg::lasso({.alpha = 0.05}), train()); }
void BM_elastic_net_fit(benchmark::State& s) {
  fit_bench(s, rg::elastic_net({.alpha = 0.05, .l1_ratio = 0.5}), train());
}
void BM_logistic_fit(benchmark::State& s) { fit_bench(s, rg::logistic_regression(), classes()); }

void BM_knn_predict_1000(benchmark::State& s) {
  rg::knn_regressor m({.k = 10});
  (void)m.fit(train().X, train().y);
  for (auto _ : s) benchmark::DoNotOptimize(m.predict(test().X));
}

void BM_kernel_ridge_rbf_fit_500(benchmark::State& s) {
  const dataset d{train().X.topRows(500), train().y.head(500)};
  fit_bench(s, rg::kernel_ridge({.alpha = 0.1, .kernel = rg::kernel_type::rbf}), d);
}
void BM_kernel_ridge_rbf_fit_2000(benchmark::State& s) {
  fit_bench(s, rg::kernel_ridge({.alpha = 0.1, .kernel = rg::kernel_type::rbf}), train());
}

void BM_cross_val_ridge_5fold(benchmark::State& s) {
  const auto splits = rg::kfold(2000, 5);
  for (auto _ : s) {
    benchmark::DoNotOptimize(rg::cross_val_score(rg::ridge(0.1), train().X, train().y, splits,
                                                 rg::score_kind::r2,
                                                 {.threads = static_cast<std::size_t>(s.range(0))}));
  }
}

void BM_permutation_importance_ols(benchmark::State& s) {
  rg::linear_regression m;
  (void)m.fit(train().X, train().y);
  for (auto _ : s) {
    benchmark::DoNotOptimize(rg::permutation_importance(m, test().X, test().y, 5, 0, rg::score_kind::r2,
                                                        {.threads = static_cast<std::size_t>(s.range(0))}));
  }
}
}  // namespace

BENCHMARK(BM_ols_fit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ridge_fit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_lasso_fit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_elastic_net_fit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_logistic_fit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_knn_predict_1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_kernel_ridge_rbf_fit_500)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_kernel_ridge_rbf_fit_2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_cross_val_ridge_5fold)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_permutation_importance_ols)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);
