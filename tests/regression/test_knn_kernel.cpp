// SPDX-License-Identifier: MIT
// k-NN and kernel ridge against scikit-learn 1.2.1 (sklearn_extra.json, generate_sklearn_extra.py).
#include <quantkit/regression/kernel_ridge.hpp>
#include <quantkit/regression/knn.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace regression_test_knn_kernel {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;
using quantkit::test::json;

namespace {
const json& extra() {
  static const json j = quantkit::test::load_json("regression/sklearn_extra.json");
  return j;
}
struct small_data {
  Eigen::MatrixXd X, Xt;
  Eigen::VectorXd y, w;
};
const small_data& data() {
  static const small_data d = [] {
    small_data s;
    s.X = tr::friedman_train().X.topRows(200);
    s.y = tr::friedman_train().y.head(200);
    s.Xt = tr::friedman_test().X.topRows(50);
    s.w.resize(200);
    for (Eigen::Index i = 0; i < 200; ++i) s.w[i] = 0.5 + static_cast<double>(i % 7) / 7.0;
    return s;
  }();
  return d;
}
void check_pred(const Eigen::VectorXd& got, const json& ref, double rel) {
  const std::vector<double> want = ref.numbers();
  REQUIRE(static_cast<std::size_t>(got.size()) == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(got[static_cast<Eigen::Index>(i)] == doctest::Approx(want[i]).epsilon(rel));
  }
}
}  // namespace

TEST_CASE("knn_regressor - sklearn KNeighborsRegressor uniform and distance, k 1 5 10") {
  for (const std::size_t k : {std::size_t{1}, std::size_t{5}, std::size_t{10}}) {
    for (const auto wt : {rg::knn_weights::uniform, rg::knn_weights::distance}) {
      rg::knn_regressor m({.k = k, .weights = wt});
      CHECK(m.fit(data().X, data().y).ok());
      const std::string key = "knn_k" + std::to_string(k) +
                              (wt == rg::knn_weights::uniform ? "_uniform" : "_distance");
      CAPTURE(key);
      // neighbour sets are identical; 1/d weights differ from sklearn's ||a||^2+||b||^2-2ab
      // distances by rounding only
      check_pred(m.predict(data().Xt), extra()[key], 1e-10);
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

TEST_CASE("kernel_ridge - sklearn KernelRidge linear, rbf, poly, weighted") {
  struct c {
    const char* key;
    rg::kernel_ridge::params p;
  };
  const double auto_gamma = std::numeric_limits<double>::quiet_NaN();
  const c cases[] = {
      {"kernel_ridge_linear", {1.0, rg::kernel_type::linear, auto_gamma, 3, 1.0}},
      {"kernel_ridge_rbf", {0.1, rg::kernel_type::rbf, auto_gamma, 3, 1.0}},
      {"kernel_ridge_rbf_gamma", {0.5, rg::kernel_type::rbf, 0.7, 3, 1.0}},
      {"kernel_ridge_poly", {1.0, rg::kernel_type::poly, auto_gamma, 2, 1.0}},
      {"kernel_ridge_poly3_gamma", {2.0, rg::kernel_type::poly, 0.3, 3, 0.5}},
  };
  for (const auto& cs : cases) {
    CAPTURE(cs.key);
    rg::kernel_ridge m(cs.p);
    CHECK(m.fit(data().X, data().y).ok());
    // Cholesky of a 200 x 200 system: agreement limited by its conditioning (alpha 0.1 rbf)
    check_pred(m.predict(data().Xt), extra()[cs.key], 1e-8);
  }
  rg::kernel_ridge w({.alpha = 0.1, .kernel = rg::kernel_type::rbf});
  CHECK(w.fit(data().X, data().y, data().w).ok());
  check_pred(w.predict(data().Xt), extra()["kernel_ridge_rbf_weighted"], 1e-8);
}

TEST_CASE("kernel_ridge - singular system falls back with a status, bad parameters") {
  // alpha 0 with duplicated rows and a linear kernel: K is singular
  Eigen::MatrixXd X(3, 1);
  X << 1, 1, 2;
  Eigen::VectorXd y(3);
  y << 1, 1, 2;
  rg::kernel_ridge m({.alpha = 0.0});
  const auto rep = m.fit(X, y);
  CHECK(rep.status == rg::fit_status::rank_deficient);
  CHECK(m.fitted());
  // least squares on a consistent system reproduces y = x exactly
  CHECK(m.predict(X).isApprox(y, 1e-10));
  CHECK_THROWS_AS(rg::kernel_ridge({.alpha = -1.0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(rg::kernel_ridge({.gamma = 0.0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(rg::kernel_ridge({.degree = 0}), quantkit::invalid_argument);
  rg::kernel_ridge u;
  CHECK_THROWS_AS((void)u.predict(X), rg::not_fitted);
  X(1, 0) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS((void)u.fit(X, y), quantkit::data_error);
}

}  // namespace regression_test_knn_kernel
