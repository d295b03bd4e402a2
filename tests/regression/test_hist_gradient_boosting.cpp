// SPDX-License-Identifier: MIT
#include <quantkit/regression/hist_gradient_boosting.hpp>
#include <quantkit/regression/serialize.hpp>

#include "regression/tree_support.hpp"

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace rg = quantkit::regression;
namespace tt = quantkit::test::trees;

TEST_SUITE("regression") {
  TEST_CASE("hist gradient boosting - bin edges equal sklearn, predictions close to it") {
    const auto train = tt::friedman("train", 300);
    const auto test = tt::friedman("test", 50);
    const auto& cases = tt::reference()["hist_gradient_boosting"];
    REQUIRE(cases.size() == 2);
    const rg::boosting_loss losses[] = {rg::boosting_loss::squared_error,
                                        rg::boosting_loss::absolute_error};
    for (std::size_t c = 0; c < 2; ++c) {
      const auto& ref = cases[c];
      CAPTURE(ref["loss"].str());
      rg::hist_gradient_boosting_regressor m({.loss = losses[c]});
      REQUIRE(m.fit(train.X, train.y).ok());
      CHECK(m.n_iter() == static_cast<std::size_t>(ref["n_iter"].num()));
      const auto edges = ref["bin_thresholds_f0"].numbers();
      REQUIRE(m.bin_thresholds()[0].size() == edges.size());
      for (std::size_t i = 0; i < edges.size(); ++i) CHECK(m.bin_thresholds()[0][i] == edges[i]);
      // scikit-learn accumulates float32 gradients, quantkit doubles: the trees agree except
      // where two candidate splits are within float32 rounding, which moves a few predictions.
      const Eigen::VectorXd pred = m.predict(test.X);
      const Eigen::VectorXd rp = tt::to_vector(ref["predict"].numbers());
      const double rms = std::sqrt((pred - rp).squaredNorm() / 50.0);
      CAPTURE(rms);
      CHECK(rms < (c == 0 ? 0.05 : 0.3));
      CHECK(std::fabs(tt::r2(test.y, pred) - tt::r2(test.y, rp)) < 0.01);
    }
  }

  TEST_CASE("hist gradient boosting - Friedman #1 defaults reach sklearn's test R2 minus 0.005") {
    const auto train = tt::friedman("train");
    const auto test = tt::friedman("test");
    const double sk = tt::friedman_reference()["models"]["HistGradientBoostingRegressor("
                                                         "random_state=0)"]["test_r2"].num();
    CHECK(sk == doctest::Approx(0.9271).epsilon(1e-4));
    rg::hist_gradient_boosting_regressor m;
    REQUIRE(m.fit(train.X, train.y).ok());
    CHECK(m.n_iter() == 100);  // early stopping "auto" is off below 10,000 rows
    CHECK(m.validation_score().empty());
    const double r2 = tt::r2(test.y, m.predict(test.X));
    CAPTURE(r2);
    CHECK(r2 >= sk - 0.005);
    for (const auto& t : m.trees()) CHECK(t.n_leaves() <= 31);
  }

  TEST_CASE("hist gradient boosting - early stopping follows sklearn's rule") {
    const auto train = tt::friedman("train", 1000);
    rg::hist_gradient_boosting_regressor m(
        {.learning_rate = 0.5, .max_iter = 300, .early_stopping = rg::early_stopping_mode::on,
         .n_iter_no_change = 5, .seed = 3});
    REQUIRE(m.fit(train.X, train.y).ok());
    const auto& s = m.validation_score();
    REQUIRE(s.size() == m.n_iter() + 1);
    CHECK(m.n_iter() < 300);
    // Stopped: none of the last 5 scores beats the one 6 back by more than tol ...
    const double ref = s[s.size() - 6] + 1e-7;
    for (std::size_t i = s.size() - 5; i < s.size(); ++i) CHECK(s[i] <= ref);
    // ... and it did not stop earlier.
    for (std::size_t end = 6; end < s.size(); ++end) {
      bool improved = false;
      for (std::size_t i = end - 5; i < end; ++i) improved = improved || s[i] > s[end - 6] + 1e-7;
      CHECK(improved);
    }
  }

  TEST_CASE("hist gradient boosting - subsample and Huber are seeded, threads do not matter") {
    const auto train = tt::friedman("train", 800);
    const auto test = tt::friedman("test", 200);
    rg::hist_gradient_boosting_regressor::params p{.loss = rg::boosting_loss::huber,
                                                   .max_iter = 50, .subsample = 0.6, .seed = 1};
    rg::hist_gradient_boosting_regressor a(p);
    p.threads = 2;
    rg::hist_gradient_boosting_regressor b(p);
    p.seed = 2;
    rg::hist_gradient_boosting_regressor c(p);
    REQUIRE(a.fit(train.X, train.y).ok());
    REQUIRE(b.fit(train.X, train.y).ok());
    REQUIRE(c.fit(train.X, train.y).ok());
    CHECK(a.predict(test.X) == b.predict(test.X));
    CHECK(a.predict(test.X) != c.predict(test.X));
    CHECK(tt::r2(test.y, a.predict(test.X)) > 0.8);
  }

  TEST_CASE("hist gradient boosting - weights: integer weights equal repeated rows") {
    // Weight 2 on a row = the row twice (gradients and hessians both scale), for squared loss.
    const auto train = tt::friedman("train", 200);
    const auto test = tt::friedman("test", 50);
    Eigen::VectorXd w = Eigen::VectorXd::Ones(200);
    w.head(100).setConstant(2.0);
    Eigen::MatrixXd X2(300, 8);
    Eigen::VectorXd y2(300);
    X2 << train.X, train.X.topRows(100);
    y2 << train.y, train.y.head(100);
    rg::hist_gradient_boosting_regressor a({.max_iter = 20, .min_samples_leaf = 1, .max_bins = 255});
    rg::hist_gradient_boosting_regressor b({.max_iter = 20, .min_samples_leaf = 1, .max_bins = 255});
    REQUIRE(a.fit(train.X, train.y, w).ok());
    REQUIRE(b.fit(X2, y2).ok());
    CHECK(a.baseline() == doctest::Approx(b.baseline()).epsilon(1e-12));
    // Bin edges differ (percentiles over 200 vs 300 rows), so compare accuracy, not values.
    CHECK(std::fabs(tt::r2(test.y, a.predict(test.X)) - tt::r2(test.y, b.predict(test.X))) < 0.05);
  }

  TEST_CASE("hist gradient boosting - save and load, bad input") {
    const auto train = tt::friedman("train", 300);
    const auto test = tt::friedman("test", 30);
    rg::hist_gradient_boosting_regressor m({.max_iter = 15});
    CHECK_THROWS_AS(static_cast<void>(m.predict(test.X)), rg::not_fitted);
    REQUIRE(m.fit(train.X, train.y).ok());
    const std::string bytes = rg::to_bytes(m);
    const auto back = rg::from_bytes<rg::hist_gradient_boosting_regressor>(bytes);
    CHECK(back.predict(test.X) == m.predict(test.X));
    CHECK(back.bin_thresholds() == m.bin_thresholds());
    CHECK_THROWS_AS(static_cast<void>(rg::from_bytes<rg::hist_gradient_boosting_regressor>(bytes.substr(0, 64))),
                    quantkit::error);
    CHECK_THROWS_AS(static_cast<void>(m.predict(Eigen::MatrixXd::Random(4, 2))), quantkit::invalid_argument);
    Eigen::MatrixXd Xn = test.X;
    Xn(2, 2) = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(static_cast<void>(m.predict(Xn)), quantkit::data_error);
    CHECK_THROWS_AS(m.fit(train.X, train.y.head(5)), quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(rg::hist_gradient_boosting_regressor({.max_bins = 256}),
                         doctest::Contains("max_bins must be in [2, 255] (got 256)"),
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(rg::hist_gradient_boosting_regressor({.max_leaf_nodes = 1}),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(rg::hist_gradient_boosting_regressor({.validation_fraction = 1.0}),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(rg::hist_gradient_boosting_regressor({.l2_regularization = -1.0}),
                    quantkit::invalid_argument);
    // Constant target: no split has positive gain; every tree is one leaf of value 0.
    rg::hist_gradient_boosting_regressor c({.max_iter = 5});
    REQUIRE(c.fit(train.X, Eigen::VectorXd::Constant(300, 7.0)).ok());
    CHECK(c.predict(test.X).isApproxToConstant(7.0));
  }
}
