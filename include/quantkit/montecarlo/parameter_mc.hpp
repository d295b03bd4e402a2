// SPDX-License-Identifier: MIT
// quantkit/montecarlo/parameter_mc.hpp - parameter-randomized Monte Carlo: any objective at points
// drawn from a space by any sampler, with per-metric summaries and parameter impact
#pragma once

#include "../core/error.hpp"
#include "../samplers/point.hpp"
#include "../samplers/sampler.hpp"
#include "../samplers/space.hpp"
#include "execution.hpp"
#include "metric_summary.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace quantkit::montecarlo {

/// Options of monte_carlo.
struct monte_carlo_options {
  execution_options execution{};  ///< threads, progress, cancellation, retries, journal
  summary_options summary{};      ///< percentiles, histogram bins, best/worst N, profit threshold
  std::string metric_name = "value";  ///< the name of a scalar objective's metric
};

/// Result of monte_carlo: the sampled points (run i used points[i]), every run (parameters,
/// metrics or error) and the per-metric summaries.
struct monte_carlo_result {
  std::vector<samplers::point> points{};
  batch_result runs{};
  std::vector<metric_summary> summaries{};
  /// The summary of a metric by name (throws invalid_argument if there is none).
  [[nodiscard]] const metric_summary& summary(std::string_view name) const {
    return find_summary(summaries, name);
  }
};

/// The journal key of a parameter Monte Carlo: its size, seed, parameter names and a fingerprint
/// of every point, so a journal is only ever resumed by the batch that wrote it.
inline std::string monte_carlo_key(const std::vector<std::string>& names,
                                   const std::vector<samplers::point>& points, std::uint64_t seed) {
  detail::fingerprint fp;
  fp.add(std::string_view("monte_carlo/1"));
  for (const auto& s : names) fp.add(std::string_view(s));
  for (const auto& p : points) {
    for (double v : p.values()) fp.add(v);
  }
  return "monte_carlo n=" + std::to_string(points.size()) + " seed=" + std::to_string(seed) +
         " points=" + fp.hex();
}

/// Parameter-randomized Monte Carlo: draws `n` points of `space` with `sampler` (seeded), calls
/// `objective(point)` for each (any callable returning a number, named metrics or a
/// backtest::run_summary: a backtest, a walk-forward, anything), in parallel, and summarizes
/// every metric: mean, median, std, variance, 95% / 99% intervals, VaR / CVaR, probability of
/// profit, histogram, best and worst runs with their parameters, and the Pearson and Spearman
/// correlation of every parameter with the metric (categorical parameters by label index).
/// Answers "how much does the result depend on the exact parameters, and how often is it good
/// over the plausible region?". Deterministic for (space, sampler, n, seed) and any thread count:
/// the objective must depend only on the point. A run that throws is recorded with its error and
/// parameters (see execution_options for retries, journal and resume). Throws invalid_argument
/// for n == 0 or bad options, and whatever the sampler throws (e.g. an infeasible space).
/// O(n x objective + n log n summaries).
template <samplers::Sampler S, class Objective>
requires std::invocable<Objective&, const samplers::point&> &&
    metric_result<std::invoke_result_t<Objective&, const samplers::point&>>
monte_carlo_result monte_carlo(const samplers::space& space, const S& sampler, std::size_t n,
                               std::uint64_t seed, Objective&& objective,
                               const monte_carlo_options& o = {}) {
  constexpr const char* fn = "quantkit::montecarlo::monte_carlo";
  require(n >= 1, fn, "n", n, "must be >= 1");
  detail::check_summary_options(o.summary, fn);
  monte_carlo_result res;
  res.points = sampler.sample(space, n, seed);
  std::vector<std::string> names = space.names();
  const std::string key = monte_carlo_key(names, res.points, seed);
  res.runs = detail::run_batch(
      fn, res.points.size(), std::move(names),
      [&](std::size_t i) {
        const auto v = res.points[i].values();
        return std::vector<double>(v.begin(), v.end());
      },
      [&](std::size_t i) { return detail::metrics_of(objective(res.points[i]), o.metric_name); },
      o.execution, key);
  res.summaries = summarize_batch(res.runs, o.summary);
  return res;
}

}  // namespace quantkit::montecarlo
