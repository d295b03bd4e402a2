// SPDX-License-Identifier: MIT
#include <quantkit/regression/random_forest.hpp>
#include <quantkit/regression/serialize.hpp>
#include <quantkit/regression/tree.hpp>

#include "regression/tree_support.hpp"

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

namespace rg = quantkit::regression;
namespace tt = quantkit::test::trees;

TEST_SUITE("regression") {
  TEST_CASE("random forest - Friedman #1 test R2 within 0.005 of scikit-learn, OOB close to it") {
    const auto train = tt::friedman("train");
    const auto test = tt::friedman("test");
    const double sk = tt::friedman_reference()["models"]
                          ["RandomForestRegressor(n_estimators=100, random_state=0, n_jobs=1)"]
                          ["test_r2"].num();
    CHECK(sk == doctest::Approx(0.8816).epsilon(1e-4));
    rg::random_forest_regressor m({.oob_score = true, .seed = 0, .threads = 2});
    REQUIRE(m.fit(train.X, train.y).ok());
    const double r2 = tt::r2(test.y, m.predict(test.X));
    CAPTURE(r2);
    CHECK(r2 >= sk - 0.005);
    // OOB R^2 estimates the generalization R^2 (each row predicted by ~37 trees).
    CAPTURE(m.oob_score());
    CHECK(std::fabs(m.oob_score() - r2) < 0.03);
    const auto imp = m.feature_importances();
    CHECK(imp.sum() == doctest::Approx(1.0).epsilon(1e-12));
    // Friedman #1 uses x0..x4 only; x5..x7 are noise and must rank below every signal feature.
    CHECK(imp.tail(3).maxCoeff() < imp.head(5).minCoeff());
  }

  TEST_CASE("random forest - identical for 1, 2 and 4 threads") {
    const auto train = tt::friedman("train", 400);
    const auto test = tt::friedman("test", 300);
    rg::random_forest_regressor::params p{.n_estimators = 12, .max_features_fraction = 0.5,
                                          .oob_score = true, .seed = 42};
    Eigen::VectorXd ref;
    double ref_oob = 0.0;
    for (const std::size_t th : {std::size_t{1}, std::size_t{2}, std::size_t{4}}) {
      p.threads = th;
      rg::random_forest_regressor m(p);
      REQUIRE(m.fit(train.X, train.y).ok());
      const Eigen::VectorXd pr = m.predict(test.X);
      if (th == 1) {
        ref = pr;
        ref_oob = m.oob_score();
      } else {
        CHECK(pr == ref);
        CHECK(m.oob_score() == ref_oob);
      }
    }
    // Another seed gives another forest.
    p.seed = 43;
    rg::random_forest_regressor other(p);
    REQUIRE(other.fit(train.X, train.y).ok());
    CHECK(other.predict(test.X) != ref);
  }

  TEST_CASE("random forest - without bootstrap every tree is the CART tree, spread 0") {
    // min_samples_leaf = 5 leaves no tied splits (see the tree parity test), so the trees agree.
    const auto train = tt::friedman("train", 300);
    const auto test = tt::friedman("test", 100);
    rg::random_forest_regressor f({.n_estimators = 3, .min_samples_leaf = 5, .bootstrap = false});
    rg::decision_tree_regressor t({.min_samples_leaf = 5});
    REQUIRE(f.fit(train.X, train.y).ok());
    REQUIRE(t.fit(train.X, train.y).ok());
    CHECK((f.predict(test.X) - t.predict(test.X)).cwiseAbs().maxCoeff() < 1e-12);
    CHECK(f.predict_std(test.X).maxCoeff() < 1e-12);
  }

  TEST_CASE("random forest - predict_std is the spread of predict_trees") {
    const auto train = tt::friedman("train", 300);
    const auto test = tt::friedman("test", 40);
    rg::random_forest_regressor m({.n_estimators = 7, .seed = 3});
    REQUIRE(m.fit(train.X, train.y).ok());
    const Eigen::MatrixXd all = m.predict_trees(test.X);
    REQUIRE(all.cols() == 7);
    const Eigen::VectorXd mean = m.predict(test.X);
    const Eigen::VectorXd sd = m.predict_std(test.X);
    for (Eigen::Index i = 0; i < test.X.rows(); ++i) {
      double s = 0.0;
      double q = 0.0;
      for (Eigen::Index t = 0; t < 7; ++t) s += all(i, t);
      for (Eigen::Index t = 0; t < 7; ++t) q += (all(i, t) - s / 7.0) * (all(i, t) - s / 7.0);
      CHECK(mean(i) == doctest::Approx(s / 7.0).epsilon(1e-14));
      CHECK(sd(i) == doctest::Approx(std::sqrt(q / 7.0)).epsilon(1e-12));
    }
    CHECK(sd.minCoeff() > 0.0);
  }

  TEST_CASE("random forest - save and load reproduce predictions, damaged bytes are rejected") {
    const auto train = tt::friedman("train", 200);
    const auto test = tt::friedman("test", 50);
    rg::random_forest_regressor m({.n_estimators = 5, .max_depth = 6, .oob_score = true});
    REQUIRE(m.fit(train.X, train.y).ok());
    const std::string bytes = rg::to_bytes(m);
    const auto back = rg::from_bytes<rg::random_forest_regressor>(bytes);
    CHECK(back.predict(test.X) == m.predict(test.X));
    CHECK(back.predict_std(test.X) == m.predict_std(test.X));
    CHECK(back.oob_score() == m.oob_score());
    CHECK(back.get_params().max_depth == 6);
    CHECK_THROWS_AS(static_cast<void>(rg::from_bytes<rg::random_forest_regressor>(bytes.substr(0, bytes.size() / 2))),
                    quantkit::error);
    std::string bad = bytes;
    bad[bytes.size() / 2] = static_cast<char>(bad[bytes.size() / 2] ^ 0x20);
    CHECK_THROWS_AS(static_cast<void>(rg::from_bytes<rg::random_forest_regressor>(bad)), quantkit::error);
    CHECK_THROWS_AS(static_cast<void>(rg::from_bytes<rg::decision_tree_regressor>(bytes)), quantkit::error);
    rg::decision_tree_regressor t({.max_depth = 3});
    REQUIRE(t.fit(train.X, train.y).ok());
    CHECK(rg::from_bytes<rg::decision_tree_regressor>(rg::to_bytes(t)).predict(test.X) ==
          t.predict(test.X));
  }

  TEST_CASE("random forest - bad input") {
    rg::random_forest_regressor m({.n_estimators = 3});
    Eigen::MatrixXd X = Eigen::MatrixXd::Random(30, 2);
    Eigen::VectorXd y = Eigen::VectorXd::Random(30);
    CHECK_THROWS_AS(static_cast<void>(m.predict(X)), rg::not_fitted);
    CHECK_THROWS_AS(static_cast<void>(m.predict_std(X)), rg::not_fitted);
    CHECK_THROWS_AS(static_cast<void>(m.feature_importances()), rg::not_fitted);
    CHECK_THROWS_AS(m.fit(X, Eigen::VectorXd::Random(29)), quantkit::invalid_argument);
    Eigen::MatrixXd Xn = X;
    Xn(4, 0) = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(m.fit(Xn, y), quantkit::data_error);
    CHECK_THROWS_AS(m.fit(X, y, Eigen::VectorXd::Ones(3)), quantkit::invalid_argument);
    REQUIRE(m.fit(X, y).ok());
    CHECK_THROWS_AS(static_cast<void>(m.predict(Eigen::MatrixXd::Random(2, 5))), quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(rg::random_forest_regressor({.n_estimators = 0}),
                         doctest::Contains("n_estimators must be >= 1 (got 0)"),
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(rg::random_forest_regressor({.max_samples_fraction = 0.0}),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(rg::random_forest_regressor({.bootstrap = false, .oob_score = true}),
                    quantkit::invalid_argument);
    // Constant target: every tree is one leaf; prediction is the constant, spread 0.
    rg::random_forest_regressor c({.n_estimators = 4});
    REQUIRE(c.fit(X, Eigen::VectorXd::Constant(30, -2.0)).ok());
    CHECK(c.predict(X).isApproxToConstant(-2.0));
    CHECK(c.predict_std(X).isZero());
  }
}
