// SPDX-License-Identifier: MIT
// examples/consensus_heads - three strategy "heads" vote; a trend filter vetoes entries against
// the trend; volatility targeting sizes the position. All composed at compile time.
//
// On this random data no head has a real edge, so no combination can create one: the point here
// is the mechanics. A starting template for multi-head systems: swap in your own heads (any
// TargetStrategy, e.g. model_head with a trained model) and learn their weights from the per-head
// signals.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/strategies.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;

// 2,000 daily bars with two regimes: a trending first half, a choppy second half (seed 11).
qk::bar_series make_bars() {
  qk::rng g(11);
  qk::bar_series s;
  double close = 80.0;
  for (int i = 0; i < 2000; ++i) {
    const double drift = i < 1000 ? 0.0008 : 0.0;
    const double open = close * std::exp(0.002 * qk::normal(g));
    close = open * std::exp(drift + 0.012 * qk::normal(g));
    s.push_back({qk::make_timestamp(2016, 1, 4) + qk::days(i), open, std::max(open, close) * 1.003,
                 std::min(open, close) * 0.997, close, 2e6});
  }
  return s;
}

int main() {
  const qk::bar_series bars = make_bars();

  // Three heads, each a strategy of its own.
  qs::ma_crossover<> trend_head({.fast = 10, .slow = 40, .side = qs::direction::long_short});
  qs::donchian_breakout breakout_head({.entry = 20, .exit = 10});
  qs::rsi_reversion reversion_head({.period = 5,
                                    .oversold = 25,
                                    .overbought = 75,
                                    .exit = 50,
                                    .side = qs::direction::long_short});

  // Weighted vote: trend counts double; act only on a clear majority (|score| > 0.3).
  qs::consensus_params<3> vote;
  vote.weights = {2.0, 1.0, 1.0};
  vote.threshold = 0.3;
  qs::consensus heads(vote, trend_head, breakout_head, reversion_head);

  // Only longs above the 100-bar average, only shorts below it; then size for 12% volatility.
  auto strategy =
      qs::sized(qs::filtered(heads, qs::trend_filter(100)),
                qs::volatility_target({.annual_target = 0.12, .window = 20, .max_leverage = 1.5}));

  bt::options opt;
  opt.initial_cash = 100'000.0;
  opt.rebalance = bt::rebalance_policy::on_change;
  const bt::result r = bt::run(bars, strategy, quantkit::costs::percentage(1.0), opt);
  const bt::run_summary s = bt::summarize(r);

  // The same heads alone, for comparison (each fully invested on its own signal).
  const auto alone = [&](auto head) {
    return bt::summarize(bt::run(bars, head, quantkit::costs::percentage(1.0), opt));
  };
  const bt::run_summary a = alone(trend_head);
  const bt::run_summary b = alone(breakout_head);
  const bt::run_summary c = alone(reversion_head);

  std::printf("%-22s %10s %8s %9s %7s\n", "", "return", "Sharpe", "max DD", "trades");
  auto row = [](const char* name, const bt::run_summary& x) {
    std::printf("%-22s %9.2f%% %8.3f %8.2f%% %7zu\n", name, 100.0 * x.total_return, x.sharpe,
                100.0 * x.max_drawdown, x.trades);
  };
  row("trend head alone", a);
  row("breakout head alone", b);
  row("reversion head alone", c);
  row("consensus, filtered", s);
  return 0;
}
