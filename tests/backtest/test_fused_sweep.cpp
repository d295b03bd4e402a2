// SPDX-License-Identifier: MIT
// The fused sweep kernel (shared indicator columns, online summaries) against single runs: every
// summary value bit for bit, for several option sets, cost models and strategy shapes.
#include <quantkit/backtest/engine.hpp>
#include <quantkit/backtest/summary.hpp>
#include <quantkit/backtest/sweep.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/costs/composite.hpp>
#include <quantkit/costs/models.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/sma.hpp>
#include <quantkit/stats/running_moments.hpp>
#include <quantkit/strategies/ma_crossover.hpp>

#include "support/approx.hpp"

#include "backtest/bt_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
namespace ind = quantkit::indicators;

namespace {

struct pair {
  std::size_t fast = 0;
  std::size_t slow = 0;
};

std::vector<pair> pair_grid() {
  std::vector<pair> grid;
  // 4 x 5 pairs plus pairs whose fast length is another pair's slow length (shared columns across
  // the two slots) and repeated pairs; 27 in all (3 groups of the kernel, the last one partial).
  for (std::size_t f : {3u, 5u, 8u, 13u}) {
    for (std::size_t s : {20u, 21u, 34u, 55u, 89u}) grid.push_back({f, s});
  }
  grid.push_back({20, 34});
  grid.push_back({21, 55});
  grid.push_back({34, 89});
  grid.push_back({5, 20});
  grid.push_back({1, 2});
  grid.push_back({2, 3});
  grid.push_back({55, 89});
  return grid;
}

void check_same(const bt::run_summary& a, const bt::run_summary& b) {
  CHECK(qk::test::same_bits(a.final_equity, b.final_equity));
  CHECK(qk::test::same_bits(a.total_return, b.total_return));
  CHECK(qk::test::same_bits(a.cagr, b.cagr));
  CHECK(qk::test::same_bits(a.sharpe, b.sharpe));
  CHECK(qk::test::same_bits(a.max_drawdown, b.max_drawdown));
  CHECK(qk::test::same_bits(a.win_rate, b.win_rate));
  CHECK(a.trades == b.trades);
  CHECK(qk::test::same_bits(a.costs, b.costs));
}

// Fused sweep against each pair run alone through the engine (bt::run) and summarized from its
// stored curve; and against the per-run sweep path (run_fast with an online tracker).
template <class Make, class C>
void check_grid(const qk::bar_series& bars, const std::vector<pair>& grid, Make make, C cost,
                const bt::options& o, std::size_t threads) {
  bt::sweep_options fused;
  fused.parallel.threads = threads;
  fused.periods_per_year = 252.0 * 390.0;
  bt::sweep_options alone = fused;
  alone.fused = false;
  const auto a = bt::sweep(bars, std::span<const pair>(grid), make, cost, o, fused);
  const auto b = bt::sweep(bars, std::span<const pair>(grid), make, cost, o, alone);
  REQUIRE(a.size() == grid.size());
  std::size_t traded = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    CAPTURE(i);
    CAPTURE(grid[i].fast);
    CAPTURE(grid[i].slow);
    REQUIRE(a[i].ok);
    REQUIRE(b[i].ok);
    CHECK(a[i].params.fast == grid[i].fast);
    check_same(a[i].summary, b[i].summary);
    const auto direct = bt::summarize(bt::run(bars, make(grid[i]), cost, o), 252.0 * 390.0);
    check_same(a[i].summary, direct);
    traded += a[i].summary.trades;
  }
  CHECK(traded > 10 * grid.size());  // the runs trade: the comparison covers the fill path
}

