// SPDX-License-Identifier: MIT
// examples/research_pipeline - the flagship: a research pipeline on real daily data.
//
//   research_pipeline <bars.csv>        (scripts/demo runs it on examples/data/ttrc.csv)
//
// 1. load the CSV and validate it, 2. describe the series, 3. check it against a trading
// calendar (gaps), 4. resample it to weekly bars, 5. backtest a consensus strategy with costs,
// 6. walk it forward: choose its parameters on past data only and trade them on the next year.
// Each step is a starting template; later releases extend the pipeline with Monte Carlo
// robustness and parameter tuning.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/data.hpp>
#include <quantkit/strategies.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
namespace qc = quantkit::costs;

// The strategy under study: three heads vote (trend counts double), longs only above the
// 200-day average. Its tunable parameters: the trend head's periods and the vote threshold.
struct study_params {
  std::size_t fast = 20;
  std::size_t slow = 100;
  double threshold = 0.3;
};
auto make_strategy(const study_params& p) {
  qs::consensus_params<3> vote;
  vote.weights = {2.0, 1.0, 1.0};
  vote.threshold = p.threshold;
  vote.side = qs::direction::long_only;
  return qs::filtered(
      qs::consensus(
          vote,
          qs::ma_crossover<>({.fast = p.fast, .slow = p.slow, .side = qs::direction::long_short}),
          qs::donchian_breakout({.entry = 55, .exit = 20}),
          qs::rsi_reversion({.period = 2,
                             .oversold = 10,
                             .overbought = 90,
                             .exit = 50,
                             .side = qs::direction::long_short})),
      qs::trend_filter(200));
}
const auto costs = qc::percentage(1.0, 1.0) + qc::half_spread(0.0, 5.0);  // 1 bp + 5 bp spread

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: research_pipeline <bars.csv>\n");
    return 2;
  }
  try {
    // 1. Load and validate (read_csv validates; errors name the file, line and column).
    const qk::csv_result loaded = qk::read_csv(argv[1]);
    const qk::bar_series& bars = loaded.bars;
    std::printf("== data\n%zu daily bars, %s .. %s\n", bars.size(),
                qk::format_date(bars.front().time).c_str(),
                qk::format_date(bars.back().time).c_str());

    // 2. Describe.
    const auto closes = bars.closes();
    const auto [lo, hi] = std::minmax_element(closes.begin(), closes.end());
    const double years = static_cast<double>(bars.back().time - bars.front().time) /
                         static_cast<double>(qk::days(365) + qk::hours(6));
    std::printf(
        "close %.2f -> %.2f (min %.2f on %s, max %.2f on %s)\n", closes.front(), closes.back(), *lo,
        qk::format_date(bars.times()[static_cast<std::size_t>(lo - closes.begin())]).c_str(), *hi,
        qk::format_date(bars.times()[static_cast<std::size_t>(hi - closes.begin())]).c_str());
    std::printf("buy and hold: %.1fx over %.1f years (%.2f%% a year)\n",
                closes.back() / closes.front(), years,
                100.0 * (std::pow(closes.back() / closes.front(), 1.0 / years) - 1.0));

    // 3. Gaps against a Monday-Friday calendar: the missing weekdays are exchange holidays.
    const auto gaps =
        qk::find_gaps(bars, qk::days(1), qk::trading_session{.weekdays = qk::weekdays_mon_fri});
    std::size_t missing = 0;
    for (const auto& g : gaps) missing += g.missing;
    std::printf("\n== calendar\n%zu gaps, %zu missing weekdays (holidays and closures)\n",
                gaps.size(), missing);
    std::vector<qk::gap> longest = gaps;
    std::stable_sort(longest.begin(), longest.end(),
                     [](const qk::gap& a, const qk::gap& b) { return a.missing > b.missing; });
    for (std::size_t i = 0; i < std::min<std::size_t>(3, longest.size()); ++i) {
      std::printf("  %s -> %s: %zu weekdays missing\n", qk::format_date(longest[i].start).c_str(),
                  qk::format_date(longest[i].end).c_str(), longest[i].missing);
    }

    // 4. Weekly bars, weeks starting on Monday (the epoch is a Thursday: origin = 4 days).
    const auto weekly = qk::resample(bars, {.interval = qk::days(7), .origin = qk::days(4)});
    std::printf("\n== resample\n%zu weekly bars, first %s (%zu days), last %s (%zu days, %s)\n",
                weekly.bars.size(), qk::format_date(weekly.bars.front().time).c_str(),
                weekly.counts.front(), qk::format_date(weekly.bars.back().time).c_str(),
                weekly.counts.back(), weekly.last_partial ? "partial" : "complete");

    // 5. Backtest the consensus strategy with costs, decisions filled at the next open.
    const bt::result run = bt::run(bars, make_strategy({}), costs);
    const bt::run_summary s = bt::summarize(run, 252.0);
    std::printf("\n== backtest (consensus of 3 heads, trend-filtered, 1 bp + 5 bp spread)\n");
    std::printf(
        "%zu trades, win rate %.1f%%, return %.1f%%, CAGR %.2f%%, Sharpe %.3f, max drawdown "
        "%.1f%%\n",
        s.trades, 100.0 * s.win_rate, 100.0 * s.total_return, 100.0 * s.cagr, s.sharpe,
        100.0 * s.max_drawdown);
    std::printf("costs paid %.2f (commission %.2f, spread %.2f)\n", s.costs,
                run.total_costs.commission, run.total_costs.spread);

    // 6. Walk forward: on each 4-year window choose (fast, slow, threshold) by in-sample Sharpe,
    //    then trade the choice on the next year, after 250 warm-up bars.
    auto optimize = [](qk::bar_series_view in_sample) {
      study_params best{};
      double best_sharpe = -1e9;
      for (std::size_t fast : {10u, 20u, 50u}) {
        for (std::size_t slow : {100u, 200u}) {
          for (double threshold : {0.0, 0.3}) {
            const study_params p{fast, slow, threshold};
            const double sh = bt::summarize(bt::run(in_sample, make_strategy(p), costs)).sharpe;
            if (sh > best_sharpe) {
              best_sharpe = sh;
              best = p;
            }
          }
        }
      }
      return best;
    };
    bt::walk_forward_options wf;
    wf.in_sample = 1008;
    wf.out_of_sample = 252;
    wf.warmup = 250;
    const auto res = bt::walk_forward(bars, optimize, make_strategy, costs, {}, wf);
    std::printf("\n== walk-forward (4 years in sample, 1 year out of sample)\n");
    std::size_t positive = 0;
    for (const auto& w : res.windows) {
      positive += w.out_of_sample.total_return > 0.0 ? 1u : 0u;
      std::printf("  %s  fast %2zu slow %3zu thr %.1f  IS %6.1f%%  OOS %6.1f%%\n",
                  qk::format_date(bars.times()[w.oos_begin]).c_str(), w.params.fast, w.params.slow,
                  w.params.threshold, 100.0 * w.in_sample.total_return,
                  100.0 * w.out_of_sample.total_return);
    }
    std::printf("out of sample: return %.1f%%, CAGR %.2f%%, Sharpe %.3f, max drawdown %.1f%%\n",
                100.0 * res.out_of_sample.total_return, 100.0 * res.out_of_sample.cagr,
                res.out_of_sample.sharpe, 100.0 * res.out_of_sample.max_drawdown);
    std::printf("walk-forward efficiency %.2f, %zu of %zu years positive\n", res.efficiency,
                positive, res.windows.size());

    std::printf("\n== summary\nThe in-sample choices %s out of sample (efficiency %.2f).\n",
                res.efficiency > 0.5 ? "held up" : "did not hold up", res.efficiency);
  } catch (const qk::error& e) {
    std::fprintf(stderr, "research_pipeline: %s\n", e.what());
    return 1;
  }
  return 0;
}
