// SPDX-License-Identifier: MIT
// quantkit/backtest/account.hpp - cash, position, average price and the trade log of one
// instrument: the accounting shared by the event engine and the vectorized fast path
#pragma once

#include "../core/bar.hpp"
#include "../core/detail/simd2.hpp"
#include "../costs/concepts.hpp"
#include "records.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <utility>
#include <vector>

namespace quantkit::backtest {

/// What a fill did to the position.
struct fill_outcome {
  bool opened = false;     ///< a trade started (from flat or by reversing)
  bool closed = false;     ///< a trade ended (returned to flat or reversed)
  bool increased = false;  ///< |position| grew in the fill's direction (an entry or scale-in)
};

/// The books of one instrument: cash, signed position, average entry price, realized P&L through
/// the trade log, costs. A trade is a round trip from flat to flat (or to a reversal); scale-ins
/// average the entry price; partial exits average the exit price; costs of a reversing fill are
/// split between the closing and the opening trade in proportion to the units.
/// Excursions (MAE <= 0 <= MFE) are the lowest and highest prices seen while the trade was open,
/// as fractions of the trade's average entry price: the fill prices and, for every bar the
/// position is held through, its high and low (the entry bar's range only when the entry filled at
/// its open: earlier prices of that bar are not known to follow the fill).
class account {
 public:
  explicit account(double cash = 0.0) : cash_(cash) {}

  /// Books a fill of `q` signed units at `price` with costs `c` at bar t. `at_open` says whether
  /// the fill happened at the bar's open; `reason` is recorded if the fill closes a trade; `tag`
  /// labels a trade it opens.
  fill_outcome apply(double q, double price, const costs::cost_breakdown& c, std::size_t t,
                     timestamp time, bool at_open, exit_reason reason, std::uint32_t tag) {
    fill_outcome out;
    const bool buy = q > 0.0;
    const double qa = std::fabs(q);
    total_costs_ += c;
    ++fills_;
    cash_ -= q * price + c.total();
    // The fill's cost as a fraction of its notional: the next sizing's first guess
    // (desired_units). Not a finite value in (-1/2, 1/2) (a zero price): no guess.
    const double notional = qa * price;
    const double rate = notional > 0.0 ? c.total() / notional : 0.0;
    cost_rate_ = rate > -0.5 && rate < 0.5 ? rate : 0.0;
    const double old_pos = pos_;
    if (old_pos == 0.0 || (old_pos > 0.0) == buy) {
      if (old_pos == 0.0) {
        start_trade(q, price, t, time, at_open, tag);
        out.opened = true;
      }
      avg_ = old_pos == 0.0 ? price
                            : (avg_ * std::fabs(old_pos) + price * qa) / (std::fabs(old_pos) + qa);
      pos_ = old_pos + q;
      trade_.entry_price = avg_;
      trade_.quantity = std::max(trade_.quantity, std::fabs(pos_));
      trade_.costs += c;
      out.increased = true;
    } else {
      const double close_qty = std::min(qa, std::fabs(old_pos));
      const double frac = close_qty / qa;
      const costs::cost_breakdown c_close{c.commission * frac, c.spread * frac, c.slippage * frac,
                                          c.impact * frac};
      trade_.gross_pnl += close_qty * (price - avg_) * (old_pos > 0.0 ? 1.0 : -1.0);
      trade_.costs += c_close;
      exit_notional_ += close_qty * price;
      exit_qty_ += close_qty;
      if (qa >= std::fabs(old_pos)) {
        pos_ = 0.0;
        const bool reverses = qa > std::fabs(old_pos);
        finish_trade(t, time, price, reverses ? exit_reason::reversal : reason);
        out.closed = true;
        avg_ = nan_;
        if (reverses) {
          const double rest = qa - close_qty;
          start_trade(buy ? rest : -rest, price, t, time, at_open, tag);
          pos_ = buy ? rest : -rest;
          avg_ = price;
          trade_.costs =
              costs::cost_breakdown{c.commission - c_close.commission, c.spread - c_close.spread,
                                    c.slippage - c_close.slippage, c.impact - c_close.impact};
          out.opened = true;
          out.increased = true;
        }
      } else {
        pos_ = old_pos + q;
      }
    }
    if (has_trade_) see(price);
    return out;
  }

  /// End-of-bar bookkeeping: the price range the open trade went through in bar t.
  void mark(const bar& b, std::size_t t) noexcept { mark(b.high, b.low, b.close, t); }
  void mark(double high, double low, double close, std::size_t t) noexcept {
    if (!has_trade_) return;
    if (t == entry_bar_ && !entry_at_open_) {
      see(close);  // entered inside this bar: only the close is known to follow the fill
      return;
    }
    see(high);
    see(low);
  }

