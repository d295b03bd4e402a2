// SPDX-License-Identifier: MIT
// Parity of linear_regression and ridge with scikit-learn 1.2.1 (sklearn_reference.json from the
// reference suite; sklearn_extra.json from generate_sklearn_extra.py, see tests/data/PROVENANCE.md).
#include <quantkit/regression/linear.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace regression_test_linear {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;
using quantkit::test::json;

TEST_CASE("linear_regression - sklearn LinearRegression on Friedman #1, 1e-8") {
  const auto& d = tr::friedman_train();
  rg::linear_regression m;
  const auto rep = m.fit(d.X, d.y);
  CHECK(rep.ok());
  CHECK(m.rank() == 8);
  tr::check_coefs(m, tr::model_ref("LinearRegression()"), 1e-8);
  const auto& t = tr::friedman_test();
  const Eigen::VectorXd pred = m.predict(t.X);
  const double ss_res = (t.y - pred).squaredNorm();
  const double ss_tot = (t.y.array() - t.y.mean()).matrix().squaredNorm();
  CHECK(1.0 - ss_res / ss_tot == doctest::Approx(tr::model_ref("LinearRegression()")["test_r2"].num()).epsilon(1e-10));
}

TEST_CASE("linear_regression - weights, no intercept, rank deficiency vs sklearn") {
  const auto& d = tr::friedman_train();
  const Eigen::MatrixXd X = d.X.topRows(200);
  const Eigen::VectorXd y = d.y.head(200);
  rg::linear_regression m;
  CHECK(m.fit(X, y, tr::cyclic_weights(200, 7, 7.0)).ok());
  tr::check_coefs(m, tr::sklearn_extra()["ols_weighted"], 1e-8);
  rg::linear_regression m0({.fit_intercept = false});
  CHECK(m0.fit(X, y).ok());
  tr::check_coefs(m0, tr::sklearn_extra()["ols_no_intercept"], 1e-8);
  // columns x0, x1, 2 x0, x2: exactly rank 3; minimum-norm solution like numpy lstsq
  Eigen::MatrixXd Xr(50, 4);
  Xr.col(0) = X.col(0).head(50);
  Xr.col(1) = X.col(1).head(50);
  Xr.col(2) = 2.0 * X.col(0).head(50);
  Xr.col(3) = X.col(2).head(50);
  rg::linear_regression mr;
  const auto rep = mr.fit(Xr, y.head(50));
  CHECK(rep.status == rg::fit_status::rank_deficient);
  CHECK(rep.message == "rank 3 < 4 columns: minimum-norm solution");
  CHECK(mr.rank() == 3);
  tr::check_coefs(mr, tr::sklearn_extra()["ols_rank_deficient"], 1e-8);
}

TEST_CASE("ridge - sklearn Ridge alpha 0.1 and 10 on Friedman #1, 1e-8") {
  const auto& d = tr::friedman_train();
  rg::ridge a(0.1);
  CHECK(a.fit(d.X, d.y).ok());
  tr::check_coefs(a, tr::model_ref("Ridge(alpha=0.1)"), 1e-8);
  rg::ridge b({.alpha = 10.0});
  CHECK(b.fit(d.X, d.y).ok());
  tr::check_coefs(b, tr::model_ref("Ridge(alpha=10.0)"), 1e-8);
}

TEST_CASE("ridge - weights, no intercept, n below p vs sklearn") {
  const auto& d = tr::friedman_train();
  const Eigen::MatrixXd X = d.X.topRows(200);
  const Eigen::VectorXd y = d.y.head(200);
  rg::ridge m(2.0);
  CHECK(m.fit(X, y, tr::cyclic_weights(200, 7, 7.0)).ok());
  tr::check_coefs(m, tr::sklearn_extra()["ridge_weighted"], 1e-8);
  rg::ridge m0({.alpha = 0.5, .fit_intercept = false});
  CHECK(m0.fit(X, y).ok());
  tr::check_coefs(m0, tr::sklearn_extra()["ridge_no_intercept"], 1e-8);
  rg::ridge wide(0.3);
  CHECK(wide.fit(X.topRows(6), y.head(6)).ok());
  tr::check_coefs(wide, tr::sklearn_extra()["ridge_wide"], 1e-8);
  // alpha = 0 is OLS
  rg::ridge r0(0.0);
  rg::linear_regression ols;
  (void)r0.fit(X, y);
  (void)ols.fit(X, y);
  CHECK((r0.coef() - ols.coef()).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("linear models - bad parameters and bad input") {
  CHECK_THROWS_AS(rg::ridge(-1.0), quantkit::invalid_argument);
  CHECK(tr::error_message([] { rg::ridge r(-1.0); }) ==
        "quantkit::regression::ridge: alpha must be finite and >= 0 (got -1)");

  Eigen::MatrixXd X = Eigen::MatrixXd::Random(10, 3);
  Eigen::VectorXd y = Eigen::VectorXd::Random(10);
  Eigen::VectorXd y9 = Eigen::VectorXd::Random(9);
  rg::linear_regression ols;
  rg::ridge rid;
  CHECK_THROWS_AS((void)ols.predict(X), rg::not_fitted);
  CHECK_THROWS_AS((void)rid.predict(X), rg::not_fitted);
  CHECK_THROWS_AS((void)ols.fit(X, y9), quantkit::invalid_argument);
  CHECK_THROWS_AS((void)rid.fit(X, y9), quantkit::invalid_argument);
  CHECK_THROWS_AS((void)ols.fit(X.topRows(0), y.head(0)), quantkit::invalid_argument);
  X(4, 2) = std::numeric_limits<double>::quiet_NaN();
  CHECK(tr::error_message([&] { (void)rid.fit(X, y); }) ==
        "quantkit::regression::ridge::fit: X has a non-finite value at row 4, column 2 (got nan)");
  X(4, 2) = 0.0;
  Eigen::VectorXd w = Eigen::VectorXd::Ones(10);
  w[3] = -1.0;
  CHECK_THROWS_AS((void)ols.fit(X, y, w), quantkit::invalid_argument);
  CHECK(ols.fit(X, y).ok());
  CHECK(tr::error_message([&] { (void)ols.predict(Eigen::MatrixXd::Ones(2, 4)); }) ==
        "quantkit::regression::linear_regression::predict: X must have as many columns as the "
        "training data (3 features at fit, got 4)");
  // constant target: OLS gives zero slope and the constant as intercept
  CHECK(ols.fit(X, Eigen::VectorXd::Constant(10, -2.0)).ok());
  CHECK(ols.coef().cwiseAbs().maxCoeff() < 1e-14);
  CHECK(ols.intercept() == doctest::Approx(-2.0).epsilon(1e-14));
}

}  // namespace regression_test_linear
