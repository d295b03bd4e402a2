// SPDX-License-Identifier: MIT
// quantkit/montecarlo/robustness.hpp - a 0-100 robustness score from five documented criteria,
// each reported with its value, thresholds and points
#pragma once

#include "../core/error.hpp"
#include "metric_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::montecarlo {

/// The two thresholds of one criterion: `full_at` earns all its points, `zero_at` none, and
/// values in between earn points linearly. Either may be the larger (higher-is-better criteria
/// have full_at > zero_at, lower-is-better ones the opposite).
struct criterion_threshold {
  double full_at = 0.0;
  double zero_at = 0.0;
};

/// Configuration of robustness_score: which metrics to read and each criterion's thresholds.
/// The defaults suit a backtest's run_summary metrics (returns and drawdowns as fractions).
struct robustness_thresholds {
  std::string return_metric = "total_return";
  std::string sharpe_metric = "sharpe";
  std::string drawdown_metric = "max_drawdown";
  /// 1. Share of runs with a positive return.
  criterion_threshold probability_of_profit{0.75, 0.50};
  /// 2. 5th percentile of the return across runs (the return of a bad 1-in-20 run).
  criterion_threshold return_lower_bound{0.0, -0.20};
  /// 3. Dispersion of the Sharpe ratio across runs: stddev / mean (+inf when mean <= 0).
  criterion_threshold sharpe_dispersion{0.5, 1.5};
  /// 4. 5th percentile of the maximum drawdown across runs (a near-worst-case drawdown, <= 0).
  criterion_threshold worst_drawdown{-0.20, -0.50};
  /// 5. Parameter sensitivity: the largest |Spearman rho| between a parameter and the Sharpe
  /// ratio (a Sharpe that moves monotonically with a parameter depends on choosing it well).
  criterion_threshold parameter_sensitivity{0.3, 0.7};
  double points_per_criterion = 20.0;
};

/// One criterion's verdict.
struct robustness_criterion {
  std::string name{};
  std::string description{};
  double value = std::numeric_limits<double>::quiet_NaN();
  double full_at = 0.0;
  double zero_at = 0.0;
  double points = 0.0;
  double max_points = 0.0;
  /// False when the criterion cannot be evaluated (the metric is missing, or there are no
  /// parameters for the sensitivity): it is then left out of the score.
  bool available = false;
};

/// The score and its reasons.
struct robustness_report {
  /// 100 x points / maximum points of the available criteria (NaN when none is available).
  double score = std::numeric_limits<double>::quiet_NaN();
  std::vector<robustness_criterion> criteria{};
  /// "robust" (score >= 70), "fragile" (40 to 70), "not robust" (< 40), or "not available".
  std::string verdict = "not available";

  /// A plain-text table: one line per criterion, then the score and verdict.
  [[nodiscard]] std::string to_text() const {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-22s %10s %10s %10s %7s\n", "criterion", "value", "full at",
                  "zero at", "points");
    out += line;
    for (const auto& c : criteria) {
      if (c.available) {
        std::snprintf(line, sizeof line, "%-22s %10.4f %10.4f %10.4f %4.1f/%2.0f\n", c.name.c_str(),
                      c.value, c.full_at, c.zero_at, c.points, c.max_points);
      } else {
        std::snprintf(line, sizeof line, "%-22s %10s %10.4f %10.4f    n/a\n", c.name.c_str(), "-",
                      c.full_at, c.zero_at);
      }
      out += line;
    }
    std::snprintf(line, sizeof line, "score %.1f / 100: %s\n", score, verdict.c_str());
    out += line;
    return out;
  }
};

