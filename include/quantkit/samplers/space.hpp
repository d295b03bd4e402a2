// SPDX-License-Identifier: MIT
// quantkit/samplers/space.hpp - parameter spaces: named dimensions, constraints, unit-cube mapping
#pragma once

#include "../core/error.hpp"
#include "point.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quantkit::samplers {

/// A parameter space: named dimensions (uniform and log-uniform reals, integers, normal and
/// truncated normal, weighted choices, categoricals) plus constraints between dimensions.
///
/// Every sampler works in the unit cube [0, 1)^d and maps a unit point to a point of the space
/// with from_unit (per-dimension inverse CDF), so the same design (grid, Latin hypercube,
/// Sobol...) serves any mix of dimension kinds. Constraints (`fast < slow`) are predicates over
/// points; samplers apply them by rejection (see sampler.hpp).
///
/// A value type. Points share the space's dimension descriptions through a shared, immutable
/// layout; adding a dimension to a space copies that layout first, so points made earlier keep
/// theirs. const member functions are safe to call concurrently (constraints must be too).
/// Constraints are stored type-erased (std::function): they run once per candidate point, not in
/// a per-bar loop.
class space {
 public:
  /// A constraint predicate: true when the point is admissible.
  using predicate = std::function<bool(const point&)>;

  space() : layout_(std::make_shared<detail::layout>()) {}

  /// Uniform real on [lo, hi]. Throws invalid_argument for a bad or duplicate name, non-finite
  /// bounds or lo >= hi.
  space& add_real(std::string name, double lo, double hi) {
    constexpr std::string_view fn = "quantkit::samplers::space::add_real";
    check_bounds(fn, lo, hi);
    samplers::dimension d = make(fn, std::move(name), dim_kind::real);
    d.lo = lo;
    d.hi = hi;
    return push(std::move(d));
  }

  /// Log-uniform real on [lo, hi] (log(x) uniform): needs 0 < lo < hi, both finite.
  space& add_log_real(std::string name, double lo, double hi) {
    constexpr std::string_view fn = "quantkit::samplers::space::add_log_real";
    check_bounds(fn, lo, hi);
    require(lo > 0.0, fn, "lo", lo, "must be > 0 for a log-uniform dimension");
    samplers::dimension d = make(fn, std::move(name), dim_kind::log_real);
    d.lo = lo;
    d.hi = hi;
    return push(std::move(d));
  }

  /// Uniform integer on lo..hi inclusive (lo == hi allowed: a constant). |lo|, |hi| <= 2^53 so
  /// that every value is exact as a double.
  space& add_int(std::string name, std::int64_t lo, std::int64_t hi) {
    constexpr std::string_view fn = "quantkit::samplers::space::add_int";
    check_int_bounds(fn, lo, hi);
    samplers::dimension d = make(fn, std::move(name), dim_kind::integer);
    d.lo = static_cast<double>(lo);
    d.hi = static_cast<double>(hi);
    return push(std::move(d));
  }

  /// Log-uniform integer on lo..hi inclusive, 1 <= lo: from_unit(u) = floor(exp(log lo + u
  /// log((hi + 1) / lo))), so P(k) = log((k + 1) / k) / log((hi + 1) / lo).
  space& add_log_int(std::string name, std::int64_t lo, std::int64_t hi) {
    constexpr std::string_view fn = "quantkit::samplers::space::add_log_int";
    check_int_bounds(fn, lo, hi);
    require(lo >= 1, fn, "lo", lo, "must be >= 1 for a log-uniform dimension");
    samplers::dimension d = make(fn, std::move(name), dim_kind::log_integer);
    d.lo = static_cast<double>(lo);
    d.hi = static_cast<double>(hi);
    return push(std::move(d));
  }

