// SPDX-License-Identifier: MIT
// tests/tuning/test_cmaes.cpp - CMA-ES on functions with known optima (Rosenbrock: 0 at
// (1, ..., 1); Ackley: 0 at the origin; Hartmann-6: -3.32237), several seeds; bad input
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/cmaes.hpp>
#include <quantkit/tuning/test_functions.hpp>
#include <quantkit/tuning/tune.hpp>

#include "tuning/search_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>

namespace tn = quantkit::tuning;
namespace tf = quantkit::tuning::test_functions;
using quantkit::samplers::point;
using quantkit::samplers::space;
using quantkit::test::search::ackley;
using quantkit::test::search::best_of;
using quantkit::test::search::box;
using quantkit::test::search::hart6;
using quantkit::test::search::rosen;

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

TEST_CASE("cmaes_search bad input") {
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
