// SPDX-License-Identifier: MIT
// examples/walk_forward - choose moving-average periods on each in-sample window by a grid
// search, trade them out of sample, and stitch the out-of-sample results.
//
// A starting template: replace the optimizer with your own search (later: the tuning layer) and
// read the walk-forward efficiency before trusting any in-sample optimum.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/strategies.hpp>

#include <cmath>
#include <cstdio>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;

// 3,000 daily bars of a random walk with a small drift (seed 21).
qk::bar_series make_bars() {
  qk::rng g(21);
  qk::bar_series s;
  double close = 100.0;
  for (int i = 0; i < 3000; ++i) {
    const double open = close;
    close = open * std::exp(0.0003 + 0.011 * qk::normal(g));
    s.push_back({qk::make_timestamp(2012, 1, 2) + qk::days(i), open, std::max(open, close),
                 std::min(open, close), close, 1e6});
  }
  return s;
}

using params = qs::ma_crossover_params;
const auto costs = quantkit::costs::percentage(2.0);

// The in-sample optimizer: the (fast, slow) pair with the best Sharpe on the window it is given.
params grid_search(qk::bar_series_view in_sample) {
  params best{};
  double best_sharpe = -1e9;
  for (std::size_t fast : {5u, 10u, 20u, 30u}) {
    for (std::size_t slow : {50u, 100u, 150u}) {
      const params p{.fast = fast, .slow = slow};
      const double sharpe = bt::summarize(bt::run(in_sample, qs::ma_crossover<>(p), costs)).sharpe;
      if (sharpe > best_sharpe) {
        best_sharpe = sharpe;
        best = p;
      }
    }
  }
  return best;
}

int main() {
  const qk::bar_series bars = make_bars();
  bt::walk_forward_options wf;
  wf.in_sample = 750;      // three years to choose
  wf.out_of_sample = 250;  // one year to trade
  wf.warmup = 150;         // the out-of-sample strategy sees 150 bars before it may trade
  const auto res = bt::walk_forward(
      bars, grid_search, [](const params& p) { return qs::ma_crossover<>(p); }, costs, {}, wf);

  std::printf("%-23s %-12s %12s %13s\n", "out-of-sample window", "chosen", "IS return",
              "OOS return");
  for (const auto& w : res.windows) {
    std::printf("%s..%s  SMA %2zu/%3zu  %11.2f%% %12.2f%%\n",
                qk::format_date(bars.times()[w.oos_begin]).c_str(),
                qk::format_date(bars.times()[w.oos_end - 1]).c_str(), w.params.fast, w.params.slow,
                100.0 * w.in_sample.total_return, 100.0 * w.out_of_sample.total_return);
  }
  std::printf("\nstitched out of sample: return %.2f%%, CAGR %.2f%%, Sharpe %.3f, max DD %.2f%%\n",
              100.0 * res.out_of_sample.total_return, 100.0 * res.out_of_sample.cagr,
              res.out_of_sample.sharpe, 100.0 * res.out_of_sample.max_drawdown);
  std::printf("walk-forward efficiency %.3f %s\n", res.efficiency,
              std::isnan(res.efficiency) ? "(in-sample returns not positive)" : "");
  return 0;
}
