// SPDX-License-Identifier: MIT
// quantkit/regression/serialize.hpp - versioned, checksummed binary save/load of fitted models
#pragma once

#include "../core/error.hpp"

#include <Eigen/Core>

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quantkit::regression {

// File layout (all integers little-endian, doubles as IEEE-754 binary64 bit patterns, LE):
//
//   offset  size  field
//   0       8     magic "QKMODEL\0"
//   8       4     u32 container format version (= serial_format_version, currently 1)
//   12      8     u64 length k of the model kind string
//   20      k     model kind (ASCII, e.g. "ridge")
//   20+k    4     u32 model version (the model's own payload layout version)
//   24+k    8     u64 payload length m
//   32+k    m     payload (written by the model's save_payload)
//   32+k+m  8     u64 FNV-1a-64 checksum of bytes [0, 32+k+m)
//
// Payload primitives written by model_writer: double (8 bytes), u64 / i64 (8 bytes), bool (u64 0
// or 1), string (u64 length + bytes), vector / span (u64 count + count doubles), matrix (u64 rows,
// u64 cols, rows*cols doubles in column-major order). docs/regression.md has the full spec.

/// Version of the container layout above. Readers reject any other value.
inline constexpr std::uint32_t serial_format_version = 1;
/// The 8 magic bytes that start every model file.
inline constexpr std::string_view serial_magic{"QKMODEL\0", 8};

/// A malformed, truncated, corrupted or mismatched model file. A data_error whose row() is the
/// byte offset where the problem was found and field() the part of the format involved ("magic",
/// "format version", "kind", "model version", "payload length", "checksum", "payload"). The
/// message reads "<function>: <source>: byte <offset>: <what>".
class model_format_error : public data_error {
 public:
  model_format_error(std::string source, std::size_t offset, std::string field,
                     const std::string& message)
      : data_error(offset, std::move(field), message), source_(std::move(source)) {}
  /// The file path, or "<bytes>" for an in-memory buffer.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  /// Byte offset (from the start of the file) of the problem.
  [[nodiscard]] std::size_t offset() const noexcept { return row(); }

 private:
  std::string source_;
};

namespace detail {

/// FNV-1a 64-bit hash (Fowler, Noll, Vo): offset basis 0xcbf29ce484222325, prime 0x100000001b3.
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view bytes,
                                              std::uint64_t h = 0xcbf29ce484222325ULL) noexcept {
  for (const char c : bytes) {
    h ^= static_cast<std::uint64_t>(static_cast<unsigned char>(c));
    h *= 0x100000001b3ULL;
  }
  return h;
}

inline void append_le(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) {
    out.push_back(static_cast<char>(static_cast<unsigned char>((v >> (8 * i)) & 0xFFU)));
  }
}

[[noreturn]] inline void throw_format(std::string_view fn, const std::string& source,
                                      std::size_t offset, std::string_view field,
                                      const std::string& what) {
  std::string msg;
  msg.append(fn).append(": ").append(source).append(": byte ").append(std::to_string(offset));
  msg.append(": ").append(what);
  QUANTKIT_THROW(model_format_error(source, offset, std::string(field), msg));
}

}  // namespace detail

/// Appends payload primitives (little-endian) to an in-memory buffer. Used by a model's
/// save_payload(model_writer&). Writing cannot fail except by std::bad_alloc.
class model_writer {
 public:
  void put(double v) { detail::append_le(buf_, std::bit_cast<std::uint64_t>(v), 8); }
  void put(std::uint64_t v) { detail::append_le(buf_, v, 8); }
  void put(std::int64_t v) { detail::append_le(buf_, static_cast<std::uint64_t>(v), 8); }
  /// A boolean as u64 0/1 (named, not an overload: a pointer would silently convert to bool).
  void put_bool(bool v) { put(static_cast<std::uint64_t>(v ? 1 : 0)); }
  /// A string: u64 byte length, then the bytes.
  void put(std::string_view s) {
    put(static_cast<std::uint64_t>(s.size()));
    buf_.append(s);
  }
  /// A matrix: u64 rows, u64 cols, then the entries column by column.
  void put(const Eigen::MatrixXd& m) {
    put(static_cast<std::uint64_t>(m.rows()));
    put(static_cast<std::uint64_t>(m.cols()));
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      for (Eigen::Index i = 0; i < m.rows(); ++i) put(m(i, j));
  }
  /// A vector: u64 count, then the entries.
  void put(const Eigen::VectorXd& v) {
    put(static_cast<std::uint64_t>(v.size()));
    for (Eigen::Index i = 0; i < v.size(); ++i) put(v[i]);
  }
  /// A sequence of doubles: u64 count, then the entries (same encoding as a vector).
  void put(std::span<const double> v) {
    put(static_cast<std::uint64_t>(v.size()));
    for (const double x : v) put(x);
  }
  /// The bytes written so far.
  [[nodiscard]] const std::string& bytes() const noexcept { return buf_; }