  /// mark() for bars t0, ..., t0 + count - 1, whose highs, lows and closes are high[0..count),
  /// low[..], close[..]: the same excursions, taken as the extremes of the range (four bars per
  /// step, two per SSE2 operation) instead of bar by bar. Exact: see() keeps the largest and the
  /// smallest of the non-NaN prices it is shown (a NaN extreme, from a NaN fill price, stays NaN),
  /// and the extremes of a set do not depend on the order; only which of +0 and -0 is kept can
  /// differ, and it changes no excursion (the entry price is > 0 for them to be set).
  void mark_range(const double* high, const double* low, const double* close, std::size_t t0,
                  std::size_t count) noexcept {
    if (!has_trade_ || count == 0) return;
    if (!entry_at_open_ && entry_bar_ >= t0 && entry_bar_ - t0 < count) {
      const std::size_t k = entry_bar_ - t0;
      see_range(high, low, k);
      see(close[k]);  // mark()'s rule for the entry bar of a fill inside the bar
      see_range(high + k + 1, low + k + 1, count - k - 1);
      return;
    }
    see_range(high, low, count);
  }

  /// mark_range(high, low, close, t0, count) and, for the same bars, the equity at their closes
  /// (out[i] = equity(close[i]): cash + position x close, the bits of equity()), in one pass
  /// (see_range's, four bars per step) when the open trade's entry bar is not among them (else
  /// the two separately). For the fused kernel's segments between fills: one loop, one loop exit (a
  /// misprediction per segment instead of two), the closes read once. Exact, as mark_range:
  /// NaN prices are skipped, the extremes do not depend on the order.
  void mark_range_and_value(const double* high, const double* low, const double* close,
                            std::size_t t0, std::size_t count, double* out) noexcept {
    if (!has_trade_ || (!entry_at_open_ && entry_bar_ >= t0 && entry_bar_ - t0 < count)) {
      values(close, count, out);
      mark_range(high, low, close, t0, count);
      return;
    }
    see_range<true>(high, low, count, close, out);
  }
  /// out[i] = equity(close[i]) for i in [0, count): the curve of bars the account does not change.
  void values(const double* close, std::size_t count, double* out) const noexcept {
    const double c = cash_;  // locals: the stores to out[] could alias the members
    const double p = pos_;
    for (std::size_t i = 0; i < count; ++i) out[i] = c + p * close[i];
  }

  [[nodiscard]] double cash() const noexcept { return cash_; }
  /// The last fill's cost as a fraction of its notional (costs / (|q| x price)); 0 before the
  /// first fill or when that fraction is not a finite value in (-1/2, 1/2). The target rules give
  /// it to desired_units as the first guess of the cost of an entry from flat.
  [[nodiscard]] double cost_rate() const noexcept { return cost_rate_; }
  [[nodiscard]] double position() const noexcept { return pos_; }
  [[nodiscard]] double avg_price() const noexcept { return avg_; }
  [[nodiscard]] double equity(double price) const noexcept { return cash_ + pos_ * price; }
  [[nodiscard]] bool has_open_trade() const noexcept { return has_trade_; }
  /// The open trade so far, with its excursions up to now.
  [[nodiscard]] trade open_trade() const noexcept {
    trade t = trade_;
    set_excursions(t);
    return t;
  }
  [[nodiscard]] const std::vector<trade>& trades() const noexcept { return trades_; }
  [[nodiscard]] std::vector<trade>& trades() noexcept { return trades_; }
  [[nodiscard]] const costs::cost_breakdown& total_costs() const noexcept { return total_costs_; }
  [[nodiscard]] std::size_t fills() const noexcept { return fills_; }
  /// Moves the books into a run's result: final cash and position, the trade log, the costs,
  /// the fill count and the trade still open (if any). The engine and the target loops end with
  /// it; the account's trade log is left empty.
  void move_books_into(result& r) {
    r.final_cash = cash_;
    r.final_position = pos_;
    r.trades = std::move(trades_);
    trades_.clear();
    r.total_costs = total_costs_;
    r.fills = fills_;
    if (has_trade_) r.open_trade = open_trade();
  }

 private:
  static constexpr double nan_ = std::numeric_limits<double>::quiet_NaN();

