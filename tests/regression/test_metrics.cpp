// SPDX-License-Identifier: MIT
// Metrics against scikit-learn 1.2.1 (sklearn_extra.json) and hand calculations.
#include <quantkit/regression/logistic.hpp>
#include <quantkit/regression/metrics.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace regression_test_metrics {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;
using quantkit::test::json;

namespace {
Eigen::VectorXd vec(std::initializer_list<double> v) {
  return tr::to_eigen(std::vector<double>(v));
}
}  // namespace

TEST_CASE("metrics - regression metrics equal sklearn on the Friedman OLS predictions") {
  const json& ref = tr::sklearn_extra()["regression_metrics"];
  const Eigen::VectorXd pred = tr::to_eigen(ref["y_pred"].numbers());
  const Eigen::VectorXd y = tr::friedman_test().y.head(50);
  CHECK(rg::r2(y, pred) == doctest::Approx(ref["r2"].num()).epsilon(1e-13));
  CHECK(rg::mae(y, pred) == doctest::Approx(ref["mae"].num()).epsilon(1e-13));
  CHECK(rg::rmse(y, pred) == doctest::Approx(ref["rmse"].num()).epsilon(1e-13));
  CHECK(rg::mse(y, pred) == doctest::Approx(ref["mse"].num()).epsilon(1e-13));
  CHECK(rg::mape(y, pred) == doctest::Approx(ref["mape"].num()).epsilon(1e-13));
  CHECK(rg::explained_variance(y, pred) == doctest::Approx(ref["explained_variance"].num()).epsilon(1e-13));
  CHECK(rg::score(rg::score_kind::neg_rmse, y, pred) == doctest::Approx(-ref["rmse"].num()).epsilon(1e-13));
}

TEST_CASE("metrics - hand calculations and sklearn's force_finite edge cases") {
  // y = (1, 2, 3), yhat = (1, 2, 5): SS_res = 4, SS_tot = 2 -> r2 = -1; mae = 2/3; mse = 4/3
  const Eigen::VectorXd y = vec({1, 2, 3});
  const Eigen::VectorXd p = vec({1, 2, 5});
  CHECK(rg::r2(y, p) == -1.0);
  CHECK(rg::mae(y, p) == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
  CHECK(rg::mse(y, p) == doctest::Approx(4.0 / 3.0).epsilon(1e-15));
  // mape = (0 + 0 + 2/3)/3
  CHECK(rg::mape(y, p) == doctest::Approx(2.0 / 9.0).epsilon(1e-15));
  // residuals (0, 0, -2): var = 8/9; var(y) = 2/3 -> 1 - 4/3
  CHECK(rg::explained_variance(y, p) == doctest::Approx(-1.0 / 3.0).epsilon(1e-14));
  const Eigen::VectorXd c = vec({2, 2, 2});
  CHECK(rg::r2(c, c) == 1.0);
  CHECK(rg::r2(c, p) == 0.0);
  CHECK(rg::explained_variance(c, vec({3, 3, 3})) == 1.0);  // constant error: zero variance
  CHECK(rg::explained_variance(c, p) == 0.0);
  // mape with y = 0 uses eps: |0 - 1| / 2.22e-16 / 1
  CHECK(rg::mape(vec({0.0}), vec({1.0})) == 1.0 / std::numeric_limits<double>::epsilon());
}

TEST_CASE("metrics - classification metrics equal sklearn") {
  const json& ref = tr::sklearn_extra()["logistic_metrics"];
  rg::logistic_regression lg;
  const auto& d = tr::classification();
  REQUIRE(lg.fit(d.X, d.y).ok());
  const Eigen::VectorXd proba = lg.predict_proba(d.X);
  CHECK(rg::accuracy(d.y, lg.predict(d.X)) == ref["accuracy"].num());
  // our probabilities equal sklearn's newton-cholesky fit to ~1e-12, so the metrics agree closely
  CHECK(rg::log_loss(d.y, proba) == doctest::Approx(ref["log_loss"].num()).epsilon(1e-10));
  CHECK(rg::roc_auc(d.y, proba) == doctest::Approx(ref["roc_auc"].num()).epsilon(1e-14));
  // roc_auc: hand example with a tie. scores (0.1, 0.4, 0.35, 0.8), y (0, 0, 1, 1): pairs
  // (pos, neg): (0.35 > 0.1) (0.35 < 0.4) (0.8 > 0.1) (0.8 > 0.4) -> 3/4 (sklearn doc example)
  CHECK(rg::roc_auc(vec({0, 0, 1, 1}), vec({0.1, 0.4, 0.35, 0.8})) == 0.75);
  // a tie between a positive and a negative counts 1/2: (0.5 vs 0.5) and (0.9 > 0.5) -> 0.75
  CHECK(rg::roc_auc(vec({0, 1, 1}), vec({0.5, 0.5, 0.9})) == 0.75);
  // log loss of p = (0.9, 0.2) for y = (1, 0): -(ln 0.9 + ln 0.8) / 2
  CHECK(rg::log_loss(vec({1, 0}), vec({0.9, 0.2})) ==
        doctest::Approx(-(std::log(0.9) + std::log(0.8)) / 2.0).epsilon(1e-15));
  // clipping: p = 1 for y = 0 gives -ln(eps) = 36.04...
  CHECK(rg::log_loss(vec({0}), vec({1.0})) ==
        doctest::Approx(-std::log1p(-(1.0 - std::numeric_limits<double>::epsilon()))).epsilon(1e-12));
  CHECK(rg::accuracy(vec({0, 1, 1, 0}), vec({0, 1, 0, 0})) == 0.75);
}

TEST_CASE("metrics - bad input") {
  CHECK(tr::error_message([] { (void)rg::r2(vec({1, 2}), vec({1})); }) ==
        "quantkit::regression::r2: y_true and y_pred must have the same length (got 2 and 1)");
  CHECK_THROWS_AS((void)rg::mae(Eigen::VectorXd(), Eigen::VectorXd()), quantkit::invalid_argument);
  CHECK_THROWS_AS((void)rg::rmse(vec({1, std::numeric_limits<double>::quiet_NaN()}), vec({1, 2})),
                  quantkit::data_error);
  CHECK_THROWS_AS((void)rg::log_loss(vec({0, 2}), vec({0.5, 0.5})), quantkit::data_error);
  CHECK_THROWS_AS((void)rg::log_loss(vec({0, 1}), vec({0.5, 1.5})), quantkit::invalid_argument);
  CHECK_THROWS_AS((void)rg::roc_auc(vec({1, 1}), vec({0.5, 0.6})), quantkit::invalid_argument);
}

}  // namespace regression_test_metrics
