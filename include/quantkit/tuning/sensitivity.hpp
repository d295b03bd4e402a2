// SPDX-License-Identifier: MIT
// quantkit/tuning/sensitivity.hpp - variance-based Sobol indices (Saltelli design and
// estimators) and one-at-a-time sweeps around a point
#pragma once

#include "../core/error.hpp"
#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "search.hpp"
#include "tune.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace quantkit::tuning {

/// Options of sobol_indices.
struct sobol_options {
  std::size_t n = 4096;            ///< base sample size N (rows of A and B); cost N (d + 2)
  std::uint64_t seed = 0;          ///< row r of [A | B] draws from rng(seed, r)
  std::size_t bootstrap = 100;     ///< resamples of the N rows for confidence intervals (0 = none)
  double confidence = 0.95;        ///< two-sided level of the percentile intervals
  parallel_options parallel{};     ///< evaluations run in parallel; never changes results
};

/// First-order and total Sobol indices per dimension, with bootstrap percentile intervals (NaN
/// when bootstrap = 0), the output variance and the number of evaluations. `failed` counts
/// evaluations that threw or returned NaN (their rows are dropped from every estimator).
struct sobol_result {
  std::vector<double> first;
  std::vector<double> total;
  std::vector<double> first_lo, first_hi, total_lo, total_hi;
  double variance = std::numeric_limits<double>::quiet_NaN();
  std::size_t evaluations = 0;
  std::size_t rows_used = 0;
  std::size_t failed = 0;
};