 private:
  std::string buf_;
};

/// Reads payload primitives from a byte range with bounds checks. Every get_* that would read
/// past the end throws model_format_error naming the source and the absolute byte offset.
class model_reader {
 public:
  /// Reads `data`, which starts at byte `base_offset` of `source` (for error messages).
  explicit model_reader(std::string_view data, std::string source = "<bytes>",
                        std::size_t base_offset = 0)
      : data_(data), source_(std::move(source)), base_(base_offset) {}

  [[nodiscard]] double get_double() { return std::bit_cast<double>(raw(8, "a double")); }
  [[nodiscard]] std::uint64_t get_u64() { return raw(8, "a u64"); }
  [[nodiscard]] std::int64_t get_i64() { return static_cast<std::int64_t>(raw(8, "an i64")); }
  [[nodiscard]] bool get_bool() {
    const std::size_t at = offset();
    const std::uint64_t v = raw(8, "a bool");
    if (v > 1) fail(at, "invalid bool value " + std::to_string(v));
    return v == 1;
  }
  [[nodiscard]] std::string get_string() {
    const std::uint64_t n = get_count(1, "string");
    std::string s(data_.substr(pos_, static_cast<std::size_t>(n)));
    pos_ += static_cast<std::size_t>(n);
    return s;
  }
  [[nodiscard]] Eigen::VectorXd get_vector() {
    const std::uint64_t n = get_count(8, "vector");
    Eigen::VectorXd v(static_cast<Eigen::Index>(n));
    for (Eigen::Index i = 0; i < v.size(); ++i) v[i] = get_double();
    return v;
  }
  [[nodiscard]] std::vector<double> get_doubles() {
    const std::uint64_t n = get_count(8, "double sequence");
    std::vector<double> v(static_cast<std::size_t>(n));
    for (auto& x : v) x = get_double();
    return v;
  }
  [[nodiscard]] Eigen::MatrixXd get_matrix() {
    const std::size_t at = offset();
    const std::uint64_t r = get_u64();
    const std::uint64_t c = get_u64();
    const std::uint64_t cap = static_cast<std::uint64_t>(std::numeric_limits<Eigen::Index>::max());
    if (r > cap || c > cap || (c != 0 && r > (remaining() / 8) / c)) {
      fail(at, "matrix of " + std::to_string(r) + " x " + std::to_string(c) +
                   " doubles does not fit in the " + std::to_string(remaining()) +
                   " remaining bytes (truncated or corrupted)");
    }
    Eigen::MatrixXd m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c));
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      for (Eigen::Index i = 0; i < m.rows(); ++i) m(i, j) = get_double();
    return m;
  }

  /// A count read by the model itself (e.g. a number of nodes) that must not exceed `max`:
  /// throws model_format_error otherwise. Use it before allocating from a stored size.
  [[nodiscard]] std::uint64_t get_size(std::uint64_t max, std::string_view what) {
    const std::size_t at = offset();
    const std::uint64_t n = get_u64();
    if (n > max) {
      fail(at, std::string(what) + " " + std::to_string(n) + " exceeds the maximum " +
                   std::to_string(max) + " (corrupted file?)");
    }
    return n;
  }

  /// Throws model_format_error at the current offset with `what` (for model-specific checks, e.g.
  /// "tree node 12 points to child 999 of 40").
  [[noreturn]] void fail(std::string_view what) { fail(offset(), std::string(what)); }

  /// Absolute byte offset of the next read.
  [[nodiscard]] std::size_t offset() const noexcept { return base_ + pos_; }
  /// Bytes not yet read.
  [[nodiscard]] std::size_t remaining() const noexcept { return data_.size() - pos_; }
  [[nodiscard]] const std::string& source() const noexcept { return source_; }

 private:
  [[noreturn]] void fail(std::size_t at, const std::string& what) {
    detail::throw_format("quantkit::regression::model_reader", source_, at, "payload", what);
  }
  std::uint64_t raw(std::size_t n, std::string_view what) {
    if (remaining() < n) {
      fail(offset(), "truncated: reading " + std::string(what) + " needs " + std::to_string(n) +
                         " bytes, " + std::to_string(remaining()) + " left");
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(data_[pos_ + i])) << (8 * i);
    }
    pos_ += n;
    return v;
  }
  std::uint64_t get_count(std::uint64_t elem_bytes, std::string_view what) {
    const std::size_t at = offset();
    const std::uint64_t n = get_u64();
    if (n > remaining() / elem_bytes) {
      fail(at, "truncated: " + std::string(what) + " of " + std::to_string(n) +
                   " elements does not fit in the " + std::to_string(remaining()) +
                   " remaining bytes");
    }
    return n;
  }

  std::string_view data_;
  std::string source_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
};

