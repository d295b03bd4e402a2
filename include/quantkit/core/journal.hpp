// SPDX-License-Identifier: MIT
// quantkit/core/journal.hpp - append-only run journal (JSON lines) so interrupted batches resume
#pragma once

#include "../config.hpp"
#include "detail/to_text.hpp"
#include "error.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace quantkit {

// File format (one JSON object per line, UTF-8, '\n' line ends):
//   line 1, the header:  {"quantkit_journal":1,"key":"<batch fingerprint>"}
//   every other line, one finished run:
//   {"index":12,"status":"ok","attempts":1,"error":"","parameters":{"fast":10,"slow":50},
//    "metrics":{"sharpe":1.25,"max_drawdown":-0.08}}
// Doubles are written as the shortest text that round-trips (std::to_chars), so a value read
// back is bit-identical to the value written; NaN is written as null and +-infinity as the
// strings "inf" / "-inf" (strict JSON; jq and Python's json read it). `status` is "ok" or
// "failed" (then `error` holds the exception message). An index may appear more than once (a
// failed run retried later): the last record of an index wins.

/// Outcome of one run in a batch.
enum class run_status : std::uint8_t {
  ok,      ///< the run finished and its metrics are valid
  failed,  ///< the run threw; `error` holds the message
};

/// A named double (a parameter or a metric), in the order the producer gave them.
using named_values = std::vector<std::pair<std::string, double>>;

/// One finished run as the journal stores it.
struct journal_record {
  std::size_t index = 0;  ///< position of the run in its batch (0-based)
  run_status status = run_status::ok;
  std::size_t attempts = 1;  ///< how many times the run was tried (retries included)
  std::string error{};       ///< empty when ok
  named_values parameters{};
  named_values metrics{};

  friend bool operator==(const journal_record& a, const journal_record& b) {
    auto same = [](const named_values& x, const named_values& y) {
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        const double u = x[i].second;
        const double v = y[i].second;
        const bool equal = u == v || (u != u && v != v);  // NaN equals NaN here
        if (x[i].first != y[i].first || !equal) return false;
      }
      return true;
    };
    return a.index == b.index && a.status == b.status && a.attempts == b.attempts &&
           a.error == b.error && same(a.parameters, b.parameters) && same(a.metrics, b.metrics);
  }
};

/// What load_journal found in a file.
struct journal_contents {
  bool has_header = false;
  std::string key{};                     ///< the header's batch key ("" without a header)
  std::vector<journal_record> records{};  ///< in file order (an index may repeat: last wins)
  /// The last line had no line end and did not parse (a write cut short by a crash or a kill):
  /// it was ignored. `truncated_line` is its 1-based number and `warning` says so.
  bool truncated = false;
  std::size_t truncated_line = 0;
  std::string warning{};
  /// Bytes of the file up to the end of the last line that was kept.
  std::uintmax_t valid_bytes = 0;
  /// Whether the kept part ends without '\n' (a complete last record missing its line end).
  bool missing_final_newline = false;

  /// The finished runs: the last record of each index, sorted by index. O(r log r).
  [[nodiscard]] std::vector<journal_record> latest() const {
    std::vector<std::size_t> order(records.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return records[a].index < records[b].index;
    });
    std::vector<journal_record> out;
    for (std::size_t k = 0; k < order.size(); ++k) {
      const bool last_of_index =
          k + 1 == order.size() || records[order[k + 1]].index != records[order[k]].index;
      if (last_of_index) out.push_back(records[order[k]]);  // file order kept within an index
    }
    return out;
  }
};

namespace detail {

inline void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (c < 0x20) {
          static constexpr char hex[] = "0123456789abcdef";
          out.append("\\u00");
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 0xF]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

inline void append_json_double(std::string& out, double v) {
  if (v != v) {
    out.append("null");
  } else if (v == std::numeric_limits<double>::infinity()) {
    out.append("\"inf\"");
  } else if (v == -std::numeric_limits<double>::infinity()) {
    out.append("\"-inf\"");
  } else {
    out.append(to_text(v));
  }
}

inline void append_json_object(std::string& out, const named_values& values) {
  out.push_back('{');
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_json_string(out, values[i].first);
    out.push_back(':');
    append_json_double(out, values[i].second);
  }
  out.push_back('}');
}

/// A strict parser for one journal line (the subset of JSON the journal writes: objects of
/// strings, numbers, null and nested objects of named doubles). Errors throw parse_error with the
/// source, the line and the 1-based column.
class journal_line_parser {
 public:
  journal_line_parser(std::string_view text, std::string_view source, std::size_t line)
      : s_(text), source_(source), line_(line) {}

