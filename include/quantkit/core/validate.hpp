// SPDX-License-Identifier: MIT
// quantkit/core/validate.hpp - one-pass validation of an OHLCV series (run once, at the edge)
#pragma once

#include "bar_series.hpp"
#include "error.hpp"
#include "time.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace quantkit {

/// The first problem found in a series: 0-based row, field name and a readable description.
struct data_issue {
  std::size_t row = 0;
  std::string field;  ///< "time", "open", "high", "low", "close" or "volume"
  std::string message;
};

namespace detail {
inline std::string describe_row(bar_series_view s, std::size_t row) {
  return "row " + std::to_string(row) + " (" + format_timestamp(s.times()[row]) + ")";
}
inline bool finite(double x) noexcept { return x - x == 0.0; }

/// True when every row satisfies the rules of find_invalid_bar (comparisons are false for NaN).
inline bool all_bars_valid(bar_series_view s) noexcept {
  const auto t = s.times();
  const auto o = s.opens();
  const auto h = s.highs();
  const auto l = s.lows();
  const auto c = s.closes();
  const auto v = s.volumes();
  constexpr double inf = std::numeric_limits<double>::infinity();
  const std::size_t n = s.size();
  // Unsigned 0/1 flags combined with &: no short-circuit and no first-row special case inside the
  // loop, so it vectorizes.
  auto u = [](bool b) { return static_cast<unsigned>(b); };
  unsigned good = 1;
  for (std::size_t i = 0; i < n; ++i) {
    good &= u(o[i] > 0.0) & u(o[i] < inf) & u(h[i] < inf) & u(l[i] > 0.0) & u(c[i] > 0.0) &
            u(c[i] < inf) & u(h[i] >= o[i]) & u(h[i] >= c[i]) & u(l[i] <= o[i]) & u(l[i] <= c[i]) &
            u(v[i] >= 0.0) & u(v[i] < inf);
  }
  for (std::size_t i = 1; i < n; ++i) good &= u(t[i] > t[i - 1]);
  const bool ok = good != 0;
  return ok;
}
}  // namespace detail

/// Checks every bar of `s`, in row order, and returns the first issue (or nullopt if valid):
///  - open, high, low, close, volume are finite; open, high, low, close are > 0;
///  - low <= min(open, close) and max(open, close) <= high;
///  - volume >= 0;
///  - timestamps strictly increase.
/// Within a row the fields are checked in the order time, open, high, low, close, volume, then
/// the high/low relations. O(n), no allocation unless an issue is found.
inline std::optional<data_issue> find_invalid_bar(bar_series_view s) {
  // Fast path: one branch-light pass that only says whether every row is valid (the common case,
  // about 1 ns per bar); the detailed search below runs only when something is wrong.
  if (detail::all_bars_valid(s)) return std::nullopt;
  const auto t = s.times();
  const auto o = s.opens();
  const auto h = s.highs();
  const auto l = s.lows();
  const auto c = s.closes();
  const auto v = s.volumes();
  const std::size_t n = s.size();
  auto issue = [&](std::size_t i, const char* field, const std::string& what) {
    return data_issue{i, field, detail::describe_row(s, i) + ", field " + field + ": " + what};
  };
  auto num = [](double x) { return detail::to_text(x); };
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && !(t[i] > t[i - 1])) {
      return issue(i, "time",
                   "timestamps must strictly increase (previous row " + std::to_string(i - 1) +
                       " is " + format_timestamp(t[i - 1]) + ")");
    }
    const double price[4] = {o[i], h[i], l[i], c[i]};
    const char* names[4] = {"open", "high", "low", "close"};
    for (int k = 0; k < 4; ++k) {
      if (!detail::finite(price[k]))
        return issue(i, names[k], "must be finite (got " + num(price[k]) + ")");
      if (!(price[k] > 0.0)) return issue(i, names[k], "must be > 0 (got " + num(price[k]) + ")");
    }
    if (!detail::finite(v[i])) return issue(i, "volume", "must be finite (got " + num(v[i]) + ")");
    if (!(v[i] >= 0.0)) return issue(i, "volume", "must be >= 0 (got " + num(v[i]) + ")");
    const double lo_body = o[i] < c[i] ? o[i] : c[i];
    const double hi_body = o[i] < c[i] ? c[i] : o[i];
    if (h[i] < hi_body) {
      return issue(i, "high", "high " + num(h[i]) + " is below max(open, close) = " + num(hi_body));
    }
    if (l[i] > lo_body) {
      return issue(i, "low", "low " + num(l[i]) + " is above min(open, close) = " + num(lo_body));
    }
  }
  return std::nullopt;
}

/// Validates `s` (see find_invalid_bar for the rules) and throws data_error for the first
/// offending row, with the row index, the field, and a message
/// `"quantkit::validate: <source>: row 12 (1985-01-18T00:00:00Z), field high: ..."`.
/// `source` (a file name, a symbol) is optional. An empty series is valid. O(n).
inline void validate(bar_series_view s, std::string_view source = {}) {
  auto issue = find_invalid_bar(s);
  if (!issue) return;
  std::string msg = "quantkit::validate: ";
  if (!source.empty()) msg.append(source).append(": ");
  msg.append(issue->message);
  QUANTKIT_THROW(data_error(issue->row, issue->field, msg));
}

}  // namespace quantkit