/// A model that can be saved: `static constexpr std::string_view kind`, `static constexpr
/// std::uint32_t format_version`, `save_payload(model_writer&) const` and
/// `static M load_payload(model_reader&)`.
template <class M>
concept serializable_model = requires(const M& cm, model_writer& w, model_reader& r) {
  { M::kind } -> std::convertible_to<std::string_view>;
  { M::format_version } -> std::convertible_to<std::uint32_t>;
  cm.save_payload(w);
  { M::load_payload(r) } -> std::same_as<M>;
};

/// The complete file image of `model` (header, payload, checksum); see the layout above. O(size).
template <serializable_model M>
[[nodiscard]] std::string to_bytes(const M& model) {
  model_writer w;
  model.save_payload(w);
  const std::string& payload = w.bytes();
  const std::string_view kind = M::kind;
  std::string out;
  out.reserve(40 + kind.size() + payload.size());
  out.append(serial_magic);
  detail::append_le(out, serial_format_version, 4);
  detail::append_le(out, kind.size(), 8);
  out.append(kind);
  detail::append_le(out, static_cast<std::uint32_t>(M::format_version), 4);
  detail::append_le(out, payload.size(), 8);
  out.append(payload);
  detail::append_le(out, detail::fnv1a64(out), 8);
  return out;
}

