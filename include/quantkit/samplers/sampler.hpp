// SPDX-License-Identifier: MIT
// quantkit/samplers/sampler.hpp - the Sampler concept, rejection of infeasible points, random_sampler
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "point.hpp"
#include "space.hpp"

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::samplers {

/// A sampler: a copyable value type that draws `n` points of a space, deterministically for a
/// seed, and exposes its design as unit-cube coordinates.
///   s.sample(space, n, seed) -> std::vector<point>   (constraints applied by rejection)
///   s.unit_sample(d, n, seed) -> std::vector<double> (row-major n x d, coordinates in [0, 1])
/// Models: random_sampler, grid_sampler, lhs_sampler, sobol_sampler, halton_sampler.
template <class S>
concept Sampler = std::copyable<S> &&
                  requires(const S& s, const space& sp, std::size_t n, std::uint64_t seed) {
                    { s.sample(sp, n, seed) } -> std::same_as<std::vector<point>>;
                    { s.unit_sample(n, n, seed) } -> std::same_as<std::vector<double>>;
                  };

/// The spelling agreed in INTERFACES.md; the same concept as Sampler.
template <class S>
concept sampler = Sampler<S>;

namespace detail {

/// Throws invalid_argument naming `fn` unless d >= 1.
inline void check_dimension_count(std::string_view fn, std::size_t d) {
  require(d >= 1, fn, "d", d, "must be >= 1");
}

/// Saturating a * b.
constexpr std::size_t sat_mul(std::size_t a, std::size_t b) noexcept {
  if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a) {
    return std::numeric_limits<std::size_t>::max();
  }
  return a * b;
}

/// Maps unit designs to points and applies the space's constraints by rejection.
///
/// `draw(batch, start, count)` returns a row-major count x d unit design: batch 0 is the first n
/// rows of the sampler's design (so without constraints sample() is exactly
/// from_unit(unit_sample(d, n, seed)) row by row); later batches continue the design (the next
/// rows of a sequence) or draw a fresh one (LHS, grid excluded). Feasible points are kept in
/// order until n are found. At most n * max_draws_per_point candidates are drawn; then
/// invalid_argument (parameter "space") says how many of how many candidates were feasible and
/// lists the constraints ("the feasible region looks empty").
template <class Draw>
std::vector<point> sample_feasible(const space& sp, std::size_t n, std::size_t max_draws_per_point,
                                   std::string_view fn, Draw&& draw) {
  const std::size_t d = sp.size();
  require(d >= 1, fn, "space", d, "must have at least one dimension");
  require(max_draws_per_point >= 1, fn, "max_draws_per_point", max_draws_per_point,
          "must be >= 1");
  std::vector<point> out;
  if (n == 0) return out;
  out.reserve(n);
  const bool constrained = sp.constraint_count() > 0;
  const std::size_t limit = sat_mul(n, max_draws_per_point);
  std::size_t drawn = 0;
  std::size_t count = n;
  for (std::size_t batch = 0;; ++batch) {
    const std::vector<double> u = draw(batch, drawn, count);
    for (std::size_t r = 0; r < count && out.size() < n; ++r) {
      point p = sp.from_unit(std::span<const double>(u.data() + r * d, d));
      if (!constrained || sp.satisfies_constraints(p)) out.push_back(std::move(p));
    }
    drawn += count;
    if (out.size() == n) return out;
    if (drawn >= limit) break;
    // Next batch: enough candidates for the missing points at the acceptance rate seen so far
    // (at least double the draws while nothing has been accepted), within the budget.
    const std::size_t missing = n - out.size();
    const std::size_t per_point = out.empty() ? 2 : (drawn + out.size() - 1) / out.size();
    std::size_t next = out.empty() ? drawn : sat_mul(missing, per_point);
    next = std::max<std::size_t>(next, 16);
    count = std::min(next, limit - drawn);
  }
  std::string msg = "space: only " + std::to_string(out.size()) + " of " + std::to_string(drawn) +
                    " candidate points satisfy the constraints [";
  for (std::size_t i = 0; i < sp.constraint_count(); ++i) {
    if (i > 0) msg += "; ";
    msg += sp.constraint_description(i);
  }
  msg += "] (needed " + std::to_string(n) +
         "): the feasible region looks empty or too small; relax the constraints or raise "
         "max_draws_per_point (" +
         std::to_string(max_draws_per_point) + ")";
  throw_invalid_argument(fn, "space", msg);
}

}  // namespace detail

/// Independent uniform points: row i of the design is d draws of uniform01 from
/// quantkit::rng(seed, i), so each point depends only on (seed, i) (scipy analogue:
/// numpy's Generator.random((n, d)), different bits). Rejected points are replaced by rows n,
/// n + 1, ... of the same stream family.
struct random_sampler {
  /// Budget for rejection: at most n * max_draws_per_point candidates per sample() call.
  std::size_t max_draws_per_point = 1000;

  /// Row-major n x d coordinates in [0, 1), rows start, start + 1, ... of the design. Throws
  /// invalid_argument for d == 0. O(n d).
  [[nodiscard]] std::vector<double> unit_rows(std::size_t d, std::size_t start, std::size_t n,
                                              std::uint64_t seed) const {
    detail::check_dimension_count("quantkit::samplers::random_sampler::unit_sample", d);
    std::vector<double> u(detail::sat_mul(n, d));
    for (std::size_t i = 0; i < n; ++i) {
      quantkit::rng g(seed, start + i);
      for (std::size_t j = 0; j < d; ++j) u[i * d + j] = uniform01(g);
    }
    return u;
  }

  /// The first n rows of the design (row-major n x d, coordinates in [0, 1)). Throws
  /// invalid_argument for d == 0. O(n d).
  [[nodiscard]] std::vector<double> unit_sample(std::size_t d, std::size_t n,
                                                std::uint64_t seed) const {
    return unit_rows(d, 0, n, seed);
  }

  /// n feasible points of `sp` (see detail::sample_feasible for the rejection rule and its
  /// error). Throws invalid_argument for a space without dimensions or an exhausted budget.
  /// O(n d) without constraints.
  [[nodiscard]] std::vector<point> sample(const space& sp, std::size_t n,
                                          std::uint64_t seed) const {
    return detail::sample_feasible(
        sp, n, max_draws_per_point, "quantkit::samplers::random_sampler::sample",
        [&](std::size_t, std::size_t start, std::size_t count) {
          return unit_rows(sp.size(), start, count, seed);
        });
  }
};

static_assert(Sampler<random_sampler>);

}  // namespace quantkit::samplers
