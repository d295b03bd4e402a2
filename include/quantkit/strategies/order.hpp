// SPDX-License-Identifier: MIT
// quantkit/strategies/order.hpp - orders a strategy can issue, and the sink it issues them into
#pragma once

#include "../core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace quantkit::strategies {

/// Direction of an order or a fill.
enum class side : std::int8_t { buy = 1, sell = -1 };

/// +1 for buy, -1 for sell.
constexpr double sign(side s) noexcept { return s == side::buy ? 1.0 : -1.0; }

enum class order_type : std::uint8_t {
  market,         ///< fills at the next fill opportunity (next open, or this close if asked)
  limit,          ///< buy at or below / sell at or above limit_price
  stop,           ///< becomes a market order once the price trades through stop_price
  stop_limit,     ///< becomes a limit order at limit_price once stop_price trades
  trailing_stop,  ///< a stop that follows the best price by trail_amount or trail_percent
};

enum class time_in_force : std::uint8_t {
  gtc,   ///< good till cancelled
  day,   ///< cancelled at the end of the UTC day of the bar it was placed on
  bars,  ///< cancelled after `tif_bars` bars without a complete fill
};

/// One order, as a strategy issues it. Prices are absolute. Quantities are positive units; the
/// direction is `direction`. A bracket is an entry order with `take_profit` and/or `stop_loss`:
/// once the entry fills, the engine places the two exit orders as one-cancels-other.
/// `exit_after_bars` closes the position opened by this order after that many bars (time exit).
/// Every member has a default, so designated initializers work:
/// `order{.type = order_type::limit, .direction = side::buy, .quantity = 10, .limit_price = 99}`.
struct order {
  order_type type = order_type::market;
  side direction = side::buy;
  double quantity = 0.0;
  double limit_price = std::numeric_limits<double>::quiet_NaN();
  double stop_price = std::numeric_limits<double>::quiet_NaN();
  double trail_amount = std::numeric_limits<double>::quiet_NaN();   ///< absolute trail distance
  double trail_percent = std::numeric_limits<double>::quiet_NaN();  ///< or a fraction, e.g. 0.02
  time_in_force tif = time_in_force::gtc;
  std::uint32_t tif_bars = 0;
  double take_profit = std::numeric_limits<double>::quiet_NaN();  ///< bracket profit target
  double stop_loss = std::numeric_limits<double>::quiet_NaN();    ///< bracket protective stop
  std::uint32_t exit_after_bars = 0;                              ///< 0: no time exit
  std::uint32_t tag = 0;  ///< a user label, copied to fills and trades
  std::uint64_t id = 0;   ///< assigned by the engine when the order is accepted
};

/// Where an order strategy puts its orders for the current bar. The engine owns it and clears it
/// before each call, keeping its capacity, so issuing orders does not allocate per bar once the
/// buffers have grown.
class order_sink {
 public:
  /// Queues an order for submission after this bar (validated by the engine: invalid orders are
  /// rejected and recorded, never silently filled).
  void submit(const order& o) { orders_.push_back(o); }
  /// Requests cancellation of a working order by id.
  void cancel(std::uint64_t id) { cancels_.push_back(id); }
  /// Requests cancellation of every working order.
  void cancel_all() noexcept { cancel_all_ = true; }

  [[nodiscard]] const std::vector<order>& orders() const noexcept { return orders_; }
  [[nodiscard]] const std::vector<std::uint64_t>& cancels() const noexcept { return cancels_; }
  [[nodiscard]] bool cancel_all_requested() const noexcept { return cancel_all_; }
  void clear() noexcept {
    orders_.clear();
    cancels_.clear();
    cancel_all_ = false;
  }

 private:
  std::vector<order> orders_;
  std::vector<std::uint64_t> cancels_;
  bool cancel_all_ = false;
};

}  // namespace quantkit::strategies
