// SPDX-License-Identifier: MIT
// tests/tuning/test_evolutionary.cpp - genetic algorithm and CMA-ES on functions with known optima
// (Rosenbrock: 0 at (1, ..., 1); Ackley: 0 at the origin; Hartmann-6: -3.32237), several seeds
#include <quantkit/samplers/sampler.hpp>
#include <quantkit/samplers/space.hpp>

#include <quantkit/tuning/cmaes.hpp>
#include <quantkit/tuning/genetic.hpp>
#include <quantkit/tuning/test_functions.hpp>
#include <quantkit/tuning/tune.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>

namespace tn = quantkit::tuning;
namespace tf = quantkit::tuning::test_functions;
using quantkit::samplers::point;
using quantkit::samplers::space;

namespace {
space box(std::size_t d, double lo, double hi) {
  space s;
  for (std::size_t i = 0; i < d; ++i) s.add_real("x" + std::to_string(i), lo, hi);
  return s;
}
auto rosen = [](const point& p) { return tf::rosenbrock(p.values()); };
auto ackley = [](const point& p) { return tf::ackley(p.values()); };
auto hart6 = [](const point& p) { return tf::hartmann6(p.values()); };

template <class Search, class F>
double best_of(const space& sp, Search s, F f, std::size_t budget, std::uint64_t seed) {
  tn::tune_options o;
  o.direction = tn::goal::minimize;
  o.max_trials = budget;
  o.seed = seed;
  o.parallel.threads = 1;
  const auto st = tn::tune(sp, s, f, o);
  return st.best().metrics[0];
}
}  // namespace

TEST_CASE("CMA-ES finds the Rosenbrock minimum in 2 and 5 dimensions") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    const double b2 = best_of(box(2, -2.0, 2.0), tn::cmaes_search{}, rosen, 1500, seed);
    CHECK(b2 < 1e-8);
    const double b5 = best_of(box(5, -2.0, 2.0), tn::cmaes_search{}, rosen, 6000, seed);
    CHECK(b5 < 1e-6);
  }
}

TEST_CASE("CMA-ES finds the Ackley minimum with IPOP restarts") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    const double b = best_of(box(5, -32.768, 32.768), tn::cmaes_search{}, ackley, 8000, seed);
    CHECK(b < 1e-4);
  }
}

TEST_CASE("CMA-ES finds the Hartmann-6 minimum") {
  int hits = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const double b = best_of(box(6, 0.0, 1.0), tn::cmaes_search{}, hart6, 3000, seed);
    if (std::fabs(b - tf::hartmann6_minimum) < 1e-4) ++hits;
  }
  CHECK(hits >= 4);
}

TEST_CASE("genetic algorithm approaches the Rosenbrock and Ackley minima") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    const double r = best_of(box(2, -2.0, 2.0), tn::genetic_search{}, rosen, 4000, seed);
    CHECK(r < 1e-2);  // a GA refines slowly; the budget shows the valley is found
    const double a = best_of(box(2, -32.768, 32.768), tn::genetic_search{}, ackley, 4000, seed);
    CHECK(a < 0.1);  // Ackley local minima are >= 2.5: < 0.1 means the global basin
  }
}

TEST_CASE("genetic algorithm handles integer and categorical dimensions") {
  // Optimum: x = 0.3, n = 7, label 2; a categorical choice has no order.
  space sp;
  sp.add_real("x", 0.0, 1.0).add_int("n", 0, 20).add_categorical("c", {"a", "b", "c", "d"});
  auto f = [](const point& p) {
    const double cat[4] = {0.5, 0.2, 0.0, 0.9};
    return (p[0] - 0.3) * (p[0] - 0.3) + 0.01 * (p[1] - 7) * (p[1] - 7) + cat[static_cast<int>(p[2])];
  };
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    tn::tune_options o;
    o.direction = tn::goal::minimize;
    o.max_trials = 600;
    o.seed = seed;
    const auto st = tn::tune(sp, tn::genetic_search{}, f, o);
    CAPTURE(seed);
    CHECK(st.best().point[1] == 7.0);
    CHECK(st.best().point[2] == 2.0);
    CHECK(std::fabs(st.best().point[0] - 0.3) < 0.02);
  }
}

TEST_CASE("evolutionary searches bad input") {
  CHECK_THROWS_WITH_AS(tn::genetic_search(tn::genetic_options{.population = 2}),
                       "quantkit::tuning::genetic_search: population must be >= 4 (got 2)",
                       quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::genetic_search(tn::genetic_options{.tournament = 0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::genetic_search(tn::genetic_options{.crossover = 1.5}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::genetic_search(tn::genetic_options{.mutation_scale = 0.0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::genetic_search(tn::genetic_options{.elites = 32}), quantkit::invalid_argument);
  CHECK_THROWS_WITH_AS(tn::cmaes_search(tn::cmaes_options{.sigma0 = -1.0}),
                       "quantkit::tuning::cmaes_search: sigma0 must be finite and > 0 (got -1)",
                       quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::cmaes_search(tn::cmaes_options{.lambda = 1}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::cmaes_search(tn::cmaes_options{.x0 = {0.5, 2.0}}), quantkit::invalid_argument);
  space cat;
  cat.add_real("x", 0, 1).add_categorical("c", {"a", "b", "c"});
  tn::tune_options o;
  o.max_trials = 10;
  CHECK_THROWS_AS(tn::tune(cat, tn::cmaes_search{}, [](const point& p) { return p[0]; }, o),
                  quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::tune(box(2, 0, 1), tn::cmaes_search(tn::cmaes_options{.x0 = {0.5}}),
                           [](const point& p) { return p[0]; }, o),
                  quantkit::invalid_argument);
}
