// SPDX-License-Identifier: MIT
// quantkit/montecarlo/execution.hpp - the batch runner behind the Monte Carlo engines: parallel,
// deterministic, failures recorded, retries, journal and resume
#pragma once

#include "../backtest/summary.hpp"
#include "../core/error.hpp"
#include "../core/journal.hpp"
#include "../core/parallel.hpp"

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::montecarlo {

/// How a batch of runs executes. None of these options changes a result.
struct execution_options {
  /// Worker threads; 0 = hardware concurrency. Results are identical for any value.
  std::size_t threads = 0;
  /// Called with (runs finished, runs in the batch) on the calling thread, about once per
  /// progress_interval and once at the end; runs taken from the journal count as finished.
  std::function<void(std::size_t done, std::size_t total)> progress{};
  std::chrono::milliseconds progress_interval{100};
  /// Cooperative cancellation: runs not started are left out (state not_run), running ones finish
  /// (and are journaled).
  std::optional<cancel_token> cancel{};
  /// Journal file (see core/journal.hpp); empty = none. Every finished run is appended as it
  /// finishes; a batch started again with the same journal takes the finished runs from it
  /// instead of recomputing them, so an interrupted batch resumes and ends with the same result.
  std::filesystem::path journal{};
  /// Tries per run within this call (>= 1): a run that throws is retried at once up to this many
  /// times in total, then recorded as failed with the last error.
  std::size_t max_attempts = 1;
  /// On resume, recompute the runs the journal recorded as failed (otherwise they are kept as
  /// failed). This is how failed runs are retried after fixing a transient cause.
  bool retry_failed = false;
};

/// What happened to one run.
enum class run_state : std::uint8_t {
  ok,       ///< finished; metrics valid
  failed,   ///< threw on every attempt; `error` holds the last message
  not_run,  ///< skipped by cancellation
};

/// One run of a batch: its parameters (in the batch's parameter_names order), its metrics (in
/// metric_names order; empty unless ok), its error if it failed.
struct run_record {
  std::size_t index = 0;
  run_state state = run_state::not_run;
  std::size_t attempts = 0;
  std::string error{};
  std::vector<double> parameters{};
  std::vector<double> metrics{};
  bool resumed = false;  ///< taken from the journal instead of computed in this call
};

/// Runs of a batch, in index order.
struct batch_result {
  std::vector<std::string> parameter_names{};
  std::vector<std::string> metric_names{};
  std::vector<run_record> runs{};
  std::size_t ok = 0;
  std::size_t failed = 0;
  std::size_t not_run = 0;
  std::size_t resumed = 0;  ///< runs taken from the journal
  bool cancelled = false;
  std::string journal_warning{};  ///< set when the journal's last line was incomplete

  /// Index of a metric by name, or metric_names.size() when absent.
  [[nodiscard]] std::size_t metric_index(std::string_view name) const noexcept {
    std::size_t j = 0;
    while (j < metric_names.size() && metric_names[j] != name) ++j;
    return j;
  }
  /// Metric j of every ok run, in index order (NaN values kept).
  [[nodiscard]] std::vector<double> metric_column(std::size_t j) const {
    std::vector<double> out;
    out.reserve(ok);
    for (const auto& r : runs) {
      if (r.state == run_state::ok) out.push_back(r.metrics[j]);
    }
    return out;
  }
};

// ---- what an objective may return -------------------------------------------------------------

/// Metrics of an objective's return value: a number (one metric, named by the caller), a list of
/// (name, value) pairs, a std::map<std::string, double>, or a backtest::run_summary (final_equity,
/// total_return, cagr, sharpe, max_drawdown, win_rate, trades, costs).
inline named_values to_metrics(const named_values& v) { return v; }
inline named_values to_metrics(const std::map<std::string, double>& m) {
  return named_values(m.begin(), m.end());
}
inline named_values to_metrics(const backtest::run_summary& s) {
  return {{"final_equity", s.final_equity}, {"total_return", s.total_return},
          {"cagr", s.cagr},                 {"sharpe", s.sharpe},
          {"max_drawdown", s.max_drawdown}, {"win_rate", s.win_rate},
          {"trades", static_cast<double>(s.trades)}, {"costs", s.costs}};
}

/// An objective result type the engines understand (see to_metrics).
template <class R>
concept metric_result = std::is_arithmetic_v<std::remove_cvref_t<R>> ||
                        requires(const R& r) {
                          { to_metrics(r) } -> std::same_as<named_values>;
                        };

namespace detail {

template <class R>
named_values metrics_of(const R& r, const std::string& scalar_name) {
  if constexpr (std::is_arithmetic_v<std::remove_cvref_t<R>>) {
    return {{scalar_name, static_cast<double>(r)}};
  } else {
    return to_metrics(r);
  }
}

/// FNV-1a 64 over bytes: the journal key fingerprints the batch's inputs.
class fingerprint {
 public:
  void add_bytes(const void* p, std::size_t n) noexcept {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) {
      h_ ^= b[i];
      h_ *= 0x100000001B3ULL;
    }
  }
  void add(double v) noexcept { add_bytes(&v, sizeof v); }
  void add(std::uint64_t v) noexcept { add_bytes(&v, sizeof v); }
  void add(std::string_view s) noexcept {
    add(static_cast<std::uint64_t>(s.size()));
    add_bytes(s.data(), s.size());
  }
  [[nodiscard]] std::string hex() const {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[static_cast<std::size_t>(15 - i)] = digits[(h_ >> (4 * i)) & 0xF];
    return out;
  }

 private:
  std::uint64_t h_ = 0xCBF29CE484222325ULL;
};

inline bool same_double_bits(double a, double b) noexcept {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

/// The engine of every Monte Carlo batch. `params_of(i)` gives run i's parameters (in
/// parameter_names order); `compute(i)` returns run i's metrics as named_values or throws.
/// Deterministic: compute(i) must depend only on i; the result is assembled in index order.
template <class ParamsOf, class Compute>
batch_result run_batch(const char* fn, std::size_t n, std::vector<std::string> parameter_names,
                       ParamsOf&& params_of, Compute&& compute, const execution_options& o,
                       const std::string& key) {
  require(o.max_attempts >= 1, fn, "max_attempts", o.max_attempts, "must be >= 1");
  batch_result res;
  res.parameter_names = std::move(parameter_names);
  res.runs.resize(n);
  std::vector<named_values> found(n);
  for (std::size_t i = 0; i < n; ++i) {
    res.runs[i].index = i;
    res.runs[i].parameters = params_of(i);
  }
  // Resume: the last journal record of each index wins.
  std::optional<journal> jr;
  std::vector<std::uint8_t> todo(n, 1);
  if (!o.journal.empty()) {
    jr.emplace(journal::open(o.journal, key));
    res.journal_warning = jr->loaded().warning;
    for (const auto& rec : jr->loaded().records) {
      if (rec.index >= n) {
        throw_invalid_argument(fn, "journal",
                               "record index " + std::to_string(rec.index) +
                                   " is outside this batch of " + std::to_string(n) + " runs (" +
                                   o.journal.string() + ")");
      }
      auto& run = res.runs[rec.index];
      bool same = rec.parameters.size() == res.parameter_names.size();
      for (std::size_t k = 0; same && k < rec.parameters.size(); ++k) {
        same = rec.parameters[k].first == res.parameter_names[k] &&
               same_double_bits(rec.parameters[k].second, run.parameters[k]);
      }
      if (!same) {
        throw_invalid_argument(fn, "journal",
                               "record " + std::to_string(rec.index) + " of " +
                                   o.journal.string() +
                                   " has other parameters than this batch's run");
      }
      if (rec.status == run_status::failed && o.retry_failed) {
        todo[rec.index] = 1;
        continue;
      }
      todo[rec.index] = 0;
      run.state = rec.status == run_status::ok ? run_state::ok : run_state::failed;
      run.attempts = rec.attempts;
      run.error = rec.error;
      run.resumed = true;
      found[rec.index] = rec.metrics;
    }
  }
  std::vector<std::size_t> work;
  for (std::size_t i = 0; i < n; ++i) {
    if (todo[i]) {
      work.push_back(i);
    } else {
      ++res.resumed;
    }
  }
  const std::size_t resumed = res.resumed;

  auto body = [&](std::size_t w) {
    const std::size_t i = work[w];
    auto& run = res.runs[i];
    run.resumed = false;
    run.error.clear();
    for (std::size_t a = 1; a <= o.max_attempts; ++a) {
      run.attempts = a;
      try {
        found[i] = compute(i);
        run.state = run_state::ok;
        run.error.clear();
        break;
      } catch (const std::exception& e) {
        run.state = run_state::failed;
        run.error = e.what();
      } catch (...) {
        run.state = run_state::failed;
        run.error = "unknown exception";
      }
    }
    if (jr) {
      journal_record rec;
      rec.index = i;
      rec.status = run.state == run_state::ok ? run_status::ok : run_status::failed;
      rec.attempts = run.attempts;
      rec.error = run.error;
      rec.parameters.reserve(run.parameters.size());
      for (std::size_t k = 0; k < run.parameters.size(); ++k) {
        rec.parameters.emplace_back(res.parameter_names[k], run.parameters[k]);
      }
      if (run.state == run_state::ok) rec.metrics = found[i];
      jr->append(rec);  // a write failure is an error of the batch, not of the run
    }
  };
  parallel_options po;
  po.threads = o.threads;
  po.cancel = o.cancel;
  po.progress_interval = o.progress_interval;
  if (o.progress) {
    po.progress = [&](std::size_t d, std::size_t) { o.progress(resumed + d, n); };
  }
  const parallel_report rep = parallel_for(work.size(), body, po);
  rep.rethrow_first_error();  // only journal write failures reach here
  res.cancelled = rep.cancelled;

  // Metric names: those of the first ok run in index order; a run with other names is failed.
  std::size_t first_ok = n;
  for (std::size_t i = 0; i < n && first_ok == n; ++i) {
    if (res.runs[i].state == run_state::ok) first_ok = i;
  }
  if (first_ok < n) {
    for (const auto& nv : found[first_ok]) res.metric_names.push_back(nv.first);
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto& run = res.runs[i];
    if (run.state == run_state::ok) {
      const auto& f = found[i];
      bool same = f.size() == res.metric_names.size();
      for (std::size_t j = 0; same && j < f.size(); ++j) same = f[j].first == res.metric_names[j];
      if (!same) {
        run.state = run_state::failed;
        run.error = fn + std::string(": run ") + std::to_string(i) +
                    " returned other metric names than run " + std::to_string(first_ok);
      } else {
        run.metrics.resize(f.size());
        for (std::size_t j = 0; j < f.size(); ++j) run.metrics[j] = f[j].second;
      }
    }
    res.ok += run.state == run_state::ok ? 1u : 0u;
    res.failed += run.state == run_state::failed ? 1u : 0u;
    res.not_run += run.state == run_state::not_run ? 1u : 0u;
  }
  return res;
}

}  // namespace detail

}  // namespace quantkit::montecarlo
