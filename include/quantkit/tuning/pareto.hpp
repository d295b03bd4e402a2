// SPDX-License-Identifier: MIT
// quantkit/tuning/pareto.hpp - multi-objective: non-dominated sorting, crowding distance, Pareto
// fronts of studies, and the NSGA-II search
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "genetic.hpp"
#include "search.hpp"
#include "trial.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

namespace quantkit::tuning {

/// One objective of a multi-objective problem: a metric (by position in the objective's outcome,
/// i.e. in study::metric_names) and its direction.
struct objective_spec {
  std::size_t metric = 0;
  goal direction = goal::maximize;
};

namespace detail {

inline void check_objectives(std::size_t n_values, std::size_t m, const char* fn) {
  require(m >= 1, fn, "m", m, "must be >= 1 (objectives per point)");
  require(n_values % m == 0, fn, "values", n_values,
          "size must be a multiple of the number of objectives (" + std::to_string(m) + ")");
}

/// a dominates b (all objectives >= and one >, after signing; NaN counts as -inf).
inline bool dominates(std::span<const double> a, std::span<const double> b) noexcept {
  bool strictly = false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const double x = std::isnan(a[k]) ? -std::numeric_limits<double>::infinity() : a[k];
    const double y = std::isnan(b[k]) ? -std::numeric_limits<double>::infinity() : b[k];
    if (x < y) return false;
    if (x > y) strictly = true;
  }
  return strictly;
}

}  // namespace detail

/// Fast non-dominated sorting (Deb, Pratap, Agarwal & Meyarivan 2002, NSGA-II, section III-A).
/// `values` holds n points of m objectives, row-major, all to be MAXIMIZED (negate minimized
/// ones; NaN ranks as -inf). Returns the fronts: front 0 is the Pareto set, front k the points
/// dominated only by points of fronts < k; each front lists indices in increasing order. Throws
/// invalid_argument when values.size() is not a multiple of m or m = 0. O(m n^2).
inline std::vector<std::vector<std::size_t>> non_dominated_sort(std::span<const double> values,
                                                                std::size_t m) {
  detail::check_objectives(values.size(), m, "quantkit::tuning::non_dominated_sort");
  const std::size_t n = values.size() / m;
  auto row = [&](std::size_t i) { return values.subspan(i * m, m); };
  std::vector<std::vector<std::size_t>> dominated(n);
  std::vector<std::size_t> count(n, 0);
  std::vector<std::vector<std::size_t>> fronts;
  std::vector<std::size_t> current;
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t q = 0; q < n; ++q) {
      if (p == q) continue;
      if (detail::dominates(row(p), row(q))) {
        dominated[p].push_back(q);
      } else if (detail::dominates(row(q), row(p))) {
        ++count[p];
      }
    }
    if (count[p] == 0) current.push_back(p);
  }
  while (!current.empty()) {
    std::vector<std::size_t> next;
    for (std::size_t p : current) {
      for (std::size_t q : dominated[p]) {
        if (--count[q] == 0) next.push_back(q);
      }
    }
    std::sort(next.begin(), next.end());
    fronts.push_back(std::move(current));
    current = std::move(next);
  }
  return fronts;
}

/// Crowding distance of the points `front` (indices into values, n x m row-major as in
/// non_dominated_sort) within that front (Deb et al. 2002, section III-B): per objective, sort
/// the front, give both extremes +inf and each inner point the gap between its neighbours
/// divided by the objective's range on the front (0 when the range is 0); sum over objectives.
/// Returns one distance per entry of `front`, in the same order. O(m k log k) for k points.
inline std::vector<double> crowding_distance(std::span<const double> values, std::size_t m,
                                             std::span<const std::size_t> front) {
  detail::check_objectives(values.size(), m, "quantkit::tuning::crowding_distance");
  const std::size_t k = front.size();
  std::vector<double> dist(k, 0.0);
  if (k == 0) return dist;
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<std::size_t> order(k);
  for (std::size_t obj = 0; obj < m; ++obj) {
    auto v = [&](std::size_t j) {
      const double x = values[front[j] * m + obj];
      return std::isnan(x) ? -inf : x;
    };
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v(a) < v(b); });
    dist[order.front()] = inf;
    dist[order.back()] = inf;
    const double range = v(order.back()) - v(order.front());
    if (!(range > 0.0) || !std::isfinite(range)) continue;
    for (std::size_t j = 1; j + 1 < k; ++j) {
      dist[order[j]] += (v(order[j + 1]) - v(order[j - 1])) / range;
    }
  }
  return dist;
}

