// SPDX-License-Identifier: MIT
// quantkit/backtest/engine.hpp - the event-driven single-instrument engine (batch and streaming)
#pragma once

#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "../core/time.hpp"
#include "../core/validate.hpp"
#include "../costs/concepts.hpp"
#include "../strategies/concepts.hpp"
#include "account.hpp"
#include "options.hpp"
#include "records.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace quantkit::backtest {

namespace detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr double inf = std::numeric_limits<double>::infinity();

/// Checks the options once, at construction.
inline void check_options(const options& o) {
  constexpr const char* fn = "quantkit::backtest::options";
  require(o.initial_cash > 0.0 && o.initial_cash < inf, fn, "initial_cash", o.initial_cash,
          "must be finite and > 0");
  require(o.lot_size > 0.0 && o.lot_size < inf, fn, "lot_size", o.lot_size,
          "must be finite and > 0");
  require(o.max_volume_fraction >= 0.0 && o.max_volume_fraction <= 1.0, fn, "max_volume_fraction",
          o.max_volume_fraction, "must be in [0, 1] (0 = no cap)");
  require(o.volatility_window >= 2, fn, "volatility_window", o.volatility_window, "must be >= 2");
  const risk_limits& r = o.risk;
  require(r.max_position > 0.0, fn, "risk.max_position", r.max_position, "must be > 0");
  require(r.max_gross_exposure > 0.0, fn, "risk.max_gross_exposure", r.max_gross_exposure,
          "must be > 0");
  require(r.max_turnover_per_bar > 0.0, fn, "risk.max_turnover_per_bar", r.max_turnover_per_bar,
          "must be > 0");
  require(r.max_turnover_per_day > 0.0, fn, "risk.max_turnover_per_day", r.max_turnover_per_day,
          "must be > 0");
  require(r.daily_loss_limit > 0.0, fn, "risk.daily_loss_limit", r.daily_loss_limit, "must be > 0");
}

/// An order the engine is working, with its bookkeeping.
struct working_order {
  strategies::order o{};
  double remaining = 0.0;         ///< units left to fill (> 0)
  std::size_t eligible_from = 0;  ///< first bar index at which it may fill
  std::size_t placed_index = 0;
  std::int64_t placed_day = 0;
  bool triggered = false;                    ///< stop-limit: the stop has traded
  double trail_extreme = nan;                ///< trailing stop: best price since placement
  std::uint64_t oco = 0;                     ///< id of the one-cancels-other partner (0: none)
  bool reduce_only = false;                  ///< exits (bracket legs, time exits, kill switch)
  bool is_target = false;                    ///< created from a target strategy's target
  bool fill_at_close = false;                ///< same-close market order
  std::size_t exec_index = 0;                ///< time exits: placed at the close of this bar
  exit_reason reason = exit_reason::signal;  ///< reason recorded if it closes a trade
  double filled = 0.0;                       ///< units filled so far
  double target = nan;          ///< target strategies: the target to resolve at the fill
  std::uint64_t parent_id = 0;  ///< bracket legs and time exits: the opening order
  std::size_t seen_bar = std::numeric_limits<std::size_t>::max();  ///< processed in this bar
};

/// Priority class of an order under the stop_first / target_first rules.
inline bool is_stop_like(const working_order& w) noexcept {
  using strategies::order_type;
  return w.o.type == order_type::stop || w.o.type == order_type::trailing_stop ||
         (w.o.type == order_type::stop_limit && !w.triggered);
}

}  // namespace detail

/// The event-driven engine for one instrument. Feed it bars one at a time (`update`, paper trading
/// on a live feed) or run it over a series (`backtest::run`); both give the same result.
///
/// Each bar: (1) at the open, market orders decided at the previous close fill at the open price;
/// (2) working limit, stop, stop-limit, trailing-stop and bracket orders fill by the fill rules
/// (docs/backtest.md): at their price when the bar's range reaches it, at the open when the bar
/// gaps through it, and, when a bar reaches both a stop and a target, the stop first unless
/// `options.path` says otherwise; (3) at the close, the account is marked to market, the risk rules
/// are checked, and the strategy sees the bar and its context (never a later bar) and decides.
/// Decisions fill at the next open (default) or, with `fill_timing::same_close`, at this close.
///
/// Costs come from the cost model and are charged in currency on every fill; the fill price is the
/// reference price. No allocation per bar once the internal buffers have grown, no virtual call.
template <strategies::Strategy S, costs::CostModel C = costs::zero_cost>
class engine {
 public:
  engine(S strategy, C cost_model = {}, const options& opt = {})
      : strategy_(std::move(strategy)), cost_(std::move(cost_model)), opt_(opt) {
    detail::check_options(opt_);
    reset();
  }

  /// Back to the state before the first bar (the strategy is reset too).
  void reset() {
    strategy_.reset();
    res_ = result{};
    res_.initial_cash = opt_.initial_cash;
    acct_ = account(opt_.initial_cash);
    working_.clear();
    working_.reserve(16);
    vol_index_ = std::numeric_limits<std::size_t>::max();
    next_id_ = 1;
    index_ = 0;
    last_target_ = detail::nan;
    history_.clear();
    hist_ = bar_series_view{};
    needs_days_ =
        opt_.risk.daily_loss_limit < detail::inf || opt_.risk.max_turnover_per_day < detail::inf;
    last_time_ = 0;
    day_ = std::numeric_limits<std::int64_t>::min();
    day_start_equity_ = opt_.initial_cash;
    day_turnover_ = 0.0;
    bar_turnover_ = 0.0;
    kill_switch_ = false;
    consecutive_losses_ = 0;
    cooloff_until_ = 0;
    equity_ = opt_.initial_cash;
    finished_ = false;
  }