  /// Normal N(mean, sd^2) on the real line (unit coordinates are clamped to [2^-54, 1 - 2^-53],
  /// so values stay within -8.30 and +8.21 sd of the mean). mean finite, sd finite and > 0.
  space& add_normal(std::string name, double mean, double sd) {
    constexpr std::string_view fn = "quantkit::samplers::space::add_normal";
    check_normal(fn, mean, sd);
    samplers::dimension d = make(fn, std::move(name), dim_kind::normal);
    d.mean = mean;
    d.sd = sd;
    d.lo = -std::numeric_limits<double>::infinity();
    d.hi = std::numeric_limits<double>::infinity();
    return push(std::move(d));
  }

  /// Normal N(mean, sd^2) conditioned on [lo, hi] (scipy.stats.truncnorm with a = (lo - mean) /
  /// sd, b = (hi - mean) / sd), by inverse CDF. Bounds finite, lo < hi; mean finite; sd > 0.
  space& add_truncated_normal(std::string name, double mean, double sd, double lo, double hi) {
    constexpr std::string_view fn = "quantkit::samplers::space::add_truncated_normal";
    check_normal(fn, mean, sd);
    check_bounds(fn, lo, hi);
    samplers::dimension d = make(fn, std::move(name), dim_kind::truncated_normal);
    d.mean = mean;
    d.sd = sd;
    d.lo = lo;
    d.hi = hi;
    return push(std::move(d));
  }

