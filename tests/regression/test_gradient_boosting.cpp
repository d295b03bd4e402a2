// SPDX-License-Identifier: MIT
#include <quantkit/regression/gradient_boosting.hpp>
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
  TEST_CASE("gradient boosting - squared, absolute and Huber losses match sklearn") {
    // scikit-learn grows its trees on float32 X: rounding X to float makes the splits identical.
    // min_samples_leaf = 5 avoids tiny nodes where two features give the same partition (a tie
    // broken by the random feature order). Absolute loss fits trees to signs (+-1), where tied
    // candidate splits are common, so it is compared by accuracy, not value by value.
    auto train = tt::friedman("train", 300);
    auto test = tt::friedman("test", 50);
    train.X = train.X.cast<float>().cast<double>();
    test.X = test.X.cast<float>().cast<double>();
    const auto& cases = tt::reference()["gradient_boosting"];
    REQUIRE(cases.size() == 4);
    const rg::boosting_loss losses[] = {rg::boosting_loss::squared_error,
                                        rg::boosting_loss::absolute_error,
                                        rg::boosting_loss::huber};
    for (std::size_t c = 0; c < 4; ++c) {
      const auto& ref = cases[c];
      CAPTURE(ref["loss"].str());
      rg::gradient_boosting_regressor::params p;
      rg::fit_report rep;
      if (c < 3) {
        p.loss = losses[c];
        p.n_estimators = 50;
        p.min_samples_leaf = 5;
        rg::gradient_boosting_regressor m(p);
        rep = m.fit(train.X, train.y);
        const Eigen::VectorXd pred = m.predict(test.X);
        const auto rp = ref["predict"].numbers();
        if (p.loss == rg::boosting_loss::absolute_error) {
          const double ours = tt::r2(test.y, pred);
          const double theirs = tt::r2(test.y, tt::to_vector(rp));
          CAPTURE(ours);
          CAPTURE(theirs);
          CHECK(std::fabs(ours - theirs) < 0.03);
          CHECK(rep.ok());
          continue;
        }
        for (std::size_t i = 0; i < rp.size(); ++i) {
          CHECK(pred(static_cast<Eigen::Index>(i)) == doctest::Approx(rp[i]).epsilon(1e-9));
        }
        const auto ri = ref["importances"].numbers();
        for (std::size_t j = 0; j < ri.size(); ++j) {
          CHECK(m.feature_importances()(static_cast<Eigen::Index>(j)) ==
                doctest::Approx(ri[j]).epsilon(1e-8));
        }
      } else {
        p.n_estimators = 30;
        p.max_depth = 2;
        p.learning_rate = 0.2;
        p.min_samples_leaf = 5;
        rg::gradient_boosting_regressor m(p);
        rep = m.fit(train.X, train.y, tt::reference_weights(300));
        const Eigen::VectorXd pred = m.predict(test.X);
        const auto rp = ref["predict"].numbers();
        for (std::size_t i = 0; i < rp.size(); ++i) {
          CHECK(pred(static_cast<Eigen::Index>(i)) == doctest::Approx(rp[i]).epsilon(1e-9));
        }
      }
      CHECK(rep.ok());
    }
  }

  TEST_CASE("gradient boosting - Friedman #1 test R2 within 0.005 of scikit-learn") {
    const auto train = tt::friedman("train");
    const auto test = tt::friedman("test");
    const double sk =
        tt::friedman_reference()["models"]["GradientBoostingRegressor(n_estimators=200, "
                                           "max_depth=3, learning_rate=0.1, random_state=0)"]
                                ["test_r2"].num();
    CHECK(sk == doctest::Approx(0.9335).epsilon(1e-4));
    rg::gradient_boosting_regressor m({.n_estimators = 200, .learning_rate = 0.1, .max_depth = 3});
    REQUIRE(m.fit(train.X, train.y).ok());
    const double r2 = tt::r2(test.y, m.predict(test.X));
    CAPTURE(r2);
    CHECK(r2 >= sk - 0.005);
    // Training loss never increases for squared loss without subsampling.
    for (std::size_t i = 1; i < m.train_loss().size(); ++i) {
      CHECK(m.train_loss()[i] <= m.train_loss()[i - 1]);
    }
  }

  TEST_CASE("gradient boosting - subsample is seeded, thread count does not matter") {
    const auto train = tt::friedman("train", 500);
    const auto test = tt::friedman("test", 200);
    rg::gradient_boosting_regressor::params p{.loss = rg::boosting_loss::huber,
                                              .n_estimators = 40, .subsample = 0.5, .seed = 9};
    rg::gradient_boosting_regressor a(p);
    p.threads = 2;
    rg::gradient_boosting_regressor b(p);
    p.seed = 10;
    rg::gradient_boosting_regressor c(p);
    REQUIRE(a.fit(train.X, train.y).ok());
    REQUIRE(b.fit(train.X, train.y).ok());
    REQUIRE(c.fit(train.X, train.y).ok());
    CHECK(a.predict(test.X) == b.predict(test.X));
    CHECK(a.predict(test.X) != c.predict(test.X));
    CHECK(tt::r2(test.y, a.predict(test.X)) > 0.7);
  }

  TEST_CASE("gradient boosting - helpers: weighted percentile and numpy percentile") {
    // numpy: np.percentile([3, 1, 2, 10], 50) = 2.5; sklearn _weighted_percentile with unit
    // weights = 2 (lower middle); with weights [1, 1, 1, 5] (sorted 1,2,3,10) the cdf 1,2,3,8
    // first reaches 4 at 10.
    std::vector<double> v{3, 1, 2, 10};
    std::vector<double> one(4, 1.0);
    std::vector<double> w{1, 1, 1, 5};
    std::vector<std::size_t> ord;
    std::vector<double> scr;
    CHECK(rg::detail::percentile_linear(v, 50.0, scr) == 2.5);
    CHECK(rg::detail::percentile_linear(v, 90.0, scr) == doctest::Approx(7.9).epsilon(1e-15));
    CHECK(rg::detail::weighted_percentile(v, one, 50.0, ord) == 2.0);
    CHECK(rg::detail::weighted_percentile(v, w, 50.0, ord) == 10.0);
    CHECK(rg::detail::weighted_percentile(v, one, 0.0, ord) == 1.0);
  }

  TEST_CASE("gradient boosting - save and load, bad input") {
    const auto train = tt::friedman("train", 200);
    const auto test = tt::friedman("test", 30);
    rg::gradient_boosting_regressor m({.loss = rg::boosting_loss::absolute_error,
                                       .n_estimators = 10});
    CHECK_THROWS_AS(static_cast<void>(m.predict(test.X)), rg::not_fitted);
    REQUIRE(m.fit(train.X, train.y).ok());
    const std::string bytes = rg::to_bytes(m);
    const auto back = rg::from_bytes<rg::gradient_boosting_regressor>(bytes);
    CHECK(back.predict(test.X) == m.predict(test.X));
    CHECK(back.get_params().loss == rg::boosting_loss::absolute_error);
    CHECK_THROWS_AS(static_cast<void>(rg::from_bytes<rg::gradient_boosting_regressor>(bytes.substr(0, 100))),
                    quantkit::error);
    CHECK_THROWS_AS(static_cast<void>(m.predict(Eigen::MatrixXd::Random(2, 3))), quantkit::invalid_argument);
    CHECK_THROWS_AS(m.fit(train.X, train.y.head(10)), quantkit::invalid_argument);
    CHECK_THROWS_AS(m.fit(train.X.topRows(1), train.y.head(1)), quantkit::invalid_argument);
    Eigen::VectorXd yn = train.y;
    yn(7) = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(m.fit(train.X, yn), quantkit::data_error);
    CHECK_THROWS_WITH_AS(rg::gradient_boosting_regressor({.learning_rate = 0.0}),
                         doctest::Contains("learning_rate must be finite and > 0 (got 0)"),
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(rg::gradient_boosting_regressor({.subsample = 1.5}), quantkit::invalid_argument);
    CHECK_THROWS_AS(rg::gradient_boosting_regressor({.alpha = 1.0}), quantkit::invalid_argument);
    CHECK_THROWS_AS(rg::gradient_boosting_regressor({.n_estimators = 0}),
                    quantkit::invalid_argument);
    // Constant target: the initial value explains everything, trees are single leaves of 0.
    rg::gradient_boosting_regressor c({.n_estimators = 5});
    REQUIRE(c.fit(train.X, Eigen::VectorXd::Constant(200, 3.5)).ok());
    CHECK(c.predict(test.X).isApproxToConstant(3.5));
  }
}
