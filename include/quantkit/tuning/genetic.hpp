// SPDX-License-Identifier: MIT
// quantkit/tuning/genetic.hpp - genetic algorithm search: tournament selection, blend/uniform
// crossover, Gaussian/resampling mutation, elitism; real, integer and categorical dimensions
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "search.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

namespace quantkit::tuning {

namespace detail {

/// Reflects x into [0, 1) (at most 4 folds, then clamps).
inline double reflect_unit(double x) noexcept {
  constexpr double top = 0x1.fffffffffffffp-1;  // largest double below 1
  for (int i = 0; i < 4 && (x < 0.0 || x > top); ++i) x = x < 0.0 ? -x : 2.0 - x;
  return std::clamp(x, 0.0, top);
}

/// The GA's variation operators on unit points (see genetic_search): with probability
/// `crossover` a BLX-alpha blend of a and b (categorical genes: either parent's), else a copy of
/// a; then per-gene mutation with probability pm; snapped to the space.
inline std::vector<double> vary(const search_context& ctx, std::span<const double> a,
                                std::span<const double> b, double crossover, double alpha,
                                double pm, double scale, rng& g) {
  const std::size_t d = ctx.dims;
  std::vector<double> u(a.begin(), a.end());
  if (uniform01(g) < crossover) {
    for (std::size_t i = 0; i < d; ++i) {
      if (ctx.kinds[i] == dimension_kind::categorical) {
        u[i] = uniform01(g) < 0.5 ? a[i] : b[i];
      } else {
        const double lo = std::min(a[i], b[i]);
        const double range = std::max(a[i], b[i]) - lo;
        const double w = uniform01(g);
        u[i] = reflect_unit(lo - alpha * range + w * (1.0 + 2.0 * alpha) * range);
      }
    }
  }
  for (std::size_t i = 0; i < d; ++i) {
    if (!(uniform01(g) < pm)) continue;
    if (ctx.kinds[i] == dimension_kind::categorical) {
      u[i] = uniform01(g);
    } else {
      double sd = scale;
      if (ctx.levels[i] > 0) sd = std::max(sd, 1.0 / static_cast<double>(ctx.levels[i]));
      u[i] = reflect_unit(u[i] + sd * normal(g));
    }
  }
  return ctx.snapped(std::move(u));
}

/// A uniform random unit point, snapped.
inline std::vector<double> random_unit_point(const search_context& ctx, rng& g) {
  std::vector<double> u(ctx.dims);
  for (auto& x : u) x = uniform01(g);
  return ctx.snapped(std::move(u));
}

}  // namespace detail

/// Parameters of genetic_search.
struct genetic_options {
  std::size_t population = 32;  ///< individuals per generation (>= 4)
  std::size_t tournament = 3;   ///< contestants per tournament (>= 1, <= population)
  double crossover = 0.9;       ///< probability that a child is a crossover of two parents
  double blend_alpha = 0.5;     ///< BLX-alpha extension for real and integer genes (>= 0)
  /// Per-gene mutation probability; negative = 1 / dims.
  double mutation = -1.0;
  double mutation_scale = 0.1;  ///< sd of a Gaussian mutation, in unit-cube coordinates (> 0)
  std::size_t elites = 2;       ///< best individuals copied unchanged (< population)
};

/// Genetic algorithm on the unit cube of a space (Goldberg 1989; BLX-alpha crossover: Eshelman &
/// Schaffer 1993). Generation 0 is `population` uniform random feasible points; each later
/// generation keeps the `elites` best of the previous one (not re-evaluated) and breeds
/// population - elites children: two parents by tournament (best score of `tournament` uniform
/// picks; failed trials rank last), with probability `crossover` a child of both (real and
/// integer genes: BLX-alpha blend, clipped to the cube; categorical genes: either parent's
/// label, uniformly), otherwise a copy of the first; then each gene mutates with probability
/// `mutation` (real/integer: + N(0, max(scale, 1/levels)), reflected into the cube; categorical:
/// a uniformly random label). Children are snapped to the space (integer/categorical buckets);
/// an infeasible child is redrawn up to 16 times. Generation g draws from rng(seed, g), so the
/// search is deterministic. Throws invalid_argument for bad options. O(population dims) per
/// generation.
class genetic_search {
 public:
  explicit genetic_search(genetic_options options = {}) : opt_(options) {
    constexpr const char* fn = "quantkit::tuning::genetic_search";
    require(opt_.population >= 4, fn, "population", opt_.population, "must be >= 4");
    require(opt_.tournament >= 1 && opt_.tournament <= opt_.population, fn, "tournament",
            opt_.tournament, "must be in [1, population]");
    require(opt_.crossover >= 0.0 && opt_.crossover <= 1.0, fn, "crossover", opt_.crossover,
            "must be in [0, 1]");
    require(opt_.blend_alpha >= 0.0 && std::isfinite(opt_.blend_alpha), fn, "blend_alpha",
            opt_.blend_alpha, "must be finite and >= 0");
    require(opt_.mutation <= 1.0 && !std::isnan(opt_.mutation), fn, "mutation", opt_.mutation,
            "must be <= 1 (negative = 1 / dims)");
    require(opt_.mutation_scale > 0.0 && std::isfinite(opt_.mutation_scale), fn,
            "mutation_scale", opt_.mutation_scale, "must be finite and > 0");
    require(opt_.elites < opt_.population, fn, "elites", opt_.elites, "must be < population");
  }