  /// Streaming: processes one more bar (the engine keeps the history the strategy sees).
  /// Throws data_error if the bar is invalid (non-finite or non-positive prices, high/low
  /// inconsistent, negative volume, time not after the previous bar).
  void update(const bar& b) {
    check_bar(b, index_);
    history_.push_back(b);
    step(b, history_.view());
  }

  /// Processes bar `history.back()`, with `history` holding every bar so far (a view of the
  /// caller's series, no copy). The bars must be valid (backtest::run validates them once).
  void step(const bar& b, bar_series_view history) {
    hist_ = history;
    ctx_.history = history;
    process(b);
  }

  /// Runs every bar of `bars` (which must be valid) after the bars already processed: the batch
  /// loop of backtest::run. The view advances in place, bar by bar.
  void run_all(bar_series_view bars) {
    reserve(index_ + bars.size());
    hist_ = bars;
    ctx_.history = bars;
    for (std::size_t t = 0; t < bars.size(); ++t) {
      hist_.unchecked_resize(t + 1);
      ctx_.history.unchecked_resize(t + 1);
      process(bars[t]);
    }
  }

  /// Applies `close_at_end`, records the open trade and returns the result. Call once at the end.
  /// On an lvalue engine the result is copied (current() still shows it); on an rvalue
  /// (`std::move(e).finish()`) it is moved out, without copying the equity curve and the logs.
  result finish() & {
    settle();
    return res_;
  }
  result finish() && {
    settle();
    return std::move(res_);
  }

 private:
  void settle() {
    if (!finished_ && index_ > 0) {
      if (opt_.close_at_end && acct_.position() != 0.0) {
        const bar b = hist_.back();
        cur_bar_ = &b;
        close_position_now(b, index_ - 1, b.close, exit_reason::end_of_data);
        equity_ = acct_.equity(b.close);
        if (opt_.record_equity && !res_.equity.empty()) res_.equity.back() = equity_;
      }
    }
    finished_ = true;
    res_.final_equity = equity_;
    res_.bars = index_;
    acct_.move_books_into(res_);
  }

 public:
  /// The result so far (without close_at_end and without the open trade).
  [[nodiscard]] const result& current() const noexcept { return res_; }
  [[nodiscard]] double equity() const noexcept { return equity_; }
  [[nodiscard]] double cash() const noexcept { return acct_.cash(); }
  [[nodiscard]] double position() const noexcept { return acct_.position(); }
  /// The accounting so far (trades closed so far, costs, open trade).
  [[nodiscard]] const account& books() const noexcept { return acct_; }
  [[nodiscard]] std::size_t bars_processed() const noexcept { return index_; }
  [[nodiscard]] const S& strategy() const noexcept { return strategy_; }
  [[nodiscard]] const options& opts() const noexcept { return opt_; }

  /// Reserves the equity curve for n bars (batch runs call it; avoids regrowth).
  void reserve(std::size_t n) {
    if (opt_.record_equity) res_.equity.reserve(n);
  }

 private:
  using order = strategies::order;
  using order_type = strategies::order_type;
  using side = strategies::side;

  // ---------------------------------------------------------------- bar phases

  void process(const bar& b) {
    QUANTKIT_ASSERT(!finished_, "engine: a bar after finish()");
    const std::size_t t = index_;
    begin_bar(b, t);
    open_phase(b, t);
    intrabar_phase(b, t);
    close_phase(b, t);
    ++index_;
  }

  void check_bar(const bar& b, std::size_t row) const {
    const auto fin = [](double x) { return x - x == 0.0; };
    const char* field = nullptr;
    const char* what = nullptr;
    if (row > 0 && !(b.time > last_time_)) {
      field = "time";
      what = "timestamps must strictly increase";
    } else if (!fin(b.open) || !(b.open > 0.0)) {
      field = "open";
      what = "must be finite and > 0";
    } else if (!fin(b.high) || !(b.high > 0.0)) {
      field = "high";
      what = "must be finite and > 0";
    } else if (!fin(b.low) || !(b.low > 0.0)) {
      field = "low";
      what = "must be finite and > 0";
    } else if (!fin(b.close) || !(b.close > 0.0)) {
      field = "close";
      what = "must be finite and > 0";
    } else if (!fin(b.volume) || !(b.volume >= 0.0)) {
      field = "volume";
      what = "must be finite and >= 0";
    } else if (b.high < std::max(b.open, b.close)) {
      field = "high";
      what = "is below max(open, close)";
    } else if (b.low > std::min(b.open, b.close)) {
      field = "low";
      what = "is above min(open, close)";
    }
    if (field != nullptr) {
      QUANTKIT_THROW(data_error(row, field,
                                std::string("quantkit::backtest::engine::update: bar ") +
                                    std::to_string(row) + " (" + format_timestamp(b.time) +
                                    "), field " + field + ": " + what));
    }
  }