namespace detail {

/// Estimators on the rows `rows` of fA, fB and fAB (column-major: fAB[i * n + r]): variance of
/// the pooled fA, fB; first order S_i = mean(fB (fAB_i - fA)) / V (Saltelli et al. 2010, Comput.
/// Phys. Commun. 181, table 2 (b)); total ST_i = mean((fA - fAB_i)^2) / (2 V) (Jansen 1999;
/// table 2 (f)). In the first-order sum fB is centred by the pooled mean (E[fAB_i - fA] = 0, so
/// the expectation is unchanged while the variance no longer grows with the output's mean).
inline void sobol_estimate(std::span<const double> fa, std::span<const double> fb,
                           std::span<const double> fab, std::size_t n, std::size_t d,
                           std::span<const std::size_t> rows, std::span<double> first,
                           std::span<double> total, double& variance) {
  const double m = static_cast<double>(rows.size());
  double mean = 0.0;
  for (std::size_t r : rows) mean += fa[r] + fb[r];
  mean /= 2.0 * m;
  double v = 0.0;
  for (std::size_t r : rows) v += (fa[r] - mean) * (fa[r] - mean) + (fb[r] - mean) * (fb[r] - mean);
  v /= 2.0 * m - 1.0;
  variance = v;
  for (std::size_t i = 0; i < d; ++i) {
    double s1 = 0.0;
    double st = 0.0;
    for (std::size_t r : rows) {
      const double ab = fab[i * n + r];
      s1 += (fb[r] - mean) * (ab - fa[r]);
      st += (fa[r] - ab) * (fa[r] - ab);
    }
    first[i] = s1 / m / v;
    total[i] = st / (2.0 * m) / v;
  }
}

inline double percentile_sorted(const std::vector<double>& s, double q) {
  if (s.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = q * static_cast<double>(s.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, s.size() - 1);
  return s[lo] + (h - static_cast<double>(lo)) * (s[hi] - s[lo]);
}

}  // namespace detail

/// Variance-based sensitivity of f: [0, 1)^d -> R (any callable on std::span<const double> of
/// size d) by the Saltelli design: A and B are N x d matrices of independent uniforms; AB_i is A
/// with column i from B; f is evaluated at the N (d + 2) rows of A, B and every AB_i (in
/// parallel). Estimators: see detail::sobol_estimate (Saltelli 2010 first order, Jansen total).
/// Confidence intervals: percentile bootstrap over the N rows (rng(seed ^ constant, b) for
/// resample b). Rows where any evaluation threw or gave NaN are dropped (counted in `failed`).
/// Throws invalid_argument for d = 0, N < 2 or a confidence outside (0, 1). O(N d) calls of f
/// plus O(bootstrap N d).
template <class F>
requires std::invocable<F&, std::span<const double>>
sobol_result sobol_indices(F f, std::size_t d, const sobol_options& options = {}) {
  constexpr const char* fn = "quantkit::tuning::sobol_indices";
  require(d >= 1, fn, "d", d, "must be >= 1");
  require(options.n >= 2, fn, "options.n", options.n, "must be >= 2");
  require(options.confidence > 0.0 && options.confidence < 1.0, fn, "options.confidence",
          options.confidence, "must be in (0, 1)");
  const std::size_t n = options.n;
  std::vector<double> a(n * d);
  std::vector<double> b(n * d);
  for (std::size_t r = 0; r < n; ++r) {
    rng g(options.seed, r);
    for (std::size_t j = 0; j < d; ++j) a[r * d + j] = uniform01(g);
    for (std::size_t j = 0; j < d; ++j) b[r * d + j] = uniform01(g);
  }
  // Evaluation e in [0, N (d + 2)): block 0 = A, block 1 = B, block 2 + i = AB_i.
  const std::size_t total_evals = n * (d + 2);
  auto point_of = [&](std::size_t e, std::vector<double>& u) {
    const std::size_t block = e / n;
    const std::size_t r = e % n;
    if (block == 1) {
      u.assign(b.begin() + static_cast<std::ptrdiff_t>(r * d), b.begin() + static_cast<std::ptrdiff_t>((r + 1) * d));
    } else {
      u.assign(a.begin() + static_cast<std::ptrdiff_t>(r * d), a.begin() + static_cast<std::ptrdiff_t>((r + 1) * d));
      if (block >= 2) u[block - 2] = b[r * d + (block - 2)];
    }
  };
  parallel_options popt;
  popt.threads = options.parallel.threads;
  popt.cancel = options.parallel.cancel;
  popt.progress = options.parallel.progress;
  auto res = parallel_map(
      total_evals,
      [&](std::size_t e) {
        std::vector<double> u;
        point_of(e, u);
        return static_cast<double>(f(std::span<const double>(u)));
      },
      popt);
  std::vector<double> vals(total_evals, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t e = 0; e < total_evals; ++e) {
    if (res.values[e]) vals[e] = *res.values[e];
  }
  sobol_result out;
  out.evaluations = total_evals;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < n; ++r) {
    bool ok = true;
    for (std::size_t blk = 0; blk < d + 2; ++blk) ok = ok && !std::isnan(vals[blk * n + r]);
    if (ok) rows.push_back(r);
  }
  for (std::size_t e = 0; e < total_evals; ++e) out.failed += std::isnan(vals[e]) ? 1u : 0u;
  out.rows_used = rows.size();
  const std::span<const double> fa(vals.data(), n);
  const std::span<const double> fb(vals.data() + n, n);
  const std::span<const double> fab(vals.data() + 2 * n, d * n);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out.first.assign(d, nan);
  out.total.assign(d, nan);
  out.first_lo.assign(d, nan);
  out.first_hi.assign(d, nan);
  out.total_lo.assign(d, nan);
  out.total_hi.assign(d, nan);
  if (rows.size() < 2) return out;
  detail::sobol_estimate(fa, fb, fab, n, d, rows, out.first, out.total, out.variance);
  if (options.bootstrap == 0) return out;
  std::vector<std::vector<double>> bf(d), bt(d);
  std::vector<std::size_t> rs(rows.size());
  std::vector<double> f1(d), ft(d);
  for (std::size_t k = 0; k < options.bootstrap; ++k) {
    rng g(options.seed ^ 0x5DEECE66DULL, k);
    for (auto& r : rs) r = rows[static_cast<std::size_t>(uniform_index(g, rows.size()))];
    double v = 0.0;
    detail::sobol_estimate(fa, fb, fab, n, d, rs, f1, ft, v);
    for (std::size_t i = 0; i < d; ++i) {
      bf[i].push_back(f1[i]);
      bt[i].push_back(ft[i]);
    }
  }
  const double alpha = 1.0 - options.confidence;
  for (std::size_t i = 0; i < d; ++i) {
    std::sort(bf[i].begin(), bf[i].end());
    std::sort(bt[i].begin(), bt[i].end());
    out.first_lo[i] = detail::percentile_sorted(bf[i], alpha / 2.0);
    out.first_hi[i] = detail::percentile_sorted(bf[i], 1.0 - alpha / 2.0);
    out.total_lo[i] = detail::percentile_sorted(bt[i], alpha / 2.0);
    out.total_hi[i] = detail::percentile_sorted(bt[i], 1.0 - alpha / 2.0);
  }
  return out;
}

/// Sobol indices of an objective over a space: f(u) = objective(space.from_unit(u)) (a double
/// objective, or the first metric of an outcome). Indices are per dimension of the space (a
/// categorical dimension counts as one). See sobol_indices above.
template <class Space, class Objective>
requires objective_for<Objective, detail::point_of<Space>>
sobol_result sobol_indices(const Space& space, Objective objective, const sobol_options& options = {}) {
  require(space.size() >= 1, "quantkit::tuning::sobol_indices", "space", space.size(),
          "must have at least one dimension");
  return sobol_indices(
      [&](std::span<const double> u) -> double {
        const auto p = space.from_unit(u);
        if constexpr (std::same_as<std::decay_t<std::invoke_result_t<Objective&, const detail::point_of<Space>&>>, outcome>) {
          const auto o = objective(p);
          return o.metrics.empty() ? std::numeric_limits<double>::quiet_NaN() : o.metrics.front().value;
        } else {
          return static_cast<double>(objective(p));
        }
      },
      space.size(), options);
}

