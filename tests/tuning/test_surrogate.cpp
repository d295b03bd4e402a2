// SPDX-License-Identifier: MIT
// tests/tuning/test_surrogate.cpp - surrogate features, diagnostics and surrogate_tune
#include <quantkit/regression/gaussian_process.hpp>
#include <quantkit/regression/linear.hpp>
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/surrogate.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

namespace tn = quantkit::tuning;
namespace rg = quantkit::regression;
using quantkit::samplers::point;
using quantkit::samplers::space;

TEST_CASE("surrogate_features: parameters, one-hot, interactions, ratios, market") {
  space sp;
  sp.add_int("fast", 2, 20).add_categorical("mode", {"a", "b"}).add_int("slow", 10, 100);
  tn::feature_options fo;
  fo.market = {{"vol", 0.2}};
  const tn::surrogate_features f(sp, fo);
  CHECK(f.names() == std::vector<std::string>{"fast", "mode=a", "mode=b", "slow", "fast*slow",
                                               "fast/slow", "vol"});
  Eigen::MatrixXd x(1, static_cast<Eigen::Index>(f.width()));
  f.row(sp.make_point({5, 1, 50}), x, 0);
  CHECK(x(0, 0) == 5.0);
  CHECK(x(0, 1) == 0.0);
  CHECK(x(0, 2) == 1.0);
  CHECK(x(0, 3) == 50.0);
  CHECK(x(0, 4) == 250.0);
  CHECK(x(0, 5) == 0.1);
  CHECK(x(0, 6) == 0.2);
}

TEST_CASE("diagnose_surrogate: a linear model on linear data is good, on noise unreliable") {
  // y = 1 + 2 a - b exactly: every R^2 is 1 (up to rounding), every criterion passes.
  const Eigen::Index n = 50;
  Eigen::MatrixXd x(n, 2);
  Eigen::VectorXd y(n), noise(n);
  quantkit::rng g(1);
  for (Eigen::Index i = 0; i < n; ++i) {
    x(i, 0) = quantkit::uniform01(g);
    x(i, 1) = quantkit::uniform01(g);
    y(i) = 1.0 + 2.0 * x(i, 0) - x(i, 1);
    noise(i) = quantkit::normal(g);
  }
  const auto d = tn::diagnose_surrogate(rg::linear_regression{}, x, y);
  CHECK(d.train_rows == 30);
  CHECK(d.validation_rows == 10);
  CHECK(d.test_rows == 10);
  CHECK(d.validation_r2 > 0.999999);
  CHECK(d.test_r2 > 0.999999);
  CHECK(d.quality == 1.0);
  REQUIRE(d.criteria.size() == 3);
  CHECK(d.criteria[0].name == "validation R^2 > 0.5");
  CHECK(d.verdict.rfind("good", 0) == 0);
  // Pure noise: nothing generalises.
  const auto z = tn::diagnose_surrogate(rg::linear_regression{}, x, noise);
  CHECK(z.quality < 0.5);
  CHECK(z.verdict.rfind("unreliable", 0) == 0);
  // With an MAE threshold the criterion is reported with its value.
  tn::diagnostics_options o;
  o.max_validation_mae = 1e-6;
  const auto m = tn::diagnose_surrogate(rg::linear_regression{}, x, y, o);
  REQUIRE(m.criteria.size() == 4);
  CHECK(m.criteria[3].value == m.validation_mae);
  CHECK(m.criteria[3].passed);
}