/// The Pareto-optimal trials of a study for the given objectives (failed trials excluded; a point
/// evaluated several times counts once, as its first trial), in index order. Throws invalid_argument for no objectives or a metric index out of range.
/// O(m n^2).
template <class Point>
std::vector<std::size_t> pareto_front(const study<Point>& st, std::span<const objective_spec> objectives) {
  constexpr const char* fn = "quantkit::tuning::pareto_front";
  require(!objectives.empty(), fn, "objectives", objectives.size(), "must not be empty");
  for (const auto& o : objectives) {
    require(o.metric < st.metric_names.size(), fn, "objectives.metric", o.metric,
            "must be < the number of metrics (" + std::to_string(st.metric_names.size()) + ")");
  }
  std::vector<std::size_t> ok;
  std::vector<double> vals;
  std::vector<const std::vector<double>*> seen;
  for (std::size_t i = 0; i < st.trials.size(); ++i) {
    const auto& t = st.trials[i];
    if (!t.ok()) continue;
    if (std::any_of(seen.begin(), seen.end(), [&](const auto* u) { return *u == t.unit; })) continue;
    seen.push_back(&t.unit);
    ok.push_back(i);
    for (const auto& o : objectives) {
      const double x = t.metrics[o.metric];
      vals.push_back(o.direction == goal::maximize ? x : -x);
    }
  }
  if (ok.empty()) return {};
  const auto fronts = non_dominated_sort(vals, objectives.size());
  std::vector<std::size_t> out;
  for (std::size_t j : fronts.front()) out.push_back(ok[j]);
  std::sort(out.begin(), out.end());
  return out;
}

/// Parameters of nsga2_search.
struct nsga2_options {
  std::vector<objective_spec> objectives{};  ///< at least one (two or more for a front)
  std::size_t population = 40;               ///< even, >= 4
  double crossover = 0.9;
  double blend_alpha = 0.5;
  double mutation = -1.0;  ///< per-gene probability; negative = 1 / dims
  double mutation_scale = 0.1;
};

/// NSGA-II (Deb et al. 2002) on the unit cube of a space: generation 0 is `population` random
/// feasible points; each later generation breeds `population` children from the current
/// population by binary tournaments on (front rank, then larger crowding distance), with the
/// genetic algorithm's variation operators (see genetic_search; a child equal to a member or to
/// another child is redrawn, up to 16 times), and the next population is the
/// best `population` of parents + children by front, the last front cut by crowding distance.
/// The objectives are metrics of the trials (observation::metrics); tune()'s own metric only
/// picks study::best. Failed trials rank last. Generation g draws from rng(seed, g). Throws
/// invalid_argument for bad options, and at start for a metric index the first observations do
/// not have. O(m P^2) per generation.
class nsga2_search {
 public:
  explicit nsga2_search(nsga2_options options) : opt_(std::move(options)) {
    constexpr const char* fn = "quantkit::tuning::nsga2_search";
    require(!opt_.objectives.empty(), fn, "objectives", opt_.objectives.size(), "must not be empty");
    require(opt_.population >= 4 && opt_.population % 2 == 0, fn, "population", opt_.population,
            "must be even and >= 4");
    require(opt_.crossover >= 0.0 && opt_.crossover <= 1.0, fn, "crossover", opt_.crossover,
            "must be in [0, 1]");
    require(opt_.blend_alpha >= 0.0 && std::isfinite(opt_.blend_alpha), fn, "blend_alpha",
            opt_.blend_alpha, "must be finite and >= 0");
    require(opt_.mutation <= 1.0 && !std::isnan(opt_.mutation), fn, "mutation", opt_.mutation,
            "must be <= 1 (negative = 1 / dims)");
    require(opt_.mutation_scale > 0.0 && std::isfinite(opt_.mutation_scale), fn,
            "mutation_scale", opt_.mutation_scale, "must be finite and > 0");
  }

