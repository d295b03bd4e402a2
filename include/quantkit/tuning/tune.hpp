// SPDX-License-Identifier: MIT
// quantkit/tuning/tune.hpp - tune(space, search, objective, options): the study driver
#pragma once

#include "../core/error.hpp"
#include "../core/journal.hpp"
#include "../core/parallel.hpp"
#include "search.hpp"
#include "trial.hpp"

#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <map>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::tuning {

/// Options of tune(). The results depend only on the space, the search, the objective, `seed`,
/// `max_trials`, `direction`, `metric` and `retries`: never on `parallel.threads`. A time budget
/// or a cancellation stops the study between rounds (cancellation also between trials), so
/// where it stops depends on timing; a study resumed from its journal ends with the same trials
/// as an uninterrupted one.
struct tune_options {
  goal direction = goal::maximize;
  std::string metric;            ///< metric to optimise; empty = the objective's first metric
  std::size_t max_trials = 100;  ///< trial budget (>= 1)
  /// Wall-clock budget; zero = none. Checked before each round.
  std::chrono::duration<double> time_budget{0.0};
  std::uint64_t seed = 0;
  std::size_t retries = 0;  ///< extra attempts for a trial whose objective threw
  /// threads and cancel are used; progress is called with (trials recorded, max_trials) after
  /// each round, on the calling thread.
  parallel_options parallel{};
  /// Journal file (JSON lines, core/journal.hpp); empty = none. Every finished trial is appended
  /// and flushed as it finishes (unit coordinates, metrics, return series, seconds, status,
  /// error). Re-running the same study with the same journal replays the recorded trials instead
  /// of evaluating them and evaluates only the rest, so an interrupted study resumes and ends
  /// with the same trials and best point. The budget may be raised on resume.
  std::filesystem::path journal{};
  /// Extra text for the journal's batch key (e.g. the objective's data version). The key also
  /// holds the seed, direction, metric, retries and the space's dimension count; a journal with
  /// another key is refused.
  std::string journal_key{};
};

/// The return type of an objective for a point: a double or an outcome.
template <class F, class Point>
concept objective_for =
    std::invocable<F&, const Point&> &&
    (std::convertible_to<std::invoke_result_t<F&, const Point&>, double> ||
     std::same_as<std::decay_t<std::invoke_result_t<F&, const Point&>>, outcome>);

