// SPDX-License-Identifier: MIT
// quantkit/stats/returns.hpp - simple/log returns, cumulative returns, annualization, aggregation
#pragma once

#include "../core/error.hpp"
#include "../core/time.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::stats {

// Conventions of this header (empyrical-reloaded, the reference of the tests):
//  - Returns are simple (arithmetic) per-period returns: r = p_t / p_{t-1} - 1.
//  - NaN returns are treated as 0 (a flat period) by cum_returns, cum_returns_final,
//    annual_return and aggregate_returns, as empyrical does; the period still counts in n.

/// Periods per year used to annualize (empyrical.periods.ANNUALIZATION_FACTORS). Any positive
/// finite double is accepted where a function takes `periods_per_year` (e.g. 365 for crypto).
namespace annualization {
inline constexpr double daily = 252.0;  ///< empyrical APPROX_BDAYS_PER_YEAR
inline constexpr double weekly = 52.0;
inline constexpr double monthly = 12.0;
inline constexpr double quarterly = 4.0;
inline constexpr double yearly = 1.0;
}  // namespace annualization

/// Sampling frequency of a return series (empyrical's `period` argument).
enum class frequency { daily, weekly, monthly, quarterly, yearly };

/// Periods per year of a frequency: 252, 52, 12, 4, 1 (empyrical.stats.annualization_factor).
constexpr double periods_per_year(frequency f) noexcept {
  switch (f) {
    case frequency::daily:
      return annualization::daily;
    case frequency::weekly:
      return annualization::weekly;
    case frequency::monthly:
      return annualization::monthly;
    case frequency::quarterly:
      return annualization::quarterly;
    case frequency::yearly:
      return annualization::yearly;
  }
  return annualization::daily;
}

namespace detail {
inline void check_periods_per_year(double periods_per_year, const char* function) {
  require(periods_per_year > 0.0 && periods_per_year < std::numeric_limits<double>::infinity(),
          function, "periods_per_year", periods_per_year, "must be finite and > 0");
}
}  // namespace detail

/// Layout of a returns series computed from n prices.
enum class return_alignment {
  drop_first,   ///< n - 1 returns, element i is the return from price i to price i + 1
  leading_nan,  ///< n values aligned with the prices: NaN first (pandas pct_change layout)
};

/// Simple returns p[i] / p[i-1] - 1 of a price or equity series (pandas `pct_change`).
/// Bad data does not throw: a zero price gives +-inf or NaN by IEEE arithmetic, a NaN price gives
/// NaN for the two returns that touch it. Empty or single-price input gives an empty result
/// (drop_first) or all NaN (leading_nan). O(n).
inline std::vector<double> simple_returns(
    std::span<const double> prices, return_alignment alignment = return_alignment::drop_first) {
  std::vector<double> out;
  const std::size_t n = prices.size();
  if (alignment == return_alignment::leading_nan) {
    out.assign(n, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 1; i < n; ++i) out[i] = prices[i] / prices[i - 1] - 1.0;
    return out;
  }
  if (n < 2) return out;
  out.resize(n - 1);
  for (std::size_t i = 1; i < n; ++i) out[i - 1] = prices[i] / prices[i - 1] - 1.0;
  return out;
}

/// Log returns log1p(p[i] / p[i-1] - 1) = log(p[i] / p[i-1]) (continuously compounded). Same
/// layouts and bad-data rules as simple_returns; a non-positive price gives NaN or -inf. O(n).
inline std::vector<double> log_returns(std::span<const double> prices,
                                       return_alignment alignment = return_alignment::drop_first) {
  std::vector<double> out = simple_returns(prices, alignment);
  for (double& v : out) v = std::log1p(v);
  return out;
}

/// Simple returns from log returns: expm1(l). NaN stays NaN. O(n).
inline std::vector<double> simple_from_log_returns(std::span<const double> log_r) {
  std::vector<double> out(log_r.size());
  for (std::size_t i = 0; i < log_r.size(); ++i) out[i] = std::expm1(log_r[i]);
  return out;
}

/// Log returns from simple returns: log1p(r). NaN stays NaN; r <= -1 gives -inf or NaN. O(n).
inline std::vector<double> log_from_simple_returns(std::span<const double> r) {
  std::vector<double> out(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out[i] = std::log1p(r[i]);
  return out;
}

/// Cumulative returns (empyrical.cum_returns): w_t = prod_{i<=t} (1 + r_i) with NaN as 0, a
/// sequential product as numpy's cumprod; the result is w_t - 1 when starting_value == 0 and
/// starting_value * w_t otherwise (an equity curve). Empty input gives an empty result. O(n).
inline std::vector<double> cum_returns(std::span<const double> r, double starting_value = 0.0) {
  std::vector<double> out(r.size());
  double w = 1.0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double v = r[i];
    w *= 1.0 + (v == v ? v : 0.0);
    out[i] = starting_value == 0.0 ? w - 1.0 : w * starting_value;
  }
  return out;
}