  void begin_bar(const bar& b, std::size_t t) {
    cur_bar_ = &b;
    last_time_ = b.time;
    bar_turnover_ = 0.0;
    volume_used_ = 0.0;
    if (needs_days_) {
      const std::int64_t d = day_number(b.time);
      if (d != day_) {
        day_ = d;
        day_start_equity_ = t == 0 ? opt_.initial_cash : equity_;
        day_turnover_ = 0.0;
        kill_switch_ = false;
        // Day orders placed on an earlier day expire before this bar trades.
        for (std::size_t k = 0; k < working_.size();) {
          if (working_[k].o.tif == strategies::time_in_force::day && working_[k].placed_day < d) {
            log(t, b.time, working_[k].o.id, order_status::expired, reject_reason::none,
                signed_qty(working_[k]), detail::nan);
            erase_working(k);
          } else {
            ++k;
          }
        }
      }
    }
  }

  void open_phase(const bar& b, std::size_t t) {
    // Market orders decided at the previous close fill at this open, in placement order.
    for (std::size_t k = 0; k < working_.size();) {
      detail::working_order& w = working_[k];
      if (w.o.type == order_type::market && !w.fill_at_close && w.eligible_from <= t) {
        if (w.is_target) resolve_target(w, b.open);
        if (w.remaining <= 0.0) {
          erase_working(k);
          continue;
        }
        const bool done = try_fill(k, b, t, b.open);
        if (done) continue;  // erased
      }
      ++k;
    }
  }

  /// Fill candidates of the working orders in this bar, processed in path order.
  void intrabar_phase(const bar& b, std::size_t t) {
    if (working_.empty()) return;
    for (;;) {
      // The next order to fill: the smallest (path time, priority class, id) not yet processed.
      std::size_t best = working_.size();
      double best_time = detail::inf;
      int best_class = 0;
      double best_price = detail::nan;
      for (std::size_t k = 0; k < working_.size(); ++k) {
        const detail::working_order& w = working_[k];
        if (w.o.type == order_type::market || w.eligible_from > t || w.seen_bar == t) continue;
        double price = detail::nan;
        const double when = trigger_time(w, b, price);
        if (!(when < detail::inf)) continue;
        const int cls = priority_class(w);
        if (best == working_.size() || when < best_time ||
            (when == best_time &&
             (cls < best_class || (cls == best_class && w.o.id < working_[best].o.id)))) {
          best = k;
          best_time = when;
          best_class = cls;
          best_price = price;
        }
      }
      if (best == working_.size()) break;
      detail::working_order& w = working_[best];
      w.seen_bar = t;
      if (w.o.type == order_type::stop_limit && !w.triggered) {
        // The stop traded: at the trigger the price is best_price; fill if the limit allows it,
        // else (a gap beyond the limit) it works as a limit order from the next bar.
        w.triggered = true;
        const bool buy = w.o.direction == side::buy;
        if (buy ? best_price > w.o.limit_price : best_price < w.o.limit_price) continue;
      }
      try_fill(best, b, t, best_price);
    }
  }

  void close_phase(const bar& b, std::size_t t) {
    // Mark to market, excursions of the open trade.
    acct_.mark(b, t);
    equity_ = acct_.equity(b.close);

    // Trailing stops follow the best price of the bar (after the fills of this bar).
    for (auto& w : working_) {
      if (w.o.type != order_type::trailing_stop) continue;
      const double best = w.o.direction == side::sell ? b.high : b.low;
      if (std::isnan(w.trail_extreme)) {
        w.trail_extreme = best;
      } else if (w.o.direction == side::sell ? best > w.trail_extreme : best < w.trail_extreme) {
        w.trail_extreme = best;
      }
    }

    // Time exits due at this bar.
    for (std::size_t k = 0; k < working_.size();) {
      detail::working_order& w = working_[k];
      if (w.reason == exit_reason::time_exit && w.o.type == order_type::market &&
          w.exec_index == t) {
        if (opt_.market_fills == fill_timing::same_close) {
          if (try_fill(k, b, t, b.close)) continue;
        } else {
          w.eligible_from = t + 1;
        }
      }
      ++k;
    }

    // Risk: the daily loss kill switch.
    if (opt_.risk.daily_loss_limit < detail::inf && !kill_switch_ &&
        equity_ < day_start_equity_ * (1.0 - opt_.risk.daily_loss_limit)) {
      kill_switch_ = true;
      cancel_all(t, b.time);
      if (acct_.position() != 0.0) {
        if (opt_.market_fills == fill_timing::same_close) {
          close_position_now(b, t, b.close, exit_reason::risk);
          equity_ = acct_.equity(b.close);
        } else {
          add_exit_order(t + 1, exit_reason::risk);
        }
      }
    }

    // The strategy decides, seeing this bar and everything before it, nothing after.
    // One persistent context, updated field by field (no per-bar construction).
    strategies::context& ctx = ctx_;
    ctx.index = t;
    ctx.time = b.time;
    ctx.position = acct_.position();
    ctx.avg_price = acct_.avg_price();
    ctx.cash = acct_.cash();
    ctx.equity = equity_;  // ctx.history is advanced by step() / run_all()
    if constexpr (strategies::OrderStrategy<S>) {
      open_view_.clear();
      for (const auto& w : working_) open_view_.push_back(w.o);
      ctx.open_orders = open_view_;
      sink_.clear();
      strategy_.on_bar(b, ctx, sink_);
      handle_sink(b, t);
    } else {
      const double target = static_cast<double>(strategy_.on_bar(b, ctx));
      handle_target(target, b, t);
    }
    equity_ = acct_.equity(b.close);

    // Time in force: orders with `bars` TIF expire after tif_bars eligible bars.
    for (std::size_t k = 0; k < working_.size();) {
      const detail::working_order& w = working_[k];
      if (w.o.tif == strategies::time_in_force::bars && w.eligible_from <= t &&
          t + 1 >= w.eligible_from + w.o.tif_bars) {
        log(t, b.time, w.o.id, order_status::expired, reject_reason::none, signed_qty(w),
            detail::nan);
        erase_working(k);
      } else {
        ++k;
      }
    }

    if (opt_.record_equity) res_.equity.push_back(equity_);
  }

