// SPDX-License-Identifier: MIT
// tests/tuning/test_bayes.cpp - Bayesian optimisation on Branin (0.397887) and Hartmann-6
// (-3.32237), mixed spaces, batch proposals, determinism across thread counts
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/bayes.hpp>
#include <quantkit/tuning/search.hpp>
#include <quantkit/tuning/test_functions.hpp>
#include <quantkit/tuning/tune.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace tn = quantkit::tuning;
namespace tf = quantkit::tuning::test_functions;
using quantkit::samplers::point;
using quantkit::samplers::space;

namespace {
space branin_space() {
  space s;
  s.add_real("x1", -5.0, 10.0).add_real("x2", 0.0, 15.0);
  return s;
}
auto branin = [](const point& p) { return tf::branin(p[0], p[1]); };
}  // namespace

TEST_CASE("acquisition functions by hand") {
  // EI at mu = best: imp = 0, EI = sd phi(0) = sd / sqrt(2 pi); PI = 0.5; LCB = mu + kappa sd.
  using tn::acquisition;
  CHECK(tn::detail::acquisition_value(acquisition::expected_improvement, 1.0, 2.0, 1.0, 0.0, 2.0) ==
        doctest::Approx(2.0 * 0.3989422804014327).epsilon(1e-14));
  CHECK(tn::detail::acquisition_value(acquisition::probability_of_improvement, 1.0, 2.0, 1.0, 0.0, 2.0) ==
        doctest::Approx(0.5).epsilon(1e-15));
  CHECK(tn::detail::acquisition_value(acquisition::lower_confidence_bound, 1.0, 2.0, 1.0, 0.0, 2.0) == 5.0);
  // EI with imp = 1, sd = 1: 1 Phi(1) + phi(1) = 0.8413447460685429 + 0.24197072451914337
  // (0.5 erfc(-1 / sqrt 2) and exp(-1/2) / sqrt(2 pi), Python math module).
  CHECK(tn::detail::acquisition_value(acquisition::expected_improvement, 2.0, 1.0, 1.0, 0.0, 2.0) ==
        doctest::Approx(0.8413447460685429 + 0.24197072451914337).epsilon(1e-12));
  // sd = 0: EI = max(imp, 0), PI = step.
  CHECK(tn::detail::acquisition_value(acquisition::expected_improvement, 0.5, 0.0, 1.0, 0.0, 2.0) == 0.0);
  CHECK(tn::detail::acquisition_value(acquisition::probability_of_improvement, 1.5, 0.0, 1.0, 0.0, 2.0) == 1.0);
}

TEST_CASE("Bayesian optimisation finds Branin's minimum within 1 percent in 50 evaluations") {
  int hits = 0;
  int random_hits = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    tn::tune_options o;
    o.direction = tn::goal::minimize;
    o.max_trials = 50;
    o.seed = seed;
    const auto st = tn::tune(branin_space(), tn::bayes_search<>{}, branin, o);
    const double b = st.best().metrics[0];

    if (b <= tf::branin_minimum * 1.01) ++hits;
    const auto rs = tn::tune(branin_space(), tn::random_search{}, branin, o);
    if (rs.best().metrics[0] <= tf::branin_minimum * 1.01) ++random_hits;
  }
  CHECK(hits >= 4);
  CHECK(random_hits <= 1);  // random search with the same budget rarely gets there
}

TEST_CASE("Bayesian batches are bit-identical for 1 and 2 threads, every strategy") {
  for (auto strat : {tn::batch_strategy::kriging_believer, tn::batch_strategy::constant_liar_min,
                     tn::batch_strategy::constant_liar_mean, tn::batch_strategy::constant_liar_max}) {
    tn::bayes_options bo;
    bo.batch = 4;
    bo.strategy = strat;
    bo.candidates = 300;
    tn::tune_options o;
    o.direction = tn::goal::minimize;
    o.max_trials = 21;
    o.seed = 11;
    o.parallel.threads = 1;
    const auto a = tn::tune(branin_space(), tn::bayes_search<>(bo), branin, o);
    o.parallel.threads = 2;
    const auto b = tn::tune(branin_space(), tn::bayes_search<>(bo), branin, o);
    REQUIRE(a.trials.size() == 21);
    CHECK(a.rounds == 5);  // 5 initial LHS points (2 d + 1), then 4 batches of 4
    for (std::size_t i = 0; i < a.trials.size(); ++i) CHECK(a.trials[i].unit == b.trials[i].unit);
    // The 4 points of a batch are distinct.
    for (std::size_t i = 5; i < 21; i += 4) {
      for (std::size_t j = i; j < i + 4; ++j) {
        for (std::size_t k = j + 1; k < i + 4; ++k) CHECK(a.trials[j].unit != a.trials[k].unit);
      }
    }
  }
}

