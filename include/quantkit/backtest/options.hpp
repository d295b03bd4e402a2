// SPDX-License-Identifier: MIT
// quantkit/backtest/options.hpp - engine options: fill timing, intrabar path, risk limits
#pragma once

#include <cstddef>
#include <limits>

namespace quantkit::backtest {

/// When market orders (and strategy targets) fill.
enum class fill_timing {
  next_open,   ///< default: decided at the close of bar t, filled at the open of bar t + 1
  same_close,  ///< filled at the close of the bar that decided them (only when asked for)
};

/// How a bar's path from open to close is assumed when several working orders could fill in it.
/// Gaps are always honoured first: an order whose price the open already passed fills at the open.
enum class intrabar_path {
  stop_first,           ///< default, conservative: stops (and stop-losses) before limits/targets
  target_first,         ///< limits and profit targets before stops
  open_high_low_close,  ///< the path O -> H -> L -> C
  open_low_high_close,  ///< the path O -> L -> H -> C
  close_direction,      ///< O -> L -> H -> C on an up bar (C >= O), O -> H -> L -> C otherwise
};

/// When a target strategy's target turns into an order.
enum class rebalance_policy {
  on_change,  ///< default: when the target differs from the previous bar's target
  every_bar,  ///< every bar: the position is brought back to the target (drift rebalancing)
};

/// Risk rules. The engine rejects or trims orders that would break them and records why.
/// Fractions refer to the account's equity; infinity (the default) disables a rule.
struct risk_limits {
  double max_position = std::numeric_limits<double>::infinity();          ///< |units|
  double max_gross_exposure = std::numeric_limits<double>::infinity();    ///< |value| / equity
  double max_turnover_per_bar = std::numeric_limits<double>::infinity();  ///< traded / equity
  double max_turnover_per_day = std::numeric_limits<double>::infinity();  ///< traded / equity
  /// Kill switch: when equity falls below (1 - limit) x the day's starting equity, working orders
  /// are cancelled, the position is closed, and new orders are rejected until the next UTC day.
  double daily_loss_limit = std::numeric_limits<double>::infinity();
  /// Circuit breaker: after this many consecutive losing trades, entries are rejected for
  /// `cooloff_bars` bars (0 disables the breaker).
  std::size_t max_consecutive_losses = 0;
  std::size_t cooloff_bars = 0;
};

/// Options of the single-instrument engine (backtest::run, backtest::engine).
struct options {
  double initial_cash = 100'000.0;
  fill_timing market_fills = fill_timing::next_open;
  intrabar_path path = intrabar_path::stop_first;
  rebalance_policy rebalance = rebalance_policy::on_change;
  bool fractional = true;  ///< fractional units; otherwise quantities round toward 0 to lot_size
  double lot_size = 1.0;
  bool allow_short = true;
  /// Partial fills: a fill takes at most this fraction of the bar's volume (0 = no cap); the
  /// rest stays working for the next bar.
  double max_volume_fraction = 0.0;
  /// Bars of close-to-close log returns behind the volatility estimate given to cost models.
  std::size_t volatility_window = 20;
  bool close_at_end = false;  ///< close any open position at the last bar's close
  risk_limits risk{};
  bool record_equity = true;  ///< keep the per-bar equity curve
  bool record_orders = true;  ///< keep the order log (every acceptance, fill, cancel, rejection)
  /// Validate the bars before running (quantkit::validate). Sweeps and walk-forward validate
  /// once and turn this off for their runs; turn it off yourself only for data you validated.
  bool validate_bars = true;
};

}  // namespace quantkit::backtest
