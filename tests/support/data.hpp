// SPDX-License-Identifier: MIT
// tests/support/data.hpp - fixture paths, a plain CSV table reader and a minimal JSON reader for the
// reference files in tests/data (independent of quantkit's own CSV code, so it can test it)
#pragma once

#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#ifndef QUANTKIT_TEST_DATA_DIR
#error "QUANTKIT_TEST_DATA_DIR must point at tests/data (set by tests/CMakeLists.txt)"
#endif

namespace quantkit::test {

/// Absolute path of a file in tests/data.
inline std::string data_path(std::string_view name) {
  return std::string(QUANTKIT_TEST_DATA_DIR) + "/" + std::string(name);
}

/// Absolute path of a file in examples/data (the bundled real data, e.g. "ttrc.csv").
inline std::string example_data_path(std::string_view name) {
#ifdef QUANTKIT_EXAMPLES_DATA_DIR
  return std::string(QUANTKIT_EXAMPLES_DATA_DIR) + "/" + std::string(name);
#else
  return std::string(QUANTKIT_TEST_DATA_DIR) + "/../../examples/data/" + std::string(name);
#endif
}

/// Whole file as a string; throws std::runtime_error if it cannot be read.
inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open test fixture " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Parses a double as written by Python/numpy/TA-Lib dumps: "" -> NaN, "nan"/"NaN", "inf",
/// "-inf", "Infinity". Throws std::runtime_error for anything else that is not a number.
inline double parse_number(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.empty() || s == "nan" || s == "NaN" || s == "NA") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (s == "inf" || s == "Infinity" || s == "+inf") return std::numeric_limits<double>::infinity();
  if (s == "-inf" || s == "-Infinity") return -std::numeric_limits<double>::infinity();
  double v = 0.0;
  const char* first = s.data();
  if (*first == '+') ++first;
  const auto res = std::from_chars(first, s.data() + s.size(), v);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size()) {
    throw std::runtime_error("not a number: '" + std::string(s) + "'");
  }
  return v;
}

/// A comma-separated table with one header row, kept as strings.
struct csv_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  [[nodiscard]] std::size_t index_of(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    throw std::runtime_error("no column '" + std::string(name) + "'");
  }
  /// A column parsed as doubles (empty cells are NaN).
  [[nodiscard]] std::vector<double> numbers(std::string_view name) const {
    const std::size_t k = index_of(name);
    std::vector<double> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(k < r.size() ? parse_number(r[k]) : std::nan(""));
    return out;
  }
  [[nodiscard]] std::vector<std::string> strings(std::string_view name) const {
    const std::size_t k = index_of(name);
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(k < r.size() ? r[k] : std::string());
    return out;
  }
};

/// Reads a simple CSV (no quoting) from tests/data.
inline csv_table load_csv(std::string_view name) {
  const std::string text = read_text(data_path(name));
  csv_table t;
  std::size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::size_t c = 0;
    for (;;) {
      const std::size_t comma = line.find(',', c);
      cells.emplace_back(line.substr(c, comma == std::string_view::npos ? line.npos : comma - c));
      if (comma == std::string_view::npos) break;
      c = comma + 1;
    }
    if (first) {
      t.header = std::move(cells);
      first = false;
    } else {
      t.rows.push_back(std::move(cells));
    }
  }
  return t;
}

/// A parsed JSON value (test-only, minimal: enough for the reference files).
class json {
 public:
  enum class kind { null, boolean, number, string, array, object };

  [[nodiscard]] kind type() const noexcept { return kind_; }
  [[nodiscard]] bool is_object() const noexcept { return kind_ == kind::object; }
  [[nodiscard]] bool is_array() const noexcept { return kind_ == kind::array; }
  [[nodiscard]] bool is_number() const noexcept { return kind_ == kind::number; }
  [[nodiscard]] bool is_string() const noexcept { return kind_ == kind::string; }
  [[nodiscard]] bool contains(const std::string& key) const {
    return kind_ == kind::object && object_.count(key) != 0;
  }
  /// Object member; throws if absent.
  [[nodiscard]] const json& operator[](const std::string& key) const {
    if (kind_ != kind::object) throw std::runtime_error("json: not an object (key " + key + ")");
    auto it = object_.find(key);
    if (it == object_.end()) throw std::runtime_error("json: no key '" + key + "'");
    return it->second;
  }
  /// Array element; throws if out of range.
  [[nodiscard]] const json& operator[](std::size_t i) const {
    if (kind_ != kind::array || i >= array_.size()) throw std::runtime_error("json: bad index");
    return array_[i];
  }
  [[nodiscard]] std::size_t size() const noexcept {
    return kind_ == kind::array ? array_.size() : kind_ == kind::object ? object_.size() : 0;
  }
  /// A number; the strings "NaN", "Infinity", "-Infinity" map to the non-finite doubles and null
  /// maps to NaN.
  [[nodiscard]] double num() const {
    if (kind_ == kind::number) return number_;
    if (kind_ == kind::null) return std::numeric_limits<double>::quiet_NaN();
    if (kind_ == kind::string) return parse_number(string_);
    if (kind_ == kind::boolean) return boolean_ ? 1.0 : 0.0;
    throw std::runtime_error("json: not a number");
  }
  [[nodiscard]] const std::string& str() const {
    if (kind_ != kind::string) throw std::runtime_error("json: not a string");
    return string_;
  }
  [[nodiscard]] bool boolean() const {
    if (kind_ != kind::boolean) throw std::runtime_error("json: not a boolean");
    return boolean_;
  }
  [[nodiscard]] const std::vector<json>& items() const { return array_; }
  [[nodiscard]] const std::map<std::string, json>& members() const { return object_; }
  /// An array of numbers as a vector.
  [[nodiscard]] std::vector<double> numbers() const {
    std::vector<double> out;
    for (const auto& v : array_) out.push_back(v.num());
    return out;
  }

