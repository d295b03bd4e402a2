#include <quantkit/quantkit.hpp>

#include <cstdio>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
namespace qc = quantkit::costs;

int main() {
  // Ten years of synthetic daily bars (or: qk::read_csv("prices.csv").bars).
  const qk::bar_series bars = qk::gbm_series(2520, {.mu = 0.08, .sigma = 0.2}, /*seed=*/42);

  // An indicator-driven strategy, realistic costs, decisions filled at the next open.
  const auto strategy = qs::ma_crossover<qk::indicators::ema>({.fast = 20, .slow = 100});
  const auto costs = qc::percentage(1.0) + qc::half_spread(0.01);
  const bt::result r = bt::run(bars, strategy, costs);

  const bt::run_summary s = bt::summarize(r, 252.0);
  std::printf("%zu trades, CAGR %.2f%%, Sharpe %.2f, max drawdown %.1f%%\n", s.trades,
              100.0 * s.cagr, s.sharpe, 100.0 * s.max_drawdown);
  const auto rsi = qk::indicators::apply(qk::indicators::rsi(14), bars.closes());
  std::printf("RSI(14) today %.1f, 95th percentile %.1f\n", rsi.back(),
              qk::stats::percentile(qk::stats::drop_nan(rsi), 95.0));
}
