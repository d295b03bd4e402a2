// SPDX-License-Identifier: MIT
// Boosting and forest fits on several threads: the fitted model must be bit-identical for any
// thread count.
#include <quantkit/core/random.hpp>
#include <quantkit/regression/gradient_boosting.hpp>
#include <quantkit/regression/hist_gradient_boosting.hpp>
#include <quantkit/regression/random_forest.hpp>
#include <quantkit/regression/serialize.hpp>

#include "regression/tree_support.hpp"

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <span>
#include <string>
#include <vector>

namespace rg = quantkit::regression;
namespace tt = quantkit::test::trees;

namespace {

// Friedman #1 (y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + N(0, 1); x5, x6 are
// noise) on a grid of 1/1000 so that values repeat within a feature, and x7 an exact copy of x0,
// so that two features offer the same splits and the tie-breaking between features is exercised.
tt::dataset friedman_ties(Eigen::Index n, std::uint64_t seed) {
  quantkit::rng g(seed);
  tt::dataset d{Eigen::MatrixXd(n, 8), Eigen::VectorXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 7; ++j) d.X(i, j) = std::floor(quantkit::uniform01(g) * 1000.0) / 1000.0;
    d.X(i, 7) = d.X(i, 0);
    const auto x = d.X.row(i);
    d.y(i) = 10.0 * std::sin(std::numbers::pi * x(0) * x(1)) + 20.0 * (x(2) - 0.5) * (x(2) - 0.5) +
             10.0 * x(3) + 5.0 * x(4) + quantkit::normal(g);
  }
  return d;
}

// Everything a fit produces except the parameters (the saved bytes hold `threads`): every tree
// in the save format, then the model's fitted scalars and vectors.
std::string tree_bytes(const std::vector<rg::tree_structure>& trees) {
  rg::model_writer w;
  for (const auto& t : trees) t.save(w);
  return w.bytes();
}

std::string fitted_state(const rg::gradient_boosting_regressor& m) {
  rg::model_writer w;
  w.put(m.init_value());
  w.put(std::span<const double>(m.train_loss()));
  return w.bytes() + tree_bytes(m.trees());
}

std::string fitted_state(const rg::hist_gradient_boosting_regressor& m) {
  rg::model_writer w;
  w.put(m.baseline());
  w.put(std::span<const double>(m.validation_score()));
  for (const auto& t : m.bin_thresholds()) w.put(std::span<const double>(t));
  return w.bytes() + tree_bytes(m.trees());
}

std::string fitted_state(const rg::random_forest_regressor& m) {
  rg::model_writer w;
  w.put(m.oob_score());
  w.put(m.oob_prediction());
  return w.bytes() + tree_bytes(m.trees());
}

template <class Model>
void check_thread_invariance(typename Model::params p, const tt::dataset& train,
                             const tt::dataset& test, const Eigen::VectorXd* w, double min_r2) {
  p.threads = 1;
  Model ref(p);
  REQUIRE((w != nullptr ? ref.fit(train.X, train.y, *w) : ref.fit(train.X, train.y)).ok());
  const Eigen::VectorXd pred = ref.predict(test.X);
  const std::string state = fitted_state(ref);
  CHECK(tt::r2(test.y, pred) > min_r2);
  for (const std::size_t threads : {std::size_t{2}, std::size_t{4}}) {
    CAPTURE(threads);
    p.threads = threads;
    Model m(p);
    REQUIRE((w != nullptr ? m.fit(train.X, train.y, *w) : m.fit(train.X, train.y)).ok());
    CHECK(fitted_state(m) == state);
    CHECK(m.predict(test.X) == pred);
    // A model fitted on 1 thread predicts the same on any count, and the reverse.
    const auto back = rg::from_bytes<Model>(rg::to_bytes(m));
    CHECK(back.predict(test.X) == pred);
  }
}

}  // namespace

TEST_SUITE("regression") {
  // 30,000 rows x 8 features: the root (240,000 row-features) and, for the exact trees, the
  // presort go parallel (detail::parallel_min_work = 131,072).
  TEST_CASE("gradient boosting - fit bit-identical on 1, 2 and 4 threads, 30000 rows") {
    const auto train = friedman_ties(30000, 41);
    const auto test = friedman_ties(2000, 42);
    SUBCASE("squared error, all features") {
      check_thread_invariance<rg::gradient_boosting_regressor>(
          {.n_estimators = 12, .learning_rate = 0.3, .max_depth = 3}, train, test, nullptr, 0.6);
    }
    SUBCASE("Huber, subsample, half the features per split, weights") {
      const Eigen::VectorXd w = tt::reference_weights(train.X.rows());
      check_thread_invariance<rg::gradient_boosting_regressor>(
          {.loss = rg::boosting_loss::huber, .n_estimators = 8, .learning_rate = 0.3,
           .max_depth = 3, .max_features_fraction = 0.5, .subsample = 0.8, .seed = 3},
          train, test, &w, 0.4);
    }
  }

  // The forest's presort goes parallel too (30,000 x 8 >= detail::parallel_min_work), as do its
  // trees.
  TEST_CASE("random forest - fit bit-identical on 1, 2 and 4 threads, 30000 rows") {
    const auto train = friedman_ties(30000, 43);
    const auto test = friedman_ties(2000, 44);
    check_thread_invariance<rg::random_forest_regressor>({.n_estimators = 6,
                                                          .max_depth = 6,
                                                          .max_features_fraction = 0.5,
                                                          .oob_score = true,
                                                          .seed = 5},
                                                         train, test, nullptr, 0.6);
  }

  TEST_CASE("hist gradient boosting - fit bit-identical on 1, 2 and 4 threads, 30000 rows") {
    const auto train = friedman_ties(30000, 43);
    const auto test = friedman_ties(2000, 44);
    SUBCASE("squared error, early stopping on") {
      check_thread_invariance<rg::hist_gradient_boosting_regressor>(
          {.learning_rate = 0.3, .max_iter = 12}, train, test, nullptr, 0.8);
    }
    SUBCASE("absolute error, subsample, weights, no early stopping") {
      const Eigen::VectorXd w = tt::reference_weights(train.X.rows());
      check_thread_invariance<rg::hist_gradient_boosting_regressor>(
          {.loss = rg::boosting_loss::absolute_error, .learning_rate = 0.3, .max_iter = 8,
           .early_stopping = rg::early_stopping_mode::off, .subsample = 0.7, .seed = 5},
          train, test, &w, 0.5);
    }
  }

  // 140,000 rows: also the row-parallel steps (gradients, raw-prediction updates, the leaf lookup
  // of the exact trees) and the chunked partition of histogram boosting's root.
  TEST_CASE("boosting - row-parallel fit steps bit-identical on 1, 2 and 4 threads, 140000 rows") {
    const auto train = friedman_ties(140000, 45);
    const auto test = friedman_ties(1000, 46);
    check_thread_invariance<rg::gradient_boosting_regressor>(
        {.n_estimators = 2, .learning_rate = 0.5, .max_depth = 2}, train, test, nullptr, 0.2);
    check_thread_invariance<rg::hist_gradient_boosting_regressor>(
        {.learning_rate = 0.5, .max_iter = 3, .max_leaf_nodes = 8,
         .early_stopping = rg::early_stopping_mode::off},
        train, test, nullptr, 0.3);
  }
}