  void start(const search_context&) {
    generation_ = 0;
    pop_.clear();
  }

  std::vector<std::vector<double>> ask(const search_context& ctx, std::size_t n) {
    rng g(ctx.seed, generation_);
    const std::size_t k = std::min(n, opt_.population);
    std::vector<std::vector<double>> out;
    const double pm = opt_.mutation < 0.0 ? 1.0 / static_cast<double>(ctx.dims) : opt_.mutation;
    for (std::size_t c = 0; c < k; ++c) {
      std::vector<double> u;
      for (int attempt = 0; attempt < 16; ++attempt) {
        if (pop_.empty()) {
          u = detail::random_unit_point(ctx, g);
        } else {
          const auto& a = pop_[pick(g)];
          const auto& b = pop_[pick(g)];
          u = detail::vary(ctx, a.unit, b.unit, opt_.crossover, opt_.blend_alpha, pm,
                           opt_.mutation_scale, g);
        }
        // Skip clones of current members and of this batch (integer genes often mutate back).
        const bool clone = std::any_of(pop_.begin(), pop_.end(), [&](const member& mb) { return mb.unit == u; }) ||
                           std::find(out.begin(), out.end(), u) != out.end();
        if (ctx.is_feasible(u) && !clone) break;
      }
      out.push_back(std::move(u));
    }
    return out;
  }

  void tell(const search_context&, std::span<const observation> obs) {
    constexpr const char* fn = "quantkit::tuning::nsga2_search";
    std::vector<member> all = pop_;
    for (const auto& o : obs) {
      member mb;
      mb.unit = o.unit;
      for (const auto& spec : opt_.objectives) {
        double x = std::numeric_limits<double>::quiet_NaN();
        if (!o.metrics.empty()) {
          require(spec.metric < o.metrics.size(), fn, "objectives.metric", spec.metric,
                  "must be < the number of metrics (" + std::to_string(o.metrics.size()) + ")");
          x = o.metrics[spec.metric];
          if (std::isnan(o.score)) x = std::numeric_limits<double>::quiet_NaN();
        }
        mb.values.push_back(spec.direction == goal::maximize ? x : -x);
      }
      all.push_back(std::move(mb));
    }
    const std::size_t m = opt_.objectives.size();
    std::vector<double> vals;
    for (const auto& mb : all) vals.insert(vals.end(), mb.values.begin(), mb.values.end());
    const auto fronts = non_dominated_sort(vals, m);
    std::vector<member> next;
    for (std::size_t f = 0; f < fronts.size() && next.size() < opt_.population; ++f) {
      const auto& front = fronts[f];
      auto dist = crowding_distance(vals, m, front);
      std::vector<std::size_t> order(front.size());
      std::iota(order.begin(), order.end(), std::size_t{0});
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return dist[a] > dist[b]; });
      for (std::size_t j : order) {
        if (next.size() >= opt_.population) break;
        member mb = all[front[j]];
        mb.rank = f;
        mb.crowding = dist[j];
        next.push_back(std::move(mb));
      }
    }
    pop_ = std::move(next);
    ++generation_;
  }

 private:
  struct member {
    std::vector<double> unit;
    std::vector<double> values;
    std::size_t rank = 0;
    double crowding = 0.0;
  };

  std::size_t pick(rng& g) const {
    const auto a = static_cast<std::size_t>(uniform_index(g, pop_.size()));
    const auto b = static_cast<std::size_t>(uniform_index(g, pop_.size()));
    if (pop_[a].rank != pop_[b].rank) return pop_[a].rank < pop_[b].rank ? a : b;
    return pop_[a].crowding >= pop_[b].crowding ? a : b;
  }

  nsga2_options opt_;
  std::size_t generation_ = 0;
  std::vector<member> pop_;
};

static_assert(search<nsga2_search>);

}  // namespace quantkit::tuning
