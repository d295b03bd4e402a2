// SPDX-License-Identifier: MIT
// Scalers vs scikit-learn 1.2.1 (sklearn_extra.json); pipeline, ensembles and importance by
// construction (each checked against the same computation done by hand from the members).
#include <quantkit/regression/coordinate_descent.hpp>
#include <quantkit/regression/ensemble.hpp>
#include <quantkit/regression/importance.hpp>
#include <quantkit/regression/kernel_ridge.hpp>
#include <quantkit/regression/knn.hpp>
#include <quantkit/regression/linear.hpp>
#include <quantkit/regression/scaling.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace regression_test_ensemble_scaling {  // own scope for unity builds

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

}  // namespace regression_test_ensemble_scaling
