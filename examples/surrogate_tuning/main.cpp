// SPDX-License-Identifier: MIT
// examples/surrogate_tuning - the "ML tuning" workflow end to end: sample SMA-crossover parameters
// by Latin hypercube, backtest each, fit a random-forest surrogate, check that the surrogate can
// be trusted, let it rank 20,000 candidates, evaluate its top picks, and ask the overfitting
// guards how much to believe the winner.
//
// A starting template: replace `backtest_of` by your strategy's backtest (return its metrics and
// its per-bar returns) and the space by your parameters.
#include <quantkit/backtest/summary.hpp>
#include <quantkit/backtest/vectorized.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/costs/models.hpp>
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/sma.hpp>
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/guards.hpp>
#include <quantkit/tuning/surrogate.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace ind = quantkit::indicators;
namespace tn = quantkit::tuning;

// Two weeks of 5-minute bars of a random walk (seed 5): 14 x 288 = 4,032 bars.
qk::bar_series make_bars() {
  qk::rng g(5);
  qk::bar_series s;
  double close = 100.0;
  for (int i = 0; i < 14 * 288; ++i) {
    const double open = close;
    close = open * std::exp(0.002 * qk::normal(g));
    s.push_back({qk::minutes(5 * i), open, std::max(open, close), std::min(open, close), close, 1e3});
  }
  return s;
}

int main() {
  const qk::bar_series bars = make_bars();
  const double bars_per_year = 252.0 * 288.0;

  // The objective: a long-flat SMA(fast)/SMA(slow) crossover, 1 bp costs. It returns named
  // metrics and the per-bar returns (the overfitting guards need them).
  auto backtest_of = [&](const qk::samplers::point& p) {
    const auto closes = bars.closes();
    const auto f = ind::apply(ind::sma(static_cast<std::size_t>(p[0])), closes);
    const auto s = ind::apply(ind::sma(static_cast<std::size_t>(p[1])), closes);
    std::vector<double> target(closes.size());
    for (std::size_t i = 0; i < closes.size(); ++i) target[i] = f[i] > s[i] ? 1.0 : 0.0;
    const auto r = bt::run_targets(bars, target, qk::costs::percentage(0.01));
    const auto sum = bt::summarize(r, bars_per_year);
    tn::outcome out{{{"sharpe", sum.sharpe}, {"max_drawdown", sum.max_drawdown}}, {}};
    for (std::size_t i = 1; i < r.equity.size(); ++i) out.returns.push_back(r.equity[i] / r.equity[i - 1] - 1.0);
    return out;
  };

  qk::samplers::space space;
  space.add_int("fast", 2, 60).add_int("slow", 20, 300);
  space.add_constraint("fast < slow", [](const qk::samplers::point& p) { return p[0] < p[1]; });

  tn::surrogate_options so;
  so.samples = 300;        // backtests
  so.candidates = 20000;   // points the surrogate scores
  so.top = 5;
  so.refine_rounds = 1;    // evaluate the top 5, refit, re-rank
  tn::tune_options options;
  options.seed = 7;
  const auto res = tn::surrogate_tune(space, backtest_of, so, options);

  std::printf("%zu backtests, %zu candidates scored by the surrogate\n\n",
              res.trials.trials.size(), res.candidates_scored);
  std::printf("surrogate diagnostics: train R^2 %.3f, validation R^2 %.3f, test R^2 %.3f\n",
              res.diagnostics.train_r2, res.diagnostics.validation_r2, res.diagnostics.test_r2);
  for (const auto& c : res.diagnostics.criteria) {
    std::printf("  [%s] %-36s value %.3f\n", c.passed ? "pass" : "FAIL", c.name.c_str(), c.value);
  }
  std::printf("  quality %.2f: %s\n\n", res.diagnostics.quality, res.diagnostics.verdict.c_str());

  std::printf("top candidates (predicted Sharpe +- tree spread):\n");
  for (const auto& c : res.top) {
    std::printf("  fast %2.0f slow %3.0f  predicted %6.3f +- %.3f\n", c.point[0], c.point[1],
                c.predicted, c.confidence);
  }
  std::printf("\nfeature importance (impurity):\n");
  for (std::size_t i = 0; i < res.feature_names.size(); ++i) {
    std::printf("  %-10s %.3f\n", res.feature_names[i].c_str(), res.impurity_importance[i]);
  }

  const auto& best = res.trials.best();
  std::printf("\nbest evaluated: fast %.0f slow %.0f, Sharpe %.3f, max drawdown %.2f%%\n",
              best.point[0], best.point[1], best.metrics[0], 100.0 * best.metrics[1]);
  const auto guard = tn::overfitting_guards(res.trials);
  std::printf("overfitting guards: DSR %.3f, PBO %.3f -> %s\n  %s\n", guard.dsr.dsr, guard.pbo.pbo,
              guard.verdict.c_str(), guard.explanation.c_str());
  return 0;
}
