// SPDX-License-Identifier: MIT
#include <quantkit/regression/gaussian_process.hpp>
#include <quantkit/regression/mlp.hpp>
#include <quantkit/regression/serialize.hpp>

#include "regression/gp_mlp_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace regression_test_gaussian_process_errors {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace qk = quantkit;
using quantkit::test::gp_mlp::friedman;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const qk::error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_SUITE("regression") {
  TEST_CASE("gaussian_process: invalid parameters throw invalid_argument naming them") {
    auto make = [](auto edit) {
      rg::gaussian_process_params p;
      edit(p);
      return rg::gaussian_process(p);
    };
    CHECK_THROWS_AS(make([](auto& p) { p.length_scale_lower = 0.0; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.length_scale = 1e6; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.constant_upper = 1e-6; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.noise_level = qnan; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.alpha = -1.0; }), qk::invalid_argument);
    CHECK_THROWS_AS(make([](auto& p) { p.max_iterations = 0; }), qk::invalid_argument);
    const std::string msg = message_of([&] { make([](auto& p) { p.alpha = -1.0; }); });
    CHECK(msg.find("quantkit::regression::gaussian_process") != std::string::npos);
    CHECK(msg.find("alpha") != std::string::npos);
    CHECK(msg.find("-1") != std::string::npos);
    // Without white noise its bounds are not used, so they are not checked.
    CHECK_NOTHROW(make([](auto& p) {
      p.white_noise = false;
      p.noise_lower = -1.0;
    }));
  }

  TEST_CASE("gaussian_process: bad training data throws") {
    rg::gaussian_process gp;
    Eigen::MatrixXd x = Eigen::MatrixXd::Random(10, 2);
    Eigen::VectorXd y = Eigen::VectorXd::Random(10);
    CHECK_THROWS_AS(gp.fit(x, Eigen::VectorXd::Random(9)), qk::error);
    CHECK_THROWS_AS(gp.fit(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0)), qk::error);
    Eigen::MatrixXd xn = x;
    xn(3, 1) = qnan;
    CHECK_THROWS_AS(gp.fit(xn, y), qk::error);
    Eigen::VectorXd yi = y;
    yi(4) = inf;
    CHECK_THROWS_AS(gp.fit(x, yi), qk::error);
    CHECK_THROWS_AS(gp.refit(xn, y), qk::error);
    CHECK_THROWS_WITH_AS(gp.refine(xn, y), doctest::Contains("gaussian_process::refine"), qk::error);
    CHECK_THROWS_AS(gp.refine(x, Eigen::VectorXd::Random(9)), qk::error);
    CHECK_FALSE(gp.fitted());
  }

  TEST_CASE("gaussian_process: unfitted model and feature-count mismatch throw") {
    rg::gaussian_process gp;
    const Eigen::MatrixXd q = Eigen::MatrixXd::Zero(3, 2);
    CHECK_THROWS_AS((void)gp.predict(q), qk::error);
    CHECK_THROWS_AS((void)gp.predict_std(q), qk::error);
    CHECK_THROWS_AS((void)gp.predict_mean_std(q), qk::error);
    CHECK_THROWS_AS((void)gp.predict_one(std::vector<double>{0.0, 0.0}), qk::error);
    CHECK_THROWS_AS((void)gp.log_marginal_likelihood(), qk::error);
    CHECK_THROWS_AS((void)gp.length_scales(), qk::error);
    CHECK_THROWS_AS((void)rg::to_bytes(gp), qk::error);
    CHECK(gp.n_features() == 0);

    const auto data = friedman("train", 30);
    REQUIRE(gp.fit(data.x.leftCols(2), data.y).ok());
    CHECK(gp.n_features() == 2);
    CHECK_THROWS_AS((void)gp.predict(Eigen::MatrixXd::Zero(3, 3)), qk::error);
    CHECK_THROWS_AS((void)gp.predict_std(Eigen::MatrixXd::Zero(3, 1)), qk::error);
    CHECK_THROWS_AS((void)gp.predict_one(std::vector<double>{0.0}), qk::invalid_argument);
    CHECK_THROWS_AS((void)gp.predict_one(std::vector<double>{0.0, qnan}), qk::data_error);
    Eigen::MatrixXd qn = q;
    qn(1, 0) = qnan;
    CHECK_THROWS_AS((void)gp.predict(qn), qk::error);
    // theta of the wrong size or with NaN
    CHECK_THROWS_AS((void)gp.log_marginal_likelihood(Eigen::VectorXd::Zero(3)), qk::invalid_argument);
    CHECK_THROWS_AS(gp.set_theta(Eigen::VectorXd::Zero(7)), qk::invalid_argument);
    Eigen::VectorXd t = gp.theta();
    t(1) = qnan;
    CHECK_THROWS_AS(gp.set_theta(t), qk::invalid_argument);
  }

  TEST_CASE("gaussian_process: duplicate rows are fine with white noise") {
    auto data = friedman("train", 30);
    Eigen::MatrixXd x(40, 8);
    Eigen::VectorXd y(40);
    x << data.x, data.x.topRows(10);
    y << data.y, data.y.head(10);
    rg::gaussian_process_params p;
    p.normalize_y = true;
    rg::gaussian_process gp(p);
    const auto rep = gp.fit(x, y);
    CHECK(rep.ok());
    CHECK(gp.jitter() == 0.0);
    CHECK(std::isfinite(gp.predict(x)(0)));
  }

  TEST_CASE("gaussian_process: duplicate rows without noise get jitter or a failed status") {
    auto data = friedman("train", 20);
    Eigen::MatrixXd x(25, 8);
    Eigen::VectorXd y(25);
    x << data.x, data.x.topRows(5);
    y << data.y, data.y.head(5);
    rg::gaussian_process_params p;
    p.white_noise = false;
    p.alpha = 0.0;  // exactly singular covariance: rows 20..24 repeat rows 0..4
    p.optimize = false;
    p.length_scale = 0.5;
    {
      rg::gaussian_process gp(p);
      const auto rep = gp.fit(x, y);
      CAPTURE(rep.message);
      CHECK(rep.ok());
      CHECK(gp.jitter() > 0.0);
      CHECK(rep.message.find("jitter") != std::string::npos);
      // With jitter the fit nearly interpolates the (consistent) duplicated data.
      const Eigen::VectorXd pred = gp.predict(x);
      CHECK(std::fabs(pred(0) - y(0)) < 1e-3 * std::fabs(y(0)));
      // save/load keeps the jitter and the predictions
      const auto back = rg::from_bytes<rg::gaussian_process>(rg::to_bytes(gp));
      CHECK(back.jitter() == gp.jitter());
      CHECK(back.predict(x)(3) == pred(3));
    }
    {
      p.max_jitter_tries = 0;
      rg::gaussian_process gp(p);
      const auto rep = gp.fit(x, y);
      CHECK(rep.status == rg::fit_status::failed);
      CHECK(rep.message.find("positive definite") != std::string::npos);
      CHECK_FALSE(gp.fitted());
      CHECK_THROWS_AS((void)gp.predict(x), qk::error);
    }
    {
      // Optimising from there: sklearn's -inf LML at singular points; the final fit still gets
      // jitter, never an exception.
      p.max_jitter_tries = 6;
      p.optimize = true;
      rg::gaussian_process gp(p);
      const auto rep = gp.fit(x, y);
      CAPTURE(rep.message);
      CHECK(rep.status != rg::fit_status::rank_deficient);
    }
  }

  TEST_CASE("gaussian_process: constant targets") {
    const auto data = friedman("train", 20);
    const Eigen::VectorXd y = Eigen::VectorXd::Constant(20, 3.5);
    rg::gaussian_process_params p;
    p.normalize_y = true;  // std 0 is replaced by 1 (sklearn's _handle_zeros_in_scale)
    rg::gaussian_process gp(p);
    const auto rep = gp.fit(data.x, y);
    CHECK(rep.status != rg::fit_status::failed);
    const Eigen::VectorXd pred = gp.predict(data.x.topRows(5));
    for (Eigen::Index i = 0; i < 5; ++i) CHECK(pred(i) == 3.5);
  }

  TEST_CASE("gaussian_process: save and load round trip is bit-identical") {
    const auto data = friedman("train", 40);
    const auto test = friedman("test", 10);
    rg::gaussian_process_params p;
    p.kernel = rg::gp_kernel::matern32;
    p.normalize_y = true;
    p.n_restarts = 1;
    p.seed = 5;
    rg::gaussian_process gp(p);
    REQUIRE(gp.fit(data.x, data.y).ok());
    const std::string bytes = rg::to_bytes(gp);
    const auto back = rg::from_bytes<rg::gaussian_process>(bytes);
    CHECK(back.fitted());
    CHECK(back.params().kernel == rg::gp_kernel::matern32);
    CHECK(back.params().n_restarts == 1);
    CHECK(back.theta() == gp.theta());
    CHECK(back.log_marginal_likelihood() == gp.log_marginal_likelihood());
    const auto a = gp.predict_mean_std(test.x);
    const auto b = back.predict_mean_std(test.x);
    for (Eigen::Index i = 0; i < 10; ++i) {
      CHECK(a.mean(i) == b.mean(i));
      CHECK(a.std(i) == b.std(i));
    }
    // A truncated, corrupted or wrong-kind file never gives a model.
    CHECK_THROWS_AS((void)rg::from_bytes<rg::gaussian_process>(bytes.substr(0, bytes.size() / 2)),
                    rg::model_format_error);
    std::string flipped = bytes;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x10);
    CHECK_THROWS_AS((void)rg::from_bytes<rg::gaussian_process>(flipped), rg::model_format_error);
    CHECK_THROWS_AS((void)rg::from_bytes<rg::mlp_regressor>(bytes), qk::error);
  }
}

}  // namespace regression_test_gaussian_process_errors
