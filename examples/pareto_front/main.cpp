// SPDX-License-Identifier: MIT
// examples/pareto_front - three objectives at once with NSGA-II: the Sharpe ratio (higher), the
// maximum drawdown (shallower) and the number of trades (fewer, i.e. less turnover) of a
// moving-average crossover; prints the Pareto front, the trade-offs no single metric shows.
//
// A starting template: return your own metrics from the objective and list them in
// nsga2_options::objectives by position, each with its direction.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/samplers/space.hpp>
#include <quantkit/strategies.hpp>
#include <quantkit/tuning/pareto.hpp>
#include <quantkit/tuning/tune.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
namespace tn = quantkit::tuning;

// 1,500 daily bars of a random walk with a small drift (seed 8).
qk::bar_series make_bars() {
  qk::rng g(8);
  qk::bar_series s;
  double close = 100.0;
  for (int i = 0; i < 1500; ++i) {
    const double open = close;
    close = open * std::exp(0.0004 + 0.012 * qk::normal(g));
    s.push_back({qk::make_timestamp(2015, 1, 2) + qk::days(i), open, std::max(open, close),
                 std::min(open, close), close, 1e6});
  }
  return s;
}

int main() {
  const qk::bar_series bars = make_bars();
  qk::samplers::space space;
  space.add_int("fast", 2, 50).add_int("slow", 10, 250);
  space.add_constraint("fast < slow", [](const qk::samplers::point& p) { return p[0] < p[1]; });

  // Metrics in this order: 0 sharpe, 1 max_drawdown (<= 0), 2 trades.
  auto objective = [&](const qk::samplers::point& p) {
    const qs::ma_crossover_params mp{.fast = static_cast<std::size_t>(p[0]),
                                     .slow = static_cast<std::size_t>(p[1])};
    const auto s = bt::summarize(bt::run(bars, qs::ma_crossover<>(mp), qk::costs::percentage(2.0)));
    return tn::outcome{{{"sharpe", s.sharpe},
                        {"max_drawdown", s.max_drawdown},
                        {"trades", static_cast<double>(s.trades)}},
                       {}};
  };
  tn::nsga2_options nsga;
  nsga.objectives = {{0, tn::goal::maximize}, {1, tn::goal::maximize}, {2, tn::goal::minimize}};
  nsga.population = 40;
  tn::tune_options options;
  options.max_trials = 800;  // 20 generations
  options.seed = 4;
  const auto st = tn::tune(space, tn::nsga2_search(nsga), objective, options);

  auto front = tn::pareto_front(st, nsga.objectives);
  std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
    return st.trials[a].metrics[0] > st.trials[b].metrics[0];
  });
  std::printf("%zu trials, %zu on the Pareto front (Sharpe up, drawdown shallower, fewer trades)\n",
              st.trials.size(), front.size());
  std::printf("%5s %5s %8s %10s %7s\n", "fast", "slow", "Sharpe", "max DD", "trades");
  for (std::size_t k = 0; k < front.size() && k < 12; ++k) {
    const auto& t = st.trials[front[k]];
    std::printf("%5.0f %5.0f %8.3f %9.2f%% %7.0f\n", t.point[0], t.point[1], t.metrics[0],
                100.0 * t.metrics[1], t.metrics[2]);
  }
  if (front.size() > 12) std::printf("  ... %zu more\n", front.size() - 12);
  return 0;
}
