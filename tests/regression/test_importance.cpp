// SPDX-License-Identifier: MIT
// Permutation and coefficient importance: seeded, thread-independent, scikit-learn's conventions,
// checked by hand on models whose importance is known.
#include <quantkit/regression/coordinate_descent.hpp>
#include <quantkit/regression/importance.hpp>
#include <quantkit/regression/kernel_ridge.hpp>
#include <quantkit/regression/knn.hpp>
#include <quantkit/regression/linear.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace regression_test_importance {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;
using quantkit::test::json;

namespace {
// predicts column 0 of X: ignores every other feature
struct first_column {
  Eigen::Index p = 0;
  rg::fit_report fit(const Eigen::MatrixXd& X, const Eigen::VectorXd&) {
    p = X.cols();
    return {};
  }
  [[nodiscard]] Eigen::VectorXd predict(const Eigen::MatrixXd& X) const { return X.col(0); }
  [[nodiscard]] bool fitted() const { return p > 0; }
  [[nodiscard]] Eigen::Index n_features() const { return p; }
};
}  // namespace

TEST_CASE("importance - permutation importance is seeded, thread-independent, sklearn convention") {
  const Eigen::MatrixXd X = tr::friedman_train().X.topRows(400);
  const Eigen::VectorXd y = tr::friedman_train().y.head(400);
  rg::linear_regression m;
  (void)m.fit(X, y);
  const auto a = rg::permutation_importance(m, X, y, 5, 11, rg::score_kind::r2, {.threads = 1});
  const auto b = rg::permutation_importance(m, X, y, 5, 11, rg::score_kind::r2, {.threads = 2});
  const auto c = rg::permutation_importance(m, X, y, 5, 11, rg::score_kind::r2, {.threads = 4});
  CHECK(a.raw == b.raw);
  CHECK(a.raw == c.raw);
  CHECK(a.baseline == rg::r2(y, m.predict(X)));
  CHECK(a.mean.isApprox(a.raw.rowwise().mean(), 1e-15));
  // Friedman #1: y depends on x0..x4 only; x5..x7 are noise
  for (Eigen::Index j = 0; j < 5; ++j) {
    if (j != 2) CHECK(a.mean[j] > 0.05);  // x2 enters through (x2 - 0.5)^2: tiny linear effect
  }
  for (Eigen::Index j = 5; j < 8; ++j) CHECK(std::fabs(a.mean[j]) < 0.01);
  const auto d = rg::permutation_importance(m, X, y, 5, 12);
  CHECK(d.raw != a.raw);
  // a model that ignores a feature has exactly zero importance for it
  first_column fc;
  (void)fc.fit(X, y);
  // (neg_mse, not neg_mae: every y exceeds every x0, so sum |y - x0| is permutation-invariant)
  const auto e = rg::permutation_importance(fc, X, y, 3, 1, rg::score_kind::neg_mse);
  for (Eigen::Index j = 1; j < 8; ++j) CHECK(e.raw.row(j).cwiseAbs().maxCoeff() == 0.0);
  CHECK(e.mean[0] > 0.0);
  CHECK(e.stddev[0] >= 0.0);
  CHECK_THROWS_AS((void)rg::permutation_importance(m, X, y, 0, 1), quantkit::invalid_argument);
  rg::ridge unfitted;
  CHECK_THROWS_AS((void)rg::permutation_importance(unfitted, X, y, 2, 1), rg::not_fitted);
}

TEST_CASE("importance - coefficient importance is |b| times the column sd") {
  Eigen::MatrixXd X(4, 2);
  X << 0, 1, 2, 1, 0, 3, 2, 3;  // column sds: 1 and 1
  Eigen::VectorXd y(4);
  y << 1, 5, -1, 3;             // y = 2 x0 - x1 + 2 exactly
  rg::linear_regression m;
  (void)m.fit(X, y);
  const Eigen::VectorXd imp = rg::coefficient_importance(m, X);
  CHECK(imp[0] == doctest::Approx(2.0).epsilon(1e-12));
  CHECK(imp[1] == doctest::Approx(1.0).epsilon(1e-12));
  const Eigen::VectorXd raw = rg::coefficient_importance(m, Eigen::MatrixXd(0, 2));
  CHECK(raw[1] == doctest::Approx(1.0).epsilon(1e-12));
  rg::lasso l;
  CHECK_THROWS_AS((void)rg::coefficient_importance(l, X), rg::not_fitted);
}

}  // namespace regression_test_importance
