// SPDX-License-Identifier: MIT
// The fused single-run kernel (fused_run.hpp: run_fast for strategies that declare their indicator
// inputs, and run_targets) against the per-bar loop (vectorized_options::fused = false): the whole
// result bit for bit (curve element by element, every trade field, costs, fills, open trade,
// rejections, the tracker's statistics) over options, cost models, lengths and bad input.
#include <quantkit/backtest/account.hpp>
#include <quantkit/backtest/summary.hpp>
#include <quantkit/backtest/vectorized.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/costs/composite.hpp>
#include <quantkit/costs/models.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/sma.hpp>
#include <quantkit/strategies/ma_crossover.hpp>

#include "backtest/bt_support.hpp"
#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

namespace backtest_test_fused_run {

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
namespace ind = quantkit::indicators;
using qk::test::same_bits;

constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

void check_same_costs(const qk::costs::cost_breakdown& a, const qk::costs::cost_breakdown& b) {
  CHECK(same_bits(a.commission, b.commission));
  CHECK(same_bits(a.spread, b.spread));
  CHECK(same_bits(a.slippage, b.slippage));
  CHECK(same_bits(a.impact, b.impact));
}

void check_same_trade(const bt::trade& a, const bt::trade& b) {
  CHECK(a.entry_index == b.entry_index);
  CHECK(a.entry_time == b.entry_time);
  CHECK(a.exit_index == b.exit_index);
  CHECK(a.exit_time == b.exit_time);
  CHECK(a.direction == b.direction);
  CHECK(same_bits(a.quantity, b.quantity));
  CHECK(same_bits(a.entry_price, b.entry_price));
  CHECK(same_bits(a.exit_price, b.exit_price));
  check_same_costs(a.costs, b.costs);
  CHECK(same_bits(a.gross_pnl, b.gross_pnl));
  CHECK(same_bits(a.pnl, b.pnl));
  CHECK(same_bits(a.return_, b.return_));
  CHECK(a.bars_held == b.bars_held);
  CHECK(same_bits(a.mae, b.mae));
  CHECK(same_bits(a.mfe, b.mfe));
  CHECK(a.reason == b.reason);
  CHECK(a.tag == b.tag);
}

/// Every field of two results, bit for bit (the curve element by element).
void check_same_result(const bt::result& fused, const bt::result& loop) {
  REQUIRE(fused.equity.size() == loop.equity.size());
  std::size_t mismatches = 0;
  std::size_t first = fused.equity.size();
  for (std::size_t i = 0; i < fused.equity.size(); ++i) {
    if (!same_bits(fused.equity[i], loop.equity[i])) {
      ++mismatches;
      first = std::min(first, i);
    }
  }
  CAPTURE(first);
  CHECK(mismatches == 0);
  REQUIRE(fused.trades.size() == loop.trades.size());
  for (std::size_t i = 0; i < fused.trades.size(); ++i) {
    CAPTURE(i);
    check_same_trade(fused.trades[i], loop.trades[i]);
  }
  REQUIRE(fused.open_trade.has_value() == loop.open_trade.has_value());
  if (fused.open_trade) check_same_trade(*fused.open_trade, *loop.open_trade);
  CHECK(fused.orders.empty());
  CHECK(same_bits(fused.initial_cash, loop.initial_cash));
  CHECK(same_bits(fused.final_equity, loop.final_equity));
  CHECK(same_bits(fused.final_cash, loop.final_cash));
  CHECK(same_bits(fused.final_position, loop.final_position));
  check_same_costs(fused.total_costs, loop.total_costs);
  CHECK(fused.bars == loop.bars);
  CHECK(fused.fills == loop.fills);
  CHECK(fused.rejections == loop.rejections);
}

void check_same_tracker(const bt::detail::equity_tracker& a, const bt::detail::equity_tracker& b) {
  const auto& x = a.statistics();
  const auto& y = b.statistics();
  CHECK(x.bars == y.bars);
  CHECK(same_bits(x.count, y.count));
  CHECK(same_bits(x.mean, y.mean));
  CHECK(same_bits(x.m2, y.m2));
  CHECK(same_bits(x.drawdown.peak, y.drawdown.peak));
  CHECK(same_bits(x.drawdown.low, y.drawdown.low));
  CHECK(same_bits(x.drawdown.mdd, y.drawdown.mdd));
}

/// What run_fast does on the fused kernel, with a tracker (run_fast itself takes the per-bar loop
/// when given one): false if the kernel gave up.
template <class S, class C>
bool fused_with_tracker(const qk::bar_series& bars, S strategy, const C& costs,
                        const bt::vectorized_options& vo, bt::detail::equity_tracker& tracker,
                        bt::result& out) {
  strategy.reset();
  bt::detail::indicator_target_source<S> source(strategy);
  return bt::detail::fused_target_loop(bars, source, costs, vo, "quantkit::backtest::run_fast",
                                       &tracker, out);
}

/// run_fast on the fused kernel and on the per-bar loop, and the kernel with a tracker against
/// the loop with one; returns the fused result.
template <class S, class C>
bt::result fused_vs_loop(const qk::bar_series& bars, const S& strategy, const C& costs,
                         bt::vectorized_options vo) {
  vo.fused = true;
  const auto fused = bt::run_fast(bars, strategy, costs, vo);
  bt::detail::equity_tracker tf(vo.initial_cash);
  bt::result tracked;
  const bool kernel = fused_with_tracker(bars, strategy, costs, vo, tf, tracked);
  vo.fused = false;
  bt::detail::equity_tracker tl(vo.initial_cash);
  const auto loop = bt::run_fast(bars, strategy, costs, vo, &tl);
  check_same_result(fused, loop);
  if (kernel) {
    check_same_result(tracked, loop);
    check_same_tracker(tf, tl);
  } else {
    CHECK(tf.bars() == 0);  // gave up (a non-finite close, bars not validated): tracker untouched
  }
  return fused;
}

/// A strategy declaring one EMA input (the generic indicator_columns, update() per bar) whose
/// targets include NaN (hold), infinities (rejected) and several exposures.
struct ema_bands {
  std::size_t period = 12;
  ind::ema avg{12};
  double on_bar(const qk::bar& b, const qs::context&) {
    const double v = avg.update(b.close);
    return target_from({v, avg.ready()});
  }
  [[nodiscard]] std::tuple<ind::ema> close_indicators() const { return {ind::ema(period)}; }
  [[nodiscard]] double target_from(const qs::indicator_reading& r) const noexcept {
    if (!r.ready) return qnan;
    const double frac = r.value - std::floor(r.value);  // a pseudo-random digit of the average
    if (frac < 0.05) return inf;
    if (frac < 0.1) return -inf;
    if (frac < 0.3) return qnan;
    return frac < 0.6 ? 0.5 : (frac < 0.8 ? -0.25 : 1.0);
  }
  void reset() { avg.reset(); }
};
static_assert(qs::IndicatorTargetStrategy<ema_bands>);

// n bars' highs, lows and closes for the excursion tests: lows uniform in [90, 110), highs up to 5
// above, closes at the middle.
struct hlc {
  std::vector<double> high, low, close;
};
hlc random_ranges(std::uint64_t seed, std::size_t n) {
  qk::rng g(seed);
  hlc r{std::vector<double>(n), std::vector<double>(n), std::vector<double>(n)};
  for (std::size_t i = 0; i < n; ++i) {
    r.low[i] = 90.0 + 20.0 * qk::uniform01(g);
    r.high[i] = r.low[i] + 5.0 * qk::uniform01(g);
    r.close[i] = 0.5 * (r.low[i] + r.high[i]);
  }
  return r;
}

TEST_SUITE("backtest") {
  TEST_CASE("fused run_fast: the per-bar loop's result bit for bit over options and lengths") {
    // 10,007 bars: four full blocks of 2048 and a partial one.
    const auto bars = qk::test::random_walk_bars(10'007, 21);
    const auto model = qk::costs::percentage(1.0) + qk::costs::sqrt_impact(0.3);  // reads volume
                                                                                  // and volatility
    struct pair {
      std::size_t fast, slow;
    };
    // (30, 2500): the slow average warms up across the first block; (100, 2049) just past it.
    for (const pair p : {pair{10, 50}, pair{1, 2}, pair{3, 7}, pair{30, 2500}, pair{100, 2049}}) {
      for (const auto side : {qs::direction::long_only, qs::direction::long_short}) {
        const qs::ma_crossover<> strategy({.fast = p.fast, .slow = p.slow, .side = side});
        for (const auto timing : {bt::fill_timing::next_open, bt::fill_timing::same_close}) {
          for (const bool close_at_end : {false, true}) {
            for (const bool record : {true, false}) {
              CAPTURE(p.fast);
              CAPTURE(p.slow);
              CAPTURE(static_cast<int>(side));
              CAPTURE(static_cast<int>(timing));
              CAPTURE(close_at_end);
              CAPTURE(record);
              bt::vectorized_options vo;
              vo.market_fills = timing;
              vo.close_at_end = close_at_end;
              vo.record_equity = record;
              const auto r = fused_vs_loop(bars, strategy, model, vo);
              CHECK(r.equity.size() == (record ? bars.size() : 0));
              if (p.slow < 100) CHECK(r.trades.size() > 50);  // the comparison is not vacuous
            }
          }
        }
      }
    }
  }

  TEST_CASE("fused run_fast: rebalancing, lots, cash and a bar-reading cost model") {
    const auto bars = qk::test::random_walk_bars(5'000, 22);
    const qs::ma_crossover<> strategy({.fast = 5, .slow = 20, .side = qs::direction::long_short});
    bt::vectorized_options vo;
    vo.initial_cash = 12'345.0;
    vo.fractional = false;
    vo.lot_size = 10.0;
    // sqrt_impact reads the bar's volume and the volatility estimate, slippage the estimate.
    const auto model = qk::costs::half_spread(0.01, 1.0) + qk::costs::slippage(2.0, 0.5) +
                       qk::costs::sqrt_impact(0.2);
    for (const auto timing : {bt::fill_timing::next_open, bt::fill_timing::same_close}) {
      vo.market_fills = timing;
      vo.rebalance = bt::rebalance_policy::every_bar;
      const auto r = fused_vs_loop(bars, strategy, model, vo);
      vo.rebalance = bt::rebalance_policy::on_change;
      const auto on_change = fused_vs_loop(bars, strategy, model, vo);
      // Rebalancing a drifting position every bar adds fills between the trades' entries and exits.
      CHECK(r.fills > on_change.fills + 100);
      // No curve and no tracker: nothing but the totals and the trades.
      bt::vectorized_options bare = vo;
      bare.record_equity = false;
      const auto fused = bt::run_fast(bars, strategy, model, bare);
      bare.fused = false;
      const auto loop = bt::run_fast(bars, strategy, model, bare);
      check_same_result(fused, loop);
      CHECK(fused.equity.empty());
      CHECK(same_bits(fused.final_equity, on_change.final_equity));
    }
  }

  TEST_CASE("fused run_fast: generic indicator columns, NaN holds and rejected infinite targets") {
    const auto bars = qk::test::random_walk_bars(6'000, 23);
    for (const auto timing : {bt::fill_timing::next_open, bt::fill_timing::same_close}) {
      bt::vectorized_options vo;
      vo.market_fills = timing;
      vo.close_at_end = true;
      const auto r = fused_vs_loop(bars, ema_bands{}, qk::costs::percentage(3.0), vo);
      CHECK(r.rejections > 100);
      CHECK(r.trades.size() > 100);
    }
  }

  TEST_CASE("fused run_fast: empty, one bar, shorter than the warm-up, one block exactly") {
    const qs::ma_crossover<> strategy({.fast = 10, .slow = 50});
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{30}, std::size_t{49},
                                std::size_t{50}, std::size_t{2048}, std::size_t{2049}}) {
      CAPTURE(n);
      const auto bars = qk::test::random_walk_bars(n, 24);
      for (const bool close_at_end : {false, true}) {
        bt::vectorized_options vo;
        vo.close_at_end = close_at_end;
        const auto r = fused_vs_loop(bars, strategy, qk::costs::percentage(1.0), vo);
        CHECK(r.bars == n);
        if (n < 50) {
          CHECK(r.fills == 0);
          CHECK(r.final_equity == 100'000.0);
        }
      }
    }
  }

  TEST_CASE("fused run_fast: invalid bars give the per-bar loop's data_error") {
    const qs::ma_crossover<> strategy({.fast = 10, .slow = 50});
    const auto good = qk::test::random_walk_bars(5'000, 25);
    for (const std::size_t row : {std::size_t{0}, std::size_t{2047}, std::size_t{2048},
                                  std::size_t{4095}, std::size_t{4999}}) {
      for (int kind = 0; kind < 3; ++kind) {
        CAPTURE(row);
        CAPTURE(kind);
        auto bars = good;
        if (kind == 0) bars.closes_mut()[row] = qnan;
        if (kind == 1) bars.highs_mut()[row] = 0.5 * bars.lows()[row];
        if (kind == 2 && row > 0) bars.times_mut()[row] = bars.times()[row - 1];
        if (kind == 2 && row == 0) bars.volumes_mut()[row] = -1.0;
        std::string messages[3];
        std::size_t rows[3] = {0, 0, 0};
        for (int path = 0; path < 3; ++path) {  // per-bar loop, run_fast fused, kernel + tracker
          bt::vectorized_options vo;
          vo.fused = path > 0;
          bt::detail::equity_tracker tracker(vo.initial_cash);
          try {
            if (path < 2) {
              (void)bt::run_fast(bars, strategy, qk::costs::percentage(1.0), vo,
                                 path == 0 ? &tracker : nullptr);
            } else {
              bt::result r;
              (void)fused_with_tracker(bars, strategy, qk::costs::percentage(1.0), vo, tracker, r);
            }
            FAIL("no data_error");
          } catch (const qk::data_error& e) {
            messages[path] = e.what();
            rows[path] = e.row();
          }
          CHECK(tracker.bars() == 0);  // nothing reached the tracker
        }
        CHECK(rows[1] == row);
        CHECK(rows[0] == rows[1]);
        CHECK(rows[2] == rows[1]);
        CHECK(messages[0] == messages[1]);
        CHECK(messages[2] == messages[1]);
        CHECK(messages[1].find("quantkit::validate: quantkit::backtest::run_fast: row " +
                               std::to_string(row) + " (") == 0);
      }
    }
    // Bad options: the same invalid_argument on both paths.
    bt::vectorized_options vo;
    vo.lot_size = 0.0;
    CHECK_THROWS_WITH_AS(bt::run_fast(good, strategy, qk::costs::zero_cost{}, vo),
                         "quantkit::backtest::run_fast: lot_size must be finite and > 0 (got 0)",
                         qk::invalid_argument);
    vo.fused = false;
    CHECK_THROWS_WITH_AS(bt::run_fast(good, strategy, qk::costs::zero_cost{}, vo),
                         "quantkit::backtest::run_fast: lot_size must be finite and > 0 (got 0)",
                         qk::invalid_argument);
  }

  TEST_CASE("fused run_fast: unvalidated bars with a non-finite close take the per-bar loop") {
    const qs::ma_crossover<> strategy({.fast = 5, .slow = 20});
    auto bars = qk::test::random_walk_bars(5'000, 26);
    // The averages skip the NaN close (indicators' NaN rule), which the columns cannot: the
    // kernel gives up in the third block and the result is the loop's, tracker included.
    bars.closes_mut()[4500] = qnan;
    bars.highs_mut()[100] = 0.1;  // invalid but finite: the kernel handles it
    bt::vectorized_options vo;
    vo.validate_bars = false;
    const auto r = fused_vs_loop(bars, strategy, qk::costs::percentage(1.0), vo);
    CHECK(r.trades.size() > 50);
    // Finite but invalid bars stay on the kernel and still match.
    auto odd = qk::test::random_walk_bars(5'000, 27);
    odd.highs_mut()[300] = qnan;
    odd.lows_mut()[301] = 1e9;
    odd.opens_mut()[2048] = -3.0;
    const auto r2 = fused_vs_loop(odd, strategy, qk::costs::percentage(1.0), vo);
    CHECK(r2.trades.size() > 50);
  }

  TEST_CASE("fused run_fast: the running sums tell a non-finite close wherever it is") {
    // Averages only: the kernel checks their running sums (O(1) per block) instead of the closes.
    // The first block (in the warm-up and after it), a block's last and first bar, the last bar.
    const qs::ma_crossover<> strategy({.fast = 5, .slow = 20});
    bt::vectorized_options vo;
    vo.validate_bars = false;
    for (const std::size_t at : {std::size_t{0}, std::size_t{10}, std::size_t{700},
                                 std::size_t{2047}, std::size_t{2048}, std::size_t{4999}}) {
      for (const double x : {qnan, inf, -inf}) {
        CAPTURE(at);
        CAPTURE(x);
        auto bars = qk::test::random_walk_bars(5'000, 31);
        bars.closes_mut()[at] = x;
        bt::detail::equity_tracker tracker(vo.initial_cash);
        bt::result out;
        CHECK_FALSE(fused_with_tracker(bars, strategy, qk::costs::percentage(1.0), vo, tracker,
                                       out));
        CHECK(tracker.bars() == 0);
        fused_vs_loop(bars, strategy, qk::costs::percentage(1.0), vo);
      }
    }
    // Finite closes so large that a sum overflows: the kernel gives up too, and the loop's result
    // (whatever the averages make of them) is returned.
    auto huge = qk::test::random_walk_bars(3'000, 32);
    for (std::size_t t = 2'500; t < 2'530; ++t) huge.closes_mut()[t] = 1.5e307;
    bt::detail::equity_tracker tracker(vo.initial_cash);
    bt::result out;
    CHECK_FALSE(fused_with_tracker(huge, strategy, qk::costs::percentage(1.0), vo, tracker, out));
    fused_vs_loop(huge, strategy, qk::costs::percentage(1.0), vo);
    // A column of another indicator type cannot tell: there the closes are checked one by one
    // (see the EMA strategy's cases), with the same outcome.
    auto fine = qk::test::random_walk_bars(3'000, 33);
    CHECK(fused_with_tracker(fine, strategy, qk::costs::percentage(1.0), vo, tracker, out));
  }

  TEST_CASE("fused run_targets: the per-bar loop's result bit for bit") {
    const auto bars = qk::test::random_walk_bars(9'000, 28);
    qk::rng g(29);
    std::vector<double> targets(bars.size());
    double current = 0.0;
    for (auto& t : targets) {
      if (qk::uniform01(g) < 0.05) current = -1.0 + 0.5 * static_cast<double>(qk::uniform_index(g, 5));
      const double u = qk::uniform01(g);
      t = u < 0.1 ? qnan : (u < 0.12 ? inf : current);
    }
    const auto model = qk::costs::percentage(1.0) + qk::costs::sqrt_impact(0.3);
    for (const auto timing : {bt::fill_timing::next_open, bt::fill_timing::same_close}) {
      for (const bool close_at_end : {false, true}) {
        for (const bool units : {false, true}) {
          CAPTURE(static_cast<int>(timing));
          CAPTURE(close_at_end);
          CAPTURE(units);
          bt::vectorized_options vo;
          vo.market_fills = timing;
          vo.close_at_end = close_at_end;
          vo.units = units;
          if (units) vo.initial_cash = 1e3;
          const auto fused = bt::run_targets(bars, targets, model, vo);
          vo.fused = false;
          const auto loop = bt::run_targets(bars, targets, model, vo);
          check_same_result(fused, loop);
          CHECK(fused.rejections > 100);
          CHECK(fused.trades.size() > 50);
        }
      }
    }
    // Bad input: the same errors.
    auto bad = bars;
    bad.lows_mut()[3000] = 1e6;
    bt::vectorized_options vo;
    CHECK_THROWS_WITH_AS(bt::run_targets(bad, targets, qk::costs::zero_cost{}, vo),
                         ("quantkit::validate: quantkit::backtest::run_targets: row 3000 (" +
                          qk::format_timestamp(bad.times()[3000]) +
                          "), field low: low 1e+06 is above min(open, close) = " +
                          qk::detail::to_text(std::min(bad.opens()[3000], bad.closes()[3000])))
                             .c_str(),
                         qk::data_error);
  }

  TEST_CASE("fused run_targets: runs of infinities and NaNs, signed zeros, changes at block edges") {
    const std::size_t n = 3 * 2048 + 11;
    const auto bars = qk::test::random_walk_bars(n, 31);
    std::vector<double> targets(n, 0.5);
    auto fill = [&](std::size_t from, std::size_t to, double v) {
      for (std::size_t i = from; i < to && i < n; ++i) targets[i] = v;
    };
    fill(0, 1, 1.0);  // a change at the first bar
    fill(1, 9, -1.0);
    fill(9, 40, inf);  // a run of rejected targets: each bar counts
    fill(40, 41, -inf);
    fill(41, 60, qnan);  // held
    fill(60, 61, -0.0);
    fill(61, 62, 0.0);
    fill(62, 63, -0.0);
    fill(2047, 2048, 1.0);  // the last bar of a block: the next open is in the next block
    fill(2048, 2049, -0.5);
    fill(4095, 4100, inf);
    fill(4100, 4101, 0.25);
    fill(n - 1, n, -1.0);  // the last bar: pending at the end
    for (const auto timing : {bt::fill_timing::next_open, bt::fill_timing::same_close}) {
      for (const auto rebalance : {bt::rebalance_policy::on_change,
                                   bt::rebalance_policy::every_bar}) {
        CAPTURE(static_cast<int>(timing));
        CAPTURE(static_cast<int>(rebalance));
        bt::vectorized_options vo;
        vo.market_fills = timing;
        vo.rebalance = rebalance;
        const auto fused = bt::run_targets(bars, targets, qk::costs::percentage(1.0), vo);
        vo.fused = false;
        const auto loop = bt::run_targets(bars, targets, qk::costs::percentage(1.0), vo);
        check_same_result(fused, loop);
        // 31 + 1 + 5 infinite targets, each rejected once.
        CHECK(fused.rejections == 37);
        CHECK(fused.fills >= 8);
      }
    }
  }

  TEST_CASE("account::mark_range: the excursions of mark() bar by bar") {
    const std::size_t n = 203;
    auto [high, low, close] = random_ranges(30, n);
    high[17] = qnan;  // NaN prices are skipped by see()
    low[40] = qnan;
    // Long and short trades, entered at the open of bar 5 and inside bar 9 (mark() sees only the
    // close of that bar), marked over ranges cut at several places.
    for (const double q : {10.0, -10.0}) {
      for (const bool at_open : {true, false}) {
        for (const std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{9},
                                      std::size_t{10}, std::size_t{100}}) {
          const std::size_t entry = at_open ? 5 : 9;
          bt::account a(1e6);
          bt::account b(1e6);
          a.apply(q, 100.0, {}, entry, 0, at_open, bt::exit_reason::signal, 0);
          b.apply(q, 100.0, {}, entry, 0, at_open, bt::exit_reason::signal, 0);
          for (std::size_t t = 0; t < n; ++t) a.mark(high[t], low[t], close[t], t);
          b.mark_range(high.data(), low.data(), close.data(), 0, cut);
          b.mark_range(high.data() + cut, low.data() + cut, close.data() + cut, cut, n - cut);
          const auto ta = a.open_trade();
          const auto tb = b.open_trade();
          CAPTURE(q);
          CAPTURE(at_open);
          CAPTURE(cut);
          CHECK(same_bits(ta.mae, tb.mae));
          CHECK(same_bits(ta.mfe, tb.mfe));
          CHECK(ta.mae < 0.0);
          CHECK(ta.mfe > 0.0);
        }
      }
    }
    // Without an open trade nothing happens.
    bt::account flat(1e6);
    flat.mark_range(high.data(), low.data(), close.data(), 0, n);
    CHECK_FALSE(flat.has_open_trade());
  }

  TEST_CASE("account::mark_range_and_value: mark_range's excursions and equity() at every close") {
    const std::size_t n = 157;
    auto [high, low, close] = random_ranges(31, n);
    high[23] = qnan;  // skipped by see(), in the paired loop and in the odd bar after it
    low[60] = qnan;
    // Ranges of even and odd lengths, with the entry bar before, at the start of and inside them
    // (an entry inside a bar: only its close counts), and without a trade.
    for (const double q : {0.0, 12.0, -7.5}) {
      for (const bool at_open : {true, false}) {
        for (const std::size_t from : {std::size_t{0}, std::size_t{9}, std::size_t{10}}) {
          for (const std::size_t count :
               {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{100}}) {
            bt::account a(1e6);
            bt::account b(1e6);
            if (q != 0.0) {
              a.apply(q, 100.0, {.commission = 1.25}, 9, 0, at_open, bt::exit_reason::signal, 0);
              b.apply(q, 100.0, {.commission = 1.25}, 9, 0, at_open, bt::exit_reason::signal, 0);
            }
            std::vector<double> want(count), got(count, -1.0);
            for (std::size_t i = 0; i < count; ++i) want[i] = a.equity(close[from + i]);
            a.mark_range(high.data() + from, low.data() + from, close.data() + from, from, count);
            b.mark_range_and_value(high.data() + from, low.data() + from, close.data() + from, from,
                                   count, got.data());
            CAPTURE(q);
            CAPTURE(at_open);
            CAPTURE(from);
            CAPTURE(count);
            for (std::size_t i = 0; i < count; ++i) CHECK(same_bits(want[i], got[i]));
            CHECK(a.has_open_trade() == b.has_open_trade());
            if (q != 0.0) {
              CHECK(same_bits(a.open_trade().mae, b.open_trade().mae));
              CHECK(same_bits(a.open_trade().mfe, b.open_trade().mfe));
            }
          }
        }
      }
    }
    // A long held over bars 10..109 from 100 sees the extremes of those highs and lows.
    bt::account c(1e6);
    c.apply(1.0, 100.0, {}, 9, 0, true, bt::exit_reason::signal, 0);
    std::vector<double> out(100);
    c.mark_range_and_value(high.data() + 10, low.data() + 10, close.data() + 10, 10, 100,
                           out.data());
    double hi = 100.0;
    double lo = 100.0;
    for (std::size_t t = 10; t < 110; ++t) {
      for (const double x : {high[t], low[t]}) {
        if (x == x) {  // NaN prices are skipped
          hi = std::max(hi, x);
          lo = std::min(lo, x);
        }
      }
    }
    CHECK(c.open_trade().mfe == (hi - 100.0) / 100.0);
    CHECK(c.open_trade().mae == (lo - 100.0) / 100.0);
    CHECK(out[0] == c.equity(close[10]));
  }
}

}  // namespace backtest_test_fused_run
