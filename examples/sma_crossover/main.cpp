// SPDX-License-Identifier: MIT
// examples/sma_crossover - a moving-average crossover backtest with realistic costs.
//
// A starting template: replace the synthetic bars with your data (quantkit::read_csv), the
// strategy with yours, the cost model with your broker's, and read the result.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/strategies.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
namespace qc = quantkit::costs;

// 2,520 daily bars (about ten years) of a geometric random walk: 8% drift, 20% volatility a
// year, opens that gap a little from the previous close, volumes around one million (seed 42:
// the same bars on every machine).
qk::bar_series make_bars() {
  qk::rng g(42);
  qk::bar_series s;
  double close = 100.0;
  const double dt = 1.0 / 252.0;
  for (int i = 0; i < 2520; ++i) {
    const double open = close * std::exp(0.003 * qk::normal(g));
    close = open * std::exp((0.08 - 0.5 * 0.04) * dt + 0.2 * std::sqrt(dt) * qk::normal(g));
    const double high = std::max(open, close) * (1.0 + 0.004 * qk::uniform01(g));
    const double low = std::min(open, close) * (1.0 - 0.004 * qk::uniform01(g));
    s.push_back({qk::make_timestamp(2014, 1, 2) + qk::days(i), open, high, low, close,
                 1e6 * (0.5 + qk::uniform01(g))});
  }
  return s;
}

int main() {
  const qk::bar_series bars = make_bars();
  qk::validate(bars);  // once, at the edge

  // The strategy: long while EMA(20) > SMA(50), flat otherwise.
  const qs::ma_crossover<qk::indicators::ema, qk::indicators::sma> strategy(
      {.fast = 20, .slow = 50, .side = qs::direction::long_only});

  // Costs: 1 bp commission (minimum 1.00), a 2-cent spread, square-root impact.
  const auto costs = qc::percentage(1.0, 1.0) + qc::half_spread(0.02) + qc::sqrt_impact(0.5);

  // Decisions at each close fill at the next open (the default); start with 100,000.
  bt::options opt;
  opt.initial_cash = 100'000.0;
  const bt::result r = bt::run(bars, strategy, costs, opt);
  const bt::run_summary s = bt::summarize(r, 252.0);

  std::printf("bars            %zu\n", r.bars);
  std::printf("trades          %zu closed, %s\n", s.trades,
              r.open_trade ? "one open" : "none open");
  std::printf("final equity    %.2f\n", s.final_equity);
  std::printf("total return    %.2f%%\n", 100.0 * s.total_return);
  std::printf("CAGR            %.2f%%\n", 100.0 * s.cagr);
  std::printf("Sharpe          %.3f\n", s.sharpe);
  std::printf("max drawdown    %.2f%%\n", 100.0 * s.max_drawdown);
  std::printf("win rate        %.1f%%\n", 100.0 * s.win_rate);
  std::printf("costs           commission %.2f, spread %.2f, impact %.2f\n",
              r.total_costs.commission, r.total_costs.spread, r.total_costs.impact);

  std::printf("\nfirst trades:\n");
  for (std::size_t i = 0; i < std::min<std::size_t>(3, r.trades.size()); ++i) {
    const bt::trade& t = r.trades[i];
    std::printf("  %s -> %s  %8.2f units  %7.2f -> %7.2f  pnl %9.2f  MAE %6.2f%%  MFE %6.2f%%\n",
                qk::format_date(t.entry_time).c_str(), qk::format_date(t.exit_time).c_str(),
                t.quantity, t.entry_price, t.exit_price, t.pnl, 100.0 * t.mae, 100.0 * t.mfe);
  }
  return 0;
}
