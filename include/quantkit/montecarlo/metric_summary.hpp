// SPDX-License-Identifier: MIT
// quantkit/montecarlo/metric_summary.hpp - per-metric summaries of a batch: moments, intervals,
// VaR/CVaR, probability of profit, histogram, best/worst runs, parameter impact
#pragma once

#include "../core/error.hpp"
#include "../stats/correlation.hpp"
#include "../stats/descriptive.hpp"
#include "../stats/risk.hpp"
#include "../stats/test_result.hpp"
#include "../stats/ttest.hpp"
#include "execution.hpp"
#include "summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::montecarlo {

/// A run singled out as one of the best or worst for a metric.
struct ranked_run {
  std::size_t index = 0;
  double value = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> parameters{};  ///< in the batch's parameter_names order
};

/// How strongly one parameter moves one metric across the runs: Pearson's r (linear) and
/// Spearman's rho (monotone) with their two-sided p-values (stats::pearsonr / stats::spearmanr,
/// scipy's conventions). NaN when the parameter or the metric is constant over the runs.
struct parameter_impact {
  std::string parameter{};
  double pearson = std::numeric_limits<double>::quiet_NaN();
  double pearson_pvalue = std::numeric_limits<double>::quiet_NaN();
  double spearman = std::numeric_limits<double>::quiet_NaN();
  double spearman_pvalue = std::numeric_limits<double>::quiet_NaN();
};

/// Everything the engines report about one metric over the ok runs (NaN values left out and
/// counted in distribution.nan_count).
struct metric_summary {
  std::string name{};
  distribution_summary distribution{};  ///< count, mean, median, stddev, variance, percentiles
  stats::interval mean_ci95{};  ///< Student t interval of the mean (stats::t_interval)
  stats::interval mean_ci99{};
  stats::interval range95{};  ///< central 95% of the runs: percentiles 2.5 and 97.5
  stats::interval range99{};  ///< central 99%: percentiles 0.5 and 99.5
  /// VaR / CVaR of the metric in empyrical's convention (lower tail, a value of the metric):
  /// var95 = 5th percentile, cvar95 = mean of the worst floor((n-1) 0.05) + 1 runs.
  double var95 = std::numeric_limits<double>::quiet_NaN();
  double cvar95 = std::numeric_limits<double>::quiet_NaN();
  double var99 = std::numeric_limits<double>::quiet_NaN();
  double cvar99 = std::numeric_limits<double>::quiet_NaN();
  /// Share of runs with the metric > profit_threshold (the probability of profit when the
  /// metric is a return or a P&L).
  double probability_of_profit = std::numeric_limits<double>::quiet_NaN();
  histogram bins{};
  std::vector<ranked_run> best{};   ///< highest values first (ties: lower index first)
  std::vector<ranked_run> worst{};  ///< lowest values first
  std::vector<parameter_impact> impact{};  ///< one per parameter (empty without parameters)
};

/// Options of the summaries.
struct summary_options {
  std::vector<double> percentiles = default_percentiles();
  std::size_t histogram_bins = 20;
  std::size_t top_n = 5;  ///< how many best and worst runs to list
  double profit_threshold = 0.0;
};

namespace detail {

inline void check_summary_options(const summary_options& o, const char* fn) {
  check_percentiles(o.percentiles, fn);
  require(o.histogram_bins >= 1, fn, "histogram_bins", o.histogram_bins, "must be >= 1");
  require(!std::isnan(o.profit_threshold), fn, "profit_threshold", o.profit_threshold,
          "must not be NaN");
}

}  // namespace detail

/// Summary of metric `j` of a batch (see metric_summary). Parameter impact is computed over the
/// ok runs whose metric is not NaN. O(R log R + R P) for R runs and P parameters.
inline metric_summary summarize_metric(const batch_result& b, std::size_t j,
                                       const summary_options& o = {}) {
  constexpr const char* fn = "quantkit::montecarlo::summarize_metric";
  require(j < b.metric_names.size(), fn, "j", j, "must name a metric of the batch");
  detail::check_summary_options(o, fn);
  metric_summary s;
  s.name = b.metric_names[j];
  std::vector<std::size_t> rows;  // ok runs with a non-NaN value, index order
  std::vector<double> x;
  std::size_t nan_count = 0;
  for (const auto& r : b.runs) {
    if (r.state != run_state::ok) continue;
    const double v = r.metrics[j];
    if (std::isnan(v)) {
      ++nan_count;
      continue;
    }
    rows.push_back(r.index);
    x.push_back(v);
  }
  s.distribution = summarize_distribution(x, o.percentiles);
  s.distribution.nan_count = nan_count;
  if (x.empty()) return s;
  s.mean_ci95 = stats::t_interval(x, 0.95);
  s.mean_ci99 = stats::t_interval(x, 0.99);
  const std::vector<double> ends{0.005, 0.025, 0.975, 0.995};
  const auto q = stats::quantiles(x, ends);
  s.range99 = {q[0], q[3]};
  s.range95 = {q[1], q[2]};
  s.var95 = stats::value_at_risk(x, 0.05);
  s.cvar95 = stats::conditional_value_at_risk(x, 0.05);
  s.var99 = stats::value_at_risk(x, 0.01);
  s.cvar99 = stats::conditional_value_at_risk(x, 0.01);
  std::size_t profit = 0;
  for (double v : x) profit += v > o.profit_threshold ? 1u : 0u;
  s.probability_of_profit = static_cast<double>(profit) / static_cast<double>(x.size());
  s.bins = make_histogram(x, o.histogram_bins);

  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t c) { return x[a] > x[c]; });
  const std::size_t top = std::min(o.top_n, x.size());
  for (std::size_t k = 0; k < top; ++k) {
    const std::size_t a = order[k];
    s.best.push_back({rows[a], x[a], b.runs[rows[a]].parameters});
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t c) { return x[a] < x[c]; });
  for (std::size_t k = 0; k < top; ++k) {
    const std::size_t a = order[k];
    s.worst.push_back({rows[a], x[a], b.runs[rows[a]].parameters});
  }

  std::vector<double> col(x.size());
  for (std::size_t p = 0; p < b.parameter_names.size(); ++p) {
    for (std::size_t k = 0; k < rows.size(); ++k) col[k] = b.runs[rows[k]].parameters[p];
    parameter_impact imp;
    imp.parameter = b.parameter_names[p];
    const auto pr = stats::pearsonr(col, x);
    const auto sr = stats::spearmanr(col, x);
    imp.pearson = pr.statistic;
    imp.pearson_pvalue = pr.pvalue;
    imp.spearman = sr.statistic;
    imp.spearman_pvalue = sr.pvalue;
    s.impact.push_back(std::move(imp));
  }
  return s;
}

/// Summaries of every metric of a batch, in metric_names order.
inline std::vector<metric_summary> summarize_batch(const batch_result& b,
                                                   const summary_options& o = {}) {
  std::vector<metric_summary> out;
  out.reserve(b.metric_names.size());
  for (std::size_t j = 0; j < b.metric_names.size(); ++j) out.push_back(summarize_metric(b, j, o));
  return out;
}

/// The summary named `name` in `summaries`; throws invalid_argument when there is none.
inline const metric_summary& find_summary(const std::vector<metric_summary>& summaries,
                                          std::string_view name) {
  for (const auto& s : summaries) {
    if (s.name == name) return s;
  }
  throw_invalid_argument("quantkit::montecarlo::find_summary", "name",
                         "no metric named \"" + std::string(name) + "\"");
}

}  // namespace quantkit::montecarlo