/// One dimension's one-at-a-time sweep: the unit coordinates and parameter values visited, the
/// metric at each (NaN when the evaluation failed), and the swing max - min of the finite
/// metrics (the sweep's sensitivity; NaN when fewer than one finite value).
struct oat_dimension {
  std::size_t dimension = 0;
  std::vector<double> unit;
  std::vector<double> values;
  std::vector<double> metric;
  double swing = std::numeric_limits<double>::quiet_NaN();
};

/// Result of oat_sweep: the centre's metric and one sweep per dimension.
struct oat_result {
  double center_metric = std::numeric_limits<double>::quiet_NaN();
  std::vector<oat_dimension> dimensions;
};

/// Options of oat_sweep.
struct oat_options {
  std::size_t steps = 11;  ///< points per continuous dimension (>= 2); discrete: every level up to this
  /// Half-width of the sweep around the centre in unit coordinates (continuous dimensions);
  /// 1 sweeps the whole range whatever the centre.
  double radius = 1.0;
  parallel_options parallel{};
};

/// One-at-a-time sensitivity around `center` (e.g. the study's best point): for each dimension,
/// every other coordinate stays at the centre and this one takes `steps` evenly spaced unit
/// values in [c - radius, c + radius] clipped to [0, 1) (discrete dimensions: their levels,
/// thinned to `steps`), evaluated in parallel. Infeasible points are skipped (NaN). The metric
/// is a double objective or the outcome's first metric. Throws invalid_argument for steps < 2,
/// radius outside (0, 1] or a centre of another dimension. O(d steps) objective calls.
template <class Space, class Objective>
requires objective_for<Objective, detail::point_of<Space>>
oat_result oat_sweep(const Space& space, const detail::point_of<Space>& center, Objective objective,
                     const oat_options& options = {}) {
  constexpr const char* fn = "quantkit::tuning::oat_sweep";
  require(options.steps >= 2, fn, "options.steps", options.steps, "must be >= 2");
  require(options.radius > 0.0 && options.radius <= 1.0, fn, "options.radius", options.radius,
          "must be in (0, 1]");
  const search_context ctx = make_context(space, 0, 0);
  const std::vector<double> c = detail::to_unit_of(space, center);
  require(c.size() == ctx.dims, fn, "center", c.size(), "must have one value per dimension");
  struct job {
    std::size_t dim;
    std::vector<double> u;
  };
  std::vector<job> jobs;
  jobs.push_back({ctx.dims, c});
  constexpr double top = 0x1.fffffffffffffp-1;
  for (std::size_t i = 0; i < ctx.dims; ++i) {
    std::vector<double> coords;
    if (ctx.levels[i] > 0) {
      const std::size_t k = ctx.levels[i];
      const std::size_t m = std::min(k, options.steps);
      for (std::size_t j = 0; j < m; ++j) {
        const std::size_t level = m == 1 ? 0 : j * (k - 1) / (m - 1);
        coords.push_back((static_cast<double>(level) + 0.5) / static_cast<double>(k));
      }
    } else {
      const double lo = std::max(0.0, c[i] - options.radius);
      const double hi = std::min(top, c[i] + options.radius);
      for (std::size_t j = 0; j < options.steps; ++j) {
        coords.push_back(lo + (hi - lo) * static_cast<double>(j) / static_cast<double>(options.steps - 1));
      }
    }
    for (double x : coords) {
      std::vector<double> u = c;
      u[i] = x;
      jobs.push_back({i, ctx.snapped(std::move(u))});
    }
  }
  parallel_options popt;
  popt.threads = options.parallel.threads;
  popt.cancel = options.parallel.cancel;
  auto res = parallel_map(
      jobs.size(),
      [&](std::size_t k) -> double {
        const auto p = space.from_unit(std::span<const double>(jobs[k].u));
        if (!space.feasible(p)) return std::numeric_limits<double>::quiet_NaN();
        auto r = detail::evaluate(objective, p, 0);
        if (r.threw || r.out.metrics.empty()) return std::numeric_limits<double>::quiet_NaN();
        return r.out.metrics.front().value;
      },
      popt);
  oat_result out;
  out.center_metric = res.values[0] ? *res.values[0] : std::numeric_limits<double>::quiet_NaN();
  out.dimensions.resize(ctx.dims);
  for (std::size_t i = 0; i < ctx.dims; ++i) out.dimensions[i].dimension = i;
  for (std::size_t k = 1; k < jobs.size(); ++k) {
    auto& od = out.dimensions[jobs[k].dim];
    od.unit.push_back(jobs[k].u[jobs[k].dim]);
    od.values.push_back(space.from_unit(std::span<const double>(jobs[k].u))[jobs[k].dim]);
    od.metric.push_back(res.values[k] ? *res.values[k] : std::numeric_limits<double>::quiet_NaN());
  }
  for (auto& od : out.dimensions) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (double v : od.metric) {
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    if (hi >= lo) od.swing = hi - lo;
  }
  return out;
}

}  // namespace quantkit::tuning
