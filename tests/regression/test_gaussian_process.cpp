// SPDX-License-Identifier: MIT
#include <quantkit/regression/gaussian_process.hpp>

#include "regression/gp_mlp_support.hpp"
#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

namespace regression_test_gaussian_process {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tq = quantkit::test;
using tq::gp_mlp::friedman;
using tq::gp_mlp::r2;
using tq::gp_mlp::to_eigen;

namespace {

const tq::json& sk() {
  static const tq::json j = tq::load_json("regression/gp_sklearn.json");
  return j;
}

rg::gp_kernel kernel_of(const std::string& name) {
  if (name == "rbf") return rg::gp_kernel::rbf;
  if (name == "matern32") return rg::gp_kernel::matern32;
  return rg::gp_kernel::matern52;
}

// |a - b| <= tol * (1 + |b|)
void check_close(double a, double b, double tol, const std::string& what) {
  CAPTURE(what);
  CAPTURE(a);
  CAPTURE(b);
  CHECK(std::fabs(a - b) <= tol * (1.0 + std::fabs(b)));
}

}  // namespace

TEST_SUITE("regression") {
  TEST_CASE("gaussian_process: log marginal likelihood and gradient equal sklearn at fixed theta") {
    // gp_sklearn.json "lml": GaussianProcessRegressor(optimizer=None).fit(X40, y40)
    // .log_marginal_likelihood(theta, eval_gradient=True) for five kernel/option combinations.
    const auto data = friedman("train", 40);
    for (const auto& c : sk()["lml"].items()) {
      rg::gaussian_process_params p;
      p.kernel = kernel_of(c["kernel"].str());
      p.ard = c["ard"].boolean();
      p.white_noise = c["white"].boolean();
      p.normalize_y = c["normalize_y"].boolean();
      p.alpha = c["alpha"].num();
      p.optimize = false;
      rg::gaussian_process gp(p);
      REQUIRE(gp.fit(data.x, data.y).ok());
      const Eigen::VectorXd theta = to_eigen(c["theta"].numbers());
      Eigen::VectorXd grad;
      const double lml = gp.log_marginal_likelihood(theta, &grad);
      const std::string what = c["kernel"].str() + (p.ard ? " ard" : " iso");
      check_close(lml, c["lml"].num(), 1e-10, what + " lml");
      const auto g_ref = c["gradient"].numbers();
      REQUIRE(static_cast<std::size_t>(grad.size()) == g_ref.size());
      for (std::size_t i = 0; i < g_ref.size(); ++i)
        check_close(grad(static_cast<Eigen::Index>(i)), g_ref[i], 1e-10,
                    what + " gradient " + std::to_string(i));
      // Without the gradient the value is the same.
      CHECK(gp.log_marginal_likelihood(theta) == lml);
    }
  }

  TEST_CASE("gaussian_process: gradient agrees with central finite differences") {
    const auto data = friedman("train", 25);
    for (const auto k : {rg::gp_kernel::rbf, rg::gp_kernel::matern32, rg::gp_kernel::matern52}) {
      rg::gaussian_process_params p;
      p.kernel = k;
      p.optimize = false;
      p.normalize_y = true;
      rg::gaussian_process gp(p);
      REQUIRE(gp.fit(data.x, data.y).ok());
      Eigen::VectorXd theta(10);
      theta << 0.3, -0.2, 0.1, 0.5, 0.0, 0.4, 1.0, 1.2, 0.8, -2.0;
      Eigen::VectorXd grad;
      (void)gp.log_marginal_likelihood(theta, &grad);
      const double h = 1e-5;
      for (Eigen::Index i = 0; i < theta.size(); ++i) {
        Eigen::VectorXd tp = theta;
        Eigen::VectorXd tm = theta;
        tp(i) += h;
        tm(i) -= h;
        const double fd =
            (gp.log_marginal_likelihood(tp) - gp.log_marginal_likelihood(tm)) / (2.0 * h);
        // Central differences: O(h^2) truncation plus ~1e-11 / h rounding.
        check_close(grad(i), fd, 1e-6, "d lml / d theta_" + std::to_string(i));
      }
    }
  }

  TEST_CASE("gaussian_process: fitted hyperparameters and predictions match sklearn") {
    // gp_sklearn.json "fit": ARD kernels + white noise, normalize_y, no restarts, 60 rows; mean
    // and std at the first 10 test rows. Both optimisers stop by ftol on a surface with flat
    // directions (irrelevant features' length scales), so theta is compared through the LML
    // (1e-6) and the predictions (1e-4 relative to the target's scale).
    const auto train = friedman("train", 60);
    const auto test = friedman("test", 10);
    for (const auto& c : sk()["fit"].items()) {
      rg::gaussian_process_params p;
      p.kernel = kernel_of(c["kernel"].str());
      p.normalize_y = true;
      rg::gaussian_process gp(p);
      const auto rep = gp.fit(train.x, train.y);
      CAPTURE(c["kernel"].str());
      CAPTURE(rep.message);
      REQUIRE(rep.ok());
      CHECK(gp.log_marginal_likelihood() >= c["lml"].num() - 1e-6);
      check_close(gp.log_marginal_likelihood(), c["lml"].num(), 1e-6, "lml");
      const auto pred = gp.predict_mean_std(test.x);
      const auto mean = c["mean"].numbers();
      const auto sd = c["std"].numbers();
      for (std::size_t i = 0; i < mean.size(); ++i) {
        const auto ii = static_cast<Eigen::Index>(i);
        check_close(pred.mean(ii), mean[i], 1e-4, "mean " + std::to_string(i));
        check_close(pred.std(ii), sd[i], 1e-4, "std " + std::to_string(i));
      }
      // The noise level (the last theta) is well determined: compare it directly.
      const auto th = c["theta"].numbers();
      check_close(gp.theta()(gp.theta().size() - 1), th.back(), 1e-3, "log noise");
    }
  }

  TEST_CASE("gaussian_process: Friedman 1 at sklearn's fitted theta gives sklearn's LML and R2") {
    // 500 training rows at the theta sklearn found (gp_sklearn.json friedman_500): LML to 1e-9
    // and test R^2 to 1e-6 (the optimum differs from sklearn's only in the last digits).
    const auto train = friedman("train", 500);
    const auto test = friedman("test");
    const auto& ref = sk()["friedman_500"];
    rg::gaussian_process_params p;
    p.normalize_y = true;
    p.optimize = false;
    rg::gaussian_process gp(p);
    gp.set_theta(to_eigen(ref["theta"].numbers()));
    REQUIRE(gp.refit(train.x, train.y).ok());
    check_close(gp.log_marginal_likelihood(), ref["lml"].num(), 1e-9, "lml");
    const double score = r2(test.y, gp.predict(test.x));
    check_close(score, ref["test_r2"].num(), 1e-6, "r2");
    CHECK(score >= 0.9527450008629805 - 0.005);  // issue #7's bar (sklearn_reference.json)
  }

  TEST_CASE("gaussian_process: Friedman 1 fit with restarts reaches sklearn's optimum on 150 rows") {
    // sklearn: ARD RBF + white noise, normalize_y, n_restarts_optimizer=2 on the first 150 rows.
    // Our restarts draw other points (quantkit::rng, not numpy), so the LML must be at least
    // sklearn's (within 1e-6) and the test R^2 within issue #7's 0.005.
    const auto train = friedman("train", 150);
    const auto test = friedman("test");
    const auto& ref = sk()["friedman_150"];
    rg::gaussian_process_params p;
    p.normalize_y = true;
    p.n_restarts = 2;
    rg::gaussian_process gp(p);
    const auto rep = gp.fit(train.x, train.y);
    CAPTURE(rep.message);
    REQUIRE(rep.ok());
    CHECK(rep.iterations > 0);
    CHECK(gp.log_marginal_likelihood() >= ref["lml"].num() - 1e-6);
    CHECK(r2(test.y, gp.predict(test.x)) >= ref["test_r2"].num() - 0.005);
  }

#ifdef NDEBUG
  // 54 s at -O0; runs in the release presets (bench/regression/bench_gp.cpp also reports it).
  TEST_CASE("gaussian_process: Friedman 1 full fit on 500 rows meets the issue 7 R2 bar") {
    const auto train = friedman("train", 500);
    const auto test = friedman("test");
    rg::gaussian_process_params p;
    p.normalize_y = true;
    p.n_restarts = 2;
    rg::gaussian_process gp(p);
    REQUIRE(gp.fit(train.x, train.y).ok());
    CHECK(gp.log_marginal_likelihood() >= sk()["friedman_500"]["lml"].num() - 1e-6);
    CHECK(r2(test.y, gp.predict(test.x)) >= 0.9527450008629805 - 0.005);
  }
#endif

  TEST_CASE("gaussian_process: restarts are bit-identical for 1, 2 and 4 threads") {
    const auto train = friedman("train", 50);
    const auto test = friedman("test", 20);
    std::vector<Eigen::VectorXd> means;
    std::vector<Eigen::VectorXd> thetas;
    for (const std::size_t threads : {1U, 2U, 4U}) {
      rg::gaussian_process_params p;
      p.kernel = rg::gp_kernel::matern52;
      p.normalize_y = true;
      p.n_restarts = 3;
      p.seed = 11;
      p.threads = threads;
      rg::gaussian_process gp(p);
      REQUIRE(gp.fit(train.x, train.y).ok());
      means.push_back(gp.predict(test.x));
      thetas.push_back(gp.theta());
    }
    for (std::size_t k = 1; k < means.size(); ++k) {
      for (Eigen::Index i = 0; i < means[0].size(); ++i)
        CHECK(tq::same_bits(means[k](i), means[0](i)));
      for (Eigen::Index i = 0; i < thetas[0].size(); ++i)
        CHECK(tq::same_bits(thetas[k](i), thetas[0](i)));
    }
  }

  TEST_CASE("gaussian_process: closed forms for the predictive distribution") {
    // Two training points, RBF, c = 2, l = 1, noise = 0.5, alpha = 0, no normalisation.
    // K = [[2.5, 2e^-1/2], [2e^-1/2, 2.5]] for x = 0 and 1.
    rg::gaussian_process_params p;
    p.constant_value = 2.0;
    p.noise_level = 0.5;
    p.alpha = 0.0;
    p.ard = false;
    p.optimize = false;
    rg::gaussian_process gp(p);
    Eigen::MatrixXd x(2, 1);
    x << 0.0, 1.0;
    Eigen::VectorXd y(2);
    y << 1.0, -1.0;
    REQUIRE(gp.fit(x, y).ok());
    const double k01 = 2.0 * std::exp(-0.5);
    // Symmetric antisymmetric y: K^-1 y = y / (2.5 - k01).
    const double w = 1.0 / (2.5 - k01);
    Eigen::MatrixXd q(2, 1);
    q << 0.5, 40.0;
    const auto pr = gp.predict_mean_std(q);
    // At x = 0.5 both kernels are equal, so the mean is k*(w - w) = 0.
    CHECK(std::fabs(pr.mean(0)) < 1e-15);
    // Far away: the prior, std = sqrt(c + noise).
    CHECK(pr.mean(1) == doctest::Approx(0.0).epsilon(1e-300));
    CHECK(pr.std(1) == tq::approx(std::sqrt(2.5)));
    // At x = 0.5: var = c + noise - k' K^-1 k, k = (2e^-1/8, 2e^-1/8); K^-1 (1,1)' = 1/(2.5+k01).
    const double ks = 2.0 * std::exp(-0.125);
    CHECK(pr.std(0) == tq::approx(std::sqrt(2.5 - 2.0 * ks * ks / (2.5 + k01))));
    // LML = -y'K^-1y/2 - log|K|/2 - log(2 pi); y'K^-1y = 2w, |K| = 2.5^2 - k01^2.
    const double lml = -w - 0.5 * std::log(2.5 * 2.5 - k01 * k01) - std::log(2.0 * std::numbers::pi);
    CHECK(gp.log_marginal_likelihood() == tq::approx(lml));
    const auto one = gp.predict_one(std::vector<double>{0.5});
    // Same arithmetic as the batch path except the triangular-solve kernel (vector vs matrix).
    CHECK(one.mean == pr.mean(0));
    CHECK(one.std == tq::approx(pr.std(0), 1e-14));
  }

  TEST_CASE("gaussian_process: refit keeps the hyperparameters and matches a fixed-theta fit") {
    const auto train = friedman("train", 80);
    const auto test = friedman("test", 15);
    rg::gaussian_process_params p;
    p.normalize_y = true;
    rg::gaussian_process gp(p);
    REQUIRE(gp.fit(train.x.topRows(60), train.y.head(60)).ok());
    const Eigen::VectorXd theta = gp.theta();
    REQUIRE(gp.refit(train.x, train.y).ok());
    CHECK(gp.theta() == theta);
    CHECK(gp.n_train() == 80);
    rg::gaussian_process_params q = p;
    q.optimize = false;
    rg::gaussian_process fixed(q);
    fixed.set_theta(theta);
    REQUIRE(fixed.refit(train.x, train.y).ok());
    const auto a = gp.predict_mean_std(test.x);
    const auto b = fixed.predict_mean_std(test.x);
    for (Eigen::Index i = 0; i < test.x.rows(); ++i) {
      CHECK(a.mean(i) == b.mean(i));
      CHECK(a.std(i) == b.std(i));
    }
    // predict_one agrees with the batch (same arithmetic up to summation order).
    for (Eigen::Index i = 0; i < test.x.rows(); ++i) {
      std::vector<double> row(8);
      for (Eigen::Index j = 0; j < 8; ++j) row[static_cast<std::size_t>(j)] = test.x(i, j);
      const auto one = gp.predict_one(row);
      CHECK(one.mean == tq::approx(a.mean(i), 1e-12));
      CHECK(one.std == tq::approx(a.std(i), 1e-12));
    }
    // warm_start: fit from the previous theta converges at once to the same optimum.
    rg::gaussian_process_params wp = p;
    wp.warm_start = true;
    rg::gaussian_process warm(wp);
    REQUIRE(warm.fit(train.x.topRows(60), train.y.head(60)).ok());
    const auto rep = warm.fit(train.x.topRows(60), train.y.head(60));
    CHECK(rep.iterations <= 2);
  }

  TEST_CASE("gaussian_process: refine re-optimises from the current theta with one start") {
    // sklearn's optimum on the first 150 Friedman rows (ARD RBF + white noise, normalize_y) is
    // gp_sklearn.json's friedman_150. Start from our optimum on 140 rows: refine on all 150 must
    // reach sklearn's LML (one L-BFGS start, the restarts of params() ignored) in fewer
    // iterations than a fit from the initial values, and never end below the refit at the
    // starting theta (the optimiser only accepts improving steps).
    const auto train = friedman("train", 150);
    const auto& ref = sk()["friedman_150"];
    rg::gaussian_process_params p;
    p.normalize_y = true;
    p.n_restarts = 2;
    rg::gaussian_process gp(p);
    REQUIRE(gp.fit(train.x.topRows(140), train.y.head(140)).ok());
    const Eigen::VectorXd theta140 = gp.theta();
    rg::gaussian_process held = gp;
    REQUIRE(held.refit(train.x, train.y).ok());
    const auto rep = gp.refine(train.x, train.y);
    CAPTURE(rep.message);
    REQUIRE(rep.ok());
    CHECK(gp.theta() != theta140);
    CHECK(gp.log_marginal_likelihood() >= held.log_marginal_likelihood());
    CHECK(gp.log_marginal_likelihood() >= ref["lml"].num() - 1e-6);
    rg::gaussian_process_params one = p;
    one.n_restarts = 0;
    rg::gaussian_process cold(one);
    const auto cold_rep = cold.fit(train.x, train.y);
    REQUIRE(cold_rep.ok());
    CAPTURE(cold_rep.iterations);
    CHECK(rep.iterations < cold_rep.iterations);

    // Without fitted hyperparameters refine starts at the initial values: fit() without restarts.
    rg::gaussian_process fresh(p);
    REQUIRE(fresh.refine(train.x, train.y).ok());
    CHECK(fresh.theta() == cold.theta());

    // With optimize = false, refine is refit.
    rg::gaussian_process_params fixed_p = p;
    fixed_p.optimize = false;
    rg::gaussian_process a(fixed_p);
    rg::gaussian_process b(fixed_p);
    a.set_theta(theta140);
    b.set_theta(theta140);
    REQUIRE(a.refine(train.x, train.y).ok());
    REQUIRE(b.refit(train.x, train.y).ok());
    CHECK(a.theta() == theta140);
    CHECK(a.log_marginal_likelihood() == b.log_marginal_likelihood());
  }
}

}  // namespace regression_test_gaussian_process
