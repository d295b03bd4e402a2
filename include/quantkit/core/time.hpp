// SPDX-License-Identifier: MIT
// quantkit/core/time.hpp - timestamps (int64 ns since the Unix epoch), ISO-8601 and epoch units
#pragma once

#include "error.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace quantkit {

/// A point in time: nanoseconds since 1970-01-01T00:00:00Z (Unix time: no leap seconds),
/// proleptic Gregorian calendar, UTC. Representable range: 1677-09-21 .. 2262-04-11.
using timestamp = std::int64_t;

/// A duration in nanoseconds (the same unit as timestamp).
using duration = std::int64_t;

inline constexpr duration nanoseconds_per_microsecond = 1'000;
inline constexpr duration nanoseconds_per_millisecond = 1'000'000;
inline constexpr duration nanoseconds_per_second = 1'000'000'000;
inline constexpr duration nanoseconds_per_minute = 60 * nanoseconds_per_second;
inline constexpr duration nanoseconds_per_hour = 60 * nanoseconds_per_minute;
inline constexpr duration nanoseconds_per_day = 24 * nanoseconds_per_hour;

/// Duration helpers: `minutes(5)`, `days(1)`. No overflow check (constexpr arithmetic).
constexpr duration seconds(std::int64_t n) noexcept { return n * nanoseconds_per_second; }
constexpr duration minutes(std::int64_t n) noexcept { return n * nanoseconds_per_minute; }
constexpr duration hours(std::int64_t n) noexcept { return n * nanoseconds_per_hour; }
constexpr duration days(std::int64_t n) noexcept { return n * nanoseconds_per_day; }

/// A calendar date (proleptic Gregorian).
struct civil_date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
  friend constexpr bool operator==(const civil_date&, const civil_date&) = default;
};

/// Days since 1970-01-01 of a civil date (valid for any int year; no range check).
/// Algorithm: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil).
constexpr std::int64_t days_from_civil(int y, int m, int d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                          // [0, 399]
  const std::int64_t mp = (m + 9) % 12;                            // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;             // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

/// Civil date of a day count since 1970-01-01 (inverse of days_from_civil).
constexpr civil_date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;                                // [1, 12]
  return civil_date{static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), static_cast<int>(m),
                    static_cast<int>(d)};
}