namespace detail {

struct raw_eval {
  bool threw = true;
  std::string error;
  outcome out;
  double seconds = 0.0;
  std::size_t attempts = 0;
};

template <class Point, class F>
raw_eval evaluate(F& objective, const Point& p, std::size_t retries) {
  raw_eval r;
  for (std::size_t a = 0; a <= retries; ++a) {
    const auto t0 = std::chrono::steady_clock::now();
    r.attempts = a + 1;
    try {
      if constexpr (std::same_as<std::decay_t<std::invoke_result_t<F&, const Point&>>, outcome>) {
        r.out = objective(p);
      } else {
        r.out.metrics.assign(1, metric_value{"objective", static_cast<double>(objective(p))});
        r.out.returns.clear();
      }
      r.threw = false;
      r.error.clear();
    } catch (const std::exception& e) {
      r.threw = true;
      r.error = e.what();
    } catch (...) {
      r.threw = true;
      r.error = "unknown exception";
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!r.threw) break;
  }
  return r;
}

/// Turns a raw evaluation into the trial fields; fixes the metric names on the first success.
template <class Point>
void record(study<Point>& st, trial<Point>& t, raw_eval&& r, std::size_t& metric_k,
            const tune_options& opt) {
  constexpr const char* fn = "quantkit::tuning::tune";
  t.seconds = r.seconds;
  t.attempts = r.attempts;
  if (r.threw) {
    t.status = trial_status::failed;
    t.error = std::move(r.error);
    return;
  }
  if (st.metric_names.empty()) {
    for (const auto& m : r.out.metrics) st.metric_names.push_back(m.name);
    if (st.metric_names.empty()) {
      throw_invalid_argument(fn, "objective", "must return at least one metric");
    }
    st.metric = opt.metric.empty() ? st.metric_names.front() : opt.metric;
    metric_k = st.metric_names.size();
    for (std::size_t k = 0; k < st.metric_names.size(); ++k) {
      if (st.metric_names[k] == st.metric) metric_k = k;
    }
    if (metric_k == st.metric_names.size()) {
      std::string names;
      for (const auto& n : st.metric_names) names += (names.empty() ? "" : ", ") + n;
      throw_invalid_argument(fn, "options.metric",
                             "is not among the objective's metrics (" + names + ")", opt.metric);
    }
  }
  bool same = r.out.metrics.size() == st.metric_names.size();
  for (std::size_t k = 0; same && k < st.metric_names.size(); ++k) {
    same = r.out.metrics[k].name == st.metric_names[k];
  }
  if (!same) {
    t.status = trial_status::failed;
    t.error = "objective returned different metric names than the first successful trial";
    return;
  }
  t.metrics.resize(st.metric_names.size());
  for (std::size_t k = 0; k < t.metrics.size(); ++k) t.metrics[k] = r.out.metrics[k].value;
  t.returns = std::move(r.out.returns);
  const double v = t.metrics[metric_k];
  if (!std::isfinite(v)) {
    t.status = trial_status::failed;
    t.error = "metric '" + st.metric + "' is not finite (got " + quantkit::detail::to_text(v) + ")";
    return;
  }
  t.status = trial_status::ok;
  t.error.clear();
  t.score = opt.direction == goal::maximize ? v : -v;
}

template <class Point>
void finalize(study<Point>& st) {
  st.best_index = study<Point>::npos;
  st.failed = 0;
  for (std::size_t i = 0; i < st.trials.size(); ++i) {
    const auto& t = st.trials[i];
    if (!t.ok()) {
      ++st.failed;
      continue;
    }
    if (st.best_index == study<Point>::npos || t.score > st.trials[st.best_index].score) {
      st.best_index = i;
    }
  }
}

inline void check_options(const tune_options& opt, const char* fn) {
  require(opt.max_trials >= 1, fn, "options.max_trials", opt.max_trials, "must be >= 1");
  require(opt.time_budget.count() >= 0.0 && std::isfinite(opt.time_budget.count()), fn,
          "options.time_budget", opt.time_budget.count(), "must be finite and >= 0 seconds");
}

inline constexpr std::string_view seconds_key = "__seconds";
inline constexpr std::string_view returns_prefix = "__returns[";
/// Metric marking a journal record written by retry_failed (value 1).
inline constexpr std::string_view retry_key = "__retry";

/// The journal batch key of a study run with `opt` over `dims` dimensions.
inline std::string study_journal_key(const tune_options& opt, std::size_t dims) {
  std::string key = "quantkit::tuning::tune seed=" + std::to_string(opt.seed) +
                    " direction=" + (opt.direction == goal::maximize ? "max" : "min") +
                    " metric=" + opt.metric + " retries=" + std::to_string(opt.retries) +
                    " dims=" + std::to_string(dims);
  if (!opt.journal_key.empty()) key += " " + opt.journal_key;
  return key;
}

/// The journal file of a sub-study: `path` with "-<tag>" inserted before its extension
/// ("study.jsonl" -> "study-window3.jsonl"); empty stays empty.
inline std::filesystem::path journal_variant(const std::filesystem::path& path, const std::string& tag) {
  if (path.empty()) return path;
  std::filesystem::path out = path;
  out.replace_filename(path.stem().string() + "-" + tag + path.extension().string());
  return out;
}

/// The journal record of one evaluation of the trial `index` at unit point `u`.
inline journal_record to_record(std::size_t index, std::span<const double> u, const raw_eval& r) {
  journal_record rec;
  rec.index = index;
  rec.status = r.threw ? run_status::failed : run_status::ok;
  rec.attempts = r.attempts;
  rec.error = r.error;
  for (std::size_t i = 0; i < u.size(); ++i) rec.parameters.emplace_back("u" + std::to_string(i), u[i]);
  for (const auto& m : r.out.metrics) rec.metrics.emplace_back(m.name, m.value);
  for (std::size_t k = 0; k < r.out.returns.size(); ++k) {
    rec.metrics.emplace_back(std::string(returns_prefix) + std::to_string(k) + "]", r.out.returns[k]);
  }
  rec.metrics.emplace_back(std::string(seconds_key), r.seconds);
  return rec;
}

/// Whether a journal record was written by retry_failed.
inline bool is_retry_record(const journal_record& rec) {
  return !rec.metrics.empty() && rec.metrics.back().first == retry_key;
}

/// The evaluation a journal record holds, after checking that it was made at unit point u.
inline raw_eval from_record(const journal_record& rec, std::span<const double> u,
                            const std::filesystem::path& path) {
  bool same = rec.parameters.size() == u.size();
  for (std::size_t i = 0; same && i < u.size(); ++i) same = rec.parameters[i].second == u[i];
  if (!same) {
    throw_invalid_argument("quantkit::tuning::tune", "options.journal",
                           "records trial " + std::to_string(rec.index) + " at another point than "
                           "this study proposes (another search or space?): use another file",
                           path.string());
  }
  raw_eval r;
  r.threw = rec.status != run_status::ok;
  r.error = rec.error;
  r.attempts = rec.attempts;
  for (const auto& [name, value] : rec.metrics) {
    if (name == retry_key) continue;
    if (name == seconds_key) {
      r.seconds = value;
    } else if (name.rfind(returns_prefix, 0) == 0) {
      r.out.returns.push_back(value);
    } else {
      r.out.metrics.push_back(metric_value{name, value});
    }
  }
  return r;
}

template <class Space, search Search, class Objective>
auto run_study(const Space& space, Search& srch, Objective& objective, const tune_options& opt)
    -> study<point_of<Space>> {
  using Point = point_of<Space>;
  constexpr const char* fn = "quantkit::tuning::tune";
  check_options(opt, fn);
  require(space.size() >= 1, fn, "space", space.size(), "must have at least one dimension");
  const auto t_start = std::chrono::steady_clock::now();
  const search_context ctx = make_context(space, opt.seed, opt.max_trials);
  std::optional<journal> jr;
  std::map<std::size_t, const journal_record*> recorded;
  std::map<std::size_t, const journal_record*> retried;  // written by retry_failed
  if (!opt.journal.empty()) {
    jr = journal::open(opt.journal, study_journal_key(opt, ctx.dims));
    for (const auto& rec : jr->loaded().records) {
      (is_retry_record(rec) ? retried : recorded)[rec.index] = &rec;  // last wins
    }
  }
  study<Point> st;
  st.direction = opt.direction;
  st.metric = opt.metric;
  std::size_t metric_k = 0;
  if constexpr (requires { srch.start(ctx, space); }) {
    srch.start(ctx, space);
  } else {
    srch.start(ctx);
  }
  parallel_options popt;
  popt.threads = opt.parallel.threads;
  popt.cancel = opt.parallel.cancel;
  auto cancelled = [&] { return opt.parallel.cancel && opt.parallel.cancel->cancelled(); };
  st.stopped = stop_reason::trial_budget;
  while (st.trials.size() < opt.max_trials) {
    if (cancelled()) {
      st.stopped = stop_reason::cancelled;
      break;
    }
    if (opt.time_budget.count() > 0.0 &&
        std::chrono::steady_clock::now() - t_start >= opt.time_budget) {
      st.stopped = stop_reason::time_budget;
      break;
    }
    std::vector<std::vector<double>> batch = srch.ask(ctx, opt.max_trials - st.trials.size());
    if (batch.empty()) {
      st.stopped = stop_reason::search_finished;
      break;
    }
    if (batch.size() > opt.max_trials - st.trials.size()) {
      batch.resize(opt.max_trials - st.trials.size());
    }
    const std::size_t base = st.trials.size();
    const std::size_t m = batch.size();
    std::vector<Point> points;
    points.reserve(m);
    std::vector<std::optional<raw_eval>> evals(m);
    std::vector<char> infeasible(m, 0);
    std::vector<char> replayed(m, 0);
    for (std::size_t j = 0; j < m; ++j) {
      auto& u = batch[j];
      require(u.size() == ctx.dims, fn, "search", u.size(),
              "proposed a point of the wrong dimension (expected " + std::to_string(ctx.dims) +
                  ")");
      ctx.snap(u);
      points.push_back(space.from_unit(std::span<const double>(u)));
      if (!space.feasible(points.back())) {
        infeasible[j] = 1;
        raw_eval r;
        r.threw = true;
        r.error = "point violates a constraint of the space";
        evals[j] = std::move(r);
      } else if (auto it = recorded.find(base + j); it != recorded.end()) {
        evals[j] = from_record(*it->second, u, opt.journal);
        replayed[j] = 1;
        ++st.resumed;
      }
    }
    std::vector<std::size_t> todo;
    for (std::size_t j = 0; j < m; ++j) {
      if (!evals[j]) todo.push_back(j);
    }
    auto res = parallel_map(
        todo.size(),
        [&](std::size_t k) {
          raw_eval r = evaluate(objective, points[todo[k]], opt.retries);
          if (jr) jr->append(to_record(base + todo[k], batch[todo[k]], r));
          return r;
        },
        popt);
    res.report.rethrow_first_error();  // only a failing journal write gets here
    for (std::size_t k = 0; k < todo.size(); ++k) {
      if (res.values[k]) evals[todo[k]] = std::move(*res.values[k]);
    }
    // Record in index order up to the first trial that did not run (cancellation mid-round).
    std::vector<observation> obs;
    bool complete = true;
    for (std::size_t j = 0; j < m; ++j) {
      if (!evals[j]) {
        complete = false;
        break;
      }
      trial<Point> t;
      t.index = base + j;
      t.round = st.rounds;
      t.point = points[j];
      t.unit = batch[j];
      record(st, t, std::move(*evals[j]), metric_k, opt);
      t.from_journal = replayed[j] != 0;
      st.trials.push_back(std::move(t));
      const auto& rec = st.trials.back();
      obs.push_back(observation{rec.unit, rec.ok() ? rec.score : std::numeric_limits<double>::quiet_NaN(), rec.metrics});
    }
    ++st.rounds;
    if (opt.parallel.progress) opt.parallel.progress(st.trials.size(), opt.max_trials);
    if (!complete) {
      st.stopped = stop_reason::cancelled;
      break;
    }
    srch.tell(ctx, obs);
  }
  // Retries journaled by retry_failed replace their trials' results, as retry_failed did (the
  // search above saw the original results, so it proposed the same points).
  for (const auto& [index, rec] : retried) {
    if (index >= st.trials.size()) continue;
    auto& t = st.trials[index];
    record(st, t, from_record(*rec, t.unit, opt.journal), metric_k, opt);
    t.from_journal = true;
  }
  finalize(st);
  return st;
}

}  // namespace detail