  // ---------------------------------------------------------------- decisions

  void handle_target(double target, const bar& b, std::size_t t) {
    if (std::isnan(target)) return;  // no opinion: hold
    if (!std::isfinite(target)) {
      // An infinite target cannot be sized: record the rejection and keep the position.
      log(t, b.time, next_id_++, order_status::rejected, reject_reason::invalid_quantity, 0.0,
          detail::nan);
      ++res_.rejections;
      return;
    }
    if (opt_.rebalance == rebalance_policy::on_change && detail::same_bits(target, last_target_)) {
      return;
    }
    last_target_ = target;
    // A new target replaces any target order not yet filled.
    for (std::size_t k = 0; k < working_.size();) {
      if (working_[k].is_target) {
        log(t, b.time, working_[k].o.id, order_status::cancelled, reject_reason::none,
            signed_qty(working_[k]), detail::nan);
        erase_working(k);
      } else {
        ++k;
      }
    }
    detail::working_order w;
    w.o.type = order_type::market;
    w.o.id = next_id_++;
    w.is_target = true;
    w.target = target;
    w.placed_index = t;
    w.placed_day = needs_days_ ? day_number(b.time) : 0;
    w.eligible_from = t + 1;
    w.remaining = 1.0;  // resolved at the fill price
    if (opt_.market_fills == fill_timing::same_close) {
      w.fill_at_close = true;
      working_.push_back(w);
      const std::size_t k = working_.size() - 1;
      resolve_target(working_[k], b.close);
      if (working_[k].remaining <= 0.0) {
        erase_working(k);
        return;
      }
      try_fill(k, b, t, b.close);
      // Whatever the volume cap left over works at the next open as a plain market order.
      if (k < working_.size() && working_[k].o.id == w.o.id) {
        working_[k].fill_at_close = false;
        working_[k].is_target = false;
      }
    } else {
      working_.push_back(w);
    }
  }

  void handle_sink(const bar& b, std::size_t t) {
    if (sink_.cancel_all_requested()) cancel_all(t, b.time);
    for (const std::uint64_t id : sink_.cancels()) {
      bool found = false;
      for (std::size_t k = 0; k < working_.size(); ++k) {
        if (working_[k].o.id == id) {
          log(t, b.time, id, order_status::cancelled, reject_reason::none, signed_qty(working_[k]),
              detail::nan);
          erase_working(k);
          found = true;
          break;
        }
      }
      if (!found)
        log(t, b.time, id, order_status::rejected, reject_reason::unknown_order, 0.0, detail::nan);
    }
    for (order o : sink_.orders()) {
      o.id = next_id_++;
      const reject_reason why = validate_order(o);
      if (why != reject_reason::none) {
        log(t, b.time, o.id, order_status::rejected, why,
            std::isfinite(o.quantity) ? strategies::sign(o.direction) * o.quantity : 0.0,
            detail::nan);
        ++res_.rejections;
        continue;
      }
      detail::working_order w;
      w.o = o;
      w.remaining = o.quantity;
      w.placed_index = t;
      w.placed_day =
          o.tif == strategies::time_in_force::day || needs_days_ ? day_number(b.time) : 0;
      if (o.tif == strategies::time_in_force::day) needs_days_ = true;
      w.eligible_from = t + 1;
      if (o.type == order_type::trailing_stop) {
        w.trail_extreme = o.direction == side::sell ? b.high : b.low;
      }
      log(t, b.time, o.id, order_status::accepted, reject_reason::none, signed_qty(w), detail::nan);
      working_.push_back(w);
      if (o.type == order_type::market && opt_.market_fills == fill_timing::same_close) {
        working_.back().fill_at_close = true;
        const std::size_t k = working_.size() - 1;
        try_fill(k, b, t, b.close);
        if (k < working_.size() && working_[k].o.id == o.id) working_[k].fill_at_close = false;
      }
    }
  }

