// SPDX-License-Identifier: MIT
// quantkit/backtest/summary.hpp - the headline numbers of a run, from its equity curve and trades
#pragma once

#include "../core/error.hpp"
#include "../stats/running_moments.hpp"
#include "records.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace quantkit::backtest {

/// Headline statistics of one run (what sweeps and walk-forward keep when the equity curve is
/// dropped). Returns are simple per-bar returns of the equity curve (the first against the initial
/// cash); Sharpe follows empyrical's convention (mean / sample stddev of per-bar returns x
/// sqrt(periods_per_year), no risk-free rate, NaN when the stddev is 0 or there are fewer than 2
/// returns; mean and variance by Welford's method); CAGR compounds over
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

namespace detail {

/// The equity-curve part of a summary, computed online (no stored curve needed): per-bar simple
/// returns through Welford's running moments, the running peak and the deepest drawdown. One home
/// for these numbers: summarize() and the memory-light sweeps both use it, so they agree bit for bit.
class equity_tracker {
 public:
  explicit equity_tracker(double initial_cash = 1.0) : prev_(initial_cash), peak_(initial_cash) {}
  void add(double equity) noexcept {
    returns_.update(equity / prev_ - 1.0);
    prev_ = equity;
    peak_ = equity > peak_ ? equity : peak_;
    const double dd = equity / peak_ - 1.0;
    mdd_ = dd < mdd_ ? dd : mdd_;
    ++bars_;
  }
  [[nodiscard]] std::size_t bars() const noexcept { return bars_; }
  [[nodiscard]] double max_drawdown() const noexcept { return mdd_; }
  /// Sharpe of the per-bar returns (sample stddev), annualized; NaN without variance.
  [[nodiscard]] double sharpe(double periods_per_year) const noexcept {
    const double sd = returns_.stddev(1);
    return sd > 0.0 ? returns_.mean() / sd * std::sqrt(periods_per_year)
                    : std::numeric_limits<double>::quiet_NaN();
  }

 private:
  stats::running_moments returns_{};
  double prev_;
  double peak_;
  double mdd_ = 0.0;
  std::size_t bars_ = 0;
};

/// A summary from the result's trades and totals, and an equity tracker for the curve (the
/// result's equity may be absent).
inline run_summary summarize(const result& r, const equity_tracker& curve, double periods_per_year) {
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
  if (curve.bars() > 0) {
    s.max_drawdown = curve.max_drawdown();
    s.sharpe = curve.sharpe(periods_per_year);
  }
  return s;
}

}  // namespace detail

/// Summarizes a result. `periods_per_year` annualizes (252 for daily bars). Throws
/// invalid_argument when it is not finite and positive, or when the result has no equity curve
/// (run with `record_equity = false`: Sharpe and drawdown would be unknown). O(bars + trades).
inline run_summary summarize(const result& r, double periods_per_year = 252.0) {
  require(r.bars == 0 || r.equity.size() == r.bars, "quantkit::backtest::summarize",
          "result.equity.size()", r.equity.size(),
          "must equal result.bars (run with options::record_equity = true)");
  detail::equity_tracker curve(r.initial_cash);
  for (const double e : r.equity) curve.add(e);
  return detail::summarize(r, curve, periods_per_year);
}

}  // namespace quantkit::backtest
