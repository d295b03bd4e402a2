// SPDX-License-Identifier: MIT
// quantkit/tuning/search.hpp - the search concept (ask/tell on the unit cube), the space adapter,
// and the sampler-driven searches (grid, random, Latin hypercube, Sobol)
#pragma once

#include "../core/error.hpp"
#include "../samplers/grid.hpp"
#include "../samplers/halton.hpp"
#include "../samplers/lhs.hpp"
#include "../samplers/sampler.hpp"
#include "../samplers/sobol.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::tuning {

/// How a search should treat one dimension of the unit cube. `continuous`: any u in [0, 1).
/// `ordinal`: `levels` ordered buckets (integers, choices of numbers). `categorical`: `levels`
/// unordered buckets (labels): a search must not assume neighbouring buckets are similar.
enum class dimension_kind { continuous, ordinal, categorical };

/// What a search knows about the problem. Searches work in the unit cube [0, 1)^dims of the space
/// (the space's from_unit/to_unit map it to parameter points); `snap(u)` replaces u in place by
/// the unit coordinates of the point actually evaluated (discrete dimensions go to their bucket
/// centres), `feasible(u)` tells whether the point satisfies the space's constraints. Both are
/// type-erased: they are called per proposal, never per bar.
struct search_context {
  std::size_t dims = 0;
  std::vector<dimension_kind> kinds;
  std::vector<std::size_t> levels;  ///< buckets per dimension (0 for continuous)
  std::uint64_t seed = 0;
  std::size_t max_trials = 0;
  std::function<void(std::span<double>)> snap;
  std::function<bool(std::span<const double>)> feasible;

  /// Snapped copy of u.
  [[nodiscard]] std::vector<double> snapped(std::vector<double> u) const {
    if (snap) snap(u);
    return u;
  }
  [[nodiscard]] bool is_feasible(std::span<const double> u) const { return !feasible || feasible(u); }
};

/// The result of one trial as a search sees it: the (snapped) unit point, the score (larger is
/// better; NaN when the trial failed) and every metric of the trial (for multi-objective
/// searches; NaN when failed).
struct observation {
  std::vector<double> unit;
  double score = 0.0;
  std::vector<double> metrics;
};

/// A search strategy. The driver (tune) calls `start(ctx)` once, then repeatedly
/// `ask(ctx, n)` for at most n unit points to evaluate next (an empty result ends the study) and
/// `tell(ctx, obs)` with their observations in the order asked (failed trials included, score
/// NaN). A search must be deterministic given ctx.seed and the observations, so that studies are
/// bit-identical for any thread count and a journal can replay them.
template <class S>
concept search = requires(S& s, const search_context& c, std::span<const observation> obs,
                          std::size_t n) {
  s.start(c);
  { s.ask(c, n) } -> std::convertible_to<std::vector<std::vector<double>>>;
  s.tell(c, obs);
};