  void start(const search_context&) {
    generation_ = 0;
    population_.clear();
  }

  std::vector<std::vector<double>> ask(const search_context& ctx, std::size_t n) {
    rng g(ctx.seed, generation_);
    std::vector<std::vector<double>> out;
    const bool first = population_.empty();
    const std::size_t want = first ? opt_.population : opt_.population - std::min(opt_.elites, population_.size());
    const std::size_t k = std::min(n, want);
    for (std::size_t c = 0; c < k; ++c) {
      std::vector<double> u;
      for (int attempt = 0; attempt < 16; ++attempt) {
        u = first ? random_point(ctx, g) : child(ctx, g);
        if (ctx.is_feasible(u)) break;
      }
      out.push_back(std::move(u));
    }
    return out;
  }

  void tell(const search_context&, std::span<const observation> obs) {
    std::vector<individual> next;
    if (!population_.empty()) {
      // Elites of the previous generation survive.
      std::vector<std::size_t> order = ranking(population_);
      for (std::size_t i = 0; i < std::min(opt_.elites, order.size()); ++i) {
        next.push_back(population_[order[i]]);
      }
    }
    for (const auto& o : obs) {
      next.push_back(individual{o.unit, std::isnan(o.score) ? -std::numeric_limits<double>::infinity() : o.score});
    }
    population_ = std::move(next);
    ++generation_;
  }

  [[nodiscard]] std::size_t generation() const noexcept { return generation_; }

 private:
  struct individual {
    std::vector<double> unit;
    double score = 0.0;
  };

  static std::vector<std::size_t> ranking(const std::vector<individual>& pop) {
    std::vector<std::size_t> order(pop.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return pop[a].score > pop[b].score; });
    return order;
  }

  static std::vector<double> random_point(const search_context& ctx, rng& g) {
    return detail::random_unit_point(ctx, g);
  }

  const individual& pick(rng& g) const {
    std::size_t best = static_cast<std::size_t>(uniform_index(g, population_.size()));
    for (std::size_t t = 1; t < opt_.tournament; ++t) {
      const auto c = static_cast<std::size_t>(uniform_index(g, population_.size()));
      if (population_[c].score > population_[best].score) best = c;
    }
    return population_[best];
  }

  std::vector<double> child(const search_context& ctx, rng& g) const {
    const auto& a = pick(g);
    const auto& b = pick(g);
    const double pm =
        opt_.mutation < 0.0 ? 1.0 / static_cast<double>(ctx.dims) : opt_.mutation;
    return detail::vary(ctx, a.unit, b.unit, opt_.crossover, opt_.blend_alpha, pm,
                        opt_.mutation_scale, g);
  }

  genetic_options opt_;
  std::size_t generation_ = 0;
  std::vector<individual> population_;
};

static_assert(search<genetic_search>);

}  // namespace quantkit::tuning
