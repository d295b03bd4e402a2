// SPDX-License-Identifier: MIT
#include <quantkit/backtest/walk_forward.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/costs/models.hpp>
#include <quantkit/strategies/ma_crossover.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <vector>

namespace backtest_test_walk_forward {  // own scope for unity builds

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;

namespace {
qk::bar_series walk(std::size_t n) {
  qk::rng g(5);
  qk::bar_series s;
  double c = 100.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double o = c;
    c = o * std::exp(0.0003 + 0.01 * qk::normal(g));
    s.push_back(
        {qk::days(static_cast<std::int64_t>(i)), o, std::max(o, c), std::min(o, c), c, 1e6});
  }
  return s;
}
using params = qs::ma_crossover_params;
auto make = [](const params& p) { return qs::ma_crossover<>(p); };

// A small grid search on the in-sample bars: the best final equity.
params optimize(qk::bar_series_view is) {
  params best{};
  double best_eq = -1.0;
  for (std::size_t f : {5u, 10u, 20u}) {
    for (std::size_t s : {40u, 80u}) {
      const params p{.fast = f, .slow = s};
      const double eq = bt::run(is, make(p), qk::costs::percentage(1.0)).final_equity;
      if (eq > best_eq) {
        best_eq = eq;
        best = p;
      }
    }
  }
  return best;
}
}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE(
      "walk_forward: rolling windows, in-sample optimization, stitched out-of-sample equity") {
    const auto bars = walk(2000);
    bt::walk_forward_options wf;
    wf.in_sample = 500;
    wf.out_of_sample = 250;
    wf.warmup = 100;
    const auto r = bt::walk_forward(bars, optimize, make, qk::costs::percentage(1.0), {}, wf);
    // windows start at 0, 250, ..., 1250: OOS [500, 750), ..., [1750, 2000)
    REQUIRE(r.windows.size() == 6);
    CHECK(r.windows[0].is_begin == 0);
    CHECK(r.windows[0].oos_begin == 500);
    CHECK(r.windows[5].is_begin == 1250);
    CHECK(r.windows[5].oos_end == 2000);
    CHECK(r.equity.size() == 1500);
    CHECK(r.times.front() == bars.times()[500]);
    // Each window's chosen parameters are the in-sample optimum, independently recomputed.
    for (const auto& w : r.windows) {
      const auto p = optimize(bars.slice(w.is_begin, w.is_end - w.is_begin));
      CHECK(w.params.fast == p.fast);
      CHECK(w.params.slow == p.slow);
      for (const auto& t : w.oos_trades) CHECK(t.entry_index >= 100);  // no trade in the warm-up
    }
    // Stitching: each window compounds from the previous end.
    double level = 100'000.0;
    for (std::size_t i = 0; i < r.windows.size(); ++i) {
      level *= 1.0 + r.windows[i].out_of_sample.total_return;
    }
    CHECK(r.equity.back() == quantkit::test::approx(level, 1e-12));
    CHECK(r.out_of_sample.final_equity == r.equity.back());
    double is_mean = 0.0;
    for (const auto& w : r.windows) is_mean += w.in_sample.cagr / 6.0;
    if (is_mean > 0.0) {
      CHECK(r.efficiency == quantkit::test::approx(r.out_of_sample.cagr / is_mean, 1e-12));
    } else {
      CHECK(std::isnan(r.efficiency));
    }
  }

  TEST_CASE("walk_forward: anchored windows, deterministic across threads, bad layouts throw") {
    const auto bars = walk(1200);
    bt::walk_forward_options wf;
    wf.in_sample = 400;
    wf.out_of_sample = 300;
    wf.anchored = true;
    wf.parallel.threads = 1;
    const auto a = bt::walk_forward(bars, optimize, make, qk::costs::percentage(1.0), {}, wf);
    wf.parallel.threads = 3;
    const auto b = bt::walk_forward(bars, optimize, make, qk::costs::percentage(1.0), {}, wf);
    REQUIRE(a.windows.size() == 3);
    CHECK(a.windows[2].is_begin == 0);
    CHECK(a.windows[2].is_end == 1000);
    CHECK(a.windows[2].oos_end == 1200);  // the last window is shorter
    CHECK(a.equity == b.equity);
    bt::walk_forward_options bad;
    bad.in_sample = 0;
    bad.out_of_sample = 10;
    CHECK_THROWS_AS(bt::walk_forward(bars, optimize, make, qk::costs::zero_cost{}, {}, bad),
                    quantkit::invalid_argument);
    bad.in_sample = 1200;
    CHECK_THROWS_AS(bt::walk_forward(bars, optimize, make, qk::costs::zero_cost{}, {}, bad),
                    quantkit::invalid_argument);
  }
}

}  // namespace backtest_test_walk_forward
