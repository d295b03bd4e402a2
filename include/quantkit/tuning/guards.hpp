// SPDX-License-Identifier: MIT
// quantkit/tuning/guards.hpp - overfitting guards on a study: deflated Sharpe ratio of the
// winner given the number of trials, probability of backtest overfitting by CSCV, a verdict
#pragma once

#include "../core/error.hpp"
#include "../stats/overfitting.hpp"
#include "../stats/sharpe_inference.hpp"
#include "trial.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace quantkit::tuning {

/// Thresholds and settings of the overfitting guards.
struct guard_options {
  double min_dsr = 0.95;            ///< DSR at or above: the winner's Sharpe survives the search
  double max_pbo = 0.2;             ///< PBO at or below: in-sample ranking carries out of sample
  double pbo_warn = 0.5;            ///< PBO above: the selection is worse than a coin flip
  std::size_t n_chunks = 16;        ///< CSCV chunks S (even); reduced to fit short series
  std::size_t max_pbo_trials = 0;   ///< 0 = every trial; else the best this many by score
  std::size_t threads = 1;          ///< CSCV workers; never changes results
};

/// What the guards found. `dsr` is stats::deflated_sharpe_ratio of the best trial's returns
/// against the Sharpe ratios of all `n_trials` trials with returns (per-observation Sharpe, not
/// annualised). `pbo` is stats::probability_of_backtest_overfitting over the trials' return
/// series (the trials with returns of the common length). Both are NaN when unavailable, and
/// `notes` says why. `verdict` is one of "robust", "caution", "likely overfit", "unknown",
/// with `explanation` in plain words.
struct guard_report {
  std::size_t n_trials = 0;
  double winner_sharpe = std::numeric_limits<double>::quiet_NaN();
  stats::dsr_result dsr{};
  stats::pbo_result pbo{};
  std::string verdict;
  std::string explanation;
  std::vector<std::string> notes;
};