  /// Validates an order's quantity and price fields.
  static reject_reason validate_order(const order& o) noexcept {
    const auto fin = [](double x) { return x - x == 0.0; };
    if (!(o.quantity > 0.0) || !fin(o.quantity)) return reject_reason::invalid_quantity;
    const bool buy = o.direction == side::buy;
    switch (o.type) {
      case order_type::market:
        break;
      case order_type::limit:
        if (!fin(o.limit_price) || !(o.limit_price > 0.0)) return reject_reason::missing_price;
        break;
      case order_type::stop:
        if (!fin(o.stop_price) || !(o.stop_price > 0.0)) return reject_reason::missing_price;
        break;
      case order_type::stop_limit:
        if (!fin(o.stop_price) || !fin(o.limit_price) || !(o.stop_price > 0.0) ||
            !(o.limit_price > 0.0)) {
          return reject_reason::missing_price;
        }
        if (buy ? o.limit_price < o.stop_price : o.limit_price > o.stop_price) {
          return reject_reason::invalid_price_relation;
        }
        break;
      case order_type::trailing_stop: {
        const bool amount = fin(o.trail_amount) && o.trail_amount > 0.0;
        const bool percent = fin(o.trail_percent) && o.trail_percent > 0.0 && o.trail_percent < 1.0;
        if (amount == percent) return reject_reason::missing_price;  // exactly one of the two
        break;
      }
    }
    const bool tp = fin(o.take_profit);
    const bool sl = fin(o.stop_loss);
    if ((tp && !(o.take_profit > 0.0)) || (sl && !(o.stop_loss > 0.0))) {
      return reject_reason::invalid_price_relation;
    }
    if (tp && sl && (buy ? o.take_profit <= o.stop_loss : o.take_profit >= o.stop_loss)) {
      return reject_reason::invalid_price_relation;
    }
    if (o.type == order_type::limit &&
        ((tp && (buy ? o.take_profit <= o.limit_price : o.take_profit >= o.limit_price)) ||
         (sl && (buy ? o.stop_loss >= o.limit_price : o.stop_loss <= o.limit_price)))) {
      return reject_reason::invalid_price_relation;
    }
    if (o.tif == strategies::time_in_force::bars && o.tif_bars == 0) {
      return reject_reason::invalid_quantity;
    }
    return reject_reason::none;
  }

  // ---------------------------------------------------------------- fills

  /// Path position at which working order w would fill in bar b (infinity: not in this bar), and
  /// its fill price. Gaps fill at the open (time 0).
  double trigger_time(const detail::working_order& w, const bar& b, double& price) const {
    const bool buy = w.o.direction == side::buy;
    double level = detail::nan;
    bool rising_trigger = false;  // the order fills when the price rises to `level`
    switch (w.o.type) {
      case order_type::market:
        return detail::inf;
      case order_type::limit:
        level = w.o.limit_price;
        rising_trigger = !buy;
        break;
      case order_type::stop:
        level = w.o.stop_price;
        rising_trigger = buy;
        break;
      case order_type::stop_limit:
        level = w.triggered ? w.o.limit_price : w.o.stop_price;
        rising_trigger = w.triggered ? !buy : buy;
        break;
      case order_type::trailing_stop: {
        if (std::isnan(w.trail_extreme)) return detail::inf;
        const double dist =
            std::isnan(w.o.trail_amount) ? w.trail_extreme * w.o.trail_percent : w.o.trail_amount;
        level = buy ? w.trail_extreme + dist : w.trail_extreme - dist;
        rising_trigger = buy;
        break;
      }
    }
    // Gap: the open is already at or beyond the level.
    if (rising_trigger ? b.open >= level : b.open <= level) {
      price = b.open;
      return 0.0;
    }
    if (rising_trigger ? b.high < level : b.low > level) return detail::inf;
    price = level;
    // Path position of the first touch.
    intrabar_path path = opt_.path;
    if (path == intrabar_path::close_direction) {
      path = b.close >= b.open ? intrabar_path::open_low_high_close
                               : intrabar_path::open_high_low_close;
    }
    if (path == intrabar_path::open_high_low_close) {
      return rising_trigger ? level - b.open : (b.high - b.open) + (b.high - level);
    }
    if (path == intrabar_path::open_low_high_close) {
      return rising_trigger ? (b.open - b.low) + (level - b.low) : b.open - level;
    }
    return 1.0;  // stop_first / target_first: no geometry, the priority class decides
  }

  int priority_class(const detail::working_order& w) const noexcept {
    if (opt_.path == intrabar_path::stop_first) return detail::is_stop_like(w) ? 0 : 1;
    if (opt_.path == intrabar_path::target_first) return detail::is_stop_like(w) ? 1 : 0;
    return 0;
  }

  /// Resolves a target order's quantity at the fill price (see docs: exposure targets are
  /// cash-inclusive, so buying to exposure 1 spends the equity including the costs).
  void resolve_target(detail::working_order& w, double price) {
    const double pos = acct_.position();
    const double desired = detail::desired_units(
        w.target, strategies::target_kind_of<S>() == strategies::target_kind::units, price,
        acct_.cash(), pos, opt_.fractional, opt_.lot_size,
        [&](double units, bool buy) { return cost_total(units, price, buy); }, acct_.cost_rate());
    double q = desired - pos;
    if (std::fabs(q) <= 1e-12 * std::max(std::fabs(desired), std::fabs(pos))) q = 0.0;
    w.o.direction = q >= 0.0 ? side::buy : side::sell;
    w.remaining = std::fabs(q);
    w.o.quantity = w.remaining;
    w.reason = exit_reason::signal;
  }

