// SPDX-License-Identifier: MIT
// quantkit/samplers/lhs.hpp - Latin hypercube designs: random, centered, maximin-optimized
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "point.hpp"
#include "sampler.hpp"
#include "space.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace quantkit::samplers {

namespace detail {

/// Squared Euclidean distance between rows a and b of a row-major n x d design.
inline double row_distance2(const double* x, std::size_t d, std::size_t a, std::size_t b) noexcept {
  double s = 0.0;
  const double* xa = x + a * d;
  const double* xb = x + b * d;
  for (std::size_t k = 0; k < d; ++k) {
    const double t = xa[k] - xb[k];
    s += t * t;
  }
  return s;
}

/// Smallest squared distance between two distinct rows of a row-major n x d design (infinity for
/// n < 2). O(n^2 d).
inline double min_distance2(std::span<const double> x, std::size_t d) {
  const std::size_t n = d == 0 ? 0 : x.size() / d;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = a + 1; b < n; ++b) {
      const double t = row_distance2(x.data(), d, a, b);
      if (t < best) best = t;
    }
  }
  return best;
}

/// Nearest-neighbour bookkeeping for the maximin swaps: nn[r] is the squared distance from row
/// r to its nearest other row, partner[r] that row.
struct nearest_table {
  std::vector<double> nn;
  std::vector<std::size_t> partner;

  void recompute_row(const double* x, std::size_t n, std::size_t d, std::size_t r) {
    nn[r] = std::numeric_limits<double>::infinity();
    partner[r] = r;
    for (std::size_t s = 0; s < n; ++s) {
      if (s == r) continue;
      const double t = row_distance2(x, d, r, s);
      if (t < nn[r]) {
        nn[r] = t;
        partner[r] = s;
      }
    }
  }

  // After rows a and b moved: their own rows from scratch; other rows see the new distances to
  // a and b, and rescan only when their old nearest neighbour was a or b (moved away).
  void update_after_move(const double* x, std::size_t n, std::size_t d, std::size_t a,
                         std::size_t b) {
    recompute_row(x, n, d, a);
    recompute_row(x, n, d, b);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == a || r == b) continue;
      if (partner[r] == a || partner[r] == b) {
        recompute_row(x, n, d, r);
        continue;
      }
      const double ta = row_distance2(x, d, r, a);
      const double tb = row_distance2(x, d, r, b);
      if (ta < nn[r]) {
        nn[r] = ta;
        partner[r] = a;
      }
      if (tb < nn[r]) {
        nn[r] = tb;
        partner[r] = b;
      }
    }
  }

  [[nodiscard]] std::size_t argmin() const noexcept {
    std::size_t best = 0;
    for (std::size_t r = 1; r < nn.size(); ++r) {
      if (nn[r] < nn[best]) best = r;
    }
    return best;
  }
};

}  // namespace detail

/// Latin hypercube sample (McKay, Beckman & Conover 1979): in every dimension each of the n
/// strata [k/n, (k+1)/n) holds exactly one point.
///
/// Convention: scipy.stats.qmc.LatinHypercube(d, scramble=True) (random position within the
/// stratum) and scramble=False / `centered = true` (stratum centres (k + 0.5) / n). Dimension j
/// uses quantkit::rng(seed, j): a Fisher-Yates permutation of the strata, then n uniform
/// offsets (numpy's bits differ; the distribution is the same).
///
/// `maximin_iterations > 0` improves the design by iterated swaps (Morris & Mitchell 1995,
/// maximin criterion): each iteration swaps the coordinates of two rows in one dimension (the
/// design stays a Latin hypercube), one row taken from the current closest pair, and keeps the
/// swap when the smallest pairwise distance does not decrease. Randomness from
/// quantkit::rng(seed, d). O(iterations n d) expected after O(n^2 d) set-up.
/// Plain LHS costs O(n d).
struct lhs_sampler {
  bool centered = false;
  std::size_t maximin_iterations = 0;
  /// Budget for rejection in sample(): at most n * max_draws_per_point candidates.
  std::size_t max_draws_per_point = 1000;