TEST_CASE("Bayesian optimisation on integer and categorical dimensions") {
  // Optimum n = 7, label "c", x = 0.25: categorical labels have no order (c is best, a worst).
  space sp;
  sp.add_real("x", 0.0, 1.0).add_int("n", 0, 15).add_categorical("k", {"a", "b", "c", "d"});
  auto f = [](const point& p) {
    const double cat[4] = {1.0, 0.4, 0.0, 0.6};
    return (p[0] - 0.25) * (p[0] - 0.25) + 0.01 * (p[1] - 7) * (p[1] - 7) + cat[static_cast<int>(p[2])];
  };
  tn::bayes_options bo;
  bo.candidates = 500;
  tn::tune_options o;
  o.direction = tn::goal::minimize;
  o.max_trials = 40;
  o.seed = 5;
  const auto st = tn::tune(sp, tn::bayes_search<>(bo), f, o);
  CHECK(st.best().point[2] == 2.0);
  CHECK(std::fabs(st.best().point[1] - 7.0) <= 1.0);
  CHECK(st.best().metrics[0] < 0.02);
  // Every proposal is a valid point of the space (integer n, label index).
  for (const auto& t : st.trials) {
    CHECK(t.point[1] == std::floor(t.point[1]));
    CHECK(t.point[2] == std::floor(t.point[2]));
  }
}

namespace {
// A GP that logs how bayes_search fitted it each round: 'f' fit (restarts), 'r' refine (one warm
// start), 'k' refit (hyperparameters kept).
struct logging_gp : quantkit::regression::gaussian_process {
  std::string* log = nullptr;
  explicit logging_gp(std::string* l)
      : quantkit::regression::gaussian_process(tn::bayes_search<>::default_surrogate()), log(l) {}
  quantkit::regression::fit_report fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    *log += 'f';
    return gaussian_process::fit(x, y);
  }
  quantkit::regression::fit_report refine(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    *log += 'r';
    return gaussian_process::refine(x, y);
  }
  quantkit::regression::fit_report refit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    *log += 'k';
    return gaussian_process::refit(x, y);
  }
};
}  // namespace

TEST_CASE("bayes_search fits, refines or refits the surrogate on the documented schedule") {
  // Rounds 1..12 after the initial design, one point each. hyper_every = 2: rounds 1, 3, 5, ...
  // re-optimise hyperparameters, the others refit. restart_every = 3: the 1st, 4th, 7th ... of
  // those re-optimisations is a full fit, the others a refine.
  std::string log;
  tn::tune_options o;
  o.direction = tn::goal::minimize;
  o.max_trials = 5 + 12;  // initial design: max(2 d + 1, 5) = 5 points
  o.seed = 3;
  tn::bayes_options bo;
  bo.hyper_every = 2;
  bo.restart_every = 3;
  const auto st = tn::tune(branin_space(), tn::bayes_search<logging_gp>(bo, logging_gp(&log)), branin, o);
  CHECK(st.trials.size() == 17);
  CHECK(log == "fkrkrkfkrkrk");
  // The defaults: re-optimise every round, a full fit every 10th time.
  log.clear();
  const auto d = tn::tune(branin_space(), tn::bayes_search<logging_gp>({}, logging_gp(&log)), branin, o);
  CHECK(d.trials.size() == 17);
  CHECK(log == "frrrrrrrrrfr");
}

TEST_CASE("bayes_search bad input") {
  CHECK_THROWS_WITH_AS(tn::bayes_search<>(tn::bayes_options{.batch = 0}),
                       "quantkit::tuning::bayes_search: batch must be >= 1 (got 0)",
                       quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::bayes_search<>(tn::bayes_options{.xi = -1.0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::bayes_search<>(tn::bayes_options{.kappa = -1.0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::bayes_search<>(tn::bayes_options{.candidates = 0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::bayes_search<>(tn::bayes_options{.hyper_every = 0}), quantkit::invalid_argument);
  CHECK_THROWS_WITH_AS(tn::bayes_search<>(tn::bayes_options{.restart_every = 0}),
                       "quantkit::tuning::bayes_search: restart_every must be >= 1 (got 0)",
                       quantkit::invalid_argument);
}
