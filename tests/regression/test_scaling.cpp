// SPDX-License-Identifier: MIT
// Scalers vs scikit-learn 1.2.1 (sklearn_extra.json); the scaled pipeline fits its scaler on the
// training rows only.
#include <quantkit/regression/coordinate_descent.hpp>
#include <quantkit/regression/kernel_ridge.hpp>
#include <quantkit/regression/knn.hpp>
#include <quantkit/regression/linear.hpp>
#include <quantkit/regression/scaling.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace regression_test_scaling {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;
using quantkit::test::json;

namespace {
void check_vec(const Eigen::RowVectorXd& got, const json& ref, double rel) {
  const std::vector<double> want = ref.numbers();
  REQUIRE(static_cast<std::size_t>(got.size()) == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (rel == 0.0) {
      CHECK(got[static_cast<Eigen::Index>(i)] == want[i]);
    } else {
      CHECK(got[static_cast<Eigen::Index>(i)] == doctest::Approx(want[i]).epsilon(rel));
    }
  }
}
}  // namespace

TEST_CASE("scaling - standard and min-max scalers equal sklearn") {
  const Eigen::MatrixXd X = tr::friedman_train().X.topRows(200);
  const Eigen::MatrixXd Xt = tr::friedman_test().X.topRows(50);
  rg::standard_scaler s;
  s.fit(X);
  check_vec(s.mean(), tr::sklearn_extra()["standard_scaler"]["mean"], 1e-14);
  check_vec(s.scale(), tr::sklearn_extra()["standard_scaler"]["scale"], 1e-14);
  check_vec(s.transform(Xt).row(0), tr::sklearn_extra()["standard_scaler"]["test_row0"], 1e-13);
  CHECK(s.inverse_transform(s.transform(Xt)).isApprox(Xt, 1e-14));
  rg::minmax_scaler m;
  m.fit(X);
  check_vec(m.data_min(), tr::sklearn_extra()["minmax_scaler"]["min"], 0.0);
  check_vec(m.data_max(), tr::sklearn_extra()["minmax_scaler"]["max"], 0.0);
  check_vec(m.transform(Xt).row(0), tr::sklearn_extra()["minmax_scaler"]["test_row0"], 1e-14);
  CHECK(m.inverse_transform(m.transform(Xt)).isApprox(Xt, 1e-14));
}

TEST_CASE("scaling - constant columns, custom range, errors") {
  Eigen::MatrixXd X(3, 2);
  X << 1, 5, 2, 5, 3, 5;
  rg::standard_scaler s;
  const Eigen::MatrixXd Z = s.fit_transform(X);
  CHECK(s.scale()[1] == 1.0);  // sklearn: zero variance -> scale 1
  CHECK(Z.col(1).cwiseAbs().maxCoeff() == 0.0);
  CHECK(Z(0, 0) == doctest::Approx(-std::sqrt(1.5)).epsilon(1e-15));  // (1 - 2) / sqrt(2/3)
  rg::minmax_scaler m({.lo = -1.0, .hi = 1.0});
  const Eigen::MatrixXd M = m.fit_transform(X);
  CHECK(M(0, 0) == -1.0);
  CHECK(M(2, 0) == 1.0);
  CHECK(M(1, 1) == -1.0);  // constant column -> lo (sklearn: range treated as 1)
  CHECK_THROWS_AS(rg::minmax_scaler({.lo = 1.0, .hi = 1.0}), quantkit::invalid_argument);
  rg::standard_scaler u;
  CHECK_THROWS_AS((void)u.transform(X), rg::not_fitted);
  CHECK_THROWS_AS((void)s.transform(Eigen::MatrixXd::Ones(2, 3)), quantkit::invalid_argument);
  X(1, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(s.fit(X), quantkit::data_error);
}

TEST_CASE("scaling - scaled pipeline fits the scaler on training rows only") {
  const Eigen::MatrixXd X = tr::friedman_train().X.topRows(200);
  const Eigen::VectorXd y = tr::friedman_train().y.head(200);
  const Eigen::MatrixXd Xt = tr::friedman_test().X.topRows(50);
  rg::scaled<rg::standard_scaler, rg::kernel_ridge> p({}, rg::kernel_ridge({.alpha = 0.1, .kernel = rg::kernel_type::rbf}));
  CHECK(p.fit(X, y).ok());
  CHECK(p.get_scaler().mean().isApprox(X.colwise().mean(), 1e-15));
  rg::standard_scaler s;
  rg::kernel_ridge k({.alpha = 0.1, .kernel = rg::kernel_type::rbf});
  (void)k.fit(s.fit_transform(X), y);
  CHECK(p.predict(Xt) == k.predict(s.transform(Xt)));
  static_assert(rg::weighted_regressor<rg::scaled<rg::standard_scaler, rg::ridge>>);
  static_assert(!rg::weighted_regressor<rg::scaled<rg::standard_scaler, rg::knn_regressor>>);
  rg::scaled<rg::minmax_scaler, rg::knn_regressor> u;
  CHECK_THROWS_AS((void)u.predict(Xt), rg::not_fitted);
}

}  // namespace regression_test_scaling
