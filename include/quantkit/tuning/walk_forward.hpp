// SPDX-License-Identifier: MIT
// quantkit/tuning/walk_forward.hpp - walk-forward optimisation with any search per in-sample
// window, and the optimizer adapter for backtest::walk_forward
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "search.hpp"
#include "trial.hpp"
#include "tune.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::tuning {

/// Window layout of walk_forward_optimize (observations are indices 0..n-1 of the caller's data).
struct walk_forward_options {
  std::size_t in_sample = 0;      ///< observations per in-sample window (> 0)
  std::size_t out_of_sample = 0;  ///< observations per out-of-sample window (> 0; the last may be shorter)
  std::size_t step = 0;           ///< between window starts; 0 = out_of_sample
  bool anchored = false;          ///< in-sample windows all start at 0 and grow
  /// Per-window study options (window w uses seed mix64(seed + w)). With tune.journal set,
  /// window w journals its study to that path with "-window<w>" before the extension
  /// ("wf.jsonl" -> "wf-window0.jsonl", ...; the key adds the window's in-sample range), so an
  /// interrupted walk-forward resumes every window's study. The out-of-sample evaluations (one per
  /// window) are re-run.
  tune_options tune{};
};

/// One window: its ranges, the study's best point and in-sample metric, and the out-of-sample
/// evaluation of that point (metrics in the evaluator's order, NaN if it threw; `error` says why).
template <class Point>
struct walk_forward_window {
  std::size_t is_begin = 0, is_end = 0, oos_begin = 0, oos_end = 0;
  bool has_best = false;
  Point best{};
  double in_sample_metric = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> oos_metrics;
  std::vector<double> oos_returns;
  std::string error;
  std::size_t trials = 0;
  std::size_t failed_trials = 0;
};

/// Result: windows in order, the out-of-sample metric names, the out-of-sample return series
/// stitched in window order, and the walk-forward efficiency: mean out-of-sample value of the
/// optimised metric / mean in-sample value (Pardo; NaN when the in-sample mean is not positive or
/// the out-of-sample evaluator does not return the optimised metric).
template <class Point>
struct walk_forward_result {
  std::vector<walk_forward_window<Point>> windows;
  std::vector<std::string> oos_metric_names;
  std::vector<double> oos_returns;
  double efficiency = std::numeric_limits<double>::quiet_NaN();
};

/// Walk-forward optimisation: for each window, `tune(space, search, make_objective(is_begin,
/// is_end), options.tune)` on the in-sample range (any search; a copy of `search` per window),
/// then `evaluate(best_point, oos_begin, oos_end)` (a double or an outcome, e.g. a backtest of
/// the out-of-sample bars with warm-up) on the next range. Windows run one after another, each
/// study in parallel inside; the result is deterministic for any thread count. A window whose
/// study has no successful trial is kept with has_best = false. Throws invalid_argument for
/// empty windows or n not larger than in_sample. Cost: the windows' studies plus evaluations.
/// For bar data and strategies, backtest::walk_forward with tuning::optimizer is the
/// alternative that also stitches equity.
template <class Space, search Search, class MakeObjective, class Evaluate>
auto walk_forward_optimize(const Space& space, std::size_t n, const Search& search_strategy,
                           MakeObjective make_objective, Evaluate evaluate,
                           const walk_forward_options& wf)
    -> walk_forward_result<detail::point_of<Space>> {
  using Point = detail::point_of<Space>;
  constexpr const char* fn = "quantkit::tuning::walk_forward_optimize";
  require(wf.in_sample > 0, fn, "options.in_sample", wf.in_sample, "must be > 0");
  require(wf.out_of_sample > 0, fn, "options.out_of_sample", wf.out_of_sample, "must be > 0");
  require(n > wf.in_sample, fn, "n", n,
          "must exceed options.in_sample (" + std::to_string(wf.in_sample) + ")");
  const std::size_t step = wf.step == 0 ? wf.out_of_sample : wf.step;
  walk_forward_result<Point> res;
  double is_sum = 0.0;
  double oos_sum = 0.0;
  std::size_t counted = 0;
  bool have_oos_metric = true;
  for (std::size_t start = 0, w = 0; start + wf.in_sample < n; start += step, ++w) {
    walk_forward_window<Point> win;
    win.is_begin = wf.anchored ? 0 : start;
    win.is_end = start + wf.in_sample;
    win.oos_begin = win.is_end;
    win.oos_end = std::min(n, win.oos_begin + wf.out_of_sample);
    tune_options to = wf.tune;
    to.seed = mix64(wf.tune.seed + w);
    to.journal = detail::journal_variant(wf.tune.journal, "window" + std::to_string(w));
    to.journal_key += (to.journal_key.empty() ? "" : " ") + std::string("window=") + std::to_string(w) +
                      " in_sample=[" + std::to_string(win.is_begin) + "," + std::to_string(win.is_end) + ")";
    auto objective = make_objective(win.is_begin, win.is_end);
    const auto st = tune(space, search_strategy, objective, to);
    win.trials = st.trials.size();
    win.failed_trials = st.failed;
    if (st.has_best()) {
      const auto& b = st.best();
      win.has_best = true;
      win.best = b.point;
      std::size_t k = 0;
      for (std::size_t i = 0; i < st.metric_names.size(); ++i) {
        if (st.metric_names[i] == st.metric) k = i;
      }
      win.in_sample_metric = b.metrics[k];
      auto oos_eval = [&](const Point& q) { return evaluate(q, win.oos_begin, win.oos_end); };
      auto r = detail::evaluate(oos_eval, b.point, 0);
      if (r.threw) {
        win.error = r.error;
      } else {
        if (res.oos_metric_names.empty()) {
          for (const auto& m : r.out.metrics) res.oos_metric_names.push_back(m.name);
        }
        for (const auto& m : r.out.metrics) win.oos_metrics.push_back(m.value);
        win.oos_returns = r.out.returns;
        res.oos_returns.insert(res.oos_returns.end(), r.out.returns.begin(), r.out.returns.end());
        double oos = std::numeric_limits<double>::quiet_NaN();
        for (const auto& m : r.out.metrics) {
          if (m.name == st.metric || (r.out.metrics.size() == 1 && m.name == "objective")) oos = m.value;
        }
        if (std::isnan(oos)) {
          have_oos_metric = false;
        } else {
          is_sum += win.in_sample_metric;
          oos_sum += oos;
          ++counted;
        }
      }
    }
    res.windows.push_back(std::move(win));
  }
  if (have_oos_metric && counted > 0 && is_sum > 0.0) res.efficiency = oos_sum / is_sum;
  return res;
}

/// An optimiser for backtest::walk_forward (or any "data -> parameters" slot): a callable that,
/// given a window's data, runs tune(space, search, make_objective(data), options) and returns
/// the best point (throws invalid_argument naming the window's trial count when no trial
/// succeeded). options.journal is not used (the adapter cannot tell windows apart, and windows
/// may run concurrently); walk_forward_optimize journals each window. Copyable; safe to call concurrently for different windows. It refers to `space`,
/// which must outlive it.
template <class Space, search Search, class MakeObjective>
auto optimizer(const Space& space, Search search_strategy, MakeObjective make_objective,
               tune_options options = {}) {
  return [&space, search_strategy, make_objective, options](const auto& data) {
    auto objective = make_objective(data);
    tune_options o = options;
    o.journal.clear();
    const auto st = tune(space, search_strategy, objective, o);
    return st.best().point;
  };
}

}  // namespace quantkit::tuning
