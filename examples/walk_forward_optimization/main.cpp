// SPDX-License-Identifier: MIT
// examples/walk_forward_optimization - on each in-sample window, a genetic-algorithm study picks
// the moving-average periods; they are then traded out of sample and the out-of-sample results
// are stitched (backtest::walk_forward with tuning::optimizer as its optimizer).
//
// A starting template: swap the search (grid_search, bayes_search<>, cmaes_search...) or the
// objective; compare the in-sample and out-of-sample columns before trusting any optimum.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/samplers/space.hpp>
#include <quantkit/strategies.hpp>
#include <quantkit/tuning/genetic.hpp>
#include <quantkit/tuning/walk_forward.hpp>

#include <cmath>
#include <cstdio>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
namespace tn = quantkit::tuning;

// 2,000 daily bars of a random walk with a small drift (seed 21).
qk::bar_series make_bars() {
  qk::rng g(21);
  qk::bar_series s;
  double close = 100.0;
  for (int i = 0; i < 2000; ++i) {
    const double open = close;
    close = open * std::exp(0.0003 + 0.011 * qk::normal(g));
    s.push_back({qk::make_timestamp(2014, 1, 2) + qk::days(i), open, std::max(open, close),
                 std::min(open, close), close, 1e6});
  }
  return s;
}

const auto costs = quantkit::costs::percentage(2.0);

qs::ma_crossover<> make_strategy(const qk::samplers::point& p) {
  return qs::ma_crossover<>(qs::ma_crossover_params{.fast = static_cast<std::size_t>(p[0]),
                                                    .slow = static_cast<std::size_t>(p[1])});
}

int main() {
  const qk::bar_series bars = make_bars();
  qk::samplers::space space;
  space.add_int("fast", 3, 40).add_int("slow", 30, 200);
  space.add_constraint("fast < slow", [](const qk::samplers::point& p) { return p[0] < p[1]; });

  // For a window's bars, the objective is the in-sample Sharpe ratio of the crossover.
  auto objective_for = [](qk::bar_series_view window) {
    return [window](const qk::samplers::point& p) {
      return bt::summarize(bt::run(window, make_strategy(p), costs)).sharpe;
    };
  };
  tn::tune_options options;
  options.max_trials = 96;  // 3 generations of 32
  options.seed = 3;
  options.parallel.threads = 1;  // windows already run in parallel
  auto optimize = tn::optimizer(space, tn::genetic_search{}, objective_for, options);

  bt::walk_forward_options wf;
  wf.in_sample = 500;
  wf.out_of_sample = 250;
  wf.warmup = 200;
  const auto res = bt::walk_forward(bars, optimize, make_strategy, costs, {}, wf);

  std::printf("%-23s %-13s %10s %11s\n", "out-of-sample window", "chosen (GA)", "IS Sharpe",
              "OOS Sharpe");
  for (const auto& w : res.windows) {
    std::printf("%s..%s  SMA %2.0f/%3.0f  %10.3f %11.3f\n",
                qk::format_date(bars.times()[w.oos_begin]).c_str(),
                qk::format_date(bars.times()[w.oos_end - 1]).c_str(), w.params[0], w.params[1],
                w.in_sample.sharpe, w.out_of_sample.sharpe);
  }
  std::printf("\nstitched out of sample: return %.2f%%, Sharpe %.3f, max DD %.2f%%\n",
              100.0 * res.out_of_sample.total_return, res.out_of_sample.sharpe,
              100.0 * res.out_of_sample.max_drawdown);
  std::printf("walk-forward efficiency %.3f %s\n", res.efficiency,
              std::isnan(res.efficiency) ? "(in-sample returns not positive)" : "");
  return 0;
}
