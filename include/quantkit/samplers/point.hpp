// SPDX-License-Identifier: MIT
// quantkit/samplers/point.hpp - one named dimension of a parameter space, and a point of a space
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::samplers {

/// What a dimension of a space holds and how the unit interval maps onto it.
enum class dim_kind {
  real,              ///< uniform on [lo, hi]
  log_real,          ///< log-uniform on [lo, hi], 0 < lo
  integer,           ///< uniform on the integers lo..hi (inclusive)
  log_integer,       ///< integers lo..hi, P(k) proportional to log((k + 1) / k), 1 <= lo
  normal,            ///< N(mean, sd^2) on the whole real line
  truncated_normal,  ///< N(mean, sd^2) conditioned on [lo, hi]
  choice,            ///< one of `values`, probabilities proportional to `weights`
  categorical        ///< one of `labels`, equally likely; stored as the label index
};

/// Name of a dim_kind ("real", "log_real", ...).
constexpr std::string_view to_string(dim_kind k) noexcept {
  switch (k) {
    case dim_kind::real: return "real";
    case dim_kind::log_real: return "log_real";
    case dim_kind::integer: return "integer";
    case dim_kind::log_integer: return "log_integer";
    case dim_kind::normal: return "normal";
    case dim_kind::truncated_normal: return "truncated_normal";
    case dim_kind::choice: return "choice";
    case dim_kind::categorical: return "categorical";
  }
  return "?";
}

namespace detail {

/// Standard normal CDF 0.5 erfc(-z / sqrt 2) (accurate in both tails).
inline double phi(double z) noexcept { return 0.5 * std::erfc(-z * 0.70710678118654752440); }

// Smallest and largest unit coordinate fed to an inverse CDF with infinite support, so that a
// quasi-random 0 (Sobol's first point) maps to a finite value: 2^-54 and 1 - 2^-54 rounded.
inline constexpr double unit_floor = 0x1.0p-54;
inline constexpr double unit_ceil = 1.0 - 0x1.0p-53;

}  // namespace detail

/// One named dimension: its kind, bounds and the unit-interval mapping used by every sampler.
/// Built through space::add_*; all fields are validated there.
struct dimension {
  std::string name;
  dim_kind kind = dim_kind::real;
  double lo = 0.0;    ///< lower bound (-inf for normal; values.front() for choice; 0 categorical)
  double hi = 1.0;    ///< upper bound (+inf for normal)
  double mean = 0.0;  ///< normal / truncated normal
  double sd = 1.0;    ///< normal / truncated normal
  std::vector<double> values;       ///< choice: the values in the order given
  std::vector<double> cumulative;   ///< choice: cumulative normalized weights, back() == 1
  std::vector<std::string> labels;  ///< categorical: the labels

  /// Number of distinct values for discrete kinds (integer, log_integer, choice, categorical);
  /// 0 for continuous kinds.
  [[nodiscard]] std::size_t cardinality() const noexcept {
    switch (kind) {
      case dim_kind::integer:
      case dim_kind::log_integer: return static_cast<std::size_t>(hi - lo) + 1;
      case dim_kind::choice: return values.size();
      case dim_kind::categorical: return labels.size();
      default: return 0;
    }
  }

  /// True for integer, log_integer, choice and categorical.
  [[nodiscard]] bool discrete() const noexcept { return cardinality() != 0; }

  /// Maps u in [0, 1] to a value (inverse CDF of the dimension's distribution): real lo + (hi -
  /// lo) u; log_real exp(log lo + u log(hi / lo)); integer lo + floor(u (hi - lo + 1)); log_integer
  /// floor(exp(log lo + u log((hi + 1) / lo))); normal mean + sd Phi^-1(u); truncated normal by
  /// inverting the truncated CDF; choice the first bucket of the cumulative weights with u <
  /// cumulative[k]; categorical floor(u m). Results are clamped to [lo, hi]; u = 1 gives the top
  /// value; u is clamped to [2^-54, 1 - 2^-53] for normal kinds so 0 and 1 stay finite. No
  /// check of u (space::from_unit checks). O(1), choice O(log m).
  [[nodiscard]] double from_unit(double u) const noexcept {
    switch (kind) {
      case dim_kind::real: return std::clamp(lo + (hi - lo) * u, lo, hi);
      case dim_kind::log_real: {
        const double v = std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo)));
        return std::clamp(v, lo, hi);
      }
      case dim_kind::integer: {
        const double v = lo + std::floor(u * (hi - lo + 1.0));
        return std::clamp(v, lo, hi);
      }
      case dim_kind::log_integer: {
        const double v = std::floor(std::exp(std::log(lo) + u * (std::log(hi + 1.0) - std::log(lo))));
        return std::clamp(v, lo, hi);
      }
      case dim_kind::normal: {
        const double uu = std::clamp(u, detail::unit_floor, detail::unit_ceil);
        return mean + sd * normal_quantile(uu);
      }
      case dim_kind::truncated_normal: return truncated_from_unit(u);
      case dim_kind::choice: {
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
        const auto k = std::min(static_cast<std::size_t>(it - cumulative.begin()), values.size() - 1);
        return values[k];
      }
      case dim_kind::categorical: {
        const double m = static_cast<double>(labels.size());
        return std::clamp(std::floor(u * m), 0.0, m - 1.0);
      }
    }
    return std::numeric_limits<double>::quiet_NaN();
  }

  /// Inverse of from_unit: the CDF for continuous kinds, the centre of the value's bucket for
  /// discrete kinds (so from_unit(to_unit(v)) == v for every value of the dimension). A value
  /// outside the dimension's domain gives NaN. O(1), choice O(m).
  [[nodiscard]] double to_unit(double v) const noexcept {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (!contains(v)) return nan;
    switch (kind) {
      case dim_kind::real: return hi > lo ? (v - lo) / (hi - lo) : 0.5;
      case dim_kind::log_real:
        return hi > lo ? (std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo)) : 0.5;
      case dim_kind::integer: return (v - lo + 0.5) / (hi - lo + 1.0);
      case dim_kind::log_integer: {
        const double den = std::log(hi + 1.0) - std::log(lo);
        return (0.5 * (std::log(v) + std::log(v + 1.0)) - std::log(lo)) / den;
      }
      case dim_kind::normal: return detail::phi((v - mean) / sd);
      case dim_kind::truncated_normal: {
        const double pa = detail::phi((lo - mean) / sd);
        const double pb = detail::phi((hi - mean) / sd);
        if (!(pb > pa)) return 0.5;
        return std::clamp((detail::phi((v - mean) / sd) - pa) / (pb - pa), 0.0, 1.0);
      }
      case dim_kind::choice: {
        const std::size_t k = choice_index(v);
        const double left = k == 0 ? 0.0 : cumulative[k - 1];
        return 0.5 * (left + cumulative[k]);
      }
      case dim_kind::categorical: return (v + 0.5) / static_cast<double>(labels.size());
    }
    return nan;
  }

  /// True when v is a value this dimension can take (in [lo, hi], an integer for integer kinds,
  /// one of the values for choice, a label index for categorical). NaN is never contained.
  [[nodiscard]] bool contains(double v) const noexcept {
    if (std::isnan(v)) return false;
    switch (kind) {
      case dim_kind::real:
      case dim_kind::log_real:
      case dim_kind::truncated_normal: return v >= lo && v <= hi;
      case dim_kind::normal: return v - v == 0.0;
      case dim_kind::integer:
      case dim_kind::log_integer:
      case dim_kind::categorical: return v >= lo && v <= hi && std::floor(v) == v;
      case dim_kind::choice: return choice_index(v) < values.size();
    }
    return false;
  }

  /// Index of v in `values` (choice), values.size() when absent.
  [[nodiscard]] std::size_t choice_index(double v) const noexcept {
    for (std::size_t k = 0; k < values.size(); ++k) {
      if (values[k] == v) return k;
    }
    return values.size();
  }

 private:
  // Inverse CDF of the truncated normal; works in the tail nearer the mean (by symmetry) so
  // that Phi(a) and Phi(b) keep their precision when both bounds are far in the upper tail.
  [[nodiscard]] double truncated_from_unit(double u) const noexcept {
    double a = (lo - mean) / sd;
    double b = (hi - mean) / sd;
    double uu = u;
    const bool flip = a > 0.0;
    if (flip) {  // X > mean: use -X, whose bounds are (-b, -a), and u -> 1 - u
      const double t = a;
      a = -b;
      b = -t;
      uu = 1.0 - u;
    }
    const double pa = detail::phi(a);
    const double pb = detail::phi(b);
    double p = pa + std::clamp(uu, 0.0, 1.0) * (pb - pa);
    p = std::clamp(p, std::max(pa, detail::unit_floor), std::min(pb, detail::unit_ceil));
    double z = normal_quantile(p);
    if (flip) z = -z;
    return std::clamp(mean + sd * z, lo, hi);
  }
};

