// SPDX-License-Identifier: MIT
// quantkit/stats/trades.hpp - trade statistics: win rate, payoff, profit factor, SQN, Kelly,
// MAE/MFE
#pragma once

#include "descriptive.hpp"
#include "detail/sum.hpp"

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <limits>
#include <ranges>
#include <span>
#include <vector>

namespace quantkit::stats {

/// One closed trade as a backtest trade log can store it. The statistics below never need this
/// exact type: they read any double member of any record array through double_view.
struct trade_record {
  double pnl = 0.0;           ///< profit and loss in account currency
  double return_ = 0.0;       ///< trade return, pnl / capital committed at entry
  std::size_t bars_held = 0;  ///< bars from entry to exit
  double mae = 0.0;           ///< maximum adverse excursion as a return (<= 0)
  double mfe = 0.0;           ///< maximum favourable excursion as a return (>= 0)
};

/// A read-only view of n doubles with a stride: a plain contiguous range of doubles, or one double
/// member of each element of a contiguous array of records (a struct-of-records trade log), with
/// no copy. Cheap to pass by value; it does not own the data.
class double_view {
 public:
  constexpr double_view() noexcept = default;
  /// A contiguous range of doubles (std::vector<double>, std::span<const double>, array, ...).
  template <class R>
  requires std::ranges::contiguous_range<const R> && std::ranges::sized_range<const R> &&
      std::same_as < std::ranges::range_value_t<const R>,
  double > double_view(const R& values) noexcept  // NOLINT(google-explicit-constructor): a view
      : base_(reinterpret_cast<const unsigned char*>(std::ranges::data(values))),
  size_(std::ranges::size(values)), stride_(sizeof(double)) {}
  /// Member `member` of every record: `double_view(log, &my_trade::pnl)`.
  template <class Record>
  double_view(std::span<const Record> records, double Record::*member) noexcept
      : base_(records.empty() ? nullptr
                              : reinterpret_cast<const unsigned char*>(&(records.front().*member))),
        size_(records.size()),
        stride_(sizeof(Record)) {}
  template <class Record>
  double_view(const std::vector<Record>& records, double Record::*member) noexcept
      : double_view(std::span<const Record>(records), member) {}

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] double operator[](std::size_t i) const noexcept {
    double v;
    std::memcpy(&v, base_ + i * stride_, sizeof v);
    return v;
  }

 private:
  const unsigned char* base_ = nullptr;
  std::size_t size_ = 0;
  std::size_t stride_ = sizeof(double);
};

/// Options of trade_stats.
struct trade_options {
  /// Cap on N in the SQN (Van Tharp later caps N at 100 so that long samples are comparable);
  /// 0 = no cap (Van Tharp's original definition, backtrader's SQN analyzer).
  std::size_t sqn_max_trades = 0;
};

/// Summary statistics of trade outcomes (returns or P&L: the same formulas, in their unit).
struct trade_statistics {
  std::size_t count = 0;      ///< non-NaN trades
  std::size_t wins = 0;       ///< outcome > 0
  std::size_t losses = 0;     ///< outcome < 0
  std::size_t breakeven = 0;  ///< outcome == 0 (neither a win nor a loss)
  double win_rate = std::numeric_limits<double>::quiet_NaN();       ///< wins / count
  double gross_profit = 0.0;                                        ///< sum of wins
  double gross_loss = 0.0;                                          ///< sum of losses (<= 0)
  double average_win = std::numeric_limits<double>::quiet_NaN();    ///< gross_profit / wins
  double average_loss = std::numeric_limits<double>::quiet_NaN();   ///< gross_loss / losses (< 0)
  double largest_win = std::numeric_limits<double>::quiet_NaN();    ///< max outcome if a win
  double largest_loss = std::numeric_limits<double>::quiet_NaN();   ///< min outcome if a loss
  double payoff_ratio = std::numeric_limits<double>::quiet_NaN();   ///< avg win / |avg loss|
  double profit_factor = std::numeric_limits<double>::quiet_NaN();  ///< gross profit / |gross loss|
  double expectancy = std::numeric_limits<double>::quiet_NaN();     ///< mean outcome
  double stddev = std::numeric_limits<double>::quiet_NaN();         ///< sample std, ddof = 1
  double sqn = std::numeric_limits<double>::quiet_NaN();            ///< sqrt(N) mean / stddev
  double kelly = std::numeric_limits<double>::quiet_NaN();          ///< W - (1 - W) / R
  std::size_t longest_win_streak = 0;
  std::size_t longest_loss_streak = 0;
};

