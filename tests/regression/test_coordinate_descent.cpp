// SPDX-License-Identifier: MIT
// Parity of lasso and elastic_net (coordinate descent) with scikit-learn 1.2.1 (sklearn_reference.json
// and sklearn_extra.json, see tests/data/PROVENANCE.md).
#include <quantkit/regression/coordinate_descent.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace regression_test_coordinate_descent {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;
using quantkit::test::json;

TEST_CASE("lasso and elastic_net - sklearn on Friedman #1, 1e-6") {
  const auto& d = tr::friedman_train();
  rg::lasso l({.alpha = 0.05, .max_iter = 100000, .tol = 1e-12});
  const auto rl = l.fit(d.X, d.y);
  CHECK(rl.ok());
  CHECK(rl.iterations > 1);
  tr::check_coefs(l, tr::model_ref("Lasso(alpha=0.05, max_iter=100000, tol=1e-12)"), 1e-6);
  rg::elastic_net e({.alpha = 0.05, .l1_ratio = 0.5, .max_iter = 100000, .tol = 1e-12});
  CHECK(e.fit(d.X, d.y).ok());
  tr::check_coefs(e, tr::model_ref("ElasticNet(alpha=0.05, l1_ratio=0.5, max_iter=100000, tol=1e-12)"), 1e-6);
}

TEST_CASE("lasso and elastic_net - weights and no intercept vs sklearn") {
  const auto& d = tr::friedman_train();
  const Eigen::MatrixXd X = d.X.topRows(200);
  const Eigen::VectorXd y = d.y.head(200);
  rg::lasso l({.alpha = 0.02, .max_iter = 100000, .tol = 1e-12});
  CHECK(l.fit(X, y, tr::cyclic_weights(200, 7, 7.0)).ok());
  tr::check_coefs(l, tr::sklearn_extra()["lasso_weighted"], 1e-6);
  rg::lasso l0({.alpha = 0.1, .fit_intercept = false, .max_iter = 100000, .tol = 1e-12});
  CHECK(l0.fit(X, y).ok());
  tr::check_coefs(l0, tr::sklearn_extra()["lasso_no_intercept"], 1e-6);
  rg::elastic_net e({.alpha = 0.03, .l1_ratio = 0.3, .max_iter = 100000, .tol = 1e-12});
  CHECK(e.fit(X, y, tr::cyclic_weights(200, 7, 7.0)).ok());
  tr::check_coefs(e, tr::sklearn_extra()["enet_weighted"], 1e-6);
}

TEST_CASE("lasso - non-convergence is a status, a huge alpha gives all zeros, constant y") {
  const auto& d = tr::friedman_train();
  rg::lasso l({.alpha = 0.001, .max_iter = 2, .tol = 1e-12});
  const auto rep = l.fit(d.X, d.y);
  CHECK(rep.status == rg::fit_status::not_converged);
  CHECK(rep.iterations == 2);
  CHECK(rep.message.find("duality gap") != std::string::npos);
  CHECK(l.fitted());
  // alpha >= max |X'(y - mean y)| / n zeroes every coefficient (the lasso's alpha_max)
  const Eigen::MatrixXd Xc = d.X.rowwise() - d.X.colwise().mean();
  const double alpha_max =
      (Xc.transpose() * (d.y.array() - d.y.mean()).matrix()).cwiseAbs().maxCoeff() /
      static_cast<double>(d.X.rows());
  rg::lasso big({.alpha = alpha_max * 1.0001});
  CHECK(big.fit(d.X, d.y).ok());
  CHECK(big.coef().cwiseAbs().maxCoeff() == 0.0);
  CHECK(big.intercept() == doctest::Approx(d.y.mean()).epsilon(1e-12));
  rg::lasso small({.alpha = alpha_max * 0.99});
  (void)small.fit(d.X, d.y);
  CHECK(small.coef().cwiseAbs().maxCoeff() > 0.0);
  // constant target: zero coefficients, intercept = the constant
  rg::elastic_net e;
  CHECK(e.fit(d.X, Eigen::VectorXd::Constant(d.X.rows(), 3.5)).ok());
  CHECK(e.coef().cwiseAbs().maxCoeff() == 0.0);
  CHECK(e.intercept() == doctest::Approx(3.5).epsilon(1e-14));
}

TEST_CASE("lasso and elastic_net - bad parameters and bad input") {
  CHECK(tr::error_message([] { rg::lasso l({.alpha = 0.0}); }) ==
        "quantkit::regression::lasso: alpha must be finite and > 0 (use linear_regression for "
        "alpha = 0) (got 0)");
  CHECK_THROWS_AS(rg::elastic_net({.l1_ratio = 1.5}), quantkit::invalid_argument);
  CHECK_THROWS_AS(rg::elastic_net({.tol = 0.0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(rg::elastic_net({.max_iter = 0}), quantkit::invalid_argument);

  const Eigen::MatrixXd X = Eigen::MatrixXd::Random(10, 3);
  const Eigen::VectorXd y = Eigen::VectorXd::Random(10);
  const Eigen::VectorXd y9 = Eigen::VectorXd::Random(9);
  rg::lasso las;
  CHECK_THROWS_AS((void)las.predict(X), rg::not_fitted);
  CHECK(tr::error_message([&] { (void)las.predict(X); }) ==
        "quantkit::regression::lasso::predict: the model is not fitted; call fit() first (or its "
        "fit failed)");
  CHECK_THROWS_AS((void)las.fit(X, y9), quantkit::invalid_argument);
  Eigen::VectorXd w = Eigen::VectorXd::Ones(10);
  w[3] = -1.0;
  CHECK_THROWS_AS((void)las.fit(X, y, w), quantkit::invalid_argument);
}

}  // namespace regression_test_coordinate_descent