  [[noreturn]] void fail(const std::string& why) const {
    QUANTKIT_THROW(parse_error(std::string(source_), line_, pos_ + 1, why));
  }
  void ws() noexcept {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  bool peek(char c) {
    ws();
    return pos_ < s_.size() && s_[pos_] == c;
  }
  void expect(char c) {
    ws();
    if (pos_ >= s_.size() || s_[pos_] != c) {
      fail(std::string("expected '") + c + "'" +
           (pos_ < s_.size() ? std::string(" but found '") + s_[pos_] + "'" : " at end of line"));
    }
    ++pos_;
  }
  void end() {
    ws();
    if (pos_ != s_.size()) fail("unexpected text after the JSON object");
  }
  std::string string_value() {
    ws();
    if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a string");
    ++pos_;
    std::string out;
    for (;;) {
      if (pos_ >= s_.size()) fail("unterminated string");
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated escape");
      const char e = s_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': append_utf8(out, code_point()); break;
        default: --pos_; fail(std::string("invalid escape '\\") + e + "'");
      }
    }
  }
  /// A number token, null (NaN), or the strings "inf" / "-inf" / "nan".
  double double_value() {
    ws();
    if (pos_ < s_.size() && s_[pos_] == '"') {
      const std::size_t at = pos_;
      const std::string t = string_value();
      if (t == "inf" || t == "+inf" || t == "Infinity") return std::numeric_limits<double>::infinity();
      if (t == "-inf" || t == "-Infinity") return -std::numeric_limits<double>::infinity();
      if (t == "nan" || t == "NaN") return std::numeric_limits<double>::quiet_NaN();
      pos_ = at;
      fail("expected a number, null, \"inf\" or \"-inf\" (got the string \"" + t + "\")");
    }
    if (s_.substr(pos_, 4) == "null") {
      pos_ += 4;
      return std::numeric_limits<double>::quiet_NaN();
    }
    const std::string_view tok = number_token();
    double v = 0.0;
    const auto r = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    if (r.ec != std::errc() || r.ptr != tok.data() + tok.size()) {
      pos_ -= tok.size();
      fail("invalid number '" + std::string(tok) + "'");
    }
    return v;
  }
  std::size_t size_value() {
    ws();
    const std::string_view tok = number_token();
    std::uint64_t v = 0;
    const auto r = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    if (r.ec != std::errc() || r.ptr != tok.data() + tok.size() ||
        v > std::numeric_limits<std::size_t>::max()) {
      pos_ -= tok.size();
      fail("expected a non-negative integer (got '" + std::string(tok) + "')");
    }
    return static_cast<std::size_t>(v);
  }
  named_values object_of_doubles() {
    named_values out;
    expect('{');
    if (peek('}')) {
      ++pos_;
      return out;
    }
    for (;;) {
      std::string name = string_value();
      expect(':');
      const double v = double_value();
      out.emplace_back(std::move(name), v);
      ws();
      if (peek('}')) {
        ++pos_;
        return out;
      }
      expect(',');
    }
  }
  [[nodiscard]] std::size_t position() const noexcept { return pos_; }
  void set_position(std::size_t p) noexcept { pos_ = p; }

 private:
  std::string_view number_token() {
    const std::size_t start = pos_;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
        ++pos_;
      } else {
        break;
      }
    }
    if (pos_ == start) fail("expected a number");
    return s_.substr(start, pos_ - start);
  }
  unsigned hex4() {
    if (pos_ + 4 > s_.size()) fail("truncated \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        --pos_;
        fail("invalid hex digit in \\u escape");
      }
    }
    return v;
  }
  unsigned code_point() {
    unsigned cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (s_.substr(pos_, 2) != "\\u") fail("unpaired surrogate in \\u escape");
      pos_ += 2;
      const unsigned lo = hex4();
      if (lo < 0xDC00 || lo > 0xDFFF) fail("invalid low surrogate in \\u escape");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      fail("unpaired surrogate in \\u escape");
    }
    return cp;
  }
  static void append_utf8(std::string& out, unsigned cp) {
    auto put = [&](unsigned v) { out.push_back(static_cast<char>(v)); };
    if (cp < 0x80) {
      put(cp);
    } else if (cp < 0x800) {
      put(0xC0 | (cp >> 6));
      put(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      put(0xE0 | (cp >> 12));
      put(0x80 | ((cp >> 6) & 0x3F));
      put(0x80 | (cp & 0x3F));
    } else {
      put(0xF0 | (cp >> 18));
      put(0x80 | ((cp >> 12) & 0x3F));
      put(0x80 | ((cp >> 6) & 0x3F));
      put(0x80 | (cp & 0x3F));
    }
  }

  std::string_view s_;
  std::string_view source_;
  std::size_t line_;
  std::size_t pos_ = 0;
};