// A units-target strategy of two indicators of different types that also holds (NaN) and emits
// targets the engine rejects (infinite): exercises every branch of the target rule.
struct band_units {
  static constexpr qs::target_kind target = qs::target_kind::units;
  std::size_t fast = 5;
  std::size_t slow = 20;
  ind::ema f{5};
  ind::sma s{20};
  band_units() = default;
  explicit band_units(const pair& p) : fast(p.fast), slow(p.slow), f(p.fast), s(p.slow) {}
  double on_bar(const qk::bar& b, const qs::context&) {
    const double x = f.update(b.close);
    const double y = s.update(b.close);
    return target_from({x, f.ready()}, {y, s.ready()});
  }
  void reset() {
    f.reset();
    s.reset();
  }
  [[nodiscard]] std::tuple<ind::ema, ind::sma> close_indicators() const {
    return {ind::ema(fast), ind::sma(slow)};
  }
  [[nodiscard]] double target_from(const qs::indicator_reading& a,
                                   const qs::indicator_reading& b) const noexcept {
    if (!a.ready || !b.ready) return std::numeric_limits<double>::quiet_NaN();
    const double r = a.value / b.value;
    if (r > 1.02) return std::numeric_limits<double>::infinity();
    if (r > 1.001) return 300.0;
    if (r < 0.999) return -200.0;
    return std::numeric_limits<double>::quiet_NaN();
  }
};
static_assert(qs::IndicatorTargetStrategy<band_units>);
static_assert(qs::IndicatorTargetStrategy<qs::ma_crossover<ind::ema, ind::sma>>);
}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("fused sweep: every summary equals the pair run alone, bit for bit") {
    const auto bars = quantkit::test::random_walk_bars(4000, 21);
    const auto grid = pair_grid();
    auto make = [](const pair& p) { return qs::ma_crossover<>({.fast = p.fast, .slow = p.slow}); };
    SUBCASE("next open fills, 1 bp, position left open") {
      check_grid(bars, grid, make, qk::costs::percentage(1.0), bt::options{}, 2);
    }
    SUBCASE("close at end, same-close fills, every-bar rebalancing, 1 thread") {
      bt::options o;
      o.close_at_end = true;
      o.market_fills = bt::fill_timing::same_close;
      o.rebalance = bt::rebalance_policy::every_bar;
      check_grid(bars, grid, make, qk::costs::percentage(3.0), o, 1);
    }
    SUBCASE("whole lots, a volatility-dependent cost model, 3 threads") {
      bt::options o;
      o.fractional = false;
      o.lot_size = 10.0;
      o.close_at_end = true;
      check_grid(bars, grid, make,
                 qk::costs::combine(qk::costs::percentage(0.5), qk::costs::slippage(1.0, 0.1)),
                 o, 3);
    }
    SUBCASE("long-short, an ema fast average against an sma slow one") {
      auto make_ls = [](const pair& p) {
        return qs::ma_crossover<ind::ema, ind::sma>(
            {.fast = p.fast, .slow = p.slow, .side = qs::direction::long_short});
      };
      check_grid(bars, grid, make_ls, qk::costs::percentage(1.0), bt::options{}, 2);
    }
    SUBCASE("a units strategy that holds and is rejected at times") {
      check_grid(bars, grid, [](const pair& p) { return band_units(p); },
                 qk::costs::percentage(2.0), bt::options{}, 2);
    }
  }

  TEST_CASE("fused sweep: the same numbers for 1, 2 and 4 threads, and the kernel alone") {
    const auto bars = quantkit::test::random_walk_bars(2500, 5);
    const auto grid = pair_grid();
    auto make = [](const pair& p) { return qs::ma_crossover<>({.fast = p.fast, .slow = p.slow}); };
    std::vector<std::vector<bt::sweep_run<pair>>> runs;
    for (std::size_t threads : {1u, 2u, 4u}) {
      bt::sweep_options so;
      so.parallel.threads = threads;
      runs.push_back(
          bt::sweep(bars, std::span<const pair>(grid), make, qk::costs::percentage(1.0), {}, so));
    }
    std::vector<qs::ma_crossover<>> strategies;
    for (const auto& p : grid) strategies.push_back(make(p));
    bt::vectorized_options vo;
    const auto kernel = bt::detail::fused_run(bars, std::move(strategies),
                                              qk::costs::percentage(1.0), vo, 252.0);
    for (std::size_t i = 0; i < grid.size(); ++i) {
      CAPTURE(i);
      check_same(runs[0][i].summary, runs[1][i].summary);
      check_same(runs[0][i].summary, runs[2][i].summary);
      check_same(runs[0][i].summary, kernel[i]);
    }
  }

  TEST_CASE("fused sweep: work-balanced chunks on a long series change no number") {
    // 16 pilot lengths of bars: the parallel sweep cuts its chunks by the pilot's estimated work.
    const auto bars = quantkit::test::random_walk_bars(16 * bt::detail::kFusedPilotBars + 123, 9);
    const std::vector<pair> grid{{1, 2}, {2, 3}, {3, 5}, {5, 8}, {8, 13}, {13, 21}, {21, 34}};
    auto make = [](const pair& p) { return qs::ma_crossover<>({.fast = p.fast, .slow = p.slow}); };
    std::vector<std::vector<bt::sweep_run<pair>>> runs;
    for (std::size_t threads : {1u, 2u, 3u}) {
      bt::sweep_options so;
      so.parallel.threads = threads;
      runs.push_back(
          bt::sweep(bars, std::span<const pair>(grid), make, qk::costs::percentage(1.0), {}, so));
    }
    for (std::size_t i = 0; i < grid.size(); ++i) {
      CAPTURE(i);
      REQUIRE(runs[0][i].summary.trades > 0);
      check_same(runs[0][i].summary, runs[1][i].summary);
      check_same(runs[0][i].summary, runs[2][i].summary);
    }

    // The cut itself: the fast pairs trade far more than the slow ones (a fill counts as 40 bar
    // steps), so the first of two chunks holds fewer configurations than the second.
    std::vector<qs::ma_crossover<>> strategies;
    for (const auto& p : grid) strategies.push_back(make(p));
    const std::vector<std::size_t> order{0, 1, 2, 3, 4, 5, 6};
    const bt::vectorized_options vo;
    const auto two = bt::detail::balanced_chunks(bars, strategies, order, 2,
                                                 qk::costs::percentage(1.0), vo, 252.0);
    REQUIRE(two.size() == 3);
    CHECK(two[0] == 0);
    CHECK(two[2] == 7);
    CHECK(two[1] >= 1);
    CHECK(two[1] < 4);  // equal counts would cut at 3 or 4
    // Recompute the estimate the cut is based on: its two sides are the nearest to equal halves.
    std::vector<qs::ma_crossover<>> pilot(strategies);
    const auto sums = bt::detail::fused_run(qk::bar_series_view(bars).first(bt::detail::kFusedPilotBars),
                                            std::move(pilot), qk::costs::percentage(1.0), vo, 252.0);
    std::vector<double> work;
    for (const auto& sm : sums) {
      work.push_back(static_cast<double>(bt::detail::kFusedPilotBars) +
                     bt::detail::kFusedFillWork * 2.0 * static_cast<double>(sm.trades));
    }
    double total = 0.0;
    for (const double w : work) total += w;
    auto imbalance = [&](std::size_t cut) {
      double left = 0.0;
      for (std::size_t j = 0; j < cut; ++j) left += work[j];
      return std::fabs(left - total / 2.0);
    };
    for (std::size_t cut = 1; cut < 7; ++cut) CHECK(imbalance(two[1]) <= imbalance(cut));
    // Every chunk keeps at least one configuration, even with as many chunks as allow it.
    const auto three = bt::detail::balanced_chunks(bars, strategies, order, 3,
                                                   qk::costs::percentage(1.0), vo, 252.0);
    REQUIRE(three.size() == 4);
    for (std::size_t c = 0; c < 3; ++c) CHECK(three[c] < three[c + 1]);
    CHECK(three[3] == 7);
    // A short series keeps equal counts (no pilot).
    const auto short_bars = quantkit::test::random_walk_bars(5000, 9);
    const auto equal = bt::detail::balanced_chunks(short_bars, strategies, order, 2,
                                                   qk::costs::percentage(1.0), vo, 252.0);
    CHECK(equal == std::vector<std::size_t>{0, 3, 7});
  }

  TEST_CASE("fused sweep: invalid grid points are recorded and the others kept") {
    const auto bars = quantkit::test::random_walk_bars(600, 3);
    const std::vector<pair> grid{{5, 30}, {30, 5}, {10, 40}, {0, 4}};
    auto make = [](const pair& p) { return qs::ma_crossover<>({.fast = p.fast, .slow = p.slow}); };
    bt::sweep_options so;
    so.parallel.threads = 2;
    const auto r = bt::sweep(bars, std::span<const pair>(grid), make, qk::costs::zero_cost{}, {}, so);
    CHECK(r[0].ok);
    CHECK_FALSE(r[1].ok);
    CHECK(r[1].error == "quantkit::strategies::ma_crossover: slow must be > fast (got 5)");
    CHECK(r[1].params.fast == 30);
    CHECK(r[2].ok);
    CHECK_FALSE(r[3].ok);
    CHECK(r[3].error == "quantkit::strategies::ma_crossover: fast must be >= 1 (got 0)");
    const auto direct = bt::summarize(bt::run(bars, make(grid[2])));
    check_same(r[2].summary, direct);
    // Invalid options are reported per run, as on the per-run path.
    bt::options bad;
    bad.lot_size = -1.0;
    const auto e = bt::sweep(bars, std::span<const pair>(grid).first(1), make,
                             qk::costs::zero_cost{}, bad, so);
    CHECK_FALSE(e[0].ok);
    CHECK(e[0].error.find("lot_size") != std::string::npos);
  }

  TEST_CASE("equity tracker: Welford moments and drawdown equal running_moments and per-bar "
            "division bit for bit") {
    // Curves with flat stretches, new peaks right after dips, equal values and a NaN-free walk.
    qk::rng g(99);
    for (int rep = 0; rep < 20; ++rep) {
      const double start = 1000.0 * (1.0 + rep);
      bt::detail::equity_tracker tr(start);
      qk::stats::running_moments ref;
      double prev = start;
      double peak = start;
      double mdd = 0.0;
      double e = start;
      for (int i = 0; i < 3000; ++i) {
        const double u = qk::uniform01(g);
        if (u < 0.3) {
          // flat: equity unchanged
        } else if (u < 0.35) {
          e = peak;  // back exactly to the peak
        } else {
          e *= std::exp(0.02 * qk::normal(g));
        }
        tr.add(e);
        ref.update(e / prev - 1.0);
        prev = e;
        peak = e > peak ? e : peak;
        const double dd = e / peak - 1.0;
        mdd = dd < mdd ? dd : mdd;
      }
      const double sd = ref.stddev(1);
      const double sharpe = ref.mean() / sd * std::sqrt(252.0);
      CHECK(qk::test::same_bits(tr.sharpe(252.0), sharpe));
      CHECK(qk::test::same_bits(tr.max_drawdown(), mdd));
      CHECK(mdd < 0.0);
    }
  }
}