/// Rebuilds a model of type M from a file image. Checks, in order: magic, container format
/// version, header and payload lengths against the buffer size (truncation or trailing bytes),
/// checksum, kind == M::kind, model version == M::format_version; then load_payload must consume
/// the payload exactly. Any failure throws model_format_error ("<source>: byte <offset>: ...");
/// a broken model is never returned. `source` names the buffer in messages. O(size).
template <serializable_model M>
[[nodiscard]] M from_bytes(std::string_view bytes, std::string source = "<bytes>") {
  constexpr std::string_view fn = "quantkit::regression::load";
  auto fail = [&](std::size_t at, std::string_view field, const std::string& what) {
    detail::throw_format(fn, source, at, field, what);
  };
  // magic
  if (bytes.size() < serial_magic.size() || bytes.substr(0, serial_magic.size()) != serial_magic) {
    fail(0, "magic", "not a quantkit model file (missing the \"QKMODEL\" magic bytes)");
  }
  std::size_t pos = serial_magic.size();
  auto u32_at = [&](std::string_view field) -> std::uint32_t {
    if (bytes.size() - pos < 4) {
      fail(pos, field, "truncated: the file ends inside the header (" +
                           std::to_string(bytes.size()) + " bytes)");
    }
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i)
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[pos + i])) << (8 * i);
    pos += 4;
    return v;
  };
  auto u64_at = [&](std::string_view field) -> std::uint64_t {
    if (bytes.size() - pos < 8) {
      fail(pos, field, "truncated: the file ends inside the header (" +
                           std::to_string(bytes.size()) + " bytes)");
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 8; ++i)
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[pos + i])) << (8 * i);
    pos += 8;
    return v;
  };
  const std::size_t version_at = pos;
  const std::uint32_t version = u32_at("format version");
  if (version != serial_format_version) {
    fail(version_at, "format version",
         "unsupported container format version " + std::to_string(version) +
             " (this build reads version " + std::to_string(serial_format_version) + ")");
  }
  const std::size_t kind_len_at = pos;
  const std::uint64_t kind_len = u64_at("kind");
  if (kind_len > 256 || kind_len > bytes.size() - pos) {
    fail(kind_len_at, "kind",
         "invalid model kind length " + std::to_string(kind_len) + " (truncated or corrupted)");
  }
  const std::size_t kind_at = pos;
  const std::string_view kind = bytes.substr(pos, static_cast<std::size_t>(kind_len));
  pos += static_cast<std::size_t>(kind_len);
  const std::size_t mver_at = pos;
  const std::uint32_t model_version = u32_at("model version");
  const std::size_t plen_at = pos;
  const std::uint64_t payload_len = u64_at("payload length");
  const std::size_t payload_at = pos;
  const std::size_t avail = bytes.size() - payload_at;
  if (avail < 8 || payload_len > avail - 8) {
    fail(plen_at, "payload length",
         "truncated: the header announces a " + std::to_string(payload_len) +
             "-byte payload plus an 8-byte checksum, but only " + std::to_string(avail) +
             " bytes follow");
  }
  if (payload_len != avail - 8) {
    fail(plen_at, "payload length",
         "the file has " + std::to_string(avail - 8 - payload_len) +
             " unexpected trailing bytes after the checksum (corrupted or concatenated)");
  }
  const std::size_t sum_at = payload_at + static_cast<std::size_t>(payload_len);
  std::uint64_t stored = 0;
  for (std::size_t i = 0; i < 8; ++i)
    stored |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[sum_at + i])) << (8 * i);
  const std::uint64_t actual = detail::fnv1a64(bytes.substr(0, sum_at));
  if (stored != actual) {
    fail(sum_at, "checksum", "checksum mismatch: the file is corrupted");
  }
  if (kind != M::kind) {
    fail(kind_at, "kind",
         "wrong model kind: the file holds a \"" + std::string(kind) + "\" model, expected \"" +
             std::string(M::kind) + "\"");
  }
  if (model_version != static_cast<std::uint32_t>(M::format_version)) {
    fail(mver_at, "model version",
         "unsupported \"" + std::string(M::kind) + "\" model version " +
             std::to_string(model_version) + " (this build reads version " +
             std::to_string(static_cast<std::uint32_t>(M::format_version)) + ")");
  }
  model_reader r(bytes.substr(payload_at, static_cast<std::size_t>(payload_len)), source,
                 payload_at);
  M model = M::load_payload(r);
  if (r.remaining() != 0) {
    fail(r.offset(), "payload",
         std::to_string(r.remaining()) + " payload bytes were not consumed by the \"" +
             std::string(M::kind) + "\" reader (corrupted file or version mismatch)");
  }
  return model;
}

/// Writes `model` to `path` (see to_bytes). The bytes go to "<path>.tmp" first, which is then
/// renamed over `path`, so a crash never leaves a half-written model under the final name.
/// Throws quantkit::invalid_argument if the file cannot be written.
template <serializable_model M>
void save(const M& model, const std::filesystem::path& path) {
  constexpr std::string_view fn = "quantkit::regression::save";
  const std::string bytes = to_bytes(model);
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw_invalid_argument(fn, "path", "cannot open \"" + tmp.string() + "\" for writing");
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw_invalid_argument(fn, "path", "failed writing \"" + tmp.string() + "\"");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw_invalid_argument(fn, "path", "cannot rename the temporary file to \"" + path.string() + "\"");
  }
}

/// Reads a model of type M from `path` (see from_bytes for the checks). A missing or unreadable
/// file throws quantkit::invalid_argument; a malformed one model_format_error naming the path.
template <serializable_model M>
[[nodiscard]] M load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw_invalid_argument("quantkit::regression::load", "path",
                           "cannot open \"" + path.string() + "\" for reading");
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return from_bytes<M>(bytes, path.string());
}

}  // namespace quantkit::regression
