// SPDX-License-Identifier: MIT
// quantkit/samplers/grid.hpp - full and strided grids over a parameter space
#pragma once

#include "../core/error.hpp"
#include "point.hpp"
#include "sampler.hpp"
#include "space.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quantkit::samplers {

/// Full or strided grid (cartesian product of per-dimension levels).
///
/// Levels of a dimension, with L = its level count (`levels`, or `level_overrides` by name):
/// real lo + (hi - lo) k / (L - 1), log_real lo (hi / lo)^(k / (L - 1)) (both ends included;
/// L = 1 gives the middle); integer / log_integer every value when the range has at most L
/// values, else L distinct values spread linearly (logarithmically) from lo to hi, rounded;
/// normal / truncated normal the quantiles at (k + 0.5) / L; choice and categorical every value,
/// whatever L. Enumeration order: the last dimension varies fastest (itertools.product, as
/// scikit-learn's ParameterGrid for keys in this order).
///
/// Strided grid: keeps enumeration indices offset, offset + stride, ... of the full grid
/// (`stride` = 1: the full grid). sample(space, n, seed) then drops infeasible points and
/// returns them all when n == 0 or n >= their count, else n of them evenly spread (indices
/// floor(i m / n)); the seed is unused (grids are deterministic). Throws invalid_argument for
/// levels == 0, stride == 0, offset beyond the grid, a grid above 2^32 points, or no feasible
/// point.
struct grid_sampler {
  std::size_t levels = 5;
  std::size_t stride = 1;
  std::size_t offset = 0;
  /// Per-dimension level counts by name (override `levels`).
  std::vector<std::pair<std::string, std::size_t>> level_overrides{};

  /// Largest full grid accepted (points before stride and constraints).
  static constexpr std::size_t max_points = std::size_t{1} << 32;

  /// Sets the level count of dimension `name` (returns *this for chaining).
  grid_sampler& with_levels(std::string name, std::size_t count) {
    level_overrides.emplace_back(std::move(name), count);
    return *this;
  }

  /// The level values of dimension i of `sp` (see the class comment).
  [[nodiscard]] std::vector<double> dimension_levels(const space& sp, std::size_t i) const {
    return level_values(sp, i, "quantkit::samplers::grid_sampler::dimension_levels");
  }

  /// Number of points of the full grid (before stride and constraints). Throws like sample().
  [[nodiscard]] std::size_t full_size(const space& sp) const {
    constexpr std::string_view fn = "quantkit::samplers::grid_sampler::full_size";
    std::size_t total = 1;
    for (std::size_t i = 0; i < sp.size(); ++i) total = grow(total, level_values(sp, i, fn).size(), fn);
    return sp.empty() ? 0 : total;
  }

  /// Every feasible point of the strided grid, in enumeration order.
  [[nodiscard]] std::vector<point> points(const space& sp) const {
    return points_impl(sp, "quantkit::samplers::grid_sampler::points");
  }

  /// The strided grid's feasible points (n == 0 or n >= their count: all; else n evenly spread).
  /// Throws invalid_argument (parameter "space") when no grid point is feasible.
  [[nodiscard]] std::vector<point> sample(const space& sp, std::size_t n,
                                          std::uint64_t /*seed*/) const {
    std::vector<point> all = points_impl(sp, "quantkit::samplers::grid_sampler::sample");
    if (all.empty()) {
      std::string msg = "space: no point of the grid (" + std::to_string(full_size(sp)) +
                        " points, stride " + std::to_string(stride) +
                        ") satisfies the constraints [";
      for (std::size_t i = 0; i < sp.constraint_count(); ++i) {
        if (i > 0) msg += "; ";
        msg += sp.constraint_description(i);
      }
      msg += "]";
      throw_invalid_argument("quantkit::samplers::grid_sampler::sample", "space", msg);
    }
    return pick(std::move(all), n);
  }

  /// Unit-cube grid: `levels` values per dimension at k / (levels - 1) (0.5 when levels == 1),
  /// strided like the space grid, last dimension fastest; all points when n == 0 or n >= their
  /// count, else n evenly spread. Row-major. Throws invalid_argument for d == 0, levels == 0, an
  /// offset beyond the grid, stride == 0 or more than 2^32 grid points.
  [[nodiscard]] std::vector<double> unit_sample(std::size_t d, std::size_t n,
                                                std::uint64_t /*seed*/) const {
    constexpr std::string_view fn = "quantkit::samplers::grid_sampler::unit_sample";
    detail::check_dimension_count(fn, d);
    check(fn);
    require(levels >= 1, fn, "levels", levels, "must be >= 1");
    std::size_t total = 1;
    for (std::size_t i = 0; i < d; ++i) total = grow(total, levels, fn);
    std::vector<std::size_t> kept;
    require(offset < total, fn, "offset", offset,
            "must be < the number of grid points (" + std::to_string(total) + ")");
    for (std::size_t idx = offset; idx < total; idx += stride) {
      kept.push_back(idx);
      if (total - idx <= stride) break;
    }
    kept = pick(std::move(kept), n);
    std::vector<double> out(kept.size() * d);
    for (std::size_t r = 0; r < kept.size(); ++r) {
      std::size_t rest = kept[r];
      for (std::size_t i = d; i-- > 0;) {
        const std::size_t k = rest % levels;
        rest /= levels;
        out[r * d + i] =
            levels == 1 ? 0.5 : static_cast<double>(k) / static_cast<double>(levels - 1);
      }
    }
    return out;
  }

