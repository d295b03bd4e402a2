// SPDX-License-Identifier: MIT
// examples/research_pipeline - the flagship: a research pipeline on real daily data.
//
//   research_pipeline <bars.csv>        (scripts/demo runs it on examples/data/ttrc.csv)
//
// 1. load the CSV and validate it, 2. describe the series, 3. check it against a trading
// calendar (gaps), 4. resample it to weekly bars, 5. backtest a consensus strategy with costs,
// 6. tune its parameters on the first two thirds (Bayesian optimization) with overfitting guards
// and check the winner on the last third, 7. walk it forward: re-tune on each 4-year window and
// trade the choice on the next year, 8. Monte Carlo: bootstrap the out-of-sample trades and
// randomize the parameters for a robustness score, 9. a summary to act on.
// Each step is a starting template.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/data.hpp>
#include <quantkit/montecarlo.hpp>
#include <quantkit/samplers.hpp>
#include <quantkit/strategies.hpp>
#include <quantkit/tuning.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
namespace qc = quantkit::costs;
namespace sm = quantkit::samplers;
namespace tn = quantkit::tuning;
namespace mc = quantkit::montecarlo;

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

// The tunable region: trend periods and vote threshold, with fast < slow.
sm::space study_space() {
  sm::space sp;
  sp.add_int("fast", 5, 60).add_int("slow", 60, 250).add_real("threshold", 0.0, 0.6);
  sp.add_constraint("fast < slow", [](const sm::point& p) { return p[0] < p[1]; });
  return sp;
}
study_params params_of(const sm::point& p) {
  return {p.get<std::size_t>("fast"), p.get<std::size_t>("slow"), p.get<double>("threshold")};
}
auto make_from_point(const sm::point& p) { return make_strategy(params_of(p)); }