namespace detail {

/// The dimensions of a space, shared (immutable) by the space and all its points.
struct layout {
  std::vector<dimension> dims;

  [[nodiscard]] std::size_t index_of(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < dims.size(); ++i) {
      if (dims[i].name == name) return i;
    }
    return dims.size();
  }
};

inline std::string format_value(double v) { return quantkit::detail::to_text(v); }

}  // namespace detail

/// A point of a parameter space: one double per dimension (integers as whole doubles, choice as
/// the chosen value, categorical as the label index), sharing the space's dimension names.
/// A small value type: copyable, comparable (same dimension names and bit-equal values, with
/// -0 == +0), hashable (std::hash), printable (to_string). Built by space::make_point,
/// space::from_unit and the samplers; a default-constructed point has no dimensions.
class point {
 public:
  point() = default;

  /// Number of dimensions.
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }

  /// Value of dimension i (no check; see at()).
  [[nodiscard]] double operator[](std::size_t i) const noexcept { return values_[i]; }

  /// Value of dimension i; throws invalid_argument when i >= size().
  [[nodiscard]] double at(std::size_t i) const {
    require(i < values_.size(), "quantkit::samplers::point::at", "i", i,
            "must be < the number of dimensions (" + std::to_string(values_.size()) + ")");
    return values_[i];
  }

  /// Value of the dimension called `name`; throws invalid_argument for an unknown name.
  [[nodiscard]] double at(std::string_view name) const {
    return values_[index_of_checked(name, "quantkit::samplers::point::at")];
  }

  /// Value of `name` converted to T: an arithmetic T (int, std::int64_t, std::size_t, double,
  /// bool...) by static_cast of the stored double (exact for integer dimensions), std::string
  /// for the label of a categorical dimension. Throws invalid_argument for an unknown name, for
  /// std::string on a non-categorical dimension, and for an integral T that cannot hold the value
  /// exactly (non-integer value or out of T's range).
  template <class T>
  [[nodiscard]] T get(std::string_view name) const {
    constexpr std::string_view fn = "quantkit::samplers::point::get";
    const std::size_t i = index_of_checked(name, fn);
    if constexpr (std::is_same_v<T, std::string>) {
      return label_at(i, fn);
    } else {
      static_assert(std::is_arithmetic_v<T>, "point::get<T>: T must be arithmetic or std::string");
      const double v = values_[i];
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        // [lowest, 2^digits): exact bounds of T's range as doubles (max() itself may round up).
        const bool ok = std::floor(v) == v &&
                        v >= static_cast<double>(std::numeric_limits<T>::lowest()) &&
                        v < std::ldexp(1.0, std::numeric_limits<T>::digits);
        require(ok, fn, name, v, "must be an integer representable in the requested type");
      }
      return static_cast<T>(v);
    }
  }

  /// Label of a categorical dimension `name`; throws invalid_argument for an unknown name or a
  /// dimension that is not categorical.
  [[nodiscard]] const std::string& label(std::string_view name) const {
    constexpr std::string_view fn = "quantkit::samplers::point::label";
    return label_at(index_of_checked(name, fn), fn);
  }

  /// The values, in dimension order.
  [[nodiscard]] std::span<const double> values() const noexcept { return values_; }

  /// Name of dimension i (no check).
  [[nodiscard]] const std::string& name(std::size_t i) const noexcept {
    return layout_->dims[i].name;
  }

  /// Index of dimension `name`, or size() when absent.
  [[nodiscard]] std::size_t index_of(std::string_view name) const noexcept {
    return layout_ ? layout_->index_of(name) : 0;
  }

  /// "{fast=5, slow=20, ma=ema, lr=0.001}": integers without a decimal point, categoricals by
  /// label, reals in shortest round-trip form.
  [[nodiscard]] std::string to_string() const {
    std::string s = "{";
    for (std::size_t i = 0; i < values_.size(); ++i) {
      if (i > 0) s += ", ";
      const dimension& d = layout_->dims[i];
      s += d.name;
      s += '=';
      if (d.kind == dim_kind::categorical) {
        s += d.labels[static_cast<std::size_t>(values_[i])];
      } else {
        s += detail::format_value(values_[i]);
      }
    }
    s += '}';
    return s;
  }

  /// Numeric feature vector for a regression model: one entry per non-categorical dimension
  /// (its value as stored), and a one-hot block of m entries (1 at the label index, 0 elsewhere)
  /// per categorical dimension with m labels, in dimension order. Length
  /// space::feature_count(). O(size + labels).
  [[nodiscard]] std::vector<double> features() const {
    std::vector<double> f;
    f.reserve(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) {
      const dimension& d = layout_->dims[i];
      if (d.kind == dim_kind::categorical) {
        const auto k = static_cast<std::size_t>(values_[i]);
        for (std::size_t j = 0; j < d.labels.size(); ++j) f.push_back(j == k ? 1.0 : 0.0);
      } else {
        f.push_back(values_[i]);
      }
    }
    return f;
  }

  /// Writes to_string() to any stream type (std::ostream, ...), without including <ostream>.
  template <class Stream>
  requires requires(Stream& os, const std::string& s) { os << s; }
  friend Stream& operator<<(Stream& os, const point& p) {
    os << p.to_string();
    return os;
  }

  /// Same dimension names (in order) and equal values (-0 == +0; NaN never occurs in a point).
  friend bool operator==(const point& a, const point& b) noexcept {
    if (a.values_ != b.values_) return false;
    if (a.layout_ == b.layout_) return true;
    if (!a.layout_ || !b.layout_) return a.values_.empty();
    for (std::size_t i = 0; i < a.values_.size(); ++i) {
      if (a.layout_->dims[i].name != b.layout_->dims[i].name) return false;
    }
    return true;
  }

  /// FNV-1a-style hash of the value bits (with -0 folded to +0) mixed by mix64; consistent with
  /// operator== for points of one space.
  [[nodiscard]] std::size_t hash() const noexcept {
    std::uint64_t h = 0xCBF29CE484222325ULL ^ values_.size();
    for (double v : values_) {
      const double w = v == 0.0 ? 0.0 : v;
      std::uint64_t bits = 0;
      std::memcpy(&bits, &w, sizeof bits);
      h = mix64(h ^ bits) * 0x100000001B3ULL;
    }
    return static_cast<std::size_t>(mix64(h));
  }

  /// The space's dimension descriptions (shared; null for a default-constructed point).
  [[nodiscard]] const std::shared_ptr<const detail::layout>& layout() const noexcept {
    return layout_;
  }

 private:
  friend class space;
  point(std::shared_ptr<const detail::layout> l, std::vector<double> v)
      : layout_(std::move(l)), values_(std::move(v)) {}

  [[nodiscard]] std::size_t index_of_checked(std::string_view name, std::string_view fn) const {
    const std::size_t i = index_of(name);
    if (!layout_ || i >= values_.size()) {
      throw_invalid_argument(fn, "name", "must name a dimension of the point", std::string(name));
    }
    return i;
  }

  [[nodiscard]] const std::string& label_at(std::size_t i, std::string_view fn) const {
    const dimension& d = layout_->dims[i];
    if (d.kind != dim_kind::categorical) {
      throw_invalid_argument(fn, "name", "must name a categorical dimension", d.name);
    }
    return d.labels[static_cast<std::size_t>(values_[i])];
  }

  std::shared_ptr<const detail::layout> layout_;
  std::vector<double> values_;
};

}  // namespace quantkit::samplers

template <>
struct std::hash<quantkit::samplers::point> {
  std::size_t operator()(const quantkit::samplers::point& p) const noexcept { return p.hash(); }
};
