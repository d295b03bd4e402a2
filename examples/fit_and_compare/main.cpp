// SPDX-License-Identifier: MIT
// examples/fit_and_compare - compare regression models by 5-fold cross-validation on a Friedman #1
// data set and print a table of R^2 and RMSE (mean and spread over the folds).
//
// A starting template: put your own X (rows = samples) and y in make_data(), and add or remove
// models with one compare(...) line each. Every model is a value type satisfying
// quantkit::regression::regressor, so any of them (or your own) fits in the same line.
#include <quantkit/core/random.hpp>
#include <quantkit/regression.hpp>

#include <cmath>
#include <cstdio>
#include <numbers>

namespace qk = quantkit;
namespace rg = quantkit::regression;

// Friedman #1 (Friedman 1991, as scikit-learn's make_friedman1): 8 uniform features, the first 5
// informative, y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + N(0, 1) noise.
struct data {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
};
data make_data(Eigen::Index n, std::uint64_t seed) {
  qk::rng g(seed);
  data d{Eigen::MatrixXd(n, 8), Eigen::VectorXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 8; ++j) d.X(i, j) = qk::uniform01(g);
    const auto x = d.X.row(i);
    d.y[i] = 10.0 * std::sin(std::numbers::pi * x[0] * x[1]) + 20.0 * (x[2] - 0.5) * (x[2] - 0.5) +
             10.0 * x[3] + 5.0 * x[4] + qk::normal(g);
  }
  return d;
}

int main() {
  const data d = make_data(400, 7);
  // Shuffled 5-fold CV (seeded). For time-ordered data use rg::time_series_splits or
  // rg::purged_kfold instead: nothing else changes.
  const auto splits = rg::shuffled_kfold(static_cast<std::size_t>(d.X.rows()), 5, 2024);

  std::printf("%-34s %8s %8s %8s %8s\n", "model", "R2", "+-", "RMSE", "+-");
  auto compare = [&](const char* name, const auto& model) {
    const auto r2 = rg::cross_val_score(model, d.X, d.y, splits, rg::score_kind::r2);
    const auto rmse = rg::cross_val_score(model, d.X, d.y, splits, rg::score_kind::neg_rmse);
    std::printf("%-34s %8.3f %8.3f %8.3f %8.3f\n", name, r2.mean(), r2.stddev(), -rmse.mean(),
                rmse.stddev());
  };

  using rg::kernel_type;
  using rg::standard_scaler;
  compare("linear_regression", rg::linear_regression());
  compare("ridge(alpha=1)", rg::ridge(1.0));
  compare("lasso(alpha=0.05)", rg::lasso({.alpha = 0.05}));
  compare("elastic_net(alpha=0.05, l1=0.5)", rg::elastic_net({.alpha = 0.05, .l1_ratio = 0.5}));
  compare("knn(k=10), scaled", rg::scaled<standard_scaler, rg::knn_regressor>({}, rg::knn_regressor({.k = 10})));
  compare("kernel_ridge(rbf), scaled",
          rg::scaled<standard_scaler, rg::kernel_ridge>(
              {}, rg::kernel_ridge({.alpha = 0.1, .kernel = kernel_type::rbf, .gamma = 0.05})));
  compare("kernel_ridge(poly 2), scaled",
          rg::scaled<standard_scaler, rg::kernel_ridge>(
              {}, rg::kernel_ridge({.alpha = 1.0, .kernel = kernel_type::poly, .degree = 2})));
  compare("averaging(ridge, knn, kernel rbf)",
          rg::averaging<rg::ridge, rg::knn_regressor, rg::kernel_ridge>(
              rg::ridge(1.0), rg::knn_regressor({.k = 10}),
              rg::kernel_ridge({.alpha = 0.1, .kernel = kernel_type::rbf, .gamma = 0.4})));
  compare("stacking(ols | ridge, knn, rbf)",
          rg::stacking<rg::linear_regression, rg::ridge, rg::knn_regressor, rg::kernel_ridge>(
              {.folds = 5}, rg::linear_regression(), rg::ridge(1.0), rg::knn_regressor({.k = 10}),
              rg::kernel_ridge({.alpha = 0.1, .kernel = kernel_type::rbf, .gamma = 0.4})));
  compare("decision_tree(depth 6)", rg::decision_tree_regressor({.max_depth = 6}));
  compare("random_forest(100)", rg::random_forest_regressor({.n_estimators = 100, .seed = 1}));
  compare("gradient_boosting(200, depth 3)",
          rg::gradient_boosting_regressor({.n_estimators = 200, .learning_rate = 0.1}));
  compare("hist_gradient_boosting", rg::hist_gradient_boosting_regressor());
  compare("mlp(64 relu)", rg::mlp_regressor({.hidden1 = 64, .seed = 3}));
  // A Gaussian process (rg::gaussian_process) joins the same way; it is left out here only to keep
  // this example fast in unoptimized sanitizer builds (its fit is O(n^3) per likelihood step).
  return 0;
}