 private:
  [[nodiscard]] std::vector<point> points_impl(const space& sp, std::string_view fn) const {
    check(fn);
    require(sp.size() >= 1, fn, "space", sp.size(), "must have at least one dimension");
    std::vector<std::vector<double>> lv(sp.size());
    std::size_t total = 1;
    for (std::size_t i = 0; i < sp.size(); ++i) {
      lv[i] = level_values(sp, i, fn);
      total = grow(total, lv[i].size(), fn);
    }
    std::vector<point> out;
    std::vector<double> u(sp.size());
    require(offset < total, fn, "offset", offset,
            "must be < the number of grid points (" + std::to_string(total) + ")");
    for (std::size_t idx = offset; idx < total; idx += stride) {
      std::size_t rest = idx;
      for (std::size_t i = sp.size(); i-- > 0;) {
        const std::size_t m = lv[i].size();
        u[i] = lv[i][rest % m];
        rest /= m;
      }
      point p = sp.make_point(u);
      if (sp.satisfies_constraints(p)) out.push_back(std::move(p));
      if (total - idx <= stride) break;  // idx + stride would reach or pass the end
    }
    return out;
  }

  [[nodiscard]] std::vector<double> level_values(const space& sp, std::size_t i,
                                                 std::string_view fn) const {
    const dimension& dim = sp.dimension(i);
    const std::size_t L = levels_of(dim.name, fn);
    std::vector<double> out;
    const auto frac = [L](std::size_t k) {
      return L == 1 ? 0.5 : static_cast<double>(k) / static_cast<double>(L - 1);
    };
    switch (dim.kind) {
      case dim_kind::real:
        for (std::size_t k = 0; k < L; ++k) out.push_back(dim.from_unit(frac(k)));
        break;
      case dim_kind::log_real:
        for (std::size_t k = 0; k < L; ++k) {
          out.push_back(k + 1 == L && L > 1 ? dim.hi : dim.lo * std::pow(dim.hi / dim.lo, frac(k)));
        }
        break;
      case dim_kind::integer:
      case dim_kind::log_integer: {
        const std::size_t m = dim.cardinality();
        if (m <= L) {
          for (std::size_t k = 0; k < m; ++k) out.push_back(dim.lo + static_cast<double>(k));
          break;
        }
        for (std::size_t k = 0; k < L; ++k) {
          const double f = frac(k);
          const double v = dim.kind == dim_kind::integer
                               ? dim.lo + (dim.hi - dim.lo) * f
                               : dim.lo * std::pow(dim.hi / dim.lo, f);
          const double r = std::clamp(std::round(v), dim.lo, dim.hi);
          if (out.empty() || out.back() != r) out.push_back(r);
        }
        break;
      }
      case dim_kind::normal:
      case dim_kind::truncated_normal:
        for (std::size_t k = 0; k < L; ++k) {
          out.push_back(dim.from_unit((static_cast<double>(k) + 0.5) / static_cast<double>(L)));
        }
        break;
      case dim_kind::choice: out = dim.values; break;
      case dim_kind::categorical:
        for (std::size_t k = 0; k < dim.labels.size(); ++k) out.push_back(static_cast<double>(k));
        break;
    }
    return out;
  }

  void check(std::string_view fn) const {
    require(stride >= 1, fn, "stride", stride, "must be >= 1");
  }

  [[nodiscard]] std::size_t levels_of(const std::string& name, std::string_view fn) const {
    std::size_t L = levels;
    for (const auto& [n, c] : level_overrides) {
      if (n == name) L = c;
    }
    if (L == 0) {
      throw_invalid_argument(fn, "levels", "must be >= 1 (dimension '" + name + "')", L);
    }
    return L;
  }

  static std::size_t grow(std::size_t total, std::size_t m, std::string_view fn) {
    if (m != 0 && total > max_points / m) {
      throw_invalid_argument(fn, "levels", "make a grid of more than 2^32 points",
                             std::to_string(total) + " * " + std::to_string(m));
    }
    return total * m;
  }

  template <class T>
  static std::vector<T> pick(std::vector<T> all, std::size_t n) {
    const std::size_t m = all.size();
    if (n == 0 || n >= m) return all;
    std::vector<T> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(std::move(all[i * m / n]));
    return out;
  }
};

static_assert(Sampler<grid_sampler>);

}  // namespace quantkit::samplers
