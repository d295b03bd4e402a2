// SPDX-License-Identifier: MIT
// Averaging and stacking ensembles, each checked against the same computation done by hand from
// the members.
#include <quantkit/regression/coordinate_descent.hpp>
#include <quantkit/regression/ensemble.hpp>
#include <quantkit/regression/kernel_ridge.hpp>
#include <quantkit/regression/knn.hpp>
#include <quantkit/regression/linear.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace regression_test_ensemble {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;
using quantkit::test::json;

TEST_CASE("ensemble - averaging mean, weights and spread") {
  const Eigen::MatrixXd X = tr::friedman_train().X.topRows(300);
  const Eigen::VectorXd y = tr::friedman_train().y.head(300);
  const Eigen::MatrixXd Xt = tr::friedman_test().X.topRows(40);
  rg::averaging<rg::ridge, rg::knn_regressor, rg::lasso> avg(rg::ridge(1.0), rg::knn_regressor({.k = 7}),
                                                            rg::lasso({.alpha = 0.01}));
  static_assert(rg::probabilistic_regressor<decltype(avg)>);
  CHECK(avg.fit(X, y).ok());
  rg::ridge a(1.0);
  rg::knn_regressor b({.k = 7});
  rg::lasso c({.alpha = 0.01});
  (void)a.fit(X, y);
  (void)b.fit(X, y);
  (void)c.fit(X, y);
  const Eigen::VectorXd pa = a.predict(Xt), pb = b.predict(Xt), pc = c.predict(Xt);
  const Eigen::VectorXd mean = avg.predict(Xt);
  const Eigen::VectorXd sd = avg.predict_std(Xt);
  for (Eigen::Index i = 0; i < Xt.rows(); ++i) {
    const double m = (pa[i] + pb[i] + pc[i]) / 3.0;
    CHECK(mean[i] == doctest::Approx(m).epsilon(1e-14));
    const double v = ((pa[i] - m) * (pa[i] - m) + (pb[i] - m) * (pb[i] - m) + (pc[i] - m) * (pc[i] - m)) / 3.0;
    CHECK(sd[i] == doctest::Approx(std::sqrt(v)).epsilon(1e-12));
  }
  rg::averaging<rg::ridge, rg::knn_regressor> w({3.0, 1.0}, rg::ridge(1.0), rg::knn_regressor({.k = 7}));
  (void)w.fit(X, y);
  CHECK(w.predict(Xt).isApprox((3.0 * pa + pb) / 4.0, 1e-14));
  CHECK_THROWS_AS((rg::averaging<rg::ridge, rg::ridge>({1.0}, rg::ridge(), rg::ridge())), quantkit::invalid_argument);
  CHECK_THROWS_AS((rg::averaging<rg::ridge, rg::ridge>({1.0, -1.0}, rg::ridge(), rg::ridge())), quantkit::invalid_argument);
  // a member that does not converge makes the ensemble's status not_converged, naming it
  rg::averaging<rg::ridge, rg::lasso> nc(rg::ridge(), rg::lasso({.alpha = 1e-4, .max_iter = 1, .tol = 1e-12}));
  const auto rep = nc.fit(X, y);
  CHECK(rep.status == rg::fit_status::not_converged);
  CHECK(rep.message.rfind("member 1: not_converged (duality gap", 0) == 0);
  rg::averaging<rg::ridge, rg::knn_regressor> unf;
  CHECK_THROWS_AS((void)unf.predict(Xt), rg::not_fitted);
}

TEST_CASE("ensemble - stacking fits the meta-model on out-of-fold predictions") {
  const Eigen::MatrixXd X = tr::friedman_train().X.topRows(300);
  const Eigen::VectorXd y = tr::friedman_train().y.head(300);
  const Eigen::MatrixXd Xt = tr::friedman_test().X.topRows(40);
  using stack_t = rg::stacking<rg::linear_regression, rg::ridge, rg::knn_regressor>;
  stack_t st({.folds = 4}, rg::linear_regression(), rg::ridge(1.0), rg::knn_regressor({.k = 5}));
  CHECK(st.fit(X, y).ok());
  // by hand: out-of-fold predictions over kfold(300, 4), meta OLS on them, members on all rows
  Eigen::MatrixXd Z(300, 2);
  for (const auto& sp : rg::kfold(300, 4)) {
    rg::ridge a(1.0);
    rg::knn_regressor b({.k = 5});
    const Eigen::MatrixXd Xtr = rg::detail::take_rows(X, sp.train);
    const Eigen::VectorXd ytr = rg::detail::take(y, sp.train);
    (void)a.fit(Xtr, ytr);
    (void)b.fit(Xtr, ytr);
    const Eigen::MatrixXd Xte = rg::detail::take_rows(X, sp.test);
    const Eigen::VectorXd za = a.predict(Xte), zb = b.predict(Xte);
    for (std::size_t i = 0; i < sp.test.size(); ++i) {
      Z(static_cast<Eigen::Index>(sp.test[i]), 0) = za[static_cast<Eigen::Index>(i)];
      Z(static_cast<Eigen::Index>(sp.test[i]), 1) = zb[static_cast<Eigen::Index>(i)];
    }
  }
  rg::linear_regression meta;
  (void)meta.fit(Z, y);
  CHECK(st.meta().coef() == meta.coef());
  CHECK(st.meta().intercept() == meta.intercept());
  rg::ridge a(1.0);
  rg::knn_regressor b({.k = 5});
  (void)a.fit(X, y);
  (void)b.fit(X, y);
  Eigen::MatrixXd P(Xt.rows(), 2);
  P.col(0) = a.predict(Xt);
  P.col(1) = b.predict(Xt);
  CHECK(st.predict(Xt) == meta.predict(P));
  CHECK(st.predict_std(Xt).isApprox(((P.col(0) - P.col(1)).cwiseAbs() / 2.0), 1e-14));
  // both members get positive weight in this mix of a linear and a local model
  CHECK(meta.coef().minCoeff() > 0.0);
  stack_t shuffled({.folds = 4, .shuffle = true, .seed = 3}, rg::linear_regression(), rg::ridge(1.0),
                   rg::knn_regressor({.k = 5}));
  (void)shuffled.fit(X, y);
  CHECK(shuffled.meta().coef() != meta.coef());
  CHECK_THROWS_AS(stack_t({.folds = 1}, rg::linear_regression(), rg::ridge(), rg::knn_regressor()),
                  quantkit::invalid_argument);
  CHECK_THROWS_AS((void)st.fit(X.topRows(3), y.head(3)), quantkit::invalid_argument);
}

}  // namespace regression_test_ensemble