// Per-bar returns of a run's equity curve (the first bar against the initial cash).
std::vector<double> equity_returns(const bt::result& r) {
  std::vector<double> out(r.equity.size());
  double prev = r.initial_cash;
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = r.equity[i] / prev - 1.0;
    prev = r.equity[i];
  }
  return out;
}

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

    // 6. Tune on 1985-1999 by Bayesian optimization (GP surrogate, expected improvement), every
    //    trial's daily returns kept for the overfitting guards; then look at 2000-2006.
    const sm::space space = study_space();
    const std::size_t split = bars.size() * 2 / 3;
    const qk::bar_series_view early = qk::bar_series_view(bars).first(split);
    const qk::bar_series_view late = qk::bar_series_view(bars).slice(split, bars.size() - split);
    auto in_sample_objective = [&](const sm::point& p) {
      const bt::result r = bt::run(early, make_from_point(p), costs);
      return tn::outcome{{{"sharpe", bt::summarize(r).sharpe}}, equity_returns(r)};
    };
    tn::tune_options topt;
    topt.max_trials = 40;
    topt.seed = 7;
    const auto study = tn::tune(space, tn::bayes_search<>{}, in_sample_objective, topt);
    const auto& best = study.best();
    const study_params tuned = params_of(best.point);
    const auto guards = tn::overfitting_guards(study);
    const auto held_out = bt::summarize(bt::run(late, make_strategy(tuned), costs));
    std::printf("\n== tuning (Bayesian optimization, %zu trials on %s .. %s)\n",
                study.trials.size(), qk::format_date(early.times().front()).c_str(),
                qk::format_date(early.times().back()).c_str());
    std::printf("best: fast %zu slow %zu threshold %.2f, in-sample Sharpe %.3f\n", tuned.fast,
                tuned.slow, tuned.threshold, best.metrics[0]);
    std::printf("overfitting guards: deflated Sharpe %.3f, PBO %.2f -> %s\n",
                guards.dsr.dsr, guards.pbo.pbo, guards.verdict.c_str());
    std::printf("held out (%s .. %s): return %.1f%%, Sharpe %.3f, max drawdown %.1f%%\n",
                qk::format_date(late.times().front()).c_str(),
                qk::format_date(late.times().back()).c_str(), 100.0 * held_out.total_return,
                held_out.sharpe, 100.0 * held_out.max_drawdown);

    // 7. Walk forward: on each 4-year window re-tune (a 24-point Sobol design) by in-sample
    //    Sharpe, then trade the choice on the next year, after 250 warm-up bars.
    auto objective_for = [](qk::bar_series_view window) {
      return [window](const sm::point& p) {
        return bt::summarize(bt::run(window, make_from_point(p), costs)).sharpe;
      };
    };
    tn::tune_options wopt;
    wopt.max_trials = 24;
    wopt.seed = 11;
    wopt.parallel.threads = 1;  // the windows already run in parallel
    auto optimize = tn::optimizer(space, tn::sobol_search{}, objective_for, wopt);
    bt::walk_forward_options wf;
    wf.in_sample = 1008;
    wf.out_of_sample = 252;
    wf.warmup = 250;
    const auto res = bt::walk_forward(bars, optimize, make_from_point, costs, {}, wf);
    std::printf("\n== walk-forward (4 years in sample, 1 year out of sample, re-tuned each year)\n");
    std::size_t positive = 0;
    std::vector<bt::trade> oos_trades;
    for (const auto& w : res.windows) {
      positive += w.out_of_sample.total_return > 0.0 ? 1u : 0u;
      oos_trades.insert(oos_trades.end(), w.oos_trades.begin(), w.oos_trades.end());
      const study_params p = params_of(w.params);
      std::printf("  %s  fast %2zu slow %3zu thr %.2f  IS %6.1f%%  OOS %6.1f%%\n",
                  qk::format_date(bars.times()[w.oos_begin]).c_str(), p.fast, p.slow, p.threshold,
                  100.0 * w.in_sample.total_return, 100.0 * w.out_of_sample.total_return);
    }
    std::printf("out of sample: return %.1f%%, CAGR %.2f%%, Sharpe %.3f, max drawdown %.1f%%\n",
                100.0 * res.out_of_sample.total_return, 100.0 * res.out_of_sample.cagr,
                res.out_of_sample.sharpe, 100.0 * res.out_of_sample.max_drawdown);
    std::printf("walk-forward efficiency %.2f, %zu of %zu years positive, %zu trades\n",
                res.efficiency, positive, res.windows.size(), oos_trades.size());

    // 8. Monte Carlo. (a) Is the out-of-sample record luck? Redraw its trades 10,000 times in
    //    blocks of 3 (streaks kept). (b) Is the strategy good only at a lucky point? 256 runs
    //    over the whole region (scrambled Sobol design), scored on five criteria.
    mc::trade_bootstrap_options bo;
    bo.method = mc::trade_resampling::block;
    bo.block_length = 3;
    bo.keep_paths = false;
    const auto boot = mc::bootstrap_trades(oos_trades, &bt::trade::return_, 10'000, 2024, bo);
    std::printf("\n== Monte Carlo\ntrade bootstrap (10,000 paths of %zu trades): P(profit) %.1f%%, "
                "risk of losing half %.2f%%\n",
                boot.trades_per_path, 100.0 * boot.probability_of_profit,
                100.0 * boot.risk_of_ruin);
    std::printf("  final equity median %.2fx (5th pct %.2fx), max drawdown median %.1f%% "
                "(5th pct %.1f%%)\n",
                boot.final_equity_summary.median, boot.final_equity_summary.percentile(5.0),
                100.0 * boot.max_drawdown_summary.median,
                100.0 * boot.max_drawdown_summary.percentile(5.0));
    auto full_objective = [&](const sm::point& p) {
      return bt::summarize(bt::run(bars, make_from_point(p), costs));
    };
    mc::monte_carlo_options mo;
    const auto region = mc::monte_carlo(space, sm::sobol_sampler{}, 256, 5, full_objective, mo);
    const auto robust = mc::robustness_score(region);
    std::printf("parameter Monte Carlo (256 points of the region, full history)\n%s",
                robust.to_text().c_str());

    // 9. What to do with it.
    const bool wf_ok = res.efficiency > 0.5 && res.out_of_sample.total_return > 0.0;
    const bool luck_ok = boot.probability_of_profit > 0.9 && boot.risk_of_ruin < 0.05;
    const bool region_ok = robust.score >= 70.0;
    std::printf("\n== summary\n");
    std::printf("- tuning: the in-sample winner is %s by the guards (DSR %.2f, PBO %.2f); held out "
                "it made %.1f%%.\n",
                guards.verdict.c_str(), guards.dsr.dsr, guards.pbo.pbo,
                100.0 * held_out.total_return);
    std::printf("- walk-forward: re-tuned choices %s out of sample (efficiency %.2f).\n",
                wf_ok ? "held up" : "did not hold up", res.efficiency);
    std::printf("- luck: %.1f%% of bootstrapped trade sequences end in profit, %.2f%% lose half.\n",
                100.0 * boot.probability_of_profit, 100.0 * boot.risk_of_ruin);
    std::printf("- region: robustness %.0f/100 (%s).\n", robust.score, robust.verdict.c_str());
    std::printf("Verdict: %s\n",
                wf_ok && luck_ok && region_ok
                    ? "a candidate for paper trading with the walk-forward's re-tuning schedule."
                : wf_ok && luck_ok
                    ? "the edge survives out of sample but depends on the parameters: paper trade "
                      "it small and keep re-tuning."
                    : "not ready: the out-of-sample record does not clear the bar.");
  } catch (const qk::error& e) {
    std::fprintf(stderr, "research_pipeline: %s\n", e.what());
    return 1;
  }
  return 0;
}
