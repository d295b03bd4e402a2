// SPDX-License-Identifier: MIT
// tests/tuning/test_genetic.cpp - the genetic algorithm on Rosenbrock and Ackley (several
// seeds), on integer and categorical dimensions; bad input
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/genetic.hpp>
#include <quantkit/tuning/test_functions.hpp>
#include <quantkit/tuning/tune.hpp>

#include "tuning/search_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>

namespace tn = quantkit::tuning;
using quantkit::samplers::point;
using quantkit::samplers::space;
using quantkit::test::search::ackley;
using quantkit::test::search::best_of;
using quantkit::test::search::box;
using quantkit::test::search::hart6;
using quantkit::test::search::rosen;

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

TEST_CASE("genetic_search bad input") {
  CHECK_THROWS_WITH_AS(tn::genetic_search(tn::genetic_options{.population = 2}),
                       "quantkit::tuning::genetic_search: population must be >= 4 (got 2)",
                       quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::genetic_search(tn::genetic_options{.tournament = 0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::genetic_search(tn::genetic_options{.crossover = 1.5}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::genetic_search(tn::genetic_options{.mutation_scale = 0.0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::genetic_search(tn::genetic_options{.elites = 32}), quantkit::invalid_argument);
}