  /// Row-major n x d design in [0, 1). Throws invalid_argument for d == 0.
  [[nodiscard]] std::vector<double> unit_sample(std::size_t d, std::size_t n,
                                                std::uint64_t seed) const {
    detail::check_dimension_count("quantkit::samplers::lhs_sampler::unit_sample", d);
    std::vector<double> out(n * d);
    if (n == 0) return out;
    const double inv_n = 1.0 / static_cast<double>(n);
    std::vector<std::uint32_t> perm(n);
    std::vector<std::uint64_t> perm64;
    const bool small = n <= std::numeric_limits<std::uint32_t>::max();
    if (!small) perm64.resize(n);
    for (std::size_t j = 0; j < d; ++j) {
      quantkit::rng g(seed, j);
      if (small) {
        for (std::size_t i = 0; i < n; ++i) perm[i] = static_cast<std::uint32_t>(i);
        shuffle(std::span<std::uint32_t>(perm), g);
        if (centered) {
          for (std::size_t i = 0; i < n; ++i) {
            out[i * d + j] = (static_cast<double>(perm[i]) + 0.5) * inv_n;
          }
        } else {
          for (std::size_t i = 0; i < n; ++i) {
            out[i * d + j] = (static_cast<double>(perm[i]) + uniform01(g)) * inv_n;
          }
        }
      } else {  // more than 2^32 rows: 64-bit permutation (same stream layout otherwise)
        for (std::size_t i = 0; i < n; ++i) perm64[i] = i;
        shuffle(std::span<std::uint64_t>(perm64), g);
        for (std::size_t i = 0; i < n; ++i) {
          const double off = centered ? 0.5 : uniform01(g);
          out[i * d + j] = (static_cast<double>(perm64[i]) + off) * inv_n;
        }
      }
    }
    // (perm + u) / n can round up to the next stratum's edge only when u rounds to 1; clamp
    // keeps the point inside [0, 1).
    for (double& v : out) {
      if (v >= 1.0) v = 1.0 - 0x1.0p-53;
    }
    if (maximin_iterations > 0 && n >= 3) maximin(out, d, n, seed);
    return out;
  }

  /// n feasible points of `sp`: the design mapped by space::from_unit; when constraints reject
  /// rows, fresh designs (seeded mix64(seed + batch)) supply the missing points (only the first
  /// design is a Latin hypercube then). See detail::sample_feasible for the rejection error.
  [[nodiscard]] std::vector<point> sample(const space& sp, std::size_t n,
                                          std::uint64_t seed) const {
    return detail::sample_feasible(
        sp, n, max_draws_per_point, "quantkit::samplers::lhs_sampler::sample",
        [&](std::size_t batch, std::size_t, std::size_t count) {
          return unit_sample(sp.size(), count, batch == 0 ? seed : mix64(seed + batch));
        });
  }

 private:
  void maximin(std::vector<double>& x, std::size_t d, std::size_t n, std::uint64_t seed) const {
    quantkit::rng g(seed, d);
    detail::nearest_table t;
    t.nn.assign(n, 0.0);
    t.partner.assign(n, 0);
    for (std::size_t r = 0; r < n; ++r) t.recompute_row(x.data(), n, d, r);
    detail::nearest_table saved;
    for (std::size_t it = 0; it < maximin_iterations; ++it) {
      const std::size_t worst = t.argmin();
      const double before = t.nn[worst];
      const std::size_t a = uniform01(g) < 0.5 ? worst : t.partner[worst];
      std::size_t b = static_cast<std::size_t>(uniform_index(g, n - 1));
      if (b >= a) ++b;  // any row but a
      const std::size_t k = static_cast<std::size_t>(uniform_index(g, d));
      saved = t;
      std::swap(x[a * d + k], x[b * d + k]);
      t.update_after_move(x.data(), n, d, a, b);
      if (t.nn[t.argmin()] < before) {  // worse: undo
        std::swap(x[a * d + k], x[b * d + k]);
        t = saved;
      }
    }
  }
};

static_assert(Sampler<lhs_sampler>);

}  // namespace quantkit::samplers