/// True for Gregorian leap years.
constexpr bool is_leap_year(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// Number of days in a month of a year.
constexpr int days_in_month(int y, int m) noexcept {
  constexpr int table[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : table[(m - 1) % 12];
}

/// Floor division for timestamps (rounds toward negative infinity), b > 0.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

/// Days since the epoch of a timestamp (floor).
constexpr std::int64_t day_number(timestamp t) noexcept {
  return floor_div(t, nanoseconds_per_day);
}

/// Midnight (UTC) of the day containing t.
constexpr timestamp floor_to_day(timestamp t) noexcept {
  return day_number(t) * nanoseconds_per_day;
}

/// Nanoseconds since midnight (UTC), in [0, 86400e9).
constexpr duration time_of_day(timestamp t) noexcept { return t - floor_to_day(t); }

/// ISO day of the week: 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
constexpr int day_of_week(timestamp t) noexcept {
  return static_cast<int>(((day_number(t) % 7) + 7 + 3) % 7);
}

/// Civil date (UTC) of a timestamp.
constexpr civil_date to_civil(timestamp t) noexcept { return civil_from_days(day_number(t)); }

/// Timestamp of a date and time of day (UTC). Throws invalid_argument for an invalid date or time
/// or one outside the representable range.
inline timestamp make_timestamp(int year, int month, int day, int hour = 0, int minute = 0,
                                int second = 0, std::int64_t nanosecond = 0);

/// Unit of an integer epoch time.
enum class epoch_unit { seconds, milliseconds, microseconds, nanoseconds };

/// Nanoseconds per one `unit`.
constexpr std::int64_t epoch_unit_scale(epoch_unit unit) noexcept {
  switch (unit) {
    case epoch_unit::seconds:
      return nanoseconds_per_second;
    case epoch_unit::milliseconds:
      return nanoseconds_per_millisecond;
    case epoch_unit::microseconds:
      return nanoseconds_per_microsecond;
    case epoch_unit::nanoseconds:
      break;
  }
  return 1;
}

/// Timestamp of an integer epoch time in `unit`. Throws invalid_argument on overflow (outside
/// 1677..2262).
inline timestamp from_epoch(std::int64_t value, epoch_unit unit) {
  const std::int64_t scale = epoch_unit_scale(unit);
  if (value > std::numeric_limits<std::int64_t>::max() / scale ||
      value < std::numeric_limits<std::int64_t>::min() / scale) {
    throw_invalid_argument("quantkit::from_epoch", "value",
                           "is outside the representable range 1677..2262", value);
  }
  return value * scale;
}

/// Integer epoch time of a timestamp in `unit`, rounded toward negative infinity.
constexpr std::int64_t to_epoch(timestamp t, epoch_unit unit) noexcept {
  return floor_div(t, epoch_unit_scale(unit));
}

namespace detail {

/// Result of the low-level ISO-8601 parser: on failure, `error` names what was expected and
/// `error_offset` is the 0-based offset of the first offending character.
struct iso_parse_result {
  timestamp value = 0;
  const char* error = nullptr;
  std::size_t error_offset = 0;
};

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// Reads exactly `n` digits at s[pos]; returns -1 if they are not all digits.
constexpr int read_digits(std::string_view s, std::size_t pos, std::size_t n) noexcept {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (!is_digit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

/// Parses the accepted ISO-8601 forms (see parse_timestamp). Never throws.
constexpr iso_parse_result parse_iso8601(std::string_view s) noexcept {
  iso_parse_result r;
  auto fail = [&](const char* what, std::size_t at) {
    r.error = what;
    r.error_offset = at;
    return r;
  };
  const int year = read_digits(s, 0, 4);
  if (year < 0) return fail("a 4-digit year (YYYY-MM-DD)", 0);
  if (s.size() < 5 || s[4] != '-') return fail("'-' after the year (YYYY-MM-DD)", 4);
  const int month = read_digits(s, 5, 2);
  if (month < 1 || month > 12) return fail("a month 01..12 (YYYY-MM-DD)", 5);
  if (s.size() < 8 || s[7] != '-') return fail("'-' after the month (YYYY-MM-DD)", 7);
  const int day = read_digits(s, 8, 2);
  if (day < 1 || day > days_in_month(year, month)) return fail("a valid day of the month", 8);
  if (year < 1678 || year > 2261) return fail("a year in 1678..2261 (int64 nanoseconds)", 0);
  std::int64_t t = days_from_civil(year, month, day) * nanoseconds_per_day;
  std::size_t pos = 10;
  if (pos == s.size()) {
    r.value = t;
    return r;
  }
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') {
    return fail("end of the date, or 'T' / ' ' before a time", pos);
  }
  ++pos;
  const int hour = read_digits(s, pos, 2);
  if (hour < 0 || hour > 23) return fail("an hour 00..23", pos);
  pos += 2;
  if (pos >= s.size() || s[pos] != ':') return fail("':' after the hour (HH:MM)", pos);
  ++pos;
  const int minute = read_digits(s, pos, 2);
  if (minute < 0 || minute > 59) return fail("a minute 00..59", pos);
  pos += 2;
  int second = 0;
  std::int64_t frac = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    second = read_digits(s, pos, 2);
    if (second < 0 || second > 59) return fail("a second 00..59", pos);
    pos += 2;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      std::size_t ndig = 0;
      std::int64_t scale = 100'000'000;
      while (pos < s.size() && is_digit(s[pos])) {
        if (ndig < 9) {
          frac += (s[pos] - '0') * scale;
          scale /= 10;
        }
        ++ndig;
        ++pos;
      }
      if (ndig == 0) return fail("digits after the decimal point of the seconds", pos);
    }
  }
  t += hour * nanoseconds_per_hour + minute * nanoseconds_per_minute +
       second * nanoseconds_per_second + frac;
  if (pos == s.size()) {
    r.value = t;
    return r;
  }
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const bool minus = s[pos] == '-';
    ++pos;
    const int oh = read_digits(s, pos, 2);
    if (oh < 0 || oh > 23) return fail("a UTC offset hour 00..23 (+HH:MM)", pos);
    pos += 2;
    int om = 0;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (pos < s.size()) {
      om = read_digits(s, pos, 2);
      if (om < 0 || om > 59) return fail("a UTC offset minute 00..59 (+HH:MM)", pos);
      pos += 2;
    }
    const std::int64_t off = oh * nanoseconds_per_hour + om * nanoseconds_per_minute;
    t += minus ? off : -off;  // local = UTC + offset, so UTC = local - offset
  } else {
    return fail("end of the timestamp, 'Z' or a UTC offset (+HH:MM)", pos);
  }
  if (pos != s.size()) return fail("end of the timestamp", pos);
  r.value = t;
  return r;
}

}  // namespace detail

