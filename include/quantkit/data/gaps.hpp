// SPDX-License-Identifier: MIT
// quantkit/data/gaps.hpp - missing bars against an expected interval, and filling them
#pragma once

#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "../core/time.hpp"
#include "../core/validate.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace quantkit {

/// When bars are expected: times of day [open, close) in local time (UTC + utc_offset) on the
/// weekdays of the mask (bit 0 = Monday ... bit 6 = Sunday). The default is every day, all day.
/// Daily bars on weekdays: `trading_session{.weekdays = weekdays_mon_fri}`; a US equity session in
/// UTC: `{.open = hours(14) + minutes(30), .close = hours(21), .weekdays = weekdays_mon_fri}`.
struct trading_session {
  duration open = 0;
  duration close = nanoseconds_per_day;
  std::uint8_t weekdays = 0b1111111;
  duration utc_offset = 0;
  /// True when a bar at time t is expected.
  [[nodiscard]] constexpr bool contains(timestamp t) const noexcept {
    const timestamp local = t + utc_offset;
    if (((weekdays >> day_of_week(local)) & 1U) == 0) return false;
    const duration tod = time_of_day(local);
    return open <= close ? (tod >= open && tod < close) : (tod >= open || tod < close);
  }
};

/// Monday to Friday.
inline constexpr std::uint8_t weekdays_mon_fri = 0b0011111;

/// A run of missing bars between two consecutive bars.
struct gap {
  std::size_t after_row = 0;  ///< index of the last bar before the gap
  timestamp start = 0;        ///< time of the last bar before the gap
  timestamp end = 0;          ///< time of the first bar after the gap
  std::size_t missing = 0;    ///< expected bar times strictly between start and end
};

namespace detail {
inline void check_gap_args(bar_series_view bars, duration interval, const char* fn) {
  require(interval > 0, fn, "interval", interval, "must be > 0 (nanoseconds)");
  const auto t = bars.times();
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (!(t[i] > t[i - 1])) {
      throw_invalid_argument(fn, "bars",
                             "timestamps must strictly increase (row " + std::to_string(i) +
                                 " is not after row " + std::to_string(i - 1) + ")");
    }
  }
}
/// Calls f(time) for every expected time strictly between a and b on the grid a + k interval.
template <class F>
void for_each_expected(timestamp a, timestamp b, duration interval,
                       const std::optional<trading_session>& session, F&& f) {
  for (timestamp x = a + interval; x < b; x += interval) {
    if (!session || session->contains(x)) f(x);
  }
}
}  // namespace detail

/// The gaps of a series against an expected interval: for each pair of consecutive bars, the
/// expected times (the previous bar's time + k interval, inside `session` when given) strictly
/// before the next bar. O(n + number of grid points inside the gaps).
/// Throws invalid_argument for interval <= 0 or unsorted timestamps.
inline std::vector<gap> find_gaps(bar_series_view bars, duration interval,
                                  const std::optional<trading_session>& session = std::nullopt) {
  detail::check_gap_args(bars, interval, "quantkit::find_gaps");
  std::vector<gap> out;
  const auto t = bars.times();
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (t[i] - t[i - 1] <= interval) continue;
    std::size_t missing = 0;
    detail::for_each_expected(t[i - 1], t[i], interval, session, [&](timestamp) { ++missing; });
    if (missing > 0) out.push_back(gap{i - 1, t[i - 1], t[i], missing});
  }
  return out;
}

/// How fill_gaps fills.
enum class gap_fill {
  none,          ///< leave the gaps (a copy of the input)
  forward_fill,  ///< a flat bar at the last close, volume 0, at every missing expected time
};

/// Fills the gaps of `bars` by `policy` (see find_gaps for what is expected). O(n + filled bars).
inline bar_series fill_gaps(bar_series_view bars, duration interval, gap_fill policy,
                            const std::optional<trading_session>& session = std::nullopt) {
  detail::check_gap_args(bars, interval, "quantkit::fill_gaps");
  bar_series out;
  out.reserve(bars.size());
  for (std::size_t i = 0; i < bars.size(); ++i) {
    if (i > 0 && policy == gap_fill::forward_fill) {
      const double last = bars.closes()[i - 1];
      detail::for_each_expected(bars.times()[i - 1], bars.times()[i], interval, session,
                                [&](timestamp x) {
                                  out.push_back({x, last, last, last, last, 0.0});
                                });
    }
    out.push_back(bars[i]);
  }
  return out;
}

/// Fills each gap with the bars `backfill(gap)` returns (any callable returning a bar_series or a
/// std::vector<bar>: the caller's data source, e.g. a second feed). Returned bars must lie strictly
/// inside the gap (start, end), be sorted and valid; the merged series is validated. Throws
/// data_error naming the gap otherwise. O(n + returned bars).
template <class Backfill>
requires std::invocable<Backfill&, const gap&> bar_series
fill_gaps(bar_series_view bars, duration interval, Backfill backfill,
          const std::optional<trading_session>& session = std::nullopt) {
  detail::check_gap_args(bars, interval, "quantkit::fill_gaps");
  const std::vector<gap> gaps = find_gaps(bars, interval, session);
  bar_series out;
  out.reserve(bars.size());
  std::size_t g = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    out.push_back(bars[i]);
    if (g < gaps.size() && gaps[g].after_row == i) {
      const gap& x = gaps[g++];
      const auto filled = backfill(x);
      for (const bar& b : filled) {
        if (!(b.time > x.start && b.time < x.end) || !(b.time > out.back().time)) {
          QUANTKIT_THROW(data_error(i, "time",
                                    "quantkit::fill_gaps: a bar from the backfill for the gap " +
                                        format_timestamp(x.start) + " .. " +
                                        format_timestamp(x.end) + " is at " +
                                        format_timestamp(b.time) +
                                        ": backfilled bars must be sorted and inside the gap"));
        }
        out.push_back(b);
      }
    }
  }
  validate(out, "quantkit::fill_gaps (merged result)");
  return out;
}

}  // namespace quantkit
