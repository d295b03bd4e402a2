// SPDX-License-Identifier: MIT
// k-NN regression against scikit-learn 1.2.1 KNeighborsRegressor (sklearn_extra.json,
// generate_sklearn_extra.py); exact matches, ties and bad input.
#include <quantkit/regression/knn.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace regression_test_knn {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;

TEST_CASE("knn_regressor - sklearn KNeighborsRegressor uniform and distance, k 1 5 10") {
  for (const std::size_t k : {std::size_t{1}, std::size_t{5}, std::size_t{10}}) {
    for (const auto wt : {rg::knn_weights::uniform, rg::knn_weights::distance}) {
      rg::knn_regressor m({.k = k, .weights = wt});
      CHECK(m.fit(tr::small_friedman().X, tr::small_friedman().y).ok());
      const std::string key = "knn_k" + std::to_string(k) +
                              (wt == rg::knn_weights::uniform ? "_uniform" : "_distance");
      CAPTURE(key);
      // neighbour sets are identical; 1/d weights differ from sklearn's ||a||^2+||b||^2-2ab
      // distances by rounding only
      tr::check_predictions(m.predict(tr::small_friedman().Xt), tr::sklearn_extra()[key], 1e-10);
    }
  }
}

TEST_CASE("knn_regressor - sklearn Friedman test R2 with k = 10") {
  rg::knn_regressor m({.k = 10});
  (void)m.fit(tr::friedman_train().X, tr::friedman_train().y);
  const Eigen::VectorXd p = m.predict(tr::friedman_test().X);
  const Eigen::VectorXd& y = tr::friedman_test().y;
  const double r2 = 1.0 - (y - p).squaredNorm() / (y.array() - y.mean()).matrix().squaredNorm();
  CHECK(r2 == doctest::Approx(tr::sklearn_ref()["models"]["KNeighborsRegressor(n_neighbors=10)"]["test_r2"].num()).epsilon(1e-12));
}

TEST_CASE("knn_regressor - exact matches, ties, bad input") {
  Eigen::MatrixXd X(4, 1);
  X << 0, 1, 1, 3;
  Eigen::VectorXd y(4);
  y << 10, 20, 40, 80;
  rg::knn_regressor m({.k = 3, .weights = rg::knn_weights::distance});
  (void)m.fit(X, y);
  Eigen::MatrixXd q(2, 1);
  q << 1, 2;
  const Eigen::VectorXd p = m.predict(q);
  CHECK(p[0] == 30.0);  // two training rows at distance 0: their plain mean
  // query 2: distances 1 (y 20), 1 (y 40), 1 (y 80): weights equal -> mean 140/3
  CHECK(p[1] == doctest::Approx(140.0 / 3.0).epsilon(1e-15));
  rg::knn_regressor u({.k = 2});
  (void)u.fit(X, y);
  Eigen::MatrixXd q2(1, 1);
  q2 << 2.0;  // distances 2, 1, 1, 1: ties broken by row index -> rows 1 and 2
  CHECK(u.predict(q2)[0] == 30.0);
  CHECK_THROWS_AS(rg::knn_regressor({.k = 0}), quantkit::invalid_argument);
  rg::knn_regressor big({.k = 5});
  CHECK(tr::error_message([&] { (void)big.fit(X, y); }) ==
        "quantkit::regression::knn_regressor::fit: X must have at least 5 rows (got 4)");
  CHECK_THROWS_AS((void)big.predict(X), rg::not_fitted);
  CHECK_THROWS_AS((void)u.predict(Eigen::MatrixXd::Ones(1, 2)), quantkit::invalid_argument);
}

}  // namespace regression_test_knn
