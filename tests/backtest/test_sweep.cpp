// SPDX-License-Identifier: MIT
#include <quantkit/backtest/sweep.hpp>
#include <quantkit/costs/models.hpp>
#include <quantkit/strategies/ma_crossover.hpp>

#include "bt_support.hpp"
#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace backtest_test_sweep {  // own scope for unity builds

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;

namespace {
struct pair {
  std::size_t fast = 0;
  std::size_t slow = 0;
};
}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("sweep: one summary per grid point, equal to a direct run, for any thread count") {
    const auto bars = qk::test::random_walk_bars(3000, 11);
    std::vector<pair> grid;
    for (std::size_t f : {5u, 10u, 20u}) {
      for (std::size_t s : {30u, 60u}) grid.push_back({f, s});
    }
    auto make = [](const pair& p) { return qs::ma_crossover<>({.fast = p.fast, .slow = p.slow}); };
    bt::sweep_options one;
    one.parallel.threads = 1;
    bt::sweep_options two;
    two.parallel.threads = 2;
    const auto a =
        bt::sweep(bars, std::span<const pair>(grid), make, qk::costs::percentage(1.0), {}, one);
    const auto b =
        bt::sweep(bars, std::span<const pair>(grid), make, qk::costs::percentage(1.0), {}, two);
    REQUIRE(a.size() == grid.size());
    for (std::size_t i = 0; i < grid.size(); ++i) {
      CHECK(a[i].ok);
      CHECK(a[i].params.fast == grid[i].fast);
      CHECK(a[i].summary.final_equity == b[i].summary.final_equity);
      CHECK(a[i].summary.sharpe == b[i].summary.sharpe);
      const auto direct = bt::run(bars, make(grid[i]), qk::costs::percentage(1.0));
      CHECK(a[i].summary.final_equity == direct.final_equity);
      CHECK(a[i].summary.trades == direct.trades.size());
      CHECK_FALSE(a[i].full.has_value());
      // The memory-light fast path summarizes online; the numbers are the stored curve's, bit for bit.
      const auto ds = bt::summarize(direct);
      CHECK(qk::test::same_bits(a[i].summary.sharpe, ds.sharpe));
      CHECK(qk::test::same_bits(a[i].summary.max_drawdown, ds.max_drawdown));
      CHECK(qk::test::same_bits(a[i].summary.cagr, ds.cagr));
    }
    bt::sweep_options keep;
    keep.keep_results = true;
    const auto k = bt::sweep(bars, std::span<const pair>(grid).first(1), make,
                             qk::costs::zero_cost{}, {}, keep);
    REQUIRE(k[0].full.has_value());
    CHECK(k[0].full->equity.size() == bars.size());
    const auto ks = bt::summarize(*k[0].full);
    CHECK(qk::test::same_bits(k[0].summary.sharpe, ks.sharpe));
    CHECK(qk::test::same_bits(k[0].summary.max_drawdown, ks.max_drawdown));
  }

  TEST_CASE("sweep: the online summary matches the stored curve when the position is kept open") {
    const auto bars = qk::test::random_walk_bars(800, 11);
    const std::vector<pair> grid{{5, 30}, {10, 40}};
    auto make = [](const pair& p) { return qs::ma_crossover<>({.fast = p.fast, .slow = p.slow}); };
    bt::options o;
    o.close_at_end = false;
    const auto r = bt::sweep(bars, std::span<const pair>(grid), make, qk::costs::percentage(2.0), o);
    for (std::size_t i = 0; i < grid.size(); ++i) {
      REQUIRE(r[i].ok);
      const auto ds = bt::summarize(bt::run(bars, make(grid[i]), qk::costs::percentage(2.0), o));
      CHECK(qk::test::same_bits(r[i].summary.sharpe, ds.sharpe));
      CHECK(qk::test::same_bits(r[i].summary.max_drawdown, ds.max_drawdown));
      CHECK(r[i].summary.final_equity == ds.final_equity);
    }
  }

  TEST_CASE("sweep: the engine path summarizes runs even when equity recording is off") {
    // A finite position limit takes the engine path (the fast path has no risk rules).
    const auto bars = qk::test::random_walk_bars(1500, 11);
    const std::vector<pair> grid{{5, 30}, {10, 60}};
    auto make = [](const pair& p) { return qs::ma_crossover<>({.fast = p.fast, .slow = p.slow}); };
    bt::options opt;
    opt.risk.max_position = 1e12;
    opt.record_equity = false;
    const auto out = bt::sweep(bars, std::span<const pair>(grid), make, qk::costs::percentage(1.0),
                               opt);
    bt::options with_curve = opt;
    with_curve.record_equity = true;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      REQUIRE(out[i].ok);
      const auto direct =
          bt::summarize(bt::run(bars, make(grid[i]), qk::costs::percentage(1.0), with_curve));
      CHECK(out[i].summary.sharpe == direct.sharpe);
      CHECK(out[i].summary.max_drawdown == direct.max_drawdown);
      CHECK_FALSE(std::isnan(out[i].summary.sharpe));
    }
  }

  TEST_CASE("sweep: a failing run is recorded, the others are kept") {
    const auto bars = qk::test::random_walk_bars(500, 11);
    const std::vector<pair> grid{{5, 30}, {30, 5}, {10, 40}};  // the second is invalid
    auto make = [](const pair& p) { return qs::ma_crossover<>({.fast = p.fast, .slow = p.slow}); };
    const auto r = bt::sweep(bars, std::span<const pair>(grid), make);
    CHECK(r[0].ok);
    CHECK_FALSE(r[1].ok);
    CHECK(r[1].error == "quantkit::strategies::ma_crossover: slow must be > fast (got 5)");
    CHECK(r[1].params.fast == 30);
    CHECK(r[2].ok);
  }
}

}  // namespace backtest_test_sweep
