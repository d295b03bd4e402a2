// SPDX-License-Identifier: MIT
// examples/parameter_monte_carlo - is the moving-average crossover good over the whole plausible
// parameter region, or only at a lucky point? 2,048 backtests at (fast, slow) pairs of a scrambled
// Sobol design (any sampler works: random, grid, LHS, Sobol, Halton), with a
// progress bar, per-metric summaries, a text histogram, parameter impact and a robustness score.
//
// A starting template: replace the space, the strategy and the objective with yours; the
// objective may return any number, named metrics, or a backtest summary.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/data/synthetic.hpp>
#include <quantkit/montecarlo.hpp>
#include <quantkit/samplers.hpp>
#include <quantkit/strategies.hpp>

#include <cstdio>
#include <string>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace mc = quantkit::montecarlo;
namespace sm = quantkit::samplers;

int main() {
  // Six years of daily bars of a trending GBM (seed 5), validated once.
  qk::gbm_params gp;
  gp.mu = 0.12;
  gp.sigma = 0.22;
  const qk::bar_series bars = qk::gbm_series(1512, gp, 5);
  qk::validate(bars);

  // The parameter space: fast in [3, 40], slow in [20, 250], fast < slow.
  sm::space space;
  space.add_int("fast", 3, 40).add_int("slow", 20, 250);
  space.add_constraint("fast < slow", [](const sm::point& p) { return p[0] < p[1]; });

  // The objective: one backtest on the fast path; its run_summary becomes 8 metrics.
  const auto costs = qk::costs::percentage(2.0);
  auto objective = [&](const sm::point& p) {
    bt::vectorized_options vo;
    vo.validate_bars = false;  // validated above
    const qk::strategies::ma_crossover<> s(
        {.fast = p.get<std::size_t>("fast"), .slow = p.get<std::size_t>("slow")});
    return bt::summarize(bt::run_fast(bars, s, costs, vo));
  };

  mc::monte_carlo_options o;
  o.execution.threads = 2;
  // A progress bar on stderr (stdout stays deterministic); called from the calling thread.
  o.execution.progress = [](std::size_t done, std::size_t total) {
    const std::size_t width = 40;
    const std::size_t filled = width * done / total;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu", std::string(filled, '=').c_str(),
                 std::string(width - filled, ' ').c_str(), done, total);
    if (done == total) std::fprintf(stderr, "\n");
  };
  const auto r = mc::monte_carlo(space, sm::sobol_sampler{}, 2048, 11, objective, o);
  std::printf("%zu runs: %zu ok, %zu failed\n\n", r.runs.runs.size(), r.runs.ok, r.runs.failed);

  for (const char* name : {"total_return", "sharpe", "max_drawdown"}) {
    const auto& s = r.summary(name);
    std::printf("%-13s mean %8.4f  median %8.4f  std %7.4f  95%% of runs [%8.4f, %8.4f]\n", name,
                s.distribution.mean, s.distribution.median, s.distribution.stddev,
                s.range95.lower, s.range95.upper);
  }
  const auto& ret = r.summary("total_return");
  std::printf("\ntotal return: P(profit) %.1f%%, VaR95 %.4f, CVaR95 %.4f, mean 99%% CI [%.4f, %.4f]\n",
              100.0 * ret.probability_of_profit, ret.var95, ret.cvar95, ret.mean_ci99.lower,
              ret.mean_ci99.upper);

  // Text histogram of the Sharpe ratio across parameter points (one # per 10 runs).
  const auto& sh = r.summary("sharpe");
  std::printf("\nSharpe ratio across runs\n");
  for (std::size_t i = 0; i < sh.bins.counts.size(); ++i) {
    std::printf("%7.3f .. %6.3f %5zu %s\n", sh.bins.edges[i], sh.bins.edges[i + 1],
                sh.bins.counts[i], std::string(sh.bins.counts[i] / 10, '#').c_str());
  }

  std::printf("\nbest and worst runs by Sharpe\n");
  for (const auto& b : sh.best) {
    std::printf("  best  fast %3.0f slow %3.0f  Sharpe %.3f\n", b.parameters[0], b.parameters[1],
                b.value);
  }
  for (const auto& w : sh.worst) {
    std::printf("  worst fast %3.0f slow %3.0f  Sharpe %.3f\n", w.parameters[0], w.parameters[1],
                w.value);
  }
  std::printf("\nparameter impact on Sharpe\n");
  for (const auto& imp : sh.impact) {
    std::printf("  %-5s Pearson %+.3f  Spearman %+.3f\n", imp.parameter.c_str(), imp.pearson,
                imp.spearman);
  }
  std::printf("\nrobustness\n%s", mc::robustness_score(r).to_text().c_str());
  return 0;
}
