// SPDX-License-Identifier: MIT
// quantkit/tuning/trial.hpp - what an objective returns, one recorded trial, a finished study
#pragma once

#include "../core/error.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace quantkit::tuning {

/// Whether the chosen metric is to be made large or small.
enum class goal { maximize, minimize };

/// How a trial ended. `ok`: the objective returned and the optimised metric is finite. `failed`:
/// the objective threw, or the optimised metric was NaN/inf (the message says which).
enum class trial_status { ok, failed };

/// One named metric of an objective's outcome.
struct metric_value {
  std::string name;
  double value = std::numeric_limits<double>::quiet_NaN();
};

/// What an objective may return instead of a bare double: several named metrics (the same names
/// in the same order on every call; the study checks) and, optionally, the per-period return
/// series of the run, which the overfitting guards (deflated Sharpe, PBO by CSCV) need.
struct outcome {
  std::vector<metric_value> metrics;
  std::vector<double> returns;
};

/// One evaluated parameter point. `unit` is the point's coordinates in the unit cube of the space
/// (what the search proposed, after snapping discrete dimensions to their bucket centres);
/// `metrics[k]` is the value of `study::metric_names[k]` (NaN when the trial failed); `score` is
/// the optimised metric signed so that larger is better (the metric when maximizing, minus it
/// when minimizing; NaN when failed). `round` is the search round (batch) that proposed it;
/// `attempts` counts evaluations (> 1 after retries); `seconds` is the wall time of the last
/// attempt; `from_journal` marks trials restored from a journal rather than run.
template <class Point>
struct trial {
  std::size_t index = 0;
  std::size_t round = 0;
  Point point{};
  std::vector<double> unit;
  std::vector<double> metrics;
  std::vector<double> returns;
  double score = std::numeric_limits<double>::quiet_NaN();
  double seconds = 0.0;
  trial_status status = trial_status::failed;
  std::string error;
  std::size_t attempts = 0;
  bool from_journal = false;

  [[nodiscard]] bool ok() const noexcept { return status == trial_status::ok; }
};

/// Why a study stopped.
enum class stop_reason {
  trial_budget,     ///< options.max_trials trials were run
  search_finished,  ///< the search had nothing more to propose (e.g. a grid was exhausted)
  time_budget,      ///< options.time_budget ran out (checked between rounds)
  cancelled         ///< the cancel token was set (checked between rounds and between trials)
};

/// A finished (or stopped) study: every trial in index order, the metric names, and the best
/// trial by score (ties: lowest index). `best_index` is npos when no trial succeeded.
template <class Point>
struct study {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<std::string> metric_names;
  std::string metric;  ///< the optimised metric
  goal direction = goal::maximize;
  std::vector<trial<Point>> trials;
  std::size_t best_index = npos;
  std::size_t rounds = 0;
  std::size_t failed = 0;     ///< trials whose final status is failed
  std::size_t resumed = 0;    ///< trials restored from the journal
  stop_reason stopped = stop_reason::trial_budget;

  [[nodiscard]] bool has_best() const noexcept { return best_index != npos; }
  /// The best trial; throws invalid_argument when no trial succeeded.
  [[nodiscard]] const trial<Point>& best() const {
    if (best_index == npos) {
      throw_invalid_argument("quantkit::tuning::study::best", "trials",
                             "no trial succeeded (" + std::to_string(trials.size()) +
                                 " trials, all failed)");
    }
    return trials[best_index];
  }
  /// Column of metric `name` over all trials (NaN for failed ones). Throws for an unknown name.
  [[nodiscard]] std::vector<double> column(const std::string& name) const {
    std::size_t k = metric_names.size();
    for (std::size_t i = 0; i < metric_names.size(); ++i) {
      if (metric_names[i] == name) k = i;
    }
    if (k == metric_names.size()) {
      throw_invalid_argument("quantkit::tuning::study::column", "name", "is not a metric", name);
    }
    std::vector<double> out;
    out.reserve(trials.size());
    for (const auto& t : trials) out.push_back(t.metrics.empty() ? std::numeric_limits<double>::quiet_NaN() : t.metrics[k]);
    return out;
  }
  /// Running best score after each trial (NaN before the first success): a convergence curve.
  [[nodiscard]] std::vector<double> best_so_far() const {
    std::vector<double> out;
    out.reserve(trials.size());
    double b = std::numeric_limits<double>::quiet_NaN();
    for (const auto& t : trials) {
      if (t.ok() && (std::isnan(b) || t.score > b)) b = t.score;
      out.push_back(b);
    }
    return out;
  }
};

}  // namespace quantkit::tuning