  static json parse(std::string_view text) {
    std::size_t pos = 0;
    json v = parse_value(text, pos);
    skip_ws(text, pos);
    if (pos != text.size()) throw std::runtime_error("json: trailing characters");
    return v;
  }

 private:
  static void skip_ws(std::string_view t, std::size_t& p) {
    while (p < t.size() && (t[p] == ' ' || t[p] == '\n' || t[p] == '\r' || t[p] == '\t')) ++p;
  }
  static std::string parse_string(std::string_view t, std::size_t& p) {
    std::string out;
    ++p;  // opening quote
    while (p < t.size() && t[p] != '"') {
      if (t[p] == '\\') {
        ++p;
        if (p >= t.size()) break;
        const char e = t[p];
        if (e == 'n') out.push_back('\n');
        else if (e == 't') out.push_back('\t');
        else if (e == 'r') out.push_back('\r');
        else if (e == 'b') out.push_back('\b');
        else if (e == 'f') out.push_back('\f');
        else if (e == 'u') {
          unsigned code = 0;
          for (int k = 0; k < 4 && p + 1 < t.size(); ++k) {
            ++p;
            const char h = t[p];
            code = code * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
          }
          if (code < 0x80) {
            out.push_back(static_cast<char>(code));
          } else {
            out.push_back('?');  // non-ASCII is never compared in the fixtures
          }
        } else {
          out.push_back(e);
        }
        ++p;
      } else {
        out.push_back(t[p++]);
      }
    }
    if (p >= t.size()) throw std::runtime_error("json: unterminated string");
    ++p;
    return out;
  }
  static json parse_value(std::string_view t, std::size_t& p) {
    skip_ws(t, p);
    if (p >= t.size()) throw std::runtime_error("json: unexpected end");
    json v;
    const char c = t[p];
    if (c == '{') {
      v.kind_ = kind::object;
      ++p;
      skip_ws(t, p);
      if (p < t.size() && t[p] == '}') {
        ++p;
        return v;
      }
      for (;;) {
        skip_ws(t, p);
        std::string key = parse_string(t, p);
        skip_ws(t, p);
        if (p >= t.size() || t[p] != ':') throw std::runtime_error("json: expected ':'");
        ++p;
        v.object_.emplace(std::move(key), parse_value(t, p));
        skip_ws(t, p);
        if (p < t.size() && t[p] == ',') {
          ++p;
          continue;
        }
        if (p < t.size() && t[p] == '}') {
          ++p;
          return v;
        }
        throw std::runtime_error("json: expected ',' or '}'");
      }
    }
    if (c == '[') {
      v.kind_ = kind::array;
      ++p;
      skip_ws(t, p);
      if (p < t.size() && t[p] == ']') {
        ++p;
        return v;
      }
      for (;;) {
        v.array_.push_back(parse_value(t, p));
        skip_ws(t, p);
        if (p < t.size() && t[p] == ',') {
          ++p;
          continue;
        }
        if (p < t.size() && t[p] == ']') {
          ++p;
          return v;
        }
        throw std::runtime_error("json: expected ',' or ']'");
      }
    }
    if (c == '"') {
      v.kind_ = kind::string;
      v.string_ = parse_string(t, p);
      return v;
    }
    if (t.substr(p, 4) == "true") {
      v.kind_ = kind::boolean;
      v.boolean_ = true;
      p += 4;
      return v;
    }
    if (t.substr(p, 5) == "false") {
      v.kind_ = kind::boolean;
      p += 5;
      return v;
    }
    if (t.substr(p, 4) == "null") {
      p += 4;
      return v;
    }
    // Python's json module may write NaN / Infinity bare.
    if (t.substr(p, 3) == "NaN") {
      v.kind_ = kind::number;
      v.number_ = std::numeric_limits<double>::quiet_NaN();
      p += 3;
      return v;
    }
    if (t.substr(p, 8) == "Infinity" || t.substr(p, 9) == "-Infinity") {
      v.kind_ = kind::number;
      const bool neg = t[p] == '-';
      v.number_ = neg ? -std::numeric_limits<double>::infinity()
                      : std::numeric_limits<double>::infinity();
      p += neg ? 9 : 8;
      return v;
    }
    std::size_t end = p;
    while (end < t.size() && (t[end] == '-' || t[end] == '+' || t[end] == '.' || t[end] == 'e' ||
                              t[end] == 'E' || (t[end] >= '0' && t[end] <= '9'))) {
      ++end;
    }
    if (end == p) throw std::runtime_error("json: unexpected character");
    v.kind_ = kind::number;
    v.number_ = parse_number(t.substr(p, end - p));
    p = end;
    return v;
  }

  kind kind_ = kind::null;
  bool boolean_ = false;
  double number_ = 0.0;
  std::string string_;
  std::vector<json> array_;
  std::map<std::string, json> object_;
};

/// Parses a JSON fixture from tests/data.
inline json load_json(std::string_view name) { return json::parse(read_text(data_path(name))); }

}  // namespace quantkit::test