/// Runs the overfitting guards on a study whose objective returned `outcome::returns` (per-period
/// returns of each trial's run, all of the same length T for PBO). Verdict: "robust" when DSR >=
/// min_dsr and PBO <= max_pbo; "likely overfit" when DSR < 0.5 or PBO > pbo_warn; "caution"
/// otherwise; "unknown" when neither guard could run (no returns, fewer than 2 trials with
/// returns, T < 4). A guard that could run alone decides on its own thresholds. Throws
/// invalid_argument for thresholds outside [0, 1] or n_chunks < 2. O(N T + CSCV cost).
template <class Point>
guard_report overfitting_guards(const study<Point>& st, const guard_options& o = {}) {
  constexpr const char* fn = "quantkit::tuning::overfitting_guards";
  require(o.min_dsr >= 0.0 && o.min_dsr <= 1.0, fn, "options.min_dsr", o.min_dsr, "must be in [0, 1]");
  require(o.max_pbo >= 0.0 && o.max_pbo <= 1.0, fn, "options.max_pbo", o.max_pbo, "must be in [0, 1]");
  require(o.pbo_warn >= o.max_pbo && o.pbo_warn <= 1.0, fn, "options.pbo_warn", o.pbo_warn,
          "must be in [max_pbo, 1]");
  require(o.n_chunks >= 2 && o.n_chunks % 2 == 0, fn, "options.n_chunks", o.n_chunks, "must be even and >= 2");
  guard_report r;
  std::vector<std::size_t> with_returns;
  for (std::size_t i = 0; i < st.trials.size(); ++i) {
    const auto& t = st.trials[i];
    if (t.ok() && t.returns.size() >= 4) with_returns.push_back(i);
  }
  r.n_trials = with_returns.size();
  bool have_dsr = false;
  bool have_pbo = false;
  if (!st.has_best() || with_returns.size() < 2) {
    r.notes.push_back("fewer than 2 successful trials returned a return series (outcome::returns "
                      "with >= 4 values): DSR and PBO need them");
  } else {
    const auto& best = st.trials[st.best_index];
    if (best.returns.size() < 4) {
      r.notes.push_back("the best trial returned no return series: no DSR");
    } else {
      std::vector<double> sharpes;
      for (std::size_t i : with_returns) sharpes.push_back(stats::sharpe_statistics(st.trials[i].returns).sr);
      r.winner_sharpe = stats::sharpe_statistics(best.returns).sr;
      r.dsr = stats::deflated_sharpe_ratio(best.returns, sharpes);
      have_dsr = !std::isnan(r.dsr.dsr);
      if (!have_dsr) r.notes.push_back("DSR undefined (zero-variance returns or NaN Sharpe ratios)");
    }
    // PBO over the trials of the most common length.
    const std::size_t len = best.returns.size() >= 4 ? best.returns.size() : st.trials[with_returns[0]].returns.size();
    std::vector<std::size_t> cols;
    for (std::size_t i : with_returns) {
      if (st.trials[i].returns.size() == len) cols.push_back(i);
    }
    if (o.max_pbo_trials != 0 && cols.size() > o.max_pbo_trials) {
      std::stable_sort(cols.begin(), cols.end(), [&](std::size_t a, std::size_t b) {
        return st.trials[a].score > st.trials[b].score;
      });
      cols.resize(o.max_pbo_trials);
      std::sort(cols.begin(), cols.end());
    }
    std::size_t s = std::min<std::size_t>(o.n_chunks, std::min<std::size_t>(len, 62));
    if (s % 2 == 1) --s;
    if (cols.size() < 2 || s < 2) {
      r.notes.push_back("PBO needs at least 2 trials with return series of the same length");
    } else {
      if (s != o.n_chunks) r.notes.push_back("PBO: n_chunks reduced to " + std::to_string(s) + " for T = " + std::to_string(len));
      std::vector<double> data;
      data.reserve(cols.size() * len);
      for (std::size_t i : cols) data.insert(data.end(), st.trials[i].returns.begin(), st.trials[i].returns.end());
      stats::pbo_options po;
      po.n_chunks = s;
      po.threads = o.threads;
      r.pbo = stats::probability_of_backtest_overfitting(data, len, cols.size(), stats::matrix_layout::column_major, po);
      have_pbo = !std::isnan(r.pbo.pbo);
      if (!have_pbo) r.notes.push_back("PBO undefined (NaN in the return series)");
    }
  }
  auto pct = [](double v) { return quantkit::detail::to_text(std::round(v * 1000.0) / 10.0) + "%"; };
  const bool dsr_ok = have_dsr && r.dsr.dsr >= o.min_dsr;
  const bool dsr_bad = have_dsr && r.dsr.dsr < 0.5;
  const bool pbo_ok = have_pbo && r.pbo.pbo <= o.max_pbo;
  const bool pbo_bad = have_pbo && r.pbo.pbo > o.pbo_warn;
  std::string facts;
  if (have_dsr) {
    facts += "the winner's Sharpe ratio has a " + pct(r.dsr.dsr) + " probability of being real after " +
             std::to_string(r.dsr.n_trials) + " trials (deflated Sharpe ratio)";
  }
  if (have_pbo) {
    if (!facts.empty()) facts += "; ";
    facts += "the in-sample best ranks below the median out of sample in " + pct(r.pbo.pbo) +
             " of " + std::to_string(r.pbo.n_splits) + " splits (PBO)";
  }
  if (!have_dsr && !have_pbo) {
    r.verdict = "unknown";
    r.explanation = "no overfitting guard could run: make the objective return its per-period "
                    "returns (outcome::returns)";
  } else if (dsr_bad || pbo_bad) {
    r.verdict = "likely overfit";
    r.explanation = "Do not trust the winner: " + facts + ". Its performance is what the search "
                    "would find by chance; simplify the strategy, shrink the space or add data.";
  } else if ((dsr_ok || !have_dsr) && (pbo_ok || !have_pbo)) {
    r.verdict = "robust";
    r.explanation = "The winner survives the search: " + facts + ".";
  } else {
    r.verdict = "caution";
    r.explanation = "Some evidence of selection bias: " + facts +
                    ". Confirm out of sample (walk-forward) before using it.";
  }
  return r;
}

}  // namespace quantkit::tuning