  costs::fill make_fill(double qty_abs, double price, bool buy) const {
    return detail::make_fill(*cur_bar_, qty_abs, price, buy, volatility());
  }

  /// The cost models' volatility estimate for this bar: from the closes before it (known at its
  /// open), computed at most once per bar and only when a model reads it.
  double volatility() const {
    if constexpr (!costs::uses_volatility<C>()) {
      return detail::nan;
    } else {
      if (vol_index_ != index_) {
        vol_index_ = index_;
        vol_ = hist_.size() < 2
                   ? detail::nan
                   : detail::volatility_estimate(hist_.closes().first(hist_.size() - 1),
                                                 opt_.volatility_window);
      }
      return vol_;
    }
  }

  double cost_total(double qty_abs, double price, bool buy) const {
    return cost_.breakdown(make_fill(qty_abs, price, buy)).total();
  }

  /// Applies the risk rules, lot rounding and the volume cap to a fill of `q` signed units at
  /// `price`; returns the allowed signed quantity and the reason for any reduction.
  double allowed_quantity(const detail::working_order& w, double q, double price,
                          reject_reason& why) const {
    why = reject_reason::none;
    const risk_limits& r = opt_.risk;
    const double pos = acct_.position();
    const double cash = acct_.cash();
    if (w.reduce_only) {
      // Exits never add exposure: cap at the position, in the reducing direction.
      if (pos == 0.0 || (q > 0.0) == (pos > 0.0)) return 0.0;
      return q > 0.0 ? std::min(q, -pos) : std::max(q, -pos);
    }
    double new_pos = pos + q;
    const bool increases = std::fabs(new_pos) > std::fabs(pos) || (new_pos > 0.0) != (pos > 0.0);
    auto trim_to = [&](double target_pos, reject_reason reason) {
      if (q > 0.0 ? target_pos < new_pos : target_pos > new_pos) {
        new_pos = target_pos;
        why = reason;
      }
    };
    if (increases) {
      if (kill_switch_ || index_ < cooloff_until_) {
        // Only the reducing part of the order may execute: close, never reverse or add.
        why = kill_switch_ ? reject_reason::kill_switch : reject_reason::circuit_breaker;
        new_pos = (pos != 0.0 && (new_pos > 0.0) != (pos > 0.0)) ? 0.0 : pos;
      }
      if (!opt_.allow_short && new_pos < 0.0) trim_to(0.0, reject_reason::short_selling_disabled);
      if (std::fabs(new_pos) > r.max_position) {
        trim_to(new_pos > 0.0 ? r.max_position : -r.max_position, reject_reason::max_position);
      }
      const double equity_at_price = cash + pos * price;
      if (r.max_gross_exposure < detail::inf && equity_at_price > 0.0) {
        const double cap = r.max_gross_exposure * equity_at_price / price;
        if (std::fabs(new_pos) > cap)
          trim_to(new_pos > 0.0 ? cap : -cap, reject_reason::max_gross_exposure);
      }
      if (equity_at_price > 0.0 &&
          (r.max_turnover_per_bar < detail::inf || r.max_turnover_per_day < detail::inf)) {
        const double room_bar = r.max_turnover_per_bar * equity_at_price - bar_turnover_;
        const double room_day = r.max_turnover_per_day * equity_at_price - day_turnover_;
        const double room = std::max(0.0, std::min(room_bar, room_day)) / price;
        if (std::fabs(new_pos - pos) > room) {
          trim_to(pos + (q > 0.0 ? room : -room), reject_reason::max_turnover);
        }
      }
    }
    double allowed = new_pos - pos;
    if (!opt_.fractional) {
      allowed = std::trunc(allowed / opt_.lot_size) * opt_.lot_size;
      if (allowed == 0.0 && q != 0.0 && why == reject_reason::none)
        why = reject_reason::below_lot_size;
    }
    return allowed;
  }

  /// Tries to fill working order k at `price` in bar b. Returns true if the order was removed
  /// (completely filled, rejected or capped to nothing).
  bool try_fill(std::size_t k, const bar& b, std::size_t t, double price) {
    detail::working_order& w = working_[k];
    const double dir = w.o.direction == side::buy ? 1.0 : -1.0;
    double want = dir * w.remaining;
    // Volume cap (partial fills).
    if (opt_.max_volume_fraction > 0.0) {
      const double cap = std::max(0.0, opt_.max_volume_fraction * b.volume - volume_used_);
      if (std::fabs(want) > cap) want = dir * cap;
      if (want == 0.0) return false;  // nothing left this bar: keep working
    }
    reject_reason why = reject_reason::none;
    const double q = allowed_quantity(w, want, price, why);
    if (why != reject_reason::none) {
      log(t, b.time, w.o.id, q == 0.0 ? order_status::rejected : order_status::trimmed, why, q,
          detail::nan);
      if (q == 0.0) ++res_.rejections;
    }
    if (q == 0.0) {
      if (w.reduce_only && acct_.position() == 0.0) {
        erase_working(k);  // nothing left to exit
        return true;
      }
      if (why != reject_reason::none) {
        erase_working(k);
        return true;
      }
      return false;
    }
    const bool trimmed = std::fabs(q) < std::fabs(want);
    const std::uint64_t w_id = w.o.id;
    {
      // execute() may append bracket legs to working_ and reallocate it: pass a copy.
      detail::working_order snapshot = w;
      execute(snapshot, q, price, b, t);
    }
    // The order may have moved (exits cancelled around it): find it again by id.
    k = find_working(w_id);
    if (k == working_.size()) return true;
    detail::working_order& w2 = working_[k];
    volume_used_ += std::fabs(q);
    w2.remaining -= std::fabs(q);
    w2.filled += std::fabs(q);
    const bool complete = w2.remaining <= 1e-12 * std::max(1.0, w2.filled) || trimmed;
    log(t, b.time, w2.o.id, complete ? order_status::filled : order_status::partially_filled,
        reject_reason::none, q, price, last_costs_);
    if (!complete) return false;
    const std::uint64_t oco = w2.oco;
    erase_working(k);
    if (oco != 0) cancel_id(oco, t, b.time);
    return true;
  }