  void start_trade(double q, double price, std::size_t t, timestamp time, bool at_open,
                   std::uint32_t tag) {
    has_trade_ = true;
    // One initializer (the other fields their defaults): compiled as stores of the fields,
    // where a value-initialized trade{} then assigned was a 152-byte `rep stos` on every entry.
    trade_ = trade{.entry_index = t,
                   .entry_time = time,
                   .direction = q > 0.0 ? 1 : -1,
                   .quantity = std::fabs(q),
                   .entry_price = price,
                   .tag = tag};
    exit_notional_ = 0.0;
    exit_qty_ = 0.0;
    hi_ = price;
    lo_ = price;
    entry_at_open_ = at_open;
    entry_bar_ = t;
  }

  void finish_trade(std::size_t t, timestamp time, double price, exit_reason reason) {
    see(price);
    set_excursions(trade_);
    trade_.exit_index = t;
    trade_.exit_time = time;
    trade_.exit_price = exit_qty_ > 0.0 ? exit_notional_ / exit_qty_ : price;
    trade_.pnl = trade_.gross_pnl - trade_.costs.total();
    trade_.return_ = trade_.pnl / (trade_.entry_price * trade_.quantity);
    trade_.bars_held = t - trade_.entry_index;
    trade_.reason = reason;
    trades_.push_back(trade_);
    has_trade_ = false;
  }

  // Excursions are kept as the highest and lowest price seen while the trade was open (two
  // comparisons per bar, no division) and turned into fractions of the average entry price when
  // the trade is read or closed.
  void see(double price) noexcept {
    hi_ = price > hi_ ? price : hi_;
    lo_ = price < lo_ ? price : lo_;
  }
  /// see(high[i]); see(low[i]) for i in [0, m), as extremes (see mark_range); WithValue: also
  /// out[i] = equity(close[i]) in the same loop (mark_range_and_value).
  template <bool WithValue = false>
  void see_range(const double* high, const double* low, std::size_t m,
                 const double* close = nullptr, double* out = nullptr) noexcept {
    std::size_t i = 0;
#if defined(QUANTKIT_SIMD2)
    if (m >= 4) {
      namespace s2 = ::quantkit::detail;
      const s2::v2d hi0 = {hi_, hi_};
      const s2::v2d lo0 = {lo_, lo_};
      const s2::v2d cash = {cash_, cash_};
      const s2::v2d pos = {pos_, pos_};
      s2::v2d hi[4] = {hi0, hi0, hi0, hi0};
      s2::v2d lo[4] = {lo0, lo0, lo0, lo0};
      for (; i + 4 <= m; i += 4) {
        const s2::v2d h0 = s2::load2(high + i);
        const s2::v2d h1 = s2::load2(high + i + 2);
        const s2::v2d l0 = s2::load2(low + i);
        const s2::v2d l1 = s2::load2(low + i + 2);
        if constexpr (WithValue) {  // cash + position x close: equity()'s expression, by lane
          s2::store2(out + i, cash + pos * s2::load2(close + i));
          s2::store2(out + i + 2, cash + pos * s2::load2(close + i + 2));
        }
        // max2(x, acc) = x > acc ? x : acc: see()'s selection, lane by lane
        hi[0] = s2::max2(h0, hi[0]);
        hi[1] = s2::max2(h1, hi[1]);
        hi[2] = s2::max2(l0, hi[2]);
        hi[3] = s2::max2(l1, hi[3]);
        lo[0] = s2::min2(h0, lo[0]);
        lo[1] = s2::min2(h1, lo[1]);
        lo[2] = s2::min2(l0, lo[2]);
        lo[3] = s2::min2(l1, lo[3]);
      }
      for (int k = 0; k < 4; ++k) {
        for (int lane = 0; lane < 2; ++lane) {
          hi_ = hi[k][lane] > hi_ ? hi[k][lane] : hi_;
          lo_ = lo[k][lane] < lo_ ? lo[k][lane] : lo_;
        }
      }
    }
#endif
    for (; i < m; ++i) {
      if constexpr (WithValue) out[i] = equity(close[i]);
      see(high[i]);
      see(low[i]);
    }
  }
  void set_excursions(trade& t) const noexcept {
    if (!(t.entry_price > 0.0)) return;
    const double up = (hi_ - t.entry_price) / t.entry_price;
    const double down = (lo_ - t.entry_price) / t.entry_price;
    t.mfe = std::max(0.0, t.direction > 0 ? up : -down);
    t.mae = std::min(0.0, t.direction > 0 ? down : -up);
  }

