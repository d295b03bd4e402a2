// SPDX-License-Identifier: MIT
// examples/trade_bootstrap - how bad could this backtest have been by luck of the trade order
// and draw? Bootstrap its trade log into 10,000 alternative trade sequences.
//
// A starting template: put your own backtest (or any list of trade returns) in place of the
// moving-average crossover, pick the ruin level you could not survive, and read the tails.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/data/synthetic.hpp>
#include <quantkit/montecarlo.hpp>
#include <quantkit/strategies.hpp>

#include <cstdio>
#include <string>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace mc = quantkit::montecarlo;

int main() {
  // Ten years of daily GBM bars (seed 13) and an EMA(10) / SMA(60) long-short crossover with a
  // 2 bp commission: a strategy with a few hundred trades.
  qk::gbm_params gp;
  gp.mu = 0.10;
  gp.sigma = 0.25;
  const qk::bar_series bars = qk::gbm_series(2520, gp, 13);
  const qk::strategies::ma_crossover<qk::indicators::ema, qk::indicators::sma> strategy(
      {.fast = 10, .slow = 60, .side = qk::strategies::direction::long_short});
  const bt::result r = bt::run(bars, strategy, qk::costs::percentage(2.0));
  std::printf("backtest: %zu trades, final equity %.0f (%.1f%%)\n", r.trades.size(),
              r.final_equity, 100.0 * (r.final_equity / r.initial_cash - 1.0));

  // 10,000 sequences of as many trades, drawn with replacement from the trade returns; a path is
  // ruined once it has lost 40% (ruin_level 0.6) and stops trading.
  mc::trade_bootstrap_options o;
  o.ruin_level = 0.6;
  o.execution.threads = 2;  // any number: the result is the same
  const auto b = mc::bootstrap_trades(r.trades, &bt::trade::return_, 10'000, 2024, o);

  std::printf("\n%zu paths of %zu trades (iid resampling)\n", b.paths, b.trades_per_path);
  std::printf("%-22s %9s %9s %9s %9s %9s\n", "", "5%", "25%", "median", "75%", "95%");
  auto row = [](const char* name, const mc::distribution_summary& s, double scale) {
    std::printf("%-22s %9.2f %9.2f %9.2f %9.2f %9.2f\n", name, scale * s.percentile(5),
                scale * s.percentile(25), scale * s.median, scale * s.percentile(75),
                scale * s.percentile(95));
  };
  row("total return (%)", b.total_return_summary, 100.0);
  row("max drawdown (%)", b.max_drawdown_summary, 100.0);
  row("longest underwater", b.under_water_summary, 1.0);
  std::printf("\nprobability of profit  %.1f%%\n", 100.0 * b.probability_of_profit);
  std::printf("risk of ruin (-40%%)    %.1f%%\n", 100.0 * b.risk_of_ruin);

  // The drawdown distribution as a text histogram (one # per 100 paths).
  std::printf("\nmax drawdown distribution\n");
  const auto& h = b.drawdown_histogram;
  for (std::size_t i = 0; i < h.counts.size(); ++i) {
    std::printf("%7.1f%% .. %6.1f%% %5zu %s\n", 100.0 * h.edges[i], 100.0 * h.edges[i + 1],
                h.counts[i], std::string(h.counts[i] / 100, '#').c_str());
  }
  return 0;
}