/// Runs a study: asks `search` for unit points of `space`, evaluates `objective` at the mapped
/// points in parallel (options.parallel.threads; results never depend on it), records every
/// trial (point, metrics, score, time, status, error) and tells the search, until the trial
/// budget, the time budget, the search's end or a cancellation.
///
/// The objective is any callable `const Point& -> double` (metric "objective") or
/// `-> outcome` (named metrics, optional return series). An exception from the objective marks
/// that trial failed (after options.retries further attempts) with its message; the study goes
/// on. A non-finite optimised metric also marks the trial failed. A point that violates the
/// space's constraints is recorded as failed without calling the objective.
///
/// Throws invalid_argument for max_trials = 0, a negative or non-finite time budget, a space
/// without dimensions, an objective returning no metrics, or an options.metric the objective
/// does not return. Complexity: max_trials objective calls plus the search's own cost.
template <class Space, search Search, class Objective>
requires objective_for<Objective, detail::point_of<Space>>
auto tune(const Space& space, Search search_strategy, Objective objective,
          const tune_options& options = {}) -> study<detail::point_of<Space>> {
  return detail::run_study(space, search_strategy, objective, options);
}

/// Re-runs the failed trials of a study in place (same points; e.g. after a transient data
/// outage), in parallel, with options.retries extra attempts each, then recomputes the best
/// trial. Trials that violate the space's constraints stay failed. Search state is not
/// involved: the proposals of later rounds are not revisited. Returns the number of trials that
/// now succeed.
/// Journal: with options.journal set (pass the options the study ran with: the journal key
/// must match), every retried trial's new result is appended as it finishes, marked as a
/// retry. Running tune() again with that journal replays the original trials (so an adaptive
/// search proposes the same points) and then applies the recorded retries: it returns the study
/// as it stands after retry_failed, without evaluating anything. Throws invalid_argument for a
/// journal of another study.
template <class Space, class Point, class Objective>
requires objective_for<Objective, Point>
std::size_t retry_failed(const Space& space, study<Point>& st, Objective objective,
                         const tune_options& options = {}) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < st.trials.size(); ++i) {
    if (!st.trials[i].ok() && space.feasible(st.trials[i].point)) idx.push_back(i);
  }
  tune_options o = options;
  o.direction = st.direction;
  std::optional<journal> jr;
  if (!options.journal.empty()) {
    const std::size_t dims = space.size();
    jr = journal::open(options.journal, detail::study_journal_key(o, dims));
  }
  o.metric = st.metric;
  parallel_options popt;
  popt.threads = options.parallel.threads;
  popt.cancel = options.parallel.cancel;
  auto res = parallel_map(
      idx.size(),
      [&](std::size_t k) {
        const auto& t = st.trials[idx[k]];
        detail::raw_eval r = detail::evaluate(objective, t.point, options.retries);
        if (jr) {
          detail::raw_eval total = r;
          total.attempts += t.attempts;
          journal_record rec = detail::to_record(t.index, t.unit, total);
          rec.metrics.emplace_back(std::string(detail::retry_key), 1.0);
          jr->append(rec);
        }
        return r;
      },
      popt);
  res.report.rethrow_first_error();  // only a failing journal write gets here
  std::size_t metric_k = 0;
  for (std::size_t k = 0; k < st.metric_names.size(); ++k) {
    if (st.metric_names[k] == st.metric) metric_k = k;
  }
  std::size_t fixed = 0;
  for (std::size_t k = 0; k < idx.size(); ++k) {
    if (!res.values[k]) continue;
    auto& t = st.trials[idx[k]];
    const std::size_t prior = t.attempts;
    detail::record(st, t, std::move(*res.values[k]), metric_k, o);
    t.attempts += prior;
    if (t.ok()) ++fixed;
  }
  detail::finalize(st);
  return fixed;
}

}  // namespace quantkit::tuning
