// SPDX-License-Identifier: MIT
// quantkit/backtest/records.hpp - what a backtest records: trades, order events, the result
#pragma once

#include "../core/time.hpp"
#include "../costs/concepts.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace quantkit::backtest {

/// Why a trade ended.
enum class exit_reason : std::uint8_t {
  open,           ///< not closed (the trade is still open)
  signal,         ///< the strategy's target or orders closed it
  reversal,       ///< closed by an order that opened the opposite position
  stop_loss,      ///< a bracket's stop-loss or a stop order
  take_profit,    ///< a bracket's profit target
  trailing_stop,  ///< a trailing stop
  time_exit,      ///< the order's exit_after_bars elapsed
  risk,           ///< the daily loss kill switch
  end_of_data,    ///< options.close_at_end
};

/// A round trip: from leaving flat to returning to flat (or reversing). Scale-ins average the
/// entry price; partial exits average the exit price. Prices are per unit; money in account
/// currency. `mae` / `mfe` are the worst and best excursions of the price against the average
/// entry, as fractions of it (mae <= 0 <= mfe), over the bars the position was held.
struct trade {
  std::size_t entry_index = 0;
  timestamp entry_time = 0;
  std::size_t exit_index = 0;
  timestamp exit_time = 0;
  int direction = 1;         ///< +1 long, -1 short
  double quantity = 0.0;     ///< largest |position| held during the trade
  double entry_price = 0.0;  ///< average entry price
  double exit_price = std::numeric_limits<double>::quiet_NaN();  ///< average exit price
  costs::cost_breakdown costs{};  ///< all fills of the trade (entry and exit), by component
  double gross_pnl = 0.0;         ///< price P&L before costs
  double pnl = 0.0;               ///< gross_pnl - costs.total()
  double return_ = 0.0;           ///< pnl / (entry_price x quantity)
  std::size_t bars_held = 0;      ///< exit_index - entry_index
  double mae = 0.0;
  double mfe = 0.0;
  exit_reason reason = exit_reason::open;
  std::uint32_t tag = 0;  ///< tag of the order that opened it
};

/// What happened to an order.
enum class order_status : std::uint8_t {
  accepted,
  filled,            ///< completely filled (price and quantity of this fill in the event)
  partially_filled,  ///< a partial fill; the rest keeps working
  cancelled,
  expired,   ///< time in force elapsed
  rejected,  ///< never accepted (see reject_reason)
  trimmed,   ///< accepted with a smaller quantity (see reject_reason for the rule)
};

/// Why an order was rejected or trimmed.
enum class reject_reason : std::uint8_t {
  none,
  invalid_quantity,        ///< quantity <= 0 or not finite
  missing_price,           ///< a limit/stop/trail price the order type needs is missing
  invalid_price_relation,  ///< e.g. a buy stop-limit with limit below stop, a bracket inverted
  short_selling_disabled,
  below_lot_size,  ///< rounds to zero units
  max_position,
  max_gross_exposure,
  max_turnover,
  kill_switch,      ///< daily loss limit hit
  circuit_breaker,  ///< consecutive-loss cool-off
  unknown_order,    ///< cancel of an id that is not working
};

/// One line of the order log.
struct order_event {
  std::size_t index = 0;  ///< bar index
  timestamp time = 0;
  std::uint64_t order_id = 0;
  order_status status = order_status::accepted;
  reject_reason reason = reject_reason::none;
  double quantity = 0.0;  ///< signed: + buy, - sell (the fill quantity for fills)
  double price = std::numeric_limits<double>::quiet_NaN();  ///< fill price for fills
  costs::cost_breakdown costs{};                            ///< fill costs for fills
};

/// Everything a single-instrument run produces.
struct result {
  std::vector<double> equity;       ///< cash + position x close, one per bar (if recorded)
  std::vector<trade> trades;        ///< closed trades, in order
  std::optional<trade> open_trade;  ///< the trade still open at the end, if any
  std::vector<order_event> orders;  ///< the order log (if recorded)
  double initial_cash = 0.0;
  double final_equity = 0.0;
  double final_cash = 0.0;
  double final_position = 0.0;
  costs::cost_breakdown total_costs{};
  std::size_t bars = 0;
  std::size_t fills = 0;
  std::size_t rejections = 0;
};

}  // namespace quantkit::backtest