/// Total compounded return (empyrical.cum_returns_final): prod(1 + r) - 1 with NaN as 0, or
/// starting_value * prod(1 + r) when starting_value != 0. NaN for empty input. O(n).
inline double cum_returns_final(std::span<const double> r, double starting_value = 0.0) noexcept {
  if (r.empty()) return std::numeric_limits<double>::quiet_NaN();
  double w = 1.0;
  for (double v : r) w *= 1.0 + (v == v ? v : 0.0);
  return starting_value == 0.0 ? w - 1.0 : w * starting_value;
}

/// Compound annual growth rate (empyrical.annual_return / empyrical.cagr):
/// (prod(1 + r))^(1 / years) - 1 with years = n / periods_per_year, n counting NaN rows (NaN is a
/// 0 return). NaN for empty input; NaN when the wealth goes negative (a return below -1), as
/// numpy's power. Throws invalid_argument unless periods_per_year is finite and > 0. O(n).
inline double annual_return(std::span<const double> r,
                            double periods_per_year = annualization::daily) {
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::annual_return");
  if (r.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double years = static_cast<double>(r.size()) / periods_per_year;
  return std::pow(cum_returns_final(r, 1.0), 1.0 / years) - 1.0;
}

/// Alias of annual_return (empyrical.cagr).
inline double cagr(std::span<const double> r, double periods_per_year = annualization::daily) {
  return annual_return(r, periods_per_year);
}

/// Calendar buckets for aggregate_returns.
enum class aggregation { weekly, monthly, quarterly, yearly };

/// One bucket of aggregate_returns: the key and the compounded return of the bucket.
struct period_return {
  int year = 0;    ///< calendar year of the dates in the bucket
  int period = 0;  ///< ISO week (1..53), month (1..12), quarter (1..4); 0 for yearly
  double value = std::numeric_limits<double>::quiet_NaN();  ///< prod(1 + r) - 1, NaN as 0
  friend constexpr bool operator==(const period_return&, const period_return&) = default;
};

/// ISO-8601 week number (1..53) of a civil date: the week (Monday first) that holds its Thursday.
constexpr int iso_week(civil_date d) noexcept {
  const std::int64_t z = days_from_civil(d.year, d.month, d.day);
  const int weekday = static_cast<int>(((z % 7) + 7 + 3) % 7);  // 0 = Monday
  const std::int64_t thursday = z - weekday + 3;
  const civil_date t = civil_from_days(thursday);
  const std::int64_t day_of_year = thursday - days_from_civil(t.year, 1, 1);
  return static_cast<int>(day_of_year / 7 + 1);
}

/// Compounded returns per calendar bucket (empyrical.aggregate_returns(returns, convert_to)):
/// rows grouped by (calendar year, ISO week | month | quarter) of their UTC date, or by year;
/// each bucket is prod(1 + r) - 1 over its rows in input order (NaN as 0); buckets sorted by key
/// (pandas groupby). Weekly keys pair the *calendar* year with the *ISO* week, exactly as
/// empyrical: 2016-01-01 (ISO week 53 of 2015) has key (2016, 53), and 2014-12-29 (ISO week 1
/// of 2015) joins (2014, 1). Timestamps need not be sorted. Throws invalid_argument when the
/// lengths differ. O(n log n).
inline std::vector<period_return> aggregate_returns(std::span<const double> r,
                                                    std::span<const timestamp> times,
                                                    aggregation to) {
  require_same_length("quantkit::stats::aggregate_returns", "returns", r.size(), "times",
                      times.size());
  struct keyed {
    int year;
    int period;
    std::size_t row;
  };
  std::vector<keyed> keys(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    const civil_date d = to_civil(times[i]);
    int p = 0;
    switch (to) {
      case aggregation::weekly:
        p = iso_week(d);
        break;
      case aggregation::monthly:
        p = d.month;
        break;
      case aggregation::quarterly:
        p = (d.month - 1) / 3 + 1;
        break;
      case aggregation::yearly:
        p = 0;
        break;
    }
    keys[i] = keyed{d.year, p, i};
  }
  std::stable_sort(keys.begin(), keys.end(), [](const keyed& a, const keyed& b) {
    return a.year != b.year ? a.year < b.year : a.period < b.period;
  });
  std::vector<period_return> out;
  for (std::size_t i = 0; i < keys.size();) {
    double w = 1.0;
    std::size_t j = i;
    for (; j < keys.size() && keys[j].year == keys[i].year && keys[j].period == keys[i].period;
         ++j) {
      const double v = r[keys[j].row];
      w *= 1.0 + (v == v ? v : 0.0);
    }
    out.push_back(period_return{keys[i].year, keys[i].period, w - 1.0});
    i = j;
  }
  return out;
}

}  // namespace quantkit::stats
