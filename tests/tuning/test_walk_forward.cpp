// SPDX-License-Identifier: MIT
// tests/tuning/test_walk_forward.cpp - walk-forward optimisation with a search per window
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/cmaes.hpp>
#include <quantkit/tuning/search.hpp>
#include <quantkit/tuning/walk_forward.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace tn = quantkit::tuning;
using quantkit::samplers::point;
using quantkit::samplers::space;

namespace {
// Data 0..99 where y_t = t / 10: the best "level" of a window is its mean.
double window_mean(std::size_t b, std::size_t e) {
  double s = 0.0;
  for (std::size_t t = b; t < e; ++t) s += static_cast<double>(t) / 10.0;
  return s / static_cast<double>(e - b);
}
}  // namespace

TEST_CASE("walk_forward_optimize runs a search per window and evaluates out of sample") {
  space sp;
  sp.add_real("level", 0.0, 10.0);
  auto make = [](std::size_t b, std::size_t e) {
    const double m = window_mean(b, e);
    return [m](const point& p) { return -(p[0] - m) * (p[0] - m); };
  };
  auto eval = [](const point& p, std::size_t b, std::size_t e) {
    const double m = window_mean(b, e);
    return tn::outcome{{{"objective", -(p[0] - m) * (p[0] - m)}}, {p[0] - m}};
  };
  tn::walk_forward_options wf;
  wf.in_sample = 40;
  wf.out_of_sample = 20;
  wf.tune.max_trials = 300;
  const auto r = tn::walk_forward_optimize(sp, 100, tn::cmaes_search{}, make, eval, wf);
  // Windows start at 0, 20, 40 (start + 40 < 100): OOS [40,60) [60,80) [80,100).
  REQUIRE(r.windows.size() == 3);
  CHECK(r.windows[2].is_begin == 40);
  CHECK(r.windows[2].oos_begin == 80);
  CHECK(r.windows[2].oos_end == 100);
  for (const auto& w : r.windows) {
    CHECK(w.has_best);
    CHECK(std::fabs(w.best[0] - window_mean(w.is_begin, w.is_end)) < 1e-4);
    // Out of sample the level lags by (40 + 20) / 2 / 10 = 3: metric -9.
    CHECK(w.oos_metrics[0] == doctest::Approx(-9.0).epsilon(1e-4));
  }
  CHECK(r.oos_returns.size() == 3);
  // In-sample metric ~0, so the efficiency is undefined (the IS mean is not positive).
  CHECK(std::isnan(r.efficiency));
  // Anchored: every in-sample window starts at 0.
  wf.anchored = true;
  const auto a = tn::walk_forward_optimize(sp, 100, tn::random_search{}, make, eval, wf);
  for (const auto& w : a.windows) CHECK(w.is_begin == 0);
}

TEST_CASE("optimizer adapter returns the best point for a window's data") {
  space sp;
  sp.add_real("x", 0.0, 1.0);
  auto make = [](const std::vector<double>& data) {
    const double m = std::accumulate(data.begin(), data.end(), 0.0) / static_cast<double>(data.size());
    return [m](const point& p) { return -std::fabs(p[0] - m); };
  };
  tn::tune_options o;
  o.max_trials = 200;
  auto opt = tn::optimizer(sp, tn::cmaes_search{}, make, o);
  const std::vector<double> data{0.2, 0.4};
  CHECK(std::fabs(opt(data)[0] - 0.3) < 1e-3);
}

TEST_CASE("walk_forward_optimize bad input") {
  space sp;
  sp.add_real("x", 0.0, 1.0);
  auto make = [](std::size_t, std::size_t) { return [](const point& p) { return p[0]; }; };
  auto eval = [](const point& p, std::size_t, std::size_t) { return p[0]; };
  tn::walk_forward_options wf;
  wf.out_of_sample = 5;
  CHECK_THROWS_WITH_AS(tn::walk_forward_optimize(sp, 100, tn::random_search{}, make, eval, wf),
                       "quantkit::tuning::walk_forward_optimize: options.in_sample must be > 0 (got 0)",
                       quantkit::invalid_argument);
  wf.in_sample = 100;
  CHECK_THROWS_AS(tn::walk_forward_optimize(sp, 100, tn::random_search{}, make, eval, wf),
                  quantkit::invalid_argument);
  wf.in_sample = 10;
  wf.out_of_sample = 0;
  CHECK_THROWS_AS(tn::walk_forward_optimize(sp, 100, tn::random_search{}, make, eval, wf),
                  quantkit::invalid_argument);
}
