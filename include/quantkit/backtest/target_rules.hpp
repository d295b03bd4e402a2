// SPDX-License-Identifier: MIT
// quantkit/backtest/target_rules.hpp - the options of the vectorized path and the target rule
// (target -> fill) shared by run_targets, run_fast and the fused kernels
#pragma once

#include "../core/bar.hpp"
#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "../costs/concepts.hpp"
#include "account.hpp"
#include "options.hpp"
#include "records.hpp"
#include "summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <utility>
#include <vector>

namespace quantkit::backtest {

/// Options of the vectorized path (a subset of the engine's: no orders, no risk rules, no
/// partial fills).
struct vectorized_options {
  double initial_cash = 100'000.0;
  fill_timing market_fills = fill_timing::next_open;
  rebalance_policy rebalance = rebalance_policy::on_change;
  bool fractional = true;
  double lot_size = 1.0;
  std::size_t volatility_window = 20;
  bool units = false;  ///< targets are units instead of exposures (fractions of equity)
  bool close_at_end = false;
  bool record_equity = true;
  bool validate_bars = true;  ///< validate the bars first (see options::validate_bars)
  /// run_targets, and run_fast with a strategy that declares its indicator inputs
  /// (strategies::IndicatorTargetStrategy), take the fused kernel (see docs/backtest.md,
  /// "Vectorized fast path"): the same result to the last bit, computed block by block. false
  /// forces the generic per-bar loop (for comparisons and tests).
  bool fused = true;
};

namespace detail {

/// The bar columns the target loops read (spans over a bar_series_view).
struct bar_columns {
  std::span<const timestamp> time;
  std::span<const double> open, high, low, close, volume;
  explicit bar_columns(bar_series_view bars)
      : time(bars.times()),
        open(bars.opens()),
        high(bars.highs()),
        low(bars.lows()),
        close(bars.closes()),
        volume(bars.volumes()) {}
  [[nodiscard]] bar at(std::size_t t) const noexcept {
    return bar{time[t], open[t], high[t], low[t], close[t], volume[t]};
  }
};

/// Moves the account to `target` (exposure or units) with a fill at `price` in bar t, priced by
/// the cost model: the target rule shared by run_targets, run_fast and the fused sweep kernel
/// (see docs/backtest.md "Targets"). No fill when the position already matches.
template <costs::CostModel C>
void trade_to_target(account& acct, C& cost_model, const bar_columns& cols,
                     const vectorized_options& opt, double target, double price, std::size_t t,
                     bool at_open) {
  const bar b = cols.at(t);
  const double vol = !costs::uses_volatility<C>() || t == 0
                         ? std::numeric_limits<double>::quiet_NaN()
                         : volatility_estimate(cols.close.first(t), opt.volatility_window);
  const double pos = acct.position();
  const double desired = desired_units(
      target, opt.units, price, acct.cash(), pos, opt.fractional, opt.lot_size,
      [&](double units, bool buy) {
        return cost_model.breakdown(make_fill(b, units, price, buy, vol)).total();
      },
      acct.cost_rate());
  double q = desired - pos;
  if (std::fabs(q) <= 1e-12 * std::max(std::fabs(desired), std::fabs(pos))) return;
  const auto c = cost_model.breakdown(make_fill(b, std::fabs(q), price, q > 0.0, vol));
  acct.apply(q, price, c, t, cols.time[t], at_open, exit_reason::signal, 0);
}

/// Closes the position at the last bar's close (options close_at_end).
template <costs::CostModel C>
void close_at_last_bar(account& acct, C& cost_model, const bar_columns& cols,
                       const vectorized_options& opt) {
  const std::size_t t = cols.close.size() - 1;
  const bar b = cols.at(t);
  const double vol = costs::uses_volatility<C>()
                         ? volatility_estimate(cols.close.first(t), opt.volatility_window)
                         : std::numeric_limits<double>::quiet_NaN();
  const double q = -acct.position();
  const auto c = cost_model.breakdown(make_fill(b, std::fabs(q), cols.close[t], q > 0.0, vol));
  acct.apply(q, cols.close[t], c, t, cols.time[t], false, exit_reason::end_of_data, 0);
}

/// The end of a target run, shared by run_target_loop and the fused kernel so that the two stay
/// the same to the last bit: the closing fill at the last close (options close_at_end) with the
/// last bar's equity redone, the tracker's last value (it was held back for this fill), and the
/// result's totals from the account. `equity` is the recorded curve (empty if not recorded).
template <costs::CostModel C>
void finish_target_run(result& res, account& acct, C& cost_model, const bar_columns& cols,
                       const vectorized_options& opt, std::vector<double>&& equity,
                       equity_tracker* tracker) {
  const std::size_t n = cols.close.size();
  const auto close = cols.close;
  if (opt.close_at_end && n > 0 && acct.position() != 0.0) {
    close_at_last_bar(acct, cost_model, cols, opt);
    if (opt.record_equity) equity.back() = acct.equity(close[n - 1]);
  }
  if (tracker != nullptr && opt.close_at_end && n > 0) tracker->add(acct.equity(close[n - 1]));
  res.equity = std::move(equity);
  res.final_equity = n > 0 ? acct.equity(close[n - 1]) : opt.initial_cash;
  res.bars = n;
  acct.move_books_into(res);
}

/// Checks the options of the target loops.
inline void check_vectorized_options(const vectorized_options& opt, const char* fn) {
  require(opt.initial_cash > 0.0 && std::isfinite(opt.initial_cash), fn, "initial_cash",
          opt.initial_cash, "must be finite and > 0");
  require(opt.lot_size > 0.0 && std::isfinite(opt.lot_size), fn, "lot_size", opt.lot_size,
          "must be finite and > 0");
  require(opt.volatility_window >= 2, fn, "volatility_window", opt.volatility_window,
          "must be >= 2");
}

}  // namespace detail

}  // namespace quantkit::backtest