/// Trade statistics of a sequence of outcomes (in trade order). Definitions: win > 0, loss < 0,
/// breakeven == 0 (counted in N and in the win-rate denominator, ends any streak); NaN outcomes
/// are skipped entirely. win_rate W = wins / count; payoff ratio R = average_win /
/// |average_loss| (NaN without a win or without a loss); profit_factor = gross_profit /
/// |gross_loss| (+inf without losses, NaN without wins and losses); expectancy = mean outcome =
/// W avg_win + (losses / N) avg_loss; SQN (Van Tharp) = sqrt(min(N, cap)) mean / stddev(ddof = 1),
/// NaN for N < 2 or zero dispersion (as the Sharpe ratio); Kelly fraction = W - (1 - W) / R
/// (Kelly 1956 for a two-outcome bet, with W and R estimated from the trades; NaN when R is).
/// Empty or all-NaN input: count 0, ratios NaN, sums 0. O(n), no allocation.
inline trade_statistics trade_stats(double_view outcomes, const trade_options& o = {}) {
  trade_statistics s;
  detail::neumaier_sum total;
  detail::neumaier_sum profit;
  detail::neumaier_sum loss;
  std::size_t win_run = 0;
  std::size_t loss_run = 0;
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const double x = outcomes[i];
    if (x != x) continue;
    ++s.count;
    total.add(x);
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
    if (x > 0.0) {
      ++s.wins;
      profit.add(x);
      ++win_run;
      loss_run = 0;
    } else if (x < 0.0) {
      ++s.losses;
      loss.add(x);
      ++loss_run;
      win_run = 0;
    } else {
      ++s.breakeven;
      win_run = 0;
      loss_run = 0;
    }
    if (win_run > s.longest_win_streak) s.longest_win_streak = win_run;
    if (loss_run > s.longest_loss_streak) s.longest_loss_streak = loss_run;
  }
  if (s.count == 0) return s;
  const double n = static_cast<double>(s.count);
  s.gross_profit = profit.value();
  s.gross_loss = loss.value();
  s.win_rate = static_cast<double>(s.wins) / n;
  if (s.wins > 0) {
    s.average_win = s.gross_profit / static_cast<double>(s.wins);
    s.largest_win = hi;
  }
  if (s.losses > 0) {
    s.average_loss = s.gross_loss / static_cast<double>(s.losses);
    s.largest_loss = lo;
  }
  s.payoff_ratio = s.average_win / std::fabs(s.average_loss);
  s.profit_factor = s.gross_profit / std::fabs(s.gross_loss);
  s.expectancy = total.value() / n;
  if (s.count >= 2) {
    detail::neumaier_sum ss;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const double x = outcomes[i];
      if (x != x) continue;
      const double d = x - s.expectancy;
      ss.add(d * d);
    }
    s.stddev = lo == hi ? 0.0 : std::sqrt(ss.value() / (n - 1.0));
    if (s.stddev > 0.0) {
      const std::size_t cap = o.sqn_max_trades;
      const std::size_t used = cap > 0 && cap < s.count ? cap : s.count;
      s.sqn = std::sqrt(static_cast<double>(used)) * s.expectancy / s.stddev;
    }
  }
  s.kelly = s.win_rate - (1.0 - s.win_rate) / s.payoff_ratio;
  return s;
}

/// Summary of one excursion series (MAE or MFE) as signed returns: MAE <= 0, MFE >= 0, so for
/// both "worst" is the minimum (the deepest adverse move, or the smallest favourable one) and
/// "best" the maximum.
struct excursion_summary {
  std::size_t count = 0;  ///< non-NaN values
  double mean = std::numeric_limits<double>::quiet_NaN();
  double median = std::numeric_limits<double>::quiet_NaN();  ///< numpy.median of the values
  double worst = std::numeric_limits<double>::quiet_NaN();   ///< minimum
  double best = std::numeric_limits<double>::quiet_NaN();    ///< maximum
};

/// Mean, median, worst and best of an MAE or MFE series (NaN skipped; empty or all-NaN input:
/// count 0 and NaN fields). O(n log n) for the median (one copy).
inline excursion_summary excursion_stats(double_view x) {
  excursion_summary s;
  std::vector<double> v;
  v.reserve(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] == x[i]) v.push_back(x[i]);
  }
  s.count = v.size();
  if (v.empty()) return s;
  s.mean = mean(v);
  s.median = median(v);
  s.worst = stats::min(v);
  s.best = stats::max(v);
  return s;
}

}  // namespace quantkit::stats
