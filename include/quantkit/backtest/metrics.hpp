// SPDX-License-Identifier: MIT
// quantkit/backtest/metrics.hpp - the statistics layer's full metric set for a backtest result
#pragma once

#include "../core/error.hpp"
#include "../stats/drawdown.hpp"
#include "../stats/performance.hpp"
#include "../stats/trades.hpp"
#include "records.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::backtest {

/// Options of metrics(): the conventions of quantkit::stats::performance_summary (empyrical's).
struct metrics_options {
  double periods_per_year = 252.0;  ///< bars per year (252 daily, 98,280 one-minute US equity)
  double risk_free = 0.0;           ///< per bar: Sharpe, alpha, Omega
  double required_return = 0.0;     ///< per bar: Sortino, downside risk
  double cutoff = 0.05;             ///< VaR / CVaR tail
  std::size_t sqn_max_trades = 0;   ///< cap on N in the SQN (0 = none, Van Tharp's original)
};

/// Everything the statistics layer says about one run.
struct run_metrics {
  /// Per-bar equity returns (the first bar against the initial cash): CAGR, volatility, Sharpe,
  /// Sortino, Calmar, Omega, stability, tail ratio, VaR/CVaR, skew, kurtosis, and the
  /// benchmark-relative metrics when a benchmark is given (stats::performance_summary).
  stats::performance_metrics performance;
  stats::drawdown_info drawdown;         ///< deepest drawdown with peak/trough/recovery bars
  stats::time_under_water under_water;   ///< longest and current spell under water, in bars
  stats::trade_statistics trades;        ///< closed trades' P&L in account currency
  stats::trade_statistics trade_returns; ///< closed trades' returns (pnl / entry notional)
  stats::excursion_summary mae;          ///< maximum adverse excursion of closed trades
  stats::excursion_summary mfe;          ///< maximum favourable excursion of closed trades
  double average_bars_held = std::numeric_limits<double>::quiet_NaN();  ///< closed trades
  double exposure = std::numeric_limits<double>::quiet_NaN();  ///< share of bars in a trade
  double total_costs = 0.0;  ///< all costs paid, every component
  std::size_t fills = 0;
  std::size_t rejections = 0;
};

namespace detail {

inline std::vector<double> equity_returns(const result& r, const char* fn) {
  require(r.bars == 0 || r.equity.size() == r.bars, fn, "result.equity.size()", r.equity.size(),
          "must equal result.bars (run with run_options::record_equity = true)");
  std::vector<double> out(r.equity.size());
  double prev = r.initial_cash;
  for (std::size_t i = 0; i < r.equity.size(); ++i) {
    out[i] = r.equity[i] / prev - 1.0;
    prev = r.equity[i];
  }
  return out;
}

inline run_metrics fill_trade_metrics(run_metrics m, const result& r, const metrics_options& o) {
  const stats::trade_options to{.sqn_max_trades = o.sqn_max_trades};
  m.trades = stats::trade_stats(stats::double_view(r.trades, &trade::pnl), to);
  m.trade_returns = stats::trade_stats(stats::double_view(r.trades, &trade::return_), to);
  m.mae = stats::excursion_stats(stats::double_view(r.trades, &trade::mae));
  m.mfe = stats::excursion_stats(stats::double_view(r.trades, &trade::mfe));
  std::size_t held = 0;
  for (const trade& t : r.trades) held += t.bars_held;
  if (!r.trades.empty()) {
    m.average_bars_held = static_cast<double>(held) / static_cast<double>(r.trades.size());
  }
  if (r.open_trade) held += r.open_trade->bars_held;
  if (r.bars > 0) m.exposure = std::fmin(1.0, static_cast<double>(held) / static_cast<double>(r.bars));
  m.total_costs = r.total_costs.total();
  m.fills = r.fills;
  m.rejections = r.rejections;
  return m;
}

inline stats::performance_options perf_options(const metrics_options& o) {
  return {.periods_per_year = o.periods_per_year,
          .risk_free = o.risk_free,
          .required_return = o.required_return,
          .omega_required_return = 0.0,
          .cutoff = o.cutoff};
}

}  // namespace detail

/// The full metric set of a run, computed by the statistics layer from the equity curve and the
/// trade log (so every number follows that layer's documented convention: empyrical's for the
/// return metrics, ddof = 1, NaN when a ratio's dispersion is zero).
///
/// Returns: r_t = equity_t / equity_{t-1} - 1 with equity_{-1} = initial cash, one per bar. The
/// trade statistics cover closed trades only (the open one at the end is left out, as its P&L is
/// not final); `exposure` counts the bars held by closed and open trades over all bars (bars_held
/// is exit - entry, so a trade entered and left on consecutive bars counts 1).
///
/// Errors: invalid_argument when the result has no equity curve (run_options::record_equity was
/// false) or an option is invalid (periods_per_year not finite and > 0, non-finite rates, cutoff
/// outside [0, 1]); the message names the option. O(bars + trades log trades).
inline run_metrics metrics(const result& r, const metrics_options& o = {}) {
  const char* fn = "quantkit::backtest::metrics";
  const std::vector<double> ret = detail::equity_returns(r, fn);
  run_metrics m;
  m.performance = stats::performance_summary(ret, detail::perf_options(o));
  m.drawdown = stats::max_drawdown_info(ret);
  m.under_water = stats::under_water_time(ret);
  return detail::fill_trade_metrics(std::move(m), r, o);
}

/// The same with per-bar benchmark returns (alpha, beta, excess Sharpe, capture ratios, batting
/// average). Throws invalid_argument naming both lengths when the benchmark's length differs from the
/// number of bars.
inline run_metrics metrics(const result& r, std::span<const double> benchmark_returns,
                           const metrics_options& o = {}) {
  const char* fn = "quantkit::backtest::metrics";
  const std::vector<double> ret = detail::equity_returns(r, fn);
  require_same_length(fn, "benchmark_returns", benchmark_returns.size(), "result.equity",
                      ret.size());
  run_metrics m;
  m.performance = stats::performance_summary(ret, benchmark_returns, detail::perf_options(o));
  m.drawdown = stats::max_drawdown_info(ret);
  m.under_water = stats::under_water_time(ret);
  return detail::fill_trade_metrics(std::move(m), r, o);
}

}  // namespace quantkit::backtest