namespace detail {

inline const metric_summary* find_metric(const std::vector<metric_summary>& s,
                                         std::string_view name) noexcept {
  for (const auto& m : s) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

inline void check_threshold(const criterion_threshold& t, const char* parameter) {
  constexpr const char* fn = "quantkit::montecarlo::robustness_score";
  require(std::isfinite(t.full_at), fn, parameter, t.full_at, "full_at must be finite");
  require(std::isfinite(t.zero_at), fn, parameter, t.zero_at, "zero_at must be finite");
  require(t.full_at != t.zero_at, fn, parameter, t.full_at, "full_at must differ from zero_at");
}

}  // namespace detail

/// Robustness score 0-100 from five criteria over the summaries of a Monte Carlo (parameter or
/// synthetic-path): (1) probability of profit, (2) the 5th percentile of the return, (3) the
/// dispersion of the Sharpe ratio across runs, (4) the 5th percentile of the maximum drawdown,
/// (5) parameter sensitivity (largest |Spearman rho| of a parameter with the Sharpe ratio). Each
/// earns up to points_per_criterion, linearly between its zero_at and full_at thresholds; a
/// criterion whose metric is missing (or has no value) is reported as unavailable and left out,
/// and the score is rescaled to the available ones. See docs/montecarlo.md for how to read it.
/// Throws invalid_argument for a threshold pair that is not finite or not distinct, or
/// points_per_criterion <= 0. O(metrics).
inline robustness_report robustness_score(const std::vector<metric_summary>& summaries,
                                          const robustness_thresholds& t = {}) {
  constexpr const char* fn = "quantkit::montecarlo::robustness_score";
  detail::check_threshold(t.probability_of_profit, "probability_of_profit");
  detail::check_threshold(t.return_lower_bound, "return_lower_bound");
  detail::check_threshold(t.sharpe_dispersion, "sharpe_dispersion");
  detail::check_threshold(t.worst_drawdown, "worst_drawdown");
  detail::check_threshold(t.parameter_sensitivity, "parameter_sensitivity");
  require(t.points_per_criterion > 0.0 && std::isfinite(t.points_per_criterion), fn,
          "points_per_criterion", t.points_per_criterion, "must be finite and > 0");
  const metric_summary* ret = detail::find_metric(summaries, t.return_metric);
  const metric_summary* sharpe = detail::find_metric(summaries, t.sharpe_metric);
  const metric_summary* dd = detail::find_metric(summaries, t.drawdown_metric);
  const double nan = std::numeric_limits<double>::quiet_NaN();

  robustness_report rep;
  auto add = [&](const char* name, std::string description, double value,
                 const criterion_threshold& th) {
    robustness_criterion c;
    c.name = name;
    c.description = std::move(description);
    c.value = value;
    c.full_at = th.full_at;
    c.zero_at = th.zero_at;
    c.max_points = t.points_per_criterion;
    c.available = !std::isnan(value);
    if (c.available) {
      const double frac = (value - th.zero_at) / (th.full_at - th.zero_at);
      c.points = t.points_per_criterion * std::clamp(frac, 0.0, 1.0);
    }
    rep.criteria.push_back(std::move(c));
  };
  add("probability_of_profit", "share of runs with " + t.return_metric + " > 0",
      ret ? ret->probability_of_profit : nan, t.probability_of_profit);
  add("return_lower_bound", "5th percentile of " + t.return_metric, ret ? ret->var95 : nan,
      t.return_lower_bound);
  double dispersion = nan;
  if (sharpe && sharpe->distribution.count >= 2) {
    const double m = sharpe->distribution.mean;
    dispersion = m > 0.0 ? sharpe->distribution.stddev / m : std::numeric_limits<double>::infinity();
  }
  add("sharpe_dispersion", "stddev / mean of " + t.sharpe_metric + " across runs", dispersion,
      t.sharpe_dispersion);
  add("worst_drawdown", "5th percentile of " + t.drawdown_metric,
      dd ? dd->var95 : nan, t.worst_drawdown);
  double sensitivity = nan;
  if (sharpe) {
    for (const auto& imp : sharpe->impact) {
      if (std::isnan(imp.spearman)) continue;
      const double a = std::fabs(imp.spearman);
      sensitivity = std::isnan(sensitivity) || a > sensitivity ? a : sensitivity;
    }
  }
  add("parameter_sensitivity", "largest |Spearman rho| of a parameter with " + t.sharpe_metric,
      sensitivity, t.parameter_sensitivity);

  double got = 0.0;
  double max = 0.0;
  for (const auto& c : rep.criteria) {
    if (!c.available) continue;
    got += c.points;
    max += c.max_points;
  }
  if (max > 0.0) {
    rep.score = 100.0 * got / max;
    rep.verdict = rep.score >= 70.0 ? "robust" : (rep.score >= 40.0 ? "fragile" : "not robust");
  }
  return rep;
}

/// robustness_score over any Monte Carlo result with `summaries` (monte_carlo_result,
/// synthetic_result).
template <class Result>
requires requires(const Result& r) { { r.summaries } -> std::convertible_to<const std::vector<metric_summary>&>; }
robustness_report robustness_score(const Result& r, const robustness_thresholds& t = {}) {
  return robustness_score(r.summaries, t);
}

}  // namespace quantkit::montecarlo