namespace detail {

/// The point type a space maps unit coordinates to.
template <class Space>
using point_of = std::decay_t<decltype(std::declval<const Space&>().from_unit(
    std::declval<std::span<const double>>()))>;

template <class Space>
std::vector<double> to_unit_of(const Space& space, const point_of<Space>& p) {
  auto u = space.to_unit(p);
  return std::vector<double>(u.begin(), u.end());
}

/// Kind of each dimension: read from a samplers::space (dimension(i).kind / cardinality());
/// for another space type, probed: a dimension whose snapped coordinate differs
/// from the input is discrete, and its bucket count is the number of distinct snapped values on a
/// fine grid (1024 cells).
template <class Space>
void probe_dimensions(const Space& space, search_context& ctx) {
  const std::size_t d = ctx.dims;
  ctx.kinds.assign(d, dimension_kind::continuous);
  ctx.levels.assign(d, 0);
  std::vector<double> u(d, 0.5);
  for (std::size_t i = 0; i < d; ++i) {
    if constexpr (requires { space.dimension(i).cardinality(); space.dimension(i).kind; }) {
      // A samplers::space: read the kind instead of probing.
      const auto& dim = space.dimension(i);
      using kind_t = std::decay_t<decltype(dim.kind)>;
      ctx.levels[i] = dim.cardinality();
      if (ctx.levels[i] != 0) {
        ctx.kinds[i] = dim.kind == kind_t::categorical ? dimension_kind::categorical
                                                       : dimension_kind::ordinal;
      }
      continue;
    } else {
      std::vector<double> seen;
      bool discrete = false;
      constexpr std::size_t cells = 1024;
      for (std::size_t c = 0; c < cells; ++c) {
        std::fill(u.begin(), u.end(), 0.5);
        u[i] = (static_cast<double>(c) + 0.5) / static_cast<double>(cells);
        const auto back = to_unit_of(space, space.from_unit(std::span<const double>(u)));
        if (std::fabs(back[i] - u[i]) > 1e-9) discrete = true;
        seen.push_back(back[i]);
      }
      if (!discrete) continue;
      std::sort(seen.begin(), seen.end());
      seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
      ctx.levels[i] = seen.size();
      ctx.kinds[i] = dimension_kind::ordinal;
      if constexpr (requires { { space.is_categorical(i) } -> std::convertible_to<bool>; }) {
        if (space.is_categorical(i)) ctx.kinds[i] = dimension_kind::categorical;
      }
    }
  }
}

}  // namespace detail

/// The search context of a space: its dimensions (probed as in detail::probe_dimensions), snap
/// through from_unit/to_unit, and feasibility through the space's constraints. The space must
/// outlive the context.
template <class Space>
search_context make_context(const Space& space, std::uint64_t seed, std::size_t max_trials) {
  search_context ctx;
  ctx.dims = space.size();
  ctx.seed = seed;
  ctx.max_trials = max_trials;
  detail::probe_dimensions(space, ctx);
  ctx.snap = [&space](std::span<double> u) {
    for (auto& x : u) x = std::clamp(x, 0.0, 1.0);
    const auto back =
        detail::to_unit_of(space, space.from_unit(std::span<const double>(u.data(), u.size())));
    std::copy(back.begin(), back.end(), u.begin());
  };
  ctx.feasible = [&space](std::span<const double> u) { return space.feasible(space.from_unit(u)); };
  return ctx;
}

/// A sampler usable by sampled_search: `unit_sample(d, n, seed)` returns n points of [0, 1)^d,
/// row-major (the samplers layer's random, grid, Latin hypercube, Sobol and Halton samplers).
template <class S>
concept unit_sampler = requires(const S& s, std::size_t d, std::size_t n, std::uint64_t seed) {
  { s.unit_sample(d, n, seed) } -> std::convertible_to<std::vector<double>>;
};

/// Non-adaptive search over a fixed design: the sampler's design of `max_trials` points (drawn
/// once, at start, from ctx.seed), handed out `batch` at a time in design order. On a space the
/// sampler knows (samplers::space), the design is `sampler.sample(space, max_trials, seed)`
/// (constraints by the sampler's rejection; a grid gives its own levels, every label of a
/// categorical dimension, and all its points when it has fewer than max_trials, after which the
/// search ends); otherwise it is `unit_sample(d, n, seed)` snapped, with infeasible points
/// skipped (4x oversampling, up to 4 attempts). grid_search, random_search, lhs_search,
/// sobol_search and halton_search are this with the matching sampler. O(max_trials d) plus the
/// sampler's cost.
template <unit_sampler Sampler>
class sampled_search {
 public:
  explicit sampled_search(Sampler sampler = {}, std::size_t batch = 64)
      : sampler_(std::move(sampler)), batch_(batch) {
    require(batch >= 1, "quantkit::tuning::sampled_search", "batch", batch, "must be >= 1");
  }