  /// Books a fill of `q` signed units at `price` through the account, then the engine's own
  /// consequences: turnover, the circuit breaker, cancelling the exits of a flat position, and the
  /// bracket legs and time exit of an opening order.
  void execute(detail::working_order& w, double q, double price, const bar& b, std::size_t t) {
    const bool buy = q > 0.0;
    const double qa = std::fabs(q);
    const costs::cost_breakdown c = cost_.breakdown(make_fill(qa, price, buy));
    last_costs_ = c;
    const double notional = qa * price;
    bar_turnover_ += notional;
    day_turnover_ += notional;
    const fill_outcome out =
        acct_.apply(q, price, c, t, b.time, price == b.open, w.reason, w.o.tag);
    if (out.closed) {
      if (opt_.risk.max_consecutive_losses > 0) {
        if (acct_.trades().back().pnl < 0.0) {
          if (++consecutive_losses_ >= opt_.risk.max_consecutive_losses) {
            cooloff_until_ = t + 1 + opt_.risk.cooloff_bars;
            consecutive_losses_ = 0;
          }
        } else {
          consecutive_losses_ = 0;
        }
      }
      cancel_exits(t, b.time, w.o.id);
    }
    if (out.increased && !w.reduce_only) attach_exits(w, qa, price, t, b);
  }

  /// Places the take-profit / stop-loss legs (OCO) and the time exit of an opening order.
  void attach_exits(const detail::working_order& parent, double qty, double fill_price,
                    std::size_t t, const bar& b) {
    const strategies::order o = parent.o;  // a copy: push_back below may reallocate working_
    const bool tp = std::isfinite(o.take_profit);
    const bool sl = std::isfinite(o.stop_loss);
    // Legs become active for the rest of this bar when the entry filled at the open, otherwise
    // from the next bar (the order of events inside the bar is unknown).
    const std::size_t from = fill_price == b.open ? t : t + 1;
    const side exit_side = o.direction == side::buy ? side::sell : side::buy;
    std::uint64_t tp_id = 0;
    std::uint64_t sl_id = 0;
    // Partial entry fills grow the existing legs instead of adding new ones.
    bool legs_exist = false;
    for (auto& w : working_) {
      if (w.reduce_only && w.parent_id == o.id) {
        w.remaining += qty;
        w.o.quantity += qty;
        legs_exist = true;
      }
    }
    if (legs_exist) return;
    // One exit leg of the parent: reduce-only, the parent's tag, `qty` on the exit side.
    auto leg = [&](order_type type, exit_reason reason) {
      detail::working_order w;
      w.o.type = type;
      w.o.direction = exit_side;
      w.o.quantity = qty;
      w.o.tag = o.tag;
      w.o.id = next_id_++;
      w.remaining = qty;
      w.reduce_only = true;
      w.parent_id = o.id;
      w.reason = reason;
      w.placed_index = t;
      return w;
    };
    auto place = [&](detail::working_order w) {
      w.eligible_from = from;
      working_.push_back(w);
      log(t, b.time, w.o.id, order_status::accepted, reject_reason::none, signed_qty(w),
          detail::nan);
      return w.o.id;
    };
    if (tp) {
      detail::working_order w = leg(order_type::limit, exit_reason::take_profit);
      w.o.limit_price = o.take_profit;
      tp_id = place(w);
    }
    if (sl) {
      detail::working_order w = leg(order_type::stop, exit_reason::stop_loss);
      w.o.stop_price = o.stop_loss;
      sl_id = place(w);
    }
    if (tp && sl) {
      for (auto& w : working_) {
        if (w.o.id == tp_id) w.oco = sl_id;
        if (w.o.id == sl_id) w.oco = tp_id;
      }
    }
    bool has_time_exit = false;
    for (const auto& x : working_) {
      has_time_exit = has_time_exit || (x.reason == exit_reason::time_exit && x.parent_id == o.id);
    }
    if (o.exit_after_bars > 0 && !has_time_exit) {
      detail::working_order w = leg(order_type::market, exit_reason::time_exit);
      w.exec_index = t + o.exit_after_bars;
      w.eligible_from = std::numeric_limits<std::size_t>::max();  // armed at exec_index
      working_.push_back(w);
    }
  }

