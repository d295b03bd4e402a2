// SPDX-License-Identifier: MIT
// tests/tuning/test_guards.cpp - overfitting guards: noise studies are flagged, a real edge
// passes, missing return series give "unknown"
#include <quantkit/samplers/grid.hpp>
#include <quantkit/samplers/space.hpp>
#include <quantkit/stats/sharpe_inference.hpp>
#include <quantkit/tuning/guards.hpp>
#include <quantkit/tuning/search.hpp>
#include <quantkit/tuning/tune.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace tn = quantkit::tuning;
using quantkit::samplers::point;
using quantkit::samplers::space;

namespace {
// 50 "strategies" (trial k = integer parameter k): returns N(mu_k, 0.01^2), T = 480, seeded by k.
tn::study<point> study_of(double edge_of_strategy_7) {
  space sp;
  sp.add_int("k", 0, 49);
  auto obj = [edge_of_strategy_7](const point& p) {
    const auto k = static_cast<std::uint64_t>(p[0]);
    quantkit::rng g(99, k);
    std::vector<double> r(480);
    const double mu = k == 7 ? edge_of_strategy_7 : 0.0;
    for (auto& x : r) x = mu + 0.01 * quantkit::normal(g);
    const double sr = quantkit::stats::sharpe_statistics(r).sr;
    return tn::outcome{{{"sharpe", sr}}, r};
  };
  quantkit::samplers::grid_sampler grid;
  grid.levels = 50;
  tn::tune_options o;
  o.max_trials = 50;
  return tn::tune(sp, tn::grid_search(grid), obj, o);
}
}  // namespace

TEST_CASE("overfitting guards flag the best of pure noise") {
  const auto st = study_of(0.0);
  REQUIRE(st.trials.size() == 50);
  const auto g = tn::overfitting_guards(st);
  CHECK(g.n_trials == 50);
  // The guard reports exactly the stats layer's DSR of the winner against all 50 Sharpe ratios.
  std::vector<double> sharpes;
  for (const auto& t : st.trials) sharpes.push_back(t.metrics[0]);
  const auto ref = quantkit::stats::deflated_sharpe_ratio(st.best().returns, sharpes);
  CHECK(g.dsr.dsr == ref.dsr);
  CHECK(g.dsr.dsr < 0.5);
  CHECK(g.pbo.n_splits == 12870);  // C(16, 8)
  CHECK(g.pbo.pbo > 0.3);
  CHECK(g.verdict == "likely overfit");
  CHECK(g.explanation.find("Do not trust the winner") == 0);
}

TEST_CASE("overfitting guards pass a real edge") {
  // Strategy 7 earns 0.3 sd per period: its Sharpe ratio is far above the noise maximum.
  const auto st = study_of(0.003);
  CHECK(st.best().point[0] == 7.0);
  const auto g = tn::overfitting_guards(st);
  CHECK(g.dsr.dsr > 0.99);
  CHECK(g.pbo.pbo < 0.05);
  CHECK(g.verdict == "robust");
}

TEST_CASE("overfitting guards without return series") {
  space sp;
  sp.add_real("x", 0.0, 1.0);
  tn::tune_options o;
  o.max_trials = 10;
  const auto st = tn::tune(sp, tn::random_search{}, [](const point& p) { return p[0]; }, o);
  const auto g = tn::overfitting_guards(st);
  CHECK(g.verdict == "unknown");
  CHECK(std::isnan(g.dsr.dsr));
  CHECK(std::isnan(g.pbo.pbo));
  CHECK_FALSE(g.notes.empty());
}

TEST_CASE("overfitting guards bad input") {
  tn::study<point> st;
  tn::guard_options o;
  o.min_dsr = 1.5;
  CHECK_THROWS_WITH_AS(tn::overfitting_guards(st, o),
                       "quantkit::tuning::overfitting_guards: options.min_dsr must be in [0, 1] (got 1.5)",
                       quantkit::invalid_argument);
  o.min_dsr = 0.95;
  o.n_chunks = 3;
  CHECK_THROWS_AS(tn::overfitting_guards(st, o), quantkit::invalid_argument);
  o.n_chunks = 16;
  o.pbo_warn = 0.1;
  CHECK_THROWS_AS(tn::overfitting_guards(st, o), quantkit::invalid_argument);
}