inline constexpr const char* journal_magic = "quantkit_journal";
inline constexpr std::size_t journal_version = 1;

}  // namespace detail

/// The journal line (without the line end) of one record. O(size of the record).
inline std::string to_journal_line(const journal_record& r) {
  std::string out;
  out.reserve(96 + 24 * (r.parameters.size() + r.metrics.size()));
  out.append("{\"index\":").append(std::to_string(r.index));
  out.append(",\"status\":").append(r.status == run_status::ok ? "\"ok\"" : "\"failed\"");
  out.append(",\"attempts\":").append(std::to_string(r.attempts));
  out.append(",\"error\":");
  detail::append_json_string(out, r.error);
  out.append(",\"parameters\":");
  detail::append_json_object(out, r.parameters);
  out.append(",\"metrics\":");
  detail::append_json_object(out, r.metrics);
  out.push_back('}');
  return out;
}

/// Parses one record line (strict: the keys index and status are required; attempts, error,
/// parameters and metrics are optional; any other key, a repeated key, a malformed value or text
/// after the object throws parse_error naming `source:line:column`).
inline journal_record parse_journal_line(std::string_view text, std::string_view source = "<string>",
                                         std::size_t line = 1) {
  detail::journal_line_parser p(text, source, line);
  journal_record r;
  bool seen[6] = {false, false, false, false, false, false};
  static constexpr std::string_view keys[6] = {"index", "status",     "attempts",
                                               "error", "parameters", "metrics"};
  p.expect('{');
  bool first = true;
  while (!p.peek('}')) {
    if (!first) p.expect(',');
    first = false;
    const std::size_t key_at = p.position();
    const std::string key = p.string_value();
    std::size_t k = 0;
    while (k < 6 && keys[k] != key) ++k;
    if (k == 6) {
      p.set_position(key_at);
      p.fail("unknown key \"" + key + "\" in a journal record");
    }
    if (seen[k]) {
      p.set_position(key_at);
      p.fail("repeated key \"" + key + "\"");
    }
    seen[k] = true;
    p.expect(':');
    switch (k) {
      case 0: r.index = p.size_value(); break;
      case 1: {
        p.ws();
        const std::size_t at = p.position();
        const std::string s = p.string_value();
        if (s == "ok") {
          r.status = run_status::ok;
        } else if (s == "failed") {
          r.status = run_status::failed;
        } else {
          p.set_position(at);
          p.fail("status must be \"ok\" or \"failed\" (got \"" + s + "\")");
        }
        break;
      }
      case 2: r.attempts = p.size_value(); break;
      case 3: r.error = p.string_value(); break;
      case 4: r.parameters = p.object_of_doubles(); break;
      default: r.metrics = p.object_of_doubles(); break;
    }
  }
  p.expect('}');
  p.end();
  if (!seen[0]) p.fail("missing key \"index\"");
  if (!seen[1]) p.fail("missing key \"status\"");
  return r;
}

