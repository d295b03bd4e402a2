// SPDX-License-Identifier: MIT
// quantkit/backtest/summary.hpp - the headline numbers of a run, from its equity curve and trades
#pragma once

#include "../core/error.hpp"
#include "../stats/descriptive.hpp"
#include "records.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace quantkit::backtest {

/// Headline statistics of one run (what sweeps and walk-forward keep when the equity curve is
/// dropped). Returns are simple per-bar returns of the equity curve; Sharpe follows empyrical's
/// convention (mean / sample stddev of per-bar returns x sqrt(periods_per_year), no risk-free
/// rate, NaN when the stddev is 0 or there are fewer than 2 returns); CAGR compounds over
/// bars / periods_per_year years; max drawdown is the largest peak-to-trough loss of equity as a
/// negative fraction (0 when equity never falls).
struct run_summary {
  double final_equity = std::numeric_limits<double>::quiet_NaN();
  double total_return = std::numeric_limits<double>::quiet_NaN();
  double cagr = std::numeric_limits<double>::quiet_NaN();
  double sharpe = std::numeric_limits<double>::quiet_NaN();
  double max_drawdown = std::numeric_limits<double>::quiet_NaN();
  double win_rate =
      std::numeric_limits<double>::quiet_NaN();  ///< share of closed trades with pnl > 0
  std::size_t trades = 0;
  double costs = 0.0;
};

/// Summarizes a result. `periods_per_year` annualizes (252 for daily bars). Throws
/// invalid_argument when it is not finite and positive. O(bars + trades).
inline run_summary summarize(const result& r, double periods_per_year = 252.0) {
  require(periods_per_year > 0.0 && std::isfinite(periods_per_year),
          "quantkit::backtest::summarize", "periods_per_year", periods_per_year,
          "must be finite and > 0");
  run_summary s;
  s.final_equity = r.final_equity;
  s.total_return = r.final_equity / r.initial_cash - 1.0;
  s.trades = r.trades.size();
  s.costs = r.total_costs.total();
  if (!r.trades.empty()) {
    std::size_t wins = 0;
    for (const auto& t : r.trades) wins += t.pnl > 0.0 ? 1u : 0u;
    s.win_rate = static_cast<double>(wins) / static_cast<double>(r.trades.size());
  }
  if (r.bars > 0) {
    const double years = static_cast<double>(r.bars) / periods_per_year;
    s.cagr = std::pow(r.final_equity / r.initial_cash, 1.0 / years) - 1.0;
  }
  if (!r.equity.empty()) {
    std::vector<double> ret;
    ret.reserve(r.equity.size());
    double prev = r.initial_cash;
    double peak = r.initial_cash;
    double mdd = 0.0;
    for (double e : r.equity) {
      ret.push_back(e / prev - 1.0);
      prev = e;
      peak = e > peak ? e : peak;
      const double dd = e / peak - 1.0;
      mdd = dd < mdd ? dd : mdd;
    }
    s.max_drawdown = mdd;
    const double sd = stats::stddev(ret, 1);
    s.sharpe = sd > 0.0 ? stats::mean(ret) / sd * std::sqrt(periods_per_year)
                        : std::numeric_limits<double>::quiet_NaN();
  }
  return s;
}

}  // namespace quantkit::backtest