TEST_CASE("surrogate_tune ranks candidates near the optimum and reports importance") {
  // Maximize -(a - 0.3)^2 - (b - 0.7)^2 on [0, 1]^2; c is irrelevant.
  space sp;
  sp.add_real("a", 0.0, 1.0).add_real("b", 0.0, 1.0).add_real("c", 0.0, 1.0);
  auto f = [](const point& p) { return -(p[0] - 0.3) * (p[0] - 0.3) - (p[1] - 0.7) * (p[1] - 0.7); };
  tn::surrogate_options so;
  so.samples = 300;
  so.candidates = 20000;
  so.top = 10;
  so.features.interactions = false;
  so.features.ratios = false;
  tn::tune_options o;
  o.seed = 3;
  auto r = tn::surrogate_tune(sp, f, so, o);
  CHECK(r.trials.trials.size() == 300);
  CHECK(r.candidates_scored == 20000);
  REQUIRE(r.top.size() == 10);
  CHECK(r.diagnostics.validation_r2 > 0.8);
  for (const auto& c : r.top) {
    CHECK(std::fabs(c.point[0] - 0.3) < 0.15);
    CHECK(std::fabs(c.point[1] - 0.7) < 0.15);
    CHECK(c.predicted > -0.03);
    CHECK(c.confidence >= 0.0);
    CHECK(c.trial == static_cast<std::size_t>(-1));
  }
  for (std::size_t i = 1; i < r.top.size(); ++i) CHECK(r.top[i - 1].predicted >= r.top[i].predicted);
  REQUIRE(r.impurity_importance.size() == 3);
  CHECK(r.impurity_importance[2] < r.impurity_importance[0]);
  CHECK(r.impurity_importance[2] < r.impurity_importance[1]);
  REQUIRE(r.permutation_importance.size() == 3);
  CHECK(r.permutation_importance[2] < r.permutation_importance[0]);

  // Refinement: the top K are evaluated and appended; determinism for 1 vs 2 threads.
  so.refine_rounds = 1;
  o.parallel.threads = 1;
  const auto r1 = tn::surrogate_tune(sp, f, so, o);
  o.parallel.threads = 2;
  const auto r2 = tn::surrogate_tune(sp, f, so, o);
  CHECK(r1.trials.trials.size() == 310);
  CHECK(r1.trials.best().metrics[0] > -0.01);
  REQUIRE(r1.top.size() == r2.top.size());
  for (std::size_t i = 0; i < r1.top.size(); ++i) {
    CHECK(r1.top[i].unit == r2.top[i].unit);
    CHECK(r1.top[i].predicted == r2.top[i].predicted);
  }
}

TEST_CASE("surrogate_tune with a Gaussian-process surrogate") {
  space sp;
  sp.add_real("a", 0.0, 1.0).add_real("b", 0.0, 1.0);
  auto f = [](const point& p) { return std::sin(3.0 * p[0]) + p[1] * p[1]; };
  tn::surrogate_options so;
  so.samples = 40;
  so.candidates = 2000;
  so.top = 3;
  so.features.interactions = false;
  so.features.ratios = false;
  so.permutation_repeats = 0;
  rg::gaussian_process_params gp;
  gp.kernel = rg::gp_kernel::matern52;
  const auto r = tn::surrogate_tune(sp, f, so, {}, rg::gaussian_process(gp));
  CHECK(r.diagnostics.validation_r2 > 0.95);
  REQUIRE(r.top.size() == 3);
  // The maximum of sin(3a) + b^2 on [0, 1]^2 is at a = pi / 6, b = 1: 2.
  CHECK(r.top[0].predicted > 1.9);
  CHECK(r.impurity_importance.empty());
}

TEST_CASE("surrogate bad input") {
  space sp;
  sp.add_real("a", 0.0, 1.0);
  auto f = [](const point& p) { return p[0]; };
  tn::surrogate_options so;
  so.samples = 5;
  CHECK_THROWS_WITH_AS(tn::surrogate_tune(sp, f, so),
                       "quantkit::tuning::surrogate_tune: options.samples must be >= 10 (got 5)",
                       quantkit::invalid_argument);
  so.samples = 20;
  so.top = 0;
  CHECK_THROWS_AS(tn::surrogate_tune(sp, f, so), quantkit::invalid_argument);
  so.top = 10;
  so.candidates = 5;
  CHECK_THROWS_AS(tn::surrogate_tune(sp, f, so), quantkit::invalid_argument);
  so.candidates = 100;
  auto bad = [](const point& p) -> double {
    if (p[0] > 0.1) throw std::runtime_error("x");
    return p[0];
  };
  CHECK_THROWS_AS(tn::surrogate_tune(sp, bad, so), quantkit::invalid_argument);
  Eigen::MatrixXd x(4, 1);
  Eigen::VectorXd y(4);
  x.setZero();
  y.setZero();
  CHECK_THROWS_AS(tn::diagnose_surrogate(rg::linear_regression{}, x, y), quantkit::invalid_argument);
  tn::diagnostics_options o;
  o.validation_fraction = 0.0;
  CHECK_THROWS_AS(tn::diagnose_surrogate(rg::linear_regression{}, x, y, o), quantkit::invalid_argument);
}
