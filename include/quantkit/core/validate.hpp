// SPDX-License-Identifier: MIT
// quantkit/core/validate.hpp - one-pass validation of an OHLCV series (run once, at the edge)
#pragma once

#include "bar_series.hpp"
#include "detail/simd2.hpp"
#include "error.hpp"
#include "time.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
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

/// Rows per block of the validity check: one block of the six columns (192 KiB) stays in L2.
inline constexpr std::size_t kValidateBlock = 4096;

/// True when rows [first, first + len) satisfy the rules of find_invalid_bar, the time of row
/// `first` included (against row first - 1). Branch-free: one mask per row, no early exit. The
/// twelve rules reduce to eight comparisons with the same outcome: 0 < low <= open, close <=
/// high < inf gives open and close > 0 and finite, and every comparison is false for NaN.
inline bool bars_valid(bar_series_view s, std::size_t first, std::size_t len) noexcept {
  const timestamp* t = s.times().data();
  const double* o = s.opens().data();
  const double* h = s.highs().data();
  const double* l = s.lows().data();
  const double* c = s.closes().data();
  const double* v = s.volumes().data();
  constexpr double inf = std::numeric_limits<double>::infinity();
  const std::size_t end = first + len;
  std::size_t i = first;
  bool good = true;
#if defined(QUANTKIT_SIMD2)
  const v2d zero = {0.0, 0.0};
  const v2d infs = {inf, inf};
  v2i mask = {-1, -1};
  for (; i + 2 <= end; i += 2) {
    const v2d O = load2(o + i);
    const v2d H = load2(h + i);
    const v2d L = load2(l + i);
    const v2d C = load2(c + i);
    const v2d V = load2(v + i);
    mask &= (L > zero) & (L <= O) & (L <= C) & (H >= O) & (H >= C) & (H < infs) & (V >= zero) &
            (V < infs);
  }
  good = all2(mask);
#endif
  // Unsigned 0/1 flags combined with &: no short-circuit.
  auto u = [](bool b) { return static_cast<unsigned>(b); };
  unsigned rest = 1;
  for (; i < end; ++i) {
    rest &= u(l[i] > 0.0) & u(l[i] <= o[i]) & u(l[i] <= c[i]) & u(h[i] >= o[i]) &
            u(h[i] >= c[i]) & u(h[i] < inf) & u(v[i] >= 0.0) & u(v[i] < inf);
  }
  unsigned increasing = 1;
  for (std::size_t k = first == 0 ? 1 : first; k < end; ++k) increasing &= u(t[k] > t[k - 1]);
  return good && rest != 0 && increasing != 0;
}

/// The first issue among rows [first, first + len), checking each row in find_invalid_bar's
/// order (the time of row `first` against row first - 1); nullopt if there is none.
inline std::optional<data_issue> first_issue_in(bar_series_view s, std::size_t first,
                                                std::size_t len) {
  const auto t = s.times();
  const auto o = s.opens();
  const auto h = s.highs();
  const auto l = s.lows();
  const auto c = s.closes();
  const auto v = s.volumes();
  auto issue = [&](std::size_t i, const char* field, const std::string& what) {
    return data_issue{i, field, describe_row(s, i) + ", field " + field + ": " + what};
  };
  auto num = [](double x) { return to_text(x); };
  for (std::size_t i = first; i < first + len; ++i) {
    if (i > 0 && !(t[i] > t[i - 1])) {
      return issue(i, "time",
                   "timestamps must strictly increase (previous row " + std::to_string(i - 1) +
                       " is " + format_timestamp(t[i - 1]) + ")");
    }
    const double price[4] = {o[i], h[i], l[i], c[i]};
    const char* names[4] = {"open", "high", "low", "close"};
    for (int k = 0; k < 4; ++k) {
      if (!finite(price[k])) return issue(i, names[k], "must be finite (got " + num(price[k]) + ")");
      if (!(price[k] > 0.0)) return issue(i, names[k], "must be > 0 (got " + num(price[k]) + ")");
    }
    if (!finite(v[i])) return issue(i, "volume", "must be finite (got " + num(v[i]) + ")");
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
}  // namespace detail

/// Checks every bar of `s`, in row order, and returns the first issue (or nullopt if valid):
///  - open, high, low, close, volume are finite; open, high, low, close are > 0;
///  - low <= min(open, close) and max(open, close) <= high;
///  - volume >= 0;
///  - timestamps strictly increase.
/// Within a row the fields are checked in the order time, open, high, low, close, volume, then
/// the high/low relations. O(n), no allocation unless an issue is found; reads the series once
/// (about 2 ms per million bars, memory-bound).
inline std::optional<data_issue> find_invalid_bar(bar_series_view s) {
  // Blocks of rows checked by one branch-free pass each (memory-bound, about 2 ns per bar); the
  // row-by-row search runs only in a block that fails, and every block before it is valid, so the
  // issue it finds is the first of the series.
  const std::size_t n = s.size();
  for (std::size_t b = 0; b < n; b += detail::kValidateBlock) {
    const std::size_t len = std::min(detail::kValidateBlock, n - b);
    if (detail::bars_valid(s, b, len)) continue;
    if (auto issue = detail::first_issue_in(s, b, len)) return issue;
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
