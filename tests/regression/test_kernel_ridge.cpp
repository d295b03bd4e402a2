// SPDX-License-Identifier: MIT
// Kernel ridge against scikit-learn 1.2.1 KernelRidge (sklearn_extra.json,
// generate_sklearn_extra.py); singular systems and bad parameters.
#include <quantkit/regression/kernel_ridge.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace regression_test_kernel_ridge {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;

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
    CHECK(m.fit(tr::small_friedman().X, tr::small_friedman().y).ok());
    // Cholesky of a 200 x 200 system: agreement limited by its conditioning (alpha 0.1 rbf)
    tr::check_predictions(m.predict(tr::small_friedman().Xt), tr::sklearn_extra()[cs.key], 1e-8);
  }
  rg::kernel_ridge w({.alpha = 0.1, .kernel = rg::kernel_type::rbf});
  CHECK(w.fit(tr::small_friedman().X, tr::small_friedman().y, tr::small_friedman().w).ok());
  tr::check_predictions(w.predict(tr::small_friedman().Xt), tr::sklearn_extra()["kernel_ridge_rbf_weighted"], 1e-8);
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

}  // namespace regression_test_kernel_ridge