  /// Queues a market exit of the whole position for bar `from` (kill switch).
  void add_exit_order(std::size_t from, exit_reason reason) {
    detail::working_order w;
    w.o.type = order_type::market;
    const double pos = acct_.position();
    w.o.direction = pos > 0.0 ? side::sell : side::buy;
    w.o.quantity = std::fabs(pos);
    w.o.id = next_id_++;
    w.remaining = std::fabs(pos);
    w.reduce_only = true;
    w.reason = reason;
    w.eligible_from = from;
    working_.push_back(w);
  }

  /// Closes the whole position at `price` now (same-close kill switch, close_at_end).
  void close_position_now(const bar& b, std::size_t t, double price, exit_reason reason) {
    detail::working_order w;
    w.o.type = order_type::market;
    const double pos = acct_.position();
    w.o.direction = pos > 0.0 ? side::sell : side::buy;
    w.o.quantity = std::fabs(pos);
    w.o.id = next_id_++;
    w.remaining = std::fabs(pos);
    w.reduce_only = true;
    w.reason = reason;
    const double q = -pos;
    execute(w, q, price, b, t);
    log(t, b.time, w.o.id, order_status::filled, reject_reason::none, q, price, last_costs_);
  }

  // ---------------------------------------------------------------- bookkeeping

  /// Cancels the exit orders (bracket legs, time exits) of a position that is now flat, except
  /// the order being executed.
  void cancel_exits(std::size_t t, timestamp time, std::uint64_t executing) {
    for (std::size_t k = 0; k < working_.size();) {
      if (working_[k].reduce_only && working_[k].o.id != executing) {
        if (working_[k].reason != exit_reason::time_exit) {
          log(t, time, working_[k].o.id, order_status::cancelled, reject_reason::none,
              signed_qty(working_[k]), detail::nan);
        }
        erase_working(k);
      } else {
        ++k;
      }
    }
  }

  void cancel_all(std::size_t t, timestamp time) {
    for (const auto& w : working_) {
      log(t, time, w.o.id, order_status::cancelled, reject_reason::none, signed_qty(w),
          detail::nan);
    }
    working_.clear();
  }

  void cancel_id(std::uint64_t id, std::size_t t, timestamp time) {
    for (std::size_t k = 0; k < working_.size(); ++k) {
      if (working_[k].o.id == id) {
        log(t, time, id, order_status::cancelled, reject_reason::none, signed_qty(working_[k]),
            detail::nan);
        erase_working(k);
        return;
      }
    }
  }

  std::size_t find_working(std::uint64_t id) const noexcept {
    for (std::size_t k = 0; k < working_.size(); ++k) {
      if (working_[k].o.id == id) return k;
    }
    return working_.size();
  }

  void erase_working(std::size_t k) {
    working_.erase(working_.begin() + static_cast<std::ptrdiff_t>(k));
  }

  static double signed_qty(const detail::working_order& w) noexcept {
    return (w.o.direction == side::buy ? 1.0 : -1.0) * w.remaining;
  }

  void log(std::size_t t, timestamp time, std::uint64_t id, order_status st, reject_reason why,
           double qty, double price, const costs::cost_breakdown& c = {}) {
    if (!opt_.record_orders) return;
    res_.orders.push_back(order_event{t, time, id, st, why, qty, price, c});
  }

  S strategy_;
  C cost_;
  options opt_;
  result res_{};
  account acct_{};
  double equity_ = 0.0;
  std::vector<detail::working_order> working_;
  std::vector<order> open_view_;
  strategies::order_sink sink_;
  std::uint64_t next_id_ = 1;
  std::size_t index_ = 0;
  double last_target_ = detail::nan;
  bar_series history_;
  bar_series_view hist_{};
  const bar* cur_bar_ = nullptr;  // the bar being processed (valid during step())
  timestamp last_time_ = 0;
  bool needs_days_ = false;
  std::int64_t day_ = 0;
  double day_start_equity_ = 0.0;
  double day_turnover_ = 0.0;
  double bar_turnover_ = 0.0;
  double volume_used_ = 0.0;
  bool kill_switch_ = false;
  std::size_t consecutive_losses_ = 0;
  std::size_t cooloff_until_ = 0;
  costs::cost_breakdown last_costs_{};
  strategies::context ctx_{};
  mutable double vol_ = detail::nan;
  mutable std::size_t vol_index_ = std::numeric_limits<std::size_t>::max();
  bool finished_ = false;
};

/// Runs `strategy` over `bars` with `cost_model` and `opt` (see engine). Validates the bars once
/// (quantkit::validate: finite positive prices, consistent high/low, increasing time) and throws
/// data_error for the first bad row; throws invalid_argument for bad options. O(n) time; memory
/// O(n) for the equity curve plus O(trades + orders).
template <strategies::Strategy S, costs::CostModel C = costs::zero_cost>
result run(bar_series_view bars, S strategy, C cost_model = {}, const options& opt = {}) {
  if (opt.validate_bars) validate(bars, "quantkit::backtest::run");
  engine<S, C> e(std::move(strategy), std::move(cost_model), opt);
  e.run_all(bars);
  return std::move(e).finish();
}

}  // namespace quantkit::backtest
