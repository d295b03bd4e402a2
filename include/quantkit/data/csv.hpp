// SPDX-License-Identifier: MIT
// quantkit/data/csv.hpp - CSV reader and writer for bar series (from_chars, >= 100 MB/s)
#pragma once

#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "../core/time.hpp"
#include "../core/validate.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace quantkit {

/// Whether the first line is a header.
enum class header_mode {
  detect,   ///< a header if any field of the first line is a known column name
  present,  ///< the first line is a header
  absent,   ///< no header: columns are `csv_options::columns` (default
            ///< time,open,high,low,close,volume)
};

/// How the time column is written.
enum class time_format {
  detect,  ///< ISO-8601, or an integer epoch whose unit follows from its magnitude (see below)
  iso8601,
  epoch_seconds,
  epoch_milliseconds,
  epoch_microseconds,
  epoch_nanoseconds,
};

/// What to do with a malformed line.
enum class bad_line_policy {
  fail,  ///< throw parse_error for the first malformed line (default: nothing is silently lost)
  skip,  ///< skip it and report it in csv_result::skipped
};

/// Options of read_csv / parse_csv.
struct csv_options {
  char delimiter = ',';  ///< ',' ';' '\t' '|' or any single character
  header_mode header = header_mode::detect;
  time_format time = time_format::detect;
  bad_line_policy on_bad_line = bad_line_policy::fail;
  bool use_adjusted_close = false;  ///< take "Adj Close" (and its aliases) as the close
  bool allow_close_only = false;    ///< accept files without open/high/low (they copy the close)
  bool validate = true;             ///< run quantkit::validate on the result (errors name the line)
  /// Column names when there is no header (empty: time,open,high,low,close,volume).
  std::vector<std::string> columns{};
};

/// A line skipped under bad_line_policy::skip: 1-based line and column, and why.
struct csv_skipped_line {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string reason{};
};

/// What read_csv returns: the bars, the skipped lines (empty unless skipping was asked for), and
/// the number of data lines read.
struct csv_result {
  bar_series bars{};
  std::vector<csv_skipped_line> skipped{};
  std::size_t data_lines = 0;
};