  double cash_ = 0.0;
  double pos_ = 0.0;
  double avg_ = nan_;
  bool has_trade_ = false;
  trade trade_{};
  double exit_notional_ = 0.0;
  double exit_qty_ = 0.0;
  double hi_ = 0.0;
  double lo_ = 0.0;
  bool entry_at_open_ = false;
  std::size_t entry_bar_ = 0;
  std::vector<trade> trades_;
  costs::cost_breakdown total_costs_{};
  std::size_t fills_ = 0;
  double cost_rate_ = 0.0;
};

namespace detail {

/// Bitwise equality of two doubles (the same NaN equals itself): "the target did not change".
inline bool same_bits(double a, double b) noexcept { return std::memcmp(&a, &b, sizeof a) == 0; }

/// Sample standard deviation (ddof 1) of the last `window` close-to-close log returns of `closes`
/// (NaN with fewer than two returns): the per-bar volatility estimate given to cost models.
/// O(window), computed only when a fill needs it.
inline double volatility_estimate(std::span<const double> closes, std::size_t window) noexcept {
  const std::size_t n = closes.size();
  if (n < 3) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t m = std::min(window, n - 1);
  double mean = 0.0;
  for (std::size_t i = n - m; i < n; ++i) mean += std::log(closes[i] / closes[i - 1]);
  mean /= static_cast<double>(m);
  double ss = 0.0;
  for (std::size_t i = n - m; i < n; ++i) {
    const double d = std::log(closes[i] / closes[i - 1]) - mean;
    ss += d * d;
  }
  return std::sqrt(ss / static_cast<double>(m - 1));
}

/// The description of a fill that cost models price.
inline costs::fill make_fill(const bar& b, double qty_abs, double price, bool buy,
                             double volatility) noexcept {
  costs::fill f;
  f.side = buy ? 1 : -1;
  f.quantity = qty_abs;
  f.price = price;
  f.bar_open = b.open;
  f.bar_high = b.high;
  f.bar_low = b.low;
  f.bar_close = b.close;
  f.bar_volume = b.volume;
  f.volatility = volatility;
  return f;
}

/// Units to hold for a target at `price` (see docs/backtest.md "Targets"). Exposure targets are
/// cash-inclusive: |u| price + cost(|u - position|) = |target| x equity at `price`, solved by the
/// fixed-point iteration u <- (budget - cost(u)) / price until two iterates agree to 1e-15
/// relative (at most 12 steps). `cost_of(units_traded, buy)` prices a hypothetical fill at
/// `price`.
/// The first iterate is budget / price; from flat it is budget / (price x (1 + cost_rate_hint)),
/// the fixed point when the cost is cost_rate_hint x the notional. Given the last fill's rate
/// (account::cost_rate) and a cost proportional to the notional, the first step then confirms
/// it: one call of cost_of where 1 bp took four, and each step is a division on the chain from
/// one fill's cash to the next fill's size. With hint 0 the error shrinks by the cost rate per
/// step (no cost: exact in one step).
template <class CostOf>
double desired_units(double target, bool units_target, double price, double cash, double position,
                     bool fractional, double lot_size, CostOf&& cost_of,
                     double cost_rate_hint = 0.0) {
  double units = 0.0;
  if (units_target) {
    units = target;
  } else if (target != 0.0) {
    // The same values as |target| x (cash + position x price) and dir x u with dir = +-1, with
    // the operations that are identities skipped: each fill's sizing waits on the previous
    // fill's cash, so every operation on this chain counts (1 x b == b, (+-1) x u == +-u; from
    // flat, cash + 0 x price differs from cash only for a zero cash, whose budget sizes to 0
    // either way).
    const double a = std::fabs(target);
    const double equity = position == 0.0 ? cash : cash + position * price;
    const double budget = a == 1.0 ? equity : a * equity;
    const bool up = target > 0.0;
    // price x (1 + 0) is price: with no hint, the plain first iterate.
    const double per_unit = position == 0.0 ? price * (1.0 + cost_rate_hint) : price;
    double u = std::max(0.0, budget / per_unit);
    for (int it = 0; it < 12; ++it) {
      const double delta = (up ? u : -u) - position;
      const double c = delta != 0.0 ? cost_of(std::fabs(delta), delta > 0.0) : 0.0;
      const double next = std::max(0.0, (budget - c) / price);
      const bool converged = std::fabs(next - u) <= 1e-15 * std::max(1.0, u);
      u = next;
      if (converged) break;
    }
    units = up ? u : -u;
  }
  if (!fractional) units = std::trunc(units / lot_size) * lot_size;
  return units;
}

}  // namespace detail

}  // namespace quantkit::backtest