/// Reads a journal file. Lines are parsed strictly (see parse_journal_line); the first line must
/// be the header. The one tolerated defect is a last line without a line end that does not parse
/// (a write cut short): it is ignored and reported in `truncated` / `warning`. A missing or empty
/// file gives empty contents. Throws quantkit::error if the file cannot be read, parse_error
/// ("<path>:<line>:<column>: ...") for any other malformed line. O(file size).
inline journal_contents load_journal(const std::filesystem::path& path) {
  journal_contents out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  std::ifstream in(path, std::ios::binary);
  if (!in) QUANTKIT_THROW(error("quantkit::load_journal: cannot open " + path.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const std::string source = path.string();
  std::size_t pos = 0;
  std::size_t line_no = 0;
  while (pos < text.size()) {
    ++line_no;
    const std::size_t nl = text.find('\n', pos);
    const bool complete = nl != std::string::npos;
    const std::size_t stop = complete ? nl : text.size();
    std::string_view line(text.data() + pos, stop - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    try {
      if (!out.has_header) {
        detail::journal_line_parser p(line, source, line_no);
        p.expect('{');
        const std::size_t at = p.position();
        if (p.string_value() != detail::journal_magic) {
          p.set_position(at);
          p.fail("not a quantkit journal (the first line must be the header "
                 "{\"quantkit_journal\":1,\"key\":...})");
        }
        p.expect(':');
        const std::size_t vat = p.position();
        const std::size_t file_version = p.size_value();
        if (file_version != detail::journal_version) {
          p.set_position(vat);
          p.fail("unsupported journal version " + std::to_string(file_version) + " (this build reads 1)");
        }
        p.expect(',');
        const std::size_t kat = p.position();
        if (p.string_value() != "key") {
          p.set_position(kat);
          p.fail("expected \"key\" in the journal header");
        }
        p.expect(':');
        out.key = p.string_value();
        p.expect('}');
        p.end();
        out.has_header = true;
      } else {
        out.records.push_back(parse_journal_line(line, source, line_no));
      }
    } catch (const parse_error&) {
      if (complete) throw;
      out.truncated = true;
      out.truncated_line = line_no;
      out.warning = source + ":" + std::to_string(line_no) +
                    ": ignored an incomplete last line (a write cut short)";
      return out;
    }
    out.valid_bytes = complete ? nl + 1 : text.size();
    out.missing_final_newline = !complete;
    pos = stop + 1;
  }
  return out;
}

/// An append-only journal open for writing. Records are appended as single lines and flushed to
/// the operating system one by one (a killed process loses at most the line being written; a
/// power loss may lose what the OS had not written yet: no fsync). append() is safe to call
/// from several threads. Move-only.
class journal {
 public:
  journal() = default;

  /// Opens `path` for a batch identified by `key` (a fingerprint of what the batch computes: size,
  /// seed, parameter names...). A missing or empty file is created with the header. An existing
  /// file is loaded (see load_journal; its records are in loaded()); an incomplete last line is
  /// cut off the file so appends start clean. Throws invalid_argument when the file's key differs
  /// from `key` (it belongs to another batch), parse_error for a malformed file, quantkit::error
  /// when the file cannot be created or written.
  static journal open(const std::filesystem::path& path, std::string_view key) {
    constexpr std::string_view fn = "quantkit::journal::open";
    journal j;
    j.path_ = path;
    j.loaded_ = load_journal(path);
    if (j.loaded_.has_header && j.loaded_.key != key) {
      throw_invalid_argument(fn, "key",
                             "the journal " + path.string() + " belongs to another batch (its key is \"" +
                                 j.loaded_.key + "\", this batch's is \"" + std::string(key) +
                                 "\"): use another file or delete it");
    }
    std::error_code ec;
    if (j.loaded_.truncated || (!j.loaded_.has_header && std::filesystem::exists(path, ec))) {
      std::filesystem::resize_file(path, j.loaded_.valid_bytes, ec);
      if (ec) {
        QUANTKIT_THROW(error(std::string(fn) + ": cannot truncate " + path.string() + ": " +
                             ec.message()));
      }
    }
    j.file_.reset(std::fopen(path.string().c_str(), "ab"));
    if (!j.file_) QUANTKIT_THROW(error(std::string(fn) + ": cannot open " + path.string()));
    j.mutex_ = std::make_unique<std::mutex>();
    if (j.loaded_.missing_final_newline) j.write("\n");
    if (!j.loaded_.has_header) {
      std::string header = "{\"quantkit_journal\":1,\"key\":";
      detail::append_json_string(header, key);
      header.append("}\n");
      j.write(header);
      j.loaded_.has_header = true;
      j.loaded_.key = std::string(key);
    }
    return j;
  }

  /// What the file held when it was opened.
  [[nodiscard]] const journal_contents& loaded() const noexcept { return loaded_; }
  [[nodiscard]] bool is_open() const noexcept { return file_ != nullptr; }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

  /// Appends one record as a line and flushes it. Thread-safe. Throws quantkit::error when the
  /// journal is not open or the write fails.
  void append(const journal_record& r) {
    std::string line = to_journal_line(r);
    line.push_back('\n');
    if (!mutex_) QUANTKIT_THROW(error("quantkit::journal::append: the journal is not open"));
    std::lock_guard<std::mutex> lock(*mutex_);
    write(line);
  }

 private:
  struct closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
  };
  void write(std::string_view s) {
    if (!file_) QUANTKIT_THROW(error("quantkit::journal::append: the journal is not open"));
    if (std::fwrite(s.data(), 1, s.size(), file_.get()) != s.size() ||
        std::fflush(file_.get()) != 0) {
      QUANTKIT_THROW(error("quantkit::journal::append: cannot write to " + path_.string()));
    }
  }

  std::filesystem::path path_{};
  journal_contents loaded_{};
  std::unique_ptr<std::FILE, closer> file_{};
  std::unique_ptr<std::mutex> mutex_{};
};

}  // namespace quantkit