namespace detail {

enum class csv_field : std::uint8_t {
  time,
  date,
  clock,
  open,
  high,
  low,
  close,
  adj_close,
  volume,
  other
};

inline std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '"' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

/// Maps a header name to a field (case-insensitive, common aliases).
inline csv_field classify_column(std::string_view name) {
  const std::string n = lower_trimmed(name);
  if (n == "timestamp" || n == "datetime" || n == "date_time" || n == "date time" || n == "dt" ||
      n == "time_utc" || n == "open_time" || n == "open time") {
    return csv_field::time;
  }
  if (n == "date" || n == "day") return csv_field::date;
  if (n == "time") return csv_field::clock;
  if (n == "open" || n == "o" || n == "open_price") return csv_field::open;
  if (n == "high" || n == "h" || n == "high_price") return csv_field::high;
  if (n == "low" || n == "l" || n == "low_price") return csv_field::low;
  if (n == "close" || n == "c" || n == "last" || n == "price" || n == "close_price") {
    return csv_field::close;
  }
  if (n == "adj close" || n == "adj_close" || n == "adjclose" || n == "adjusted close" ||
      n == "adjusted_close" || n == "adj. close") {
    return csv_field::adj_close;
  }
  if (n == "volume" || n == "vol" || n == "v" || n == "qty") return csv_field::volume;
  return csv_field::other;
}

/// Splits one line into fields (quotes honoured: "a,b" is one field, "" inside quotes is a quote);
/// records each field's 0-based character offset. Returns false for an unterminated quote.
inline bool split_fields(std::string_view line, char delim, std::vector<std::string_view>& fields,
                         std::vector<std::size_t>& offsets, std::string& scratch,
                         std::size_t& error_offset) {
  fields.clear();
  offsets.clear();
  scratch.clear();
  std::size_t i = 0;
  const std::size_t n = line.size();
  // Quoted fields are unescaped into `scratch`; reserve so views into it stay valid.
  scratch.reserve(n);
  for (;;) {
    offsets.push_back(i);
    if (i < n && line[i] == '"') {
      const std::size_t start = scratch.size();
      std::size_t j = i + 1;
      bool closed = false;
      while (j < n) {
        if (line[j] == '"') {
          if (j + 1 < n && line[j + 1] == '"') {
            scratch.push_back('"');
            j += 2;
            continue;
          }
          closed = true;
          ++j;
          break;
        }
        scratch.push_back(line[j++]);
      }
      if (!closed) {
        error_offset = i;
        return false;
      }
      fields.emplace_back(scratch.data() + start, scratch.size() - start);
      i = j;
      if (i < n && line[i] != delim) {
        error_offset = i;
        return false;
      }
    } else {
      const std::size_t j = line.find(delim, i);
      const std::size_t end = j == std::string_view::npos ? n : j;
      fields.push_back(line.substr(i, end - i));
      i = end;
    }
    if (i >= n) break;
    ++i;  // the delimiter
    if (i == n) {
      // A trailing delimiter: an empty last field.
      offsets.push_back(i);
      fields.emplace_back();
      break;
    }
  }
  return true;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

inline bool parse_double(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty()) return false;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  const auto r = std::from_chars(first, last, out);
  return r.ec == std::errc() && r.ptr == last;
}

inline bool parse_int64(std::string_view s, std::int64_t& out) {
  s = trim(s);
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

/// Epoch unit from the magnitude of an integer time (detect mode): below 1e11 seconds (dates up to
/// year 5138), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
inline epoch_unit unit_by_magnitude(std::int64_t v) noexcept {
  const std::uint64_t a = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  if (a < 100'000'000'000ULL) return epoch_unit::seconds;
  if (a < 100'000'000'000'000ULL) return epoch_unit::milliseconds;
  if (a < 100'000'000'000'000'000ULL) return epoch_unit::microseconds;
  return epoch_unit::nanoseconds;
}

inline std::string quoted(std::string_view s) {
  std::string out = "\"";
  out.append(s.substr(0, 40));
  if (s.size() > 40) out.append("...");
  out.append("\"");
  return out;
}

}  // namespace detail

/// Parses CSV text into bars. Columns are found by name (case-insensitive; aliases: Date / Time /
/// Datetime / Timestamp, Open / O, High / H, Low / L, Close / C / Last / Price, Adj Close,
/// Volume / Vol), in any order, extra columns ignored; separate Date and Time columns are
/// combined. Times are ISO-8601 (see parse_timestamp) or integer epochs (unit chosen by
/// `options.time`, or by magnitude: < 1e11 seconds, < 1e14 ms, < 1e17 us, else ns). Missing
/// volume means 0. Handles a UTF-8 BOM, CRLF, blank lines, quoted fields, a trailing delimiter.
/// Malformed input throws parse_error `source:line:column: expected ..., got ...` (1-based), unless
/// `on_bad_line = skip`, in which case the line is skipped and reported. With `validate` (default),
/// the bars are validated and a data_error names the CSV line. O(size of the text).
inline csv_result parse_csv(std::string_view text, const csv_options& opt = {},
                            std::string_view source = "<string>") {
  using detail::csv_field;
  const std::string src(source);
  csv_result res;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
    text.remove_prefix(3);
  }
  std::vector<std::string_view> fields;
  std::vector<std::size_t> offsets;
  std::string scratch;
  std::size_t error_offset = 0;

  // Column map: index of each field in a line (npos when absent) and the names found.
  constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::array<std::size_t, 9> col{};
  col.fill(npos);
  std::vector<std::string> names;
  std::size_t expected_fields = 0;
  std::vector<std::size_t> line_of_row;  // for data_error messages

  auto fail = [&](std::size_t line, std::size_t column, const std::string& what) -> bool {
    if (opt.on_bad_line == bad_line_policy::skip) {
      res.skipped.push_back({line, column, what});
      return false;
    }
    QUANTKIT_THROW(parse_error(src, line, column, what));
  };

  auto set_columns = [&](const std::vector<std::string>& header, std::size_t line) {
    names = header;
    expected_fields = header.size();
    for (std::size_t k = 0; k < header.size(); ++k) {
      const csv_field f = detail::classify_column(header[k]);
      if (f != csv_field::other && col[static_cast<std::size_t>(f)] == npos) {
        col[static_cast<std::size_t>(f)] = k;
      }
    }
    if (col[static_cast<std::size_t>(csv_field::time)] == npos) {
      col[static_cast<std::size_t>(csv_field::time)] =
          col[static_cast<std::size_t>(csv_field::date)];
    }
    // A lone "Time" column is the time column too (Date + Time are combined below).
    if (col[static_cast<std::size_t>(csv_field::time)] == npos) {
      col[static_cast<std::size_t>(csv_field::time)] =
          col[static_cast<std::size_t>(csv_field::clock)];
    }
    if (opt.use_adjusted_close) {
      if (col[static_cast<std::size_t>(csv_field::adj_close)] == npos) {
        QUANTKIT_THROW(parse_error(
            src, line, 1, "use_adjusted_close is set but there is no adjusted close column"));
      }
      col[static_cast<std::size_t>(csv_field::close)] =
          col[static_cast<std::size_t>(csv_field::adj_close)];
    }
    auto need = [&](csv_field f, const char* what) {
      if (col[static_cast<std::size_t>(f)] != npos) return;
      std::string found;
      for (const auto& h : header) found.append(found.empty() ? "" : ", ").append(h);
      QUANTKIT_THROW(
          parse_error(src, line, 1, std::string("no ") + what + " column (found: " + found + ")"));
    };
    need(csv_field::time, "time/date");
    need(csv_field::close, "close");
    if (!opt.allow_close_only) {
      need(csv_field::open, "open");
      need(csv_field::high, "high");
      need(csv_field::low, "low");
    }
  };

  std::size_t pos = 0;
  std::size_t line_no = 0;
  bool have_columns = false;
  bool combine_date_time = false;
  std::optional<epoch_unit> unit;
  bool iso = false;
  bool time_decided = false;
  res.bars.reserve(text.size() / 48 + 1);

  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (detail::trim(line).empty()) continue;

    if (!detail::split_fields(line, opt.delimiter, fields, offsets, scratch, error_offset)) {
      fail(line_no, error_offset + 1, "unterminated or misplaced quote");
      continue;
    }
    if (!have_columns) {
      have_columns = true;
      bool is_header = opt.header == header_mode::present;
      if (opt.header == header_mode::detect) {
        for (const auto f : fields) {
          if (detail::classify_column(f) != csv_field::other) is_header = true;
        }
      }
      if (is_header) {
        std::vector<std::string> header;
        for (const auto f : fields) header.emplace_back(detail::trim(f));
        set_columns(header, line_no);
        combine_date_time = col[static_cast<std::size_t>(csv_field::date)] != npos &&
                            col[static_cast<std::size_t>(csv_field::clock)] != npos &&
                            col[static_cast<std::size_t>(csv_field::time)] ==
                                col[static_cast<std::size_t>(csv_field::date)];
        continue;
      }
      std::vector<std::string> header = opt.columns;
      if (header.empty()) header = {"time", "open", "high", "low", "close", "volume"};
      set_columns(header, line_no);
    }

    ++res.data_lines;
    if (fields.size() != expected_fields) {
      fail(line_no, 1,
           "expected " + std::to_string(expected_fields) + " fields, got " +
               std::to_string(fields.size()));
      continue;
    }
    auto column_of = [&](csv_field f) { return col[static_cast<std::size_t>(f)]; };
    // Time.
    const std::size_t tk = column_of(csv_field::time);
    std::string_view tfield = detail::trim(fields[tk]);
    std::string combined;
    if (combine_date_time) {
      combined.assign(tfield).push_back('T');
      combined.append(detail::trim(fields[column_of(csv_field::clock)]));
      tfield = combined;
    }
    if (!time_decided) {
      time_decided = true;
      switch (opt.time) {
        case time_format::iso8601:
          iso = true;
          break;
        case time_format::epoch_seconds:
          unit = epoch_unit::seconds;
          break;
        case time_format::epoch_milliseconds:
          unit = epoch_unit::milliseconds;
          break;
        case time_format::epoch_microseconds:
          unit = epoch_unit::microseconds;
          break;
        case time_format::epoch_nanoseconds:
          unit = epoch_unit::nanoseconds;
          break;
        case time_format::detect: {
          std::int64_t v = 0;
          if (!combine_date_time && detail::parse_int64(tfield, v)) {
            unit = detail::unit_by_magnitude(v);
          } else {
            iso = true;
          }
        }
      }
    }
    timestamp t = 0;
    if (iso) {
      const auto r = detail::parse_iso8601(tfield);
      if (r.error != nullptr) {
        fail(line_no, offsets[tk] + 1 + (combine_date_time ? 0 : r.error_offset),
             std::string("expected an ISO-8601 time in column '") + names[tk] + "' (" + r.error +
                 "), got " + detail::quoted(tfield));
        continue;
      }
      t = r.value;
    } else {
      std::int64_t v = 0;
      const std::int64_t scale = epoch_unit_scale(*unit);
      if (!detail::parse_int64(tfield, v) || v > std::numeric_limits<std::int64_t>::max() / scale ||
          v < std::numeric_limits<std::int64_t>::min() / scale) {
        fail(line_no, offsets[tk] + 1,
             std::string("expected an integer epoch time in column '") + names[tk] + "', got " +
                 detail::quoted(tfield));
        continue;
      }
      t = v * scale;
    }
    // Prices and volume.
    bar b{t, 0, 0, 0, 0, 0};
    bool ok = true;
    auto number = [&](csv_field f, double& out) {
      const std::size_t k = column_of(f);
      if (!ok || k == npos) return;
      if (!detail::parse_double(fields[k], out)) {
        ok = false;
        const std::string_view got = detail::trim(fields[k]);
        fail(line_no, offsets[k] + 1,
             std::string("expected a number in column '") + names[k] + "', got " +
                 (got.empty() ? std::string("an empty field") : detail::quoted(got)));
      }
    };
    number(csv_field::close, b.close);
    number(csv_field::open, b.open);
    number(csv_field::high, b.high);
    number(csv_field::low, b.low);
    number(csv_field::volume, b.volume);
    if (!ok) continue;
    if (column_of(csv_field::open) == npos) b.open = b.close;
    if (column_of(csv_field::high) == npos) b.high = std::max(b.open, b.close);
    if (column_of(csv_field::low) == npos) b.low = std::min(b.open, b.close);
    res.bars.push_back(b);
    line_of_row.push_back(line_no);
  }
  if (opt.validate) {
    if (const auto issue = find_invalid_bar(res.bars)) {
      QUANTKIT_THROW(
          data_error(issue->row, issue->field,
                     src + ":" + std::to_string(line_of_row[issue->row]) + ": " + issue->message));
    }
  }
  return res;
}

/// Reads a CSV file of bars (see parse_csv). Throws parse_error for an unreadable file (line 0)
/// or malformed content, data_error for invalid bars.
inline csv_result read_csv(const std::filesystem::path& path, const csv_options& opt = {}) {
  std::ifstream in(path, std::ios::binary);
  if (!in) QUANTKIT_THROW(parse_error(path.string(), 0, 0, "cannot open the file"));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  std::string text(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
  if (size > 0 && !in.read(text.data(), size)) {
    QUANTKIT_THROW(parse_error(path.string(), 0, 0, "cannot read the file"));
  }
  return parse_csv(text, opt, path.string());
}

/// How write_csv writes times.
enum class csv_time_style {
  automatic,  ///< dates (YYYY-MM-DD) when every time is midnight UTC, else ISO date-times
  date,
  datetime,
  epoch_seconds,
  epoch_milliseconds,
  epoch_nanoseconds,
};

/// Options of write_csv / format_csv.
struct csv_write_options {
  char delimiter = ',';
  bool header = true;  ///< Date,Open,High,Low,Close,Volume (Time for date-times)
  csv_time_style time = csv_time_style::automatic;
};

/// Formats bars as CSV with shortest round-trip numbers (std::to_chars): parse_csv of the text
/// gives the same bars bit for bit. O(n).
inline std::string format_csv(bar_series_view bars, const csv_write_options& opt = {}) {
  csv_time_style style = opt.time;
  if (style == csv_time_style::automatic) {
    style = csv_time_style::date;
    for (const timestamp t : bars.times()) {
      if (time_of_day(t) != 0) {
        style = csv_time_style::datetime;
        break;
      }
    }
  }
  std::string out;
  out.reserve(bars.size() * 56 + 64);
  const char d = opt.delimiter;
  if (opt.header) {
    out.append(style == csv_time_style::date ? "Date" : "Time");
    for (const char* name : {"Open", "High", "Low", "Close", "Volume"})
      out.append(1, d).append(name);
    out.push_back('\n');
  }
  char buf[64];
  auto num = [&](double v) {
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
  };
  auto integer = [&](std::int64_t v) {
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
  };
  for (const bar b : bars) {
    switch (style) {
      case csv_time_style::date:
        out.append(format_date(b.time));
        break;
      case csv_time_style::epoch_seconds:
        integer(to_epoch(b.time, epoch_unit::seconds));
        break;
      case csv_time_style::epoch_milliseconds:
        integer(to_epoch(b.time, epoch_unit::milliseconds));
        break;
      case csv_time_style::epoch_nanoseconds:
        integer(b.time);
        break;
      default:
        out.append(format_timestamp(b.time));
        break;
    }
    out.push_back(d);
    num(b.open);
    out.push_back(d);
    num(b.high);
    out.push_back(d);
    num(b.low);
    out.push_back(d);
    num(b.close);
    out.push_back(d);
    num(b.volume);
    out.push_back('\n');
  }
  return out;
}

/// Writes bars to a CSV file (see format_csv). Throws quantkit::error if the file cannot be
/// written.
inline void write_csv(const std::filesystem::path& path, bar_series_view bars,
                      const csv_write_options& opt = {}) {
  const std::string text = format_csv(bars, opt);
  std::ofstream out(path, std::ios::binary);
  if (!out || !out.write(text.data(), static_cast<std::streamsize>(text.size()))) {
    QUANTKIT_THROW(error("quantkit::write_csv: cannot write " + path.string()));
  }
}

}  // namespace quantkit
