// SPDX-License-Identifier: MIT
// quantkit/backtest/summary.hpp - the headline numbers of a run, from its equity curve and trades
#pragma once

#include "../core/error.hpp"
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

/// One step of Welford's running mean and M2 (sum of squared deviations) over the non-NaN values
/// of a stream, with the count kept as a double (exact below 2^53): the very operations, in the
/// very order, of stats::running_moments::update for its mean and M2, so the two agree bit for bit
/// (the third and fourth moments, which a Sharpe ratio does not need, are left out). Written
/// branch-free so that a loop over independent streams vectorizes.
struct welford_step {
  static void apply(double x, double& count, double& mean, double& m2) noexcept {
    const double n1 = count;
    const double n = n1 + 1.0;
    const double delta = x - mean;
    const double delta_n = delta / n;
    const double term1 = delta * delta_n * n1;
    const bool valid = x == x;  // NaN returns are skipped, as running_moments skips them
    mean = valid ? mean + delta_n : mean;
    m2 = valid ? m2 + term1 : m2;
    count = valid ? n : n1;
  }
};

/// The running-peak part of a summary without a division per value: the drawdown
/// equity / peak - 1 is, for a fixed peak > 0, a non-decreasing function of the equity (correctly
/// rounded division and subtraction are monotone), so the deepest drawdown under one peak is the
/// drawdown of the lowest equity seen under it, computed once when the peak is exceeded (or when
/// read). The result is bit-identical to taking min(equity / peak - 1) at every value.
struct drawdown_state {
  double peak;
  double low;  ///< lowest equity since the current peak was set
  double mdd = 0.0;

  explicit drawdown_state(double initial) noexcept : peak(initial), low(initial) {}
  void add(double equity) noexcept {
    const bool new_peak = equity > peak;
    if (new_peak && low < peak) close_segment();
    peak = new_peak ? equity : peak;
    low = new_peak ? equity : (equity < low ? equity : low);
  }
  [[nodiscard]] double value() const noexcept {
    const double dd = low / peak - 1.0;
    return dd < mdd ? dd : mdd;
  }

 private:
  void close_segment() noexcept {
    const double dd = low / peak - 1.0;
    mdd = dd < mdd ? dd : mdd;
  }
};

/// Sharpe from a count, mean and M2 of per-bar returns (the arithmetic of running_moments'
/// stddev(1) and mean()), annualized; NaN without variance.
inline double sharpe_of(double count, double mean, double m2, double periods_per_year) noexcept {
  const double no_value = std::numeric_limits<double>::quiet_NaN();
  const double sd = count <= 1.0 ? no_value : std::sqrt(m2 / (count - 1.0));
  const double mu = count == 0.0 ? no_value : mean;
  return sd > 0.0 ? mu / sd * std::sqrt(periods_per_year) : no_value;
}

/// The online statistics of an equity curve a summary needs.
struct curve_statistics {
  std::size_t bars = 0;  ///< values added
  double count = 0.0;    ///< non-NaN returns
  double mean = 0.0;     ///< Welford mean of the returns
  double m2 = 0.0;       ///< Welford M2 of the returns
  drawdown_state drawdown{1.0};
};

/// The equity-curve part of a summary, computed online (no stored curve needed): per-bar simple
/// returns through Welford's running mean and variance, the running peak and the deepest drawdown.
/// One home for these numbers: summarize(), the memory-light sweeps and the fused sweep kernel all
/// use welford_step and drawdown_state, so they agree bit for bit.
class equity_tracker {
 public:
  explicit equity_tracker(double initial_cash = 1.0) : prev_(initial_cash) {
    s_.drawdown = drawdown_state(initial_cash);
  }
  void add(double equity) noexcept {
    welford_step::apply(equity / prev_ - 1.0, s_.count, s_.mean, s_.m2);
    prev_ = equity;
    s_.drawdown.add(equity);
    ++s_.bars;
  }
  [[nodiscard]] std::size_t bars() const noexcept { return s_.bars; }
  [[nodiscard]] double max_drawdown() const noexcept { return s_.drawdown.value(); }
  /// Sharpe of the per-bar returns (sample stddev), annualized; NaN without variance.
  [[nodiscard]] double sharpe(double periods_per_year) const noexcept {
    return sharpe_of(s_.count, s_.mean, s_.m2, periods_per_year);
  }
  [[nodiscard]] const curve_statistics& statistics() const noexcept { return s_; }

 private:
  curve_statistics s_{};
  double prev_;
};

/// A summary from a run's totals (closed trades, winning trades, total costs) and the curve's
/// online statistics: the one place the summary arithmetic lives.
inline run_summary summarize_totals(double initial_cash, double final_equity, std::size_t bars,
                                    std::size_t trades, std::size_t wins, double total_costs,
                                    const curve_statistics& curve, double periods_per_year) {
  require(periods_per_year > 0.0 && std::isfinite(periods_per_year),
          "quantkit::backtest::summarize", "periods_per_year", periods_per_year,
          "must be finite and > 0");
  run_summary s;
  s.final_equity = final_equity;
  s.total_return = final_equity / initial_cash - 1.0;
  s.trades = trades;
  s.costs = total_costs;
  if (trades > 0) s.win_rate = static_cast<double>(wins) / static_cast<double>(trades);
  if (bars > 0) {
    const double years = static_cast<double>(bars) / periods_per_year;
    s.cagr = std::pow(final_equity / initial_cash, 1.0 / years) - 1.0;
  }
  if (curve.bars > 0) {
    s.max_drawdown = curve.drawdown.value();
    s.sharpe = sharpe_of(curve.count, curve.mean, curve.m2, periods_per_year);
  }
  return s;
}

/// A summary from the result's trades and totals, and an equity tracker for the curve (the
/// result's equity may be absent).
inline run_summary summarize(const result& r, const equity_tracker& curve, double periods_per_year) {
  std::size_t wins = 0;
  for (const auto& t : r.trades) wins += t.pnl > 0.0 ? 1u : 0u;
  return summarize_totals(r.initial_cash, r.final_equity, r.bars, r.trades.size(), wins,
                          r.total_costs.total(), curve.statistics(), periods_per_year);
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
