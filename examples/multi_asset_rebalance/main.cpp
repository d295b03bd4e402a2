// SPDX-License-Identifier: MIT
// examples/multi_asset_rebalance - a three-asset portfolio held at target weights and
// rebalanced every 21 bars (about monthly), with costs.
//
// A starting template for portfolio strategies: write target weights per asset, the engine
// rebalances at the next open and keeps a trade log per asset.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/strategies.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;

// Three aligned daily series with different drifts and volatilities (seed 3 + k).
qk::bar_series make_asset(std::uint64_t k, double drift, double vol, double start) {
  qk::rng g(3 + k);
  qk::bar_series s;
  double close = start;
  for (int i = 0; i < 1260; ++i) {
    const double open = close;
    close = open * std::exp(drift / 252.0 + vol / std::sqrt(252.0) * qk::normal(g));
    s.push_back({qk::make_timestamp(2020, 1, 1) + qk::days(i), open, std::max(open, close),
                 std::min(open, close), close, 1e6});
  }
  return s;
}

// 60% / 30% / 10%, restated every 21 bars (NaN in between: leave the positions alone).
struct monthly_weights {
  std::array<double, 3> target{0.6, 0.3, 0.1};
  void on_bars(std::span<const qk::bar>, const qs::portfolio_context& ctx, std::span<double> w) {
    if (ctx.index % 21 != 0) return;
    for (std::size_t k = 0; k < w.size(); ++k) w[k] = target[k];
  }
  void reset() {}
};

int main() {
  const qk::bar_series stocks = make_asset(0, 0.09, 0.18, 100.0);
  const qk::bar_series bonds = make_asset(1, 0.03, 0.06, 100.0);
  const qk::bar_series gold = make_asset(2, 0.05, 0.15, 100.0);
  const std::vector<qk::bar_series_view> assets{stocks, bonds, gold};

  bt::portfolio_options opt;
  opt.initial_cash = 1'000'000.0;
  opt.rebalance = bt::rebalance_policy::every_bar;  // restate = rebalance, even to the same weights
  opt.min_trade_value = 1'000.0;                    // skip dust trades
  const auto r =
      bt::run_portfolio(assets, monthly_weights{}, quantkit::costs::percentage(2.0), opt);

  const char* names[] = {"stocks", "bonds", "gold"};
  std::printf("final equity %.2f (from %.2f), %zu rebalances, turnover %.2f\n", r.final_equity,
              r.initial_cash, r.rebalances, r.turnover);
  for (std::size_t k = 0; k < 3; ++k) {
    const double value = r.final_positions[k] * assets[k].back().close;
    std::printf("  %-6s %10.2f units  value %12.2f  weight %5.1f%%  costs %8.2f\n", names[k],
                r.final_positions[k], value, 100.0 * value / r.final_equity, r.costs[k].total());
  }
  const auto peak = [&] {
    double p = 0.0, dd = 0.0;
    for (double e : r.equity) {
      p = std::max(p, e);
      dd = std::min(dd, e / p - 1.0);
    }
    return dd;
  }();
  std::printf("max drawdown %.2f%%\n", 100.0 * peak);
  return 0;
}