/// Parses an ISO-8601 date or date-time in UTC:
///   `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS`, with up to 9 fractional digits
///   (`.123456789`, further digits are truncated), 'T', 't' or ' ' as separator, and an optional
///   `Z` or `+HH:MM` / `-HH:MM` / `+HHMM` / `+HH` offset (the result is converted to UTC).
/// Years 1678..2261. Returns std::nullopt for anything else.
constexpr std::optional<timestamp> try_parse_timestamp(std::string_view text) noexcept {
  const auto r = detail::parse_iso8601(text);
  if (r.error != nullptr) return std::nullopt;
  return r.value;
}

/// As try_parse_timestamp, but throws invalid_argument naming the text, what was expected and the
/// 1-based character position.
inline timestamp parse_timestamp(std::string_view text) {
  const auto r = detail::parse_iso8601(text);
  if (r.error != nullptr) {
    std::string msg = "cannot parse \"";
    msg.append(text).append("\" as an ISO-8601 timestamp: expected ").append(r.error);
    msg.append(" at character ").append(std::to_string(r.error_offset + 1));
    throw_invalid_argument("quantkit::parse_timestamp", "text", msg);
  }
  return r.value;
}

inline timestamp make_timestamp(int year, int month, int day, int hour, int minute, int second,
                                std::int64_t nanosecond) {
  constexpr std::string_view fn = "quantkit::make_timestamp";
  require(year >= 1678 && year <= 2261, fn, "year", year, "must be in 1678..2261");
  require(month >= 1 && month <= 12, fn, "month", month, "must be in 1..12");
  require(day >= 1 && day <= days_in_month(year, month), fn, "day", day,
          "must be a valid day of the month");
  require(hour >= 0 && hour <= 23, fn, "hour", hour, "must be in 0..23");
  require(minute >= 0 && minute <= 59, fn, "minute", minute, "must be in 0..59");
  require(second >= 0 && second <= 59, fn, "second", second, "must be in 0..59");
  require(nanosecond >= 0 && nanosecond < nanoseconds_per_second, fn, "nanosecond", nanosecond,
          "must be in 0..999999999");
  return days_from_civil(year, month, day) * nanoseconds_per_day + hour * nanoseconds_per_hour +
         minute * nanoseconds_per_minute + second * nanoseconds_per_second + nanosecond;
}

namespace detail {
inline void append_padded(std::string& out, std::int64_t v, int width) {
  char buf[24];
  int n = 0;
  const bool neg = v < 0;
  std::uint64_t u = neg ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  while (n < width) buf[n++] = '0';
  if (neg) out.push_back('-');
  while (n > 0) out.push_back(buf[--n]);
}
}  // namespace detail

/// `YYYY-MM-DD` of the UTC day containing t.
inline std::string format_date(timestamp t) {
  const civil_date d = to_civil(t);
  std::string out;
  out.reserve(10);
  detail::append_padded(out, d.year, 4);
  out.push_back('-');
  detail::append_padded(out, d.month, 2);
  out.push_back('-');
  detail::append_padded(out, d.day, 2);
  return out;
}

/// `YYYY-MM-DDTHH:MM:SSZ`, with a fraction of 3, 6 or 9 digits only when t has sub-second
/// precision (the shortest of the three that is exact). Round-trips through parse_timestamp.
inline std::string format_timestamp(timestamp t) {
  std::string out = format_date(t);
  const duration tod = time_of_day(t);
  out.push_back('T');
  detail::append_padded(out, tod / nanoseconds_per_hour, 2);
  out.push_back(':');
  detail::append_padded(out, (tod / nanoseconds_per_minute) % 60, 2);
  out.push_back(':');
  detail::append_padded(out, (tod / nanoseconds_per_second) % 60, 2);
  const std::int64_t frac = tod % nanoseconds_per_second;
  if (frac != 0) {
    out.push_back('.');
    if (frac % 1'000'000 == 0) {
      detail::append_padded(out, frac / 1'000'000, 3);
    } else if (frac % 1'000 == 0) {
      detail::append_padded(out, frac / 1'000, 6);
    } else {
      detail::append_padded(out, frac, 9);
    }
  }
  out.push_back('Z');
  return out;
}

}  // namespace quantkit