  /// One of `values` (finite, distinct, non-empty), with probabilities proportional to `weights`
  /// (same length, finite, >= 0, positive sum; empty = equal weights). The unit interval is cut
  /// into buckets of widths weight / sum, in the order given.
  space& add_choice(std::string name, std::vector<double> values, std::vector<double> weights = {}) {
    constexpr std::string_view fn = "quantkit::samplers::space::add_choice";
    if (values.empty()) throw_invalid_argument(fn, "values", "values must not be empty");
    for (std::size_t i = 0; i < values.size(); ++i) {
      require_finite(values[i], fn, "values");
      for (std::size_t j = 0; j < i; ++j) {
        require(values[j] != values[i], fn, "values", values[i], "must be distinct");
      }
    }
    if (weights.empty()) weights.assign(values.size(), 1.0);
    require_same_length(fn, "weights", weights.size(), "values", values.size());
    double total = 0.0;
    for (double w : weights) {
      require(w >= 0.0 && w - w == 0.0, fn, "weights", w, "must be finite and >= 0");
      total += w;
    }
    require(total > 0.0, fn, "weights", total, "must have a positive sum");
    samplers::dimension d = make(fn, std::move(name), dim_kind::choice);
    d.cumulative.resize(values.size());
    double acc = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      acc += weights[i];
      d.cumulative[i] = acc / total;
    }
    d.cumulative.back() = 1.0;
    d.lo = *std::min_element(values.begin(), values.end());
    d.hi = *std::max_element(values.begin(), values.end());
    d.values = std::move(values);
    return push(std::move(d));
  }

  /// One of `labels` (non-empty, distinct), equally likely; the point stores the label index.
  space& add_categorical(std::string name, std::vector<std::string> labels) {
    constexpr std::string_view fn = "quantkit::samplers::space::add_categorical";
    if (labels.empty()) throw_invalid_argument(fn, "labels", "labels must not be empty");
    for (std::size_t i = 0; i < labels.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        require(labels[j] != labels[i], fn, "labels", labels[i], "must be distinct");
      }
    }
    samplers::dimension d = make(fn, std::move(name), dim_kind::categorical);
    d.lo = 0.0;
    d.hi = static_cast<double>(labels.size() - 1);
    d.labels = std::move(labels);
    return push(std::move(d));
  }

  /// Adds a constraint: `admissible(p)` must be true for a point to be feasible. `description`
  /// (e.g. "fast < slow") appears in the error a sampler throws when it finds no feasible point.
  /// The predicate must be callable concurrently; an exception it throws propagates.
  template <class F>
  requires std::predicate<const F&, const point&> space& add_constraint(std::string description,
                                                                       F admissible) {
    constraints_.push_back({std::move(description), predicate(std::move(admissible))});
    return *this;
  }

  /// Number of dimensions d.
  [[nodiscard]] std::size_t size() const noexcept { return layout_->dims.size(); }

  /// True when the space has no dimension.
  [[nodiscard]] bool empty() const noexcept { return layout_->dims.empty(); }

  /// Dimension i; throws invalid_argument when i >= size().
  [[nodiscard]] const samplers::dimension& dimension(std::size_t i) const {
    require(i < size(), "quantkit::samplers::space::dimension", "i", i,
            "must be < the number of dimensions (" + std::to_string(size()) + ")");
    return layout_->dims[i];
  }

  /// All dimensions, in the order added.
  [[nodiscard]] std::span<const samplers::dimension> dimensions() const noexcept {
    return layout_->dims;
  }

  /// Dimension names, in order.
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    out.reserve(size());
    for (const auto& d : layout_->dims) out.push_back(d.name);
    return out;
  }

  /// Index of dimension `name`; throws invalid_argument for an unknown name.
  [[nodiscard]] std::size_t index_of(std::string_view name) const {
    const std::size_t i = layout_->index_of(name);
    if (i >= size()) {
      throw_invalid_argument("quantkit::samplers::space::index_of", "name",
                             "must name a dimension of the space", std::string(name));
    }
    return i;
  }

  /// True when a dimension is called `name`.
  [[nodiscard]] bool contains(std::string_view name) const noexcept {
    return layout_->index_of(name) < size();
  }

  /// Number of constraints and their descriptions.
  [[nodiscard]] std::size_t constraint_count() const noexcept { return constraints_.size(); }
  [[nodiscard]] const std::string& constraint_description(std::size_t i) const {
    require(i < constraints_.size(), "quantkit::samplers::space::constraint_description", "i", i,
            "must be < constraint_count()");
    return constraints_[i].description;
  }

  /// Maps a point u of the unit cube (d coordinates in [0, 1]; 1 is accepted and maps to the
  /// top of the range) to a point of the space, dimension by dimension with
  /// dimension::from_unit. Does not apply constraints (see feasible). Throws invalid_argument
  /// when u.size() != size() or a coordinate is NaN or outside [0, 1]. O(d).
  [[nodiscard]] point from_unit(std::span<const double> u) const {
    constexpr std::string_view fn = "quantkit::samplers::space::from_unit";
    require_same_length(fn, "u", u.size(), "space dimensions", size());
    std::vector<double> v(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) {
      if (!(u[i] >= 0.0 && u[i] <= 1.0)) {
        throw_invalid_argument(fn, "u", "coordinates must be in [0, 1] (u[" + std::to_string(i) + "])",
                               u[i]);
      }
      v[i] = layout_->dims[i].from_unit(u[i]);
    }
    return point(layout_, std::move(v));
  }

  /// The inverse of from_unit: each value's CDF (continuous dimensions) or the centre of its
  /// bucket (discrete dimensions), so from_unit(to_unit(p)) == p up to rounding of continuous
  /// values. Throws invalid_argument unless p is a valid point of this space (check_point).
  [[nodiscard]] std::vector<double> to_unit(const point& p) const {
    check_point(p, "quantkit::samplers::space::to_unit");
    std::vector<double> u(p.size());
    for (std::size_t i = 0; i < u.size(); ++i) u[i] = layout_->dims[i].to_unit(p[i]);
    return u;
  }

  /// A point with the given values (one per dimension, in order: integers as whole doubles,
  /// choice as one of the values, categorical as the label index). Throws invalid_argument for
  /// a wrong count or a value outside its dimension's domain. Constraints are not applied.
  [[nodiscard]] point make_point(std::vector<double> values) const {
    constexpr std::string_view fn = "quantkit::samplers::space::make_point";
    require_same_length(fn, "values", values.size(), "space dimensions", size());
    for (std::size_t i = 0; i < values.size(); ++i) check_value(fn, i, values[i]);
    return point(layout_, std::move(values));
  }

  /// True when every constraint holds for p (a space without constraints: always true). Throws
  /// invalid_argument unless p is a valid point of this space. O(number of constraints).
  [[nodiscard]] bool feasible(const point& p) const {
    check_point(p, "quantkit::samplers::space::feasible");
    return satisfies_constraints(p);
  }

  /// feasible() without the point check, for samplers whose points come from from_unit.
  [[nodiscard]] bool satisfies_constraints(const point& p) const {
    for (const auto& c : constraints_) {
      if (!c.admissible(p)) return false;
    }
    return true;
  }

  /// Throws invalid_argument (naming `function`) unless p has this space's dimension names, in
  /// order, and every value lies in its dimension's domain.
  void check_point(const point& p, std::string_view function) const {
    require_same_length(function, "point", p.size(), "space dimensions", size());
    if (p.layout() != layout_) {
      for (std::size_t i = 0; i < size(); ++i) {
        if (p.name(i) != layout_->dims[i].name) {
          throw_invalid_argument(function, "point",
                                 "must have the space's dimension names (dimension " +
                                     std::to_string(i) + " is called)",
                                 p.name(i));
        }
      }
    }
    for (std::size_t i = 0; i < size(); ++i) check_value(function, i, p[i]);
  }

  /// Length of point::features(): one per non-categorical dimension plus the label count of
  /// each categorical dimension.
  [[nodiscard]] std::size_t feature_count() const noexcept {
    std::size_t n = 0;
    for (const auto& d : layout_->dims) {
      n += d.kind == dim_kind::categorical ? d.labels.size() : 1;
    }
    return n;
  }

  /// Names of the entries of point::features(): the dimension name, or "name=label" for the
  /// one-hot entries of a categorical dimension.
  [[nodiscard]] std::vector<std::string> feature_names() const {
    std::vector<std::string> out;
    out.reserve(feature_count());
    for (const auto& d : layout_->dims) {
      if (d.kind == dim_kind::categorical) {
        for (const auto& l : d.labels) out.push_back(d.name + "=" + l);
      } else {
        out.push_back(d.name);
      }
    }
    return out;
  }

 private:
  struct constraint {
    std::string description;
    predicate admissible;
  };

  static void check_bounds(std::string_view fn, double lo, double hi) {
    require_finite(lo, fn, "lo");
    require_finite(hi, fn, "hi");
    require(lo < hi, fn, "hi", hi, "must be > lo (" + detail::format_value(lo) + ")");
  }

  static void check_int_bounds(std::string_view fn, std::int64_t lo, std::int64_t hi) {
    constexpr std::int64_t limit = std::int64_t{1} << 53;
    require(lo >= -limit && lo <= limit, fn, "lo", lo, "must be within +-2^53");
    require(hi >= -limit && hi <= limit, fn, "hi", hi, "must be within +-2^53");
    require(lo <= hi, fn, "hi", hi, "must be >= lo (" + std::to_string(lo) + ")");
  }

  static void check_normal(std::string_view fn, double mean, double sd) {
    require_finite(mean, fn, "mean");
    require(sd > 0.0 && sd - sd == 0.0, fn, "sd", sd, "must be finite and > 0");
  }

  samplers::dimension make(std::string_view fn, std::string name, dim_kind kind) const {
    if (name.empty()) throw_invalid_argument(fn, "name", "name must not be empty");
    if (layout_->index_of(name) < size()) {
      throw_invalid_argument(fn, "name", "must be unique in the space", name);
    }
    samplers::dimension d;
    d.name = std::move(name);
    d.kind = kind;
    return d;
  }

  space& push(samplers::dimension d) {
    auto next = std::make_shared<detail::layout>(*layout_);  // points made so far keep theirs
    next->dims.push_back(std::move(d));
    layout_ = std::move(next);
    return *this;
  }

  void check_value(std::string_view fn, std::size_t i, double v) const {
    const samplers::dimension& d = layout_->dims[i];
    if (!d.contains(v)) {
      throw_invalid_argument(fn, "values",
                             "value of dimension '" + d.name + "' (" +
                                 std::string(samplers::to_string(d.kind)) +
                                 ") is outside its domain",
                             v);
    }
  }

  std::shared_ptr<const detail::layout> layout_;
  std::vector<constraint> constraints_;
};

}  // namespace quantkit::samplers
