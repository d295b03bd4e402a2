// SPDX-License-Identifier: MIT
// tests/tuning/test_pareto.cpp - non-dominated sorting, crowding distance, NSGA-II on ZDT1
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/pareto.hpp>
#include <quantkit/tuning/tune.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace tn = quantkit::tuning;
using quantkit::samplers::point;
using quantkit::samplers::space;

TEST_CASE("non_dominated_sort by hand") {
  // Maximize both. Points: 0 (1,5) 1 (2,4) 2 (3,1) 3 (1,1) 4 (2,2) 5 (0,0) 6 (2,4) (tie of 1).
  // Front 0: 0, 1, 2, 6 (none dominates another; 1 and 6 are equal, so neither dominates).
  // Front 1: 4 (dominated by 1); 3 is dominated by 4, so front 2: 3; front 3: 5.
  const std::vector<double> v{1, 5, 2, 4, 3, 1, 1, 1, 2, 2, 0, 0, 2, 4};
  const auto f = tn::non_dominated_sort(v, 2);
  REQUIRE(f.size() == 4);
  CHECK(f[0] == std::vector<std::size_t>{0, 1, 2, 6});
  CHECK(f[1] == std::vector<std::size_t>{4});
  CHECK(f[2] == std::vector<std::size_t>{3});
  CHECK(f[3] == std::vector<std::size_t>{5});
  // NaN ranks last.
  const std::vector<double> w{1, 1, std::numeric_limits<double>::quiet_NaN(), 9};
  const auto g = tn::non_dominated_sort(w, 2);
  CHECK(g[0] == std::vector<std::size_t>{0, 1});  // (1,1) vs (-inf, 9): neither dominates
}

TEST_CASE("crowding_distance by hand") {
  // Front (1,5) (2,4) (3,1): objective 0 range 2, objective 1 range 4. Middle point (2,4):
  // (3 - 1) / 2 + (5 - 1) / 4 = 2; extremes +inf.
  const std::vector<double> v{1, 5, 2, 4, 3, 1};
  const std::vector<std::size_t> front{0, 1, 2};
  const auto d = tn::crowding_distance(v, 2, front);
  CHECK(std::isinf(d[0]));
  CHECK(d[1] == 2.0);
  CHECK(std::isinf(d[2]));
  // Four points on a line x + y = 4: (0,4) (1,3) (3,1) (4,0): inner gaps (3-0)/4 + (4-1)/4 = 1.5
  // and (4-1)/4 + (3-0)/4 = 1.5.
  const std::vector<double> l{0, 4, 1, 3, 3, 1, 4, 0};
  const std::vector<std::size_t> f4{0, 1, 2, 3};
  const auto d4 = tn::crowding_distance(l, 2, f4);
  CHECK(d4[1] == 1.5);
  CHECK(d4[2] == 1.5);
}

TEST_CASE("NSGA-II approaches the ZDT1 front") {
  // ZDT1 (Zitzler, Deb & Thiele 2000), 5 variables in [0, 1], minimize f1 = x1 and
  // f2 = g (1 - sqrt(f1 / g)), g = 1 + 9 sum(x2..x5) / 4. The Pareto front is g = 1:
  // f2 = 1 - sqrt(f1).
  space sp;
  for (int i = 0; i < 5; ++i) sp.add_real("x" + std::to_string(i), 0.0, 1.0);
  auto zdt1 = [](const point& p) {
    double s = 0.0;
    for (std::size_t i = 1; i < 5; ++i) s += p[i];
    const double g = 1.0 + 9.0 * s / 4.0;
    const double f1 = p[0];
    return tn::outcome{{{"f1", f1}, {"f2", g * (1.0 - std::sqrt(f1 / g))}}, {}};
  };
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    tn::nsga2_options no;
    no.objectives = {{0, tn::goal::minimize}, {1, tn::goal::minimize}};
    tn::tune_options o;
    o.max_trials = 3000;
    o.seed = seed;
    o.direction = tn::goal::minimize;
    const auto st = tn::tune(sp, tn::nsga2_search(no), zdt1, o);
    const auto front = tn::pareto_front(st, no.objectives);
    CAPTURE(seed);
    // The study-wide front also holds early extreme points (the smallest f1 ever seen is always
    // non-dominated), so count the front points close to the true front and their spread.
    std::size_t close = 0;
    double lo = 1.0;
    double hi = 0.0;
    for (std::size_t i : front) {
      const double f1 = st.trials[i].metrics[0];
      const double f2 = st.trials[i].metrics[1];
      if (f2 - (1.0 - std::sqrt(f1)) >= 0.02) continue;
      ++close;
      lo = std::min(lo, f1);
      hi = std::max(hi, f1);
    }
    CHECK(close >= 60);
    CHECK(lo < 0.2);  // and the close points spread over most of f1 in [0, 1]
    CHECK(hi > 0.9);
  }
}

TEST_CASE("pareto bad input") {
  const std::vector<double> v{1, 2, 3};
  CHECK_THROWS_WITH_AS(tn::non_dominated_sort(v, 2),
                       "quantkit::tuning::non_dominated_sort: values size must be a multiple of "
                       "the number of objectives (2) (got 3)",
                       quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::non_dominated_sort(v, 0), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::crowding_distance(v, 2, std::vector<std::size_t>{0}), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::nsga2_search(tn::nsga2_options{}), quantkit::invalid_argument);
  tn::nsga2_options odd;
  odd.objectives = {{0, tn::goal::maximize}};
  odd.population = 5;
  CHECK_THROWS_AS(tn::nsga2_search{odd}, quantkit::invalid_argument);
  tn::study<point> st;
  st.metric_names = {"a"};
  const std::vector<tn::objective_spec> bad{{3, tn::goal::maximize}};
  CHECK_THROWS_AS(tn::pareto_front(st, bad), quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::pareto_front(st, std::span<const tn::objective_spec>{}), quantkit::invalid_argument);
}