  /// Design from the sampler's space-aware sample() when it accepts this space.
  template <class Space>
  void start(const search_context& ctx, const Space& space) {
    if constexpr (requires { sampler_.sample(space, ctx.max_trials, ctx.seed); }) {
      next_ = 0;
      design_.clear();
      for (const auto& p : sampler_.sample(space, ctx.max_trials, ctx.seed)) {
        design_.push_back(detail::to_unit_of(space, p));
      }
    } else {
      start(ctx);
    }
  }

  void start(const search_context& ctx) {
    next_ = 0;
    design_.clear();
    const std::size_t d = ctx.dims;
    std::size_t n = ctx.max_trials;
    for (int attempt = 0; attempt < 4 && design_.size() < ctx.max_trials; ++attempt) {
      design_.clear();
      const std::vector<double> flat = sampler_.unit_sample(d, n, ctx.seed);
      const std::size_t rows = d == 0 ? 0 : flat.size() / d;
      for (std::size_t r = 0; r < rows && design_.size() < ctx.max_trials; ++r) {
        std::vector<double> u(flat.begin() + static_cast<std::ptrdiff_t>(r * d),
                              flat.begin() + static_cast<std::ptrdiff_t>((r + 1) * d));
        if (ctx.snap) ctx.snap(u);
        if (ctx.is_feasible(u)) design_.push_back(std::move(u));
      }
      if (rows < n) break;  // the sampler's design is smaller than asked (a full grid): keep it
      n *= 4;
    }
  }

  std::vector<std::vector<double>> ask(const search_context&, std::size_t n) {
    const std::size_t k = std::min({n, batch_, design_.size() - next_});
    std::vector<std::vector<double>> out(design_.begin() + static_cast<std::ptrdiff_t>(next_),
                                         design_.begin() + static_cast<std::ptrdiff_t>(next_ + k));
    next_ += k;
    return out;
  }

  void tell(const search_context&, std::span<const observation>) {}

  [[nodiscard]] const std::vector<std::vector<double>>& design() const noexcept { return design_; }

 private:
  Sampler sampler_;
  std::size_t batch_;
  std::size_t next_ = 0;
  std::vector<std::vector<double>> design_;
};

/// A fixed list of unit points, evaluated in order, `batch` at a time (e.g. candidates chosen by a
/// surrogate, or a hand-made design). Points are snapped by the driver. O(1) per point.
class design_search {
 public:
  explicit design_search(std::vector<std::vector<double>> points, std::size_t batch = 64)
      : points_(std::move(points)), batch_(batch) {
    require(batch >= 1, "quantkit::tuning::design_search", "batch", batch, "must be >= 1");
  }
  void start(const search_context& ctx) {
    next_ = 0;
    for (std::size_t i = 0; i < points_.size(); ++i) {
      require(points_[i].size() == ctx.dims, "quantkit::tuning::design_search", "points",
              points_[i].size(), "must all have one coordinate per dimension (" +
                                     std::to_string(ctx.dims) + ")");
    }
  }
  std::vector<std::vector<double>> ask(const search_context&, std::size_t n) {
    const std::size_t k = std::min({n, batch_, points_.size() - next_});
    std::vector<std::vector<double>> out(points_.begin() + static_cast<std::ptrdiff_t>(next_),
                                         points_.begin() + static_cast<std::ptrdiff_t>(next_ + k));
    next_ += k;
    return out;
  }
  void tell(const search_context&, std::span<const observation>) {}

 private:
  std::vector<std::vector<double>> points_;
  std::size_t batch_;
  std::size_t next_ = 0;
};

/// Grid search (samplers::grid_sampler; see sampled_search).
using grid_search = sampled_search<samplers::grid_sampler>;
/// Random search (samplers::random_sampler).
using random_search = sampled_search<samplers::random_sampler>;
/// Latin hypercube search (samplers::lhs_sampler).
using lhs_search = sampled_search<samplers::lhs_sampler>;
/// Scrambled Sobol search (samplers::sobol_sampler).
using sobol_search = sampled_search<samplers::sobol_sampler>;
/// Scrambled Halton search (samplers::halton_sampler).
using halton_search = sampled_search<samplers::halton_sampler>;

}  // namespace quantkit::tuning
