// SPDX-License-Identifier: MIT
// quantkit/regression/model_selection.hpp - CV splits (k-fold, shuffled, time series, purged,
// combinatorial purged) and cross_val_score
#pragma once

#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "metrics.hpp"
#include "model.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::regression {

/// One train/test split: row indices in increasing order.
struct split {
  std::vector<std::size_t> train;
  std::vector<std::size_t> test;
};

namespace detail {
inline void check_folds(std::string_view fn, std::size_t n, std::size_t k) {
  require(k >= 2, fn, "n_splits", k, "must be >= 2");
  if (n < k) {
    throw_invalid_argument(fn, "n",
                           "needs at least n_splits = " + std::to_string(k) + " rows", n);
  }
}
/// Contiguous fold bounds of KFold: the first n % k folds have n / k + 1 rows.
inline std::vector<std::size_t> fold_bounds(std::size_t n, std::size_t k) {
  std::vector<std::size_t> b(k + 1, 0);
  for (std::size_t f = 0; f < k; ++f) b[f + 1] = b[f] + n / k + (f < n % k ? 1 : 0);
  return b;
}
}  // namespace detail

/// K-fold splits of rows 0..n-1 into k contiguous folds, in order; fold f is the test set of
/// split f. Convention: scikit-learn KFold(n_splits=k, shuffle=False) (first n % k folds one row
/// larger). Errors: k >= 2, n >= k (invalid_argument). O(n k).
[[nodiscard]] inline std::vector<split> kfold(std::size_t n, std::size_t k) {
  detail::check_folds("quantkit::regression::kfold", n, k);
  const auto b = detail::fold_bounds(n, k);
  std::vector<split> out(k);
  for (std::size_t f = 0; f < k; ++f) {
    for (std::size_t i = 0; i < n; ++i) {
      (i >= b[f] && i < b[f + 1] ? out[f].test : out[f].train).push_back(i);
    }
  }
  return out;
}

/// Shuffled k-fold: rows are permuted with quantkit::rng(seed) (Fisher-Yates with unbiased
/// uniform_index), then cut into k folds as kfold; each fold's indices are returned sorted.
/// Same fold sizes as scikit-learn KFold(shuffle=True), but a different permutation for a given
/// seed (numpy's generator is not reproduced). Deterministic for a seed on every platform.
[[nodiscard]] inline std::vector<split> shuffled_kfold(std::size_t n, std::size_t k,
                                                       std::uint64_t seed) {
  detail::check_folds("quantkit::regression::shuffled_kfold", n, k);
  std::vector<std::size_t> perm(n);
  std::iota(perm.begin(), perm.end(), std::size_t{0});
  rng g(seed);
  for (std::size_t i = n; i > 1; --i) {
    const auto j = static_cast<std::size_t>(uniform_index(g, i));
    std::swap(perm[i - 1], perm[j]);
  }
  const auto b = detail::fold_bounds(n, k);
  std::vector<split> out(k);
  for (std::size_t f = 0; f < k; ++f) {
    std::vector<char> in_test(n, 0);
    for (std::size_t t = b[f]; t < b[f + 1]; ++t) in_test[perm[t]] = 1;
    for (std::size_t i = 0; i < n; ++i) (in_test[i] ? out[f].test : out[f].train).push_back(i);
  }
  return out;
}

/// Options of time_series_splits (scikit-learn TimeSeriesSplit parameters).
struct time_series_options {
  std::size_t n_splits = 5;
  std::size_t max_train_size = 0;  ///< 0 = unlimited (expanding window)
  std::size_t test_size = 0;       ///< 0 = n / (n_splits + 1)
  std::size_t gap = 0;             ///< rows dropped between the end of train and the test block
};

/// Expanding-window splits for time-ordered rows: test blocks of test_size rows end at n, the
/// i-th starts at n - (n_splits - i) test_size; train is every earlier row up to gap rows before
/// the test block (the last max_train_size of them if set). Convention: scikit-learn 1.2
/// TimeSeriesSplit. Errors: n_splits >= 2; n - gap must leave room for n_splits test blocks and
/// a non-empty first train set (invalid_argument). O(n n_splits).
[[nodiscard]] inline std::vector<split> time_series_splits(std::size_t n,
                                                           const time_series_options& o = {}) {
  constexpr std::string_view fn = "quantkit::regression::time_series_splits";
  require(o.n_splits >= 2, fn, "n_splits", o.n_splits, "must be >= 2");
  const std::size_t folds = o.n_splits + 1;
  const std::size_t test_size = o.test_size > 0 ? o.test_size : n / folds;
  if (folds > n) throw_invalid_argument(fn, "n", "needs at least n_splits + 1 rows", n);
  if (test_size == 0 || n < o.gap + test_size * o.n_splits + 1) {
    throw_invalid_argument(fn, "n",
                           "is too small for " + std::to_string(o.n_splits) +
                               " test blocks of " + std::to_string(test_size) + " rows, gap " +
                               std::to_string(o.gap) + " and a non-empty first training set",
                           n);
  }
  std::vector<split> out;
  for (std::size_t s = 0; s < o.n_splits; ++s) {
    const std::size_t test_start = n - (o.n_splits - s) * test_size;
    const std::size_t train_end = test_start - o.gap;
    const std::size_t train_start =
        o.max_train_size > 0 && train_end > o.max_train_size ? train_end - o.max_train_size : 0;
    split sp;
    for (std::size_t i = train_start; i < train_end; ++i) sp.train.push_back(i);
    for (std::size_t i = test_start; i < test_start + test_size; ++i) sp.test.push_back(i);
    out.push_back(std::move(sp));
  }
  return out;
}

namespace detail {
/// Label ends of rows 0..n-1 when every label looks `horizon` rows ahead (capped at n - 1).
inline std::vector<std::size_t> horizon_ends(std::size_t n, std::size_t horizon) {
  std::vector<std::size_t> e(n);
  for (std::size_t i = 0; i < n; ++i) e[i] = std::min(n - 1, i + horizon);
  return e;
}
inline void check_label_end(std::string_view fn, std::span<const std::size_t> label_end) {
  for (std::size_t i = 0; i < label_end.size(); ++i) {
    if (label_end[i] < i || label_end[i] >= label_end.size()) {
      QUANTKIT_THROW(data_error(i, "label_end",
                                std::string(fn) + ": label_end[" + std::to_string(i) +
                                    "] must be in [" + std::to_string(i) + ", n - 1] (got " +
                                    std::to_string(label_end[i]) + ")"));
    }
  }
}
/// Training rows for a test set made of the row blocks [lo_b, hi_b): a row j outside every block
/// is kept unless its label window [j, label_end[j]] overlaps some block's window
/// [lo_b, max label_end in block] (purging), or it starts within `embargo` rows after that window's
/// end (embargo). Lopez de Prado (2018), Advances in Financial Machine Learning, ch. 7.
inline std::vector<std::size_t> purged_train(std::span<const std::size_t> label_end,
                                             const std::vector<std::pair<std::size_t, std::size_t>>& blocks,
                                             std::size_t embargo) {
  const std::size_t n = label_end.size();
  std::vector<char> drop(n, 0);
  for (const auto& [lo, hi] : blocks) {
    std::size_t t1 = lo;
    for (std::size_t i = lo; i < hi; ++i) {
      drop[i] = 1;
      t1 = std::max(t1, label_end[i]);
    }
    for (std::size_t j = 0; j < n; ++j) {
      if (drop[j]) continue;
      const bool overlaps = j <= t1 && label_end[j] >= lo;
      const bool embargoed = j > t1 && j <= t1 + embargo;
      if (overlaps || embargoed) drop[j] = 1;
    }
  }
  std::vector<std::size_t> train;
  for (std::size_t j = 0; j < n; ++j)
    if (!drop[j]) train.push_back(j);
  return train;
}
}  // namespace detail

/// Purged k-fold with embargo for labels that span several rows (Lopez de Prado 2018, ch. 7):
/// contiguous, unshuffled folds as kfold; from each training set, rows whose label window
/// [i, label_end[i]] overlaps the test fold's window are purged, and the `embargo` rows following
/// the test window are dropped too. label_end[i] is the last row whose information the label of
/// row i uses (label_end[i] >= i; i for same-bar labels). Errors: as kfold; label_end entries must
/// be in [i, n - 1] (data_error). O(n k).
[[nodiscard]] inline std::vector<split> purged_kfold(std::span<const std::size_t> label_end,
                                                     std::size_t k, std::size_t embargo = 0) {
  constexpr std::string_view fn = "quantkit::regression::purged_kfold";
  const std::size_t n = label_end.size();
  detail::check_folds(fn, n, k);
  detail::check_label_end(fn, label_end);
  const auto b = detail::fold_bounds(n, k);
  std::vector<split> out(k);
  for (std::size_t f = 0; f < k; ++f) {
    for (std::size_t i = b[f]; i < b[f + 1]; ++i) out[f].test.push_back(i);
    out[f].train = detail::purged_train(label_end, {{b[f], b[f + 1]}}, embargo);
  }
  return out;
}

/// purged_kfold for labels that each look `horizon` rows ahead (label_end[i] = min(i + horizon,
/// n - 1)).
[[nodiscard]] inline std::vector<split> purged_kfold(std::size_t n, std::size_t k,
                                                     std::size_t horizon, std::size_t embargo) {
  const auto e = detail::horizon_ends(n, horizon);
  return purged_kfold(std::span<const std::size_t>(e), k, embargo);
}

/// Embargo length in rows for a fraction of the sample, ceil(fraction n) (Lopez de Prado's
/// pct_embargo, rounded up so any positive fraction embargoes at least one row).
[[nodiscard]] inline std::size_t embargo_rows(std::size_t n, double fraction) {
  require(fraction >= 0.0 && fraction < 1.0, "quantkit::regression::embargo_rows", "fraction",
          fraction, "must be in [0, 1)");
  return static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(n)));
}

/// Combinatorial purged cross-validation (Lopez de Prado 2018, ch. 12): the rows are cut into
/// n_groups contiguous groups (kfold sizes); every choice of n_test_groups groups (in
/// lexicographic order) is one split whose test set is those groups, with purging and embargo
/// applied around each test group. `test_groups[s]` lists the groups of split s.
struct cpcv_result {
  std::vector<split> splits;
  std::vector<std::vector<std::size_t>> test_groups;
  std::size_t n_groups = 0;
  /// Number of backtest paths, n_test_groups / n_groups * C(n_groups, n_test_groups).
  std::size_t n_paths = 0;
  /// paths[p][g] = index of the split whose test predictions fill group g on path p: path p uses,
  /// for each group, the (p+1)-th split (in split order) that tests that group.
  std::vector<std::vector<std::size_t>> paths;
};

/// Builds the CPCV splits. Errors: 1 <= n_test_groups < n_groups, n >= n_groups, label_end as
/// purged_kfold (invalid_argument / data_error). O(n C(N, k) k).
[[nodiscard]] inline cpcv_result combinatorial_purged_cv(std::span<const std::size_t> label_end,
                                                         std::size_t n_groups,
                                                         std::size_t n_test_groups,
                                                         std::size_t embargo = 0) {
  constexpr std::string_view fn = "quantkit::regression::combinatorial_purged_cv";
  const std::size_t n = label_end.size();
  detail::check_folds(fn, n, n_groups);
  require(n_test_groups >= 1 && n_test_groups < n_groups, fn, "n_test_groups", n_test_groups,
          "must be in [1, n_groups - 1]");
  detail::check_label_end(fn, label_end);
  const auto b = detail::fold_bounds(n, n_groups);
  cpcv_result res;
  res.n_groups = n_groups;
  std::vector<std::size_t> comb(n_test_groups);
  std::iota(comb.begin(), comb.end(), std::size_t{0});
  for (;;) {
    split sp;
    std::vector<std::pair<std::size_t, std::size_t>> blocks;
    for (const std::size_t g : comb) {
      blocks.emplace_back(b[g], b[g + 1]);
      for (std::size_t i = b[g]; i < b[g + 1]; ++i) sp.test.push_back(i);
    }
    sp.train = detail::purged_train(label_end, blocks, embargo);
    res.splits.push_back(std::move(sp));
    res.test_groups.push_back(comb);
    // next combination in lexicographic order
    std::size_t i = n_test_groups;
    while (i > 0 && comb[i - 1] == n_groups - n_test_groups + (i - 1)) --i;
    if (i == 0) break;
    ++comb[i - 1];
    for (std::size_t j = i; j < n_test_groups; ++j) comb[j] = comb[j - 1] + 1;
  }
  res.n_paths = res.splits.size() * n_test_groups / n_groups;
  res.paths.assign(res.n_paths, std::vector<std::size_t>(n_groups, 0));
  for (std::size_t g = 0; g < n_groups; ++g) {
    std::size_t p = 0;
    for (std::size_t s = 0; s < res.splits.size(); ++s) {
      const auto& tg = res.test_groups[s];
      if (std::find(tg.begin(), tg.end(), g) != tg.end()) res.paths[p++][g] = s;
    }
  }
  return res;
}

/// combinatorial_purged_cv with labels looking `horizon` rows ahead.
[[nodiscard]] inline cpcv_result combinatorial_purged_cv(std::size_t n, std::size_t n_groups,
                                                         std::size_t n_test_groups,
                                                         std::size_t horizon, std::size_t embargo) {
  const auto e = detail::horizon_ends(n, horizon);
  return combinatorial_purged_cv(std::span<const std::size_t>(e), n_groups, n_test_groups, embargo);
}

namespace detail {
inline Eigen::MatrixXd take_rows(const mat_cref& X, const std::vector<std::size_t>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), X.cols());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.row(static_cast<Eigen::Index>(i)) = X.row(static_cast<Eigen::Index>(rows[i]));
  return out;
}
inline Eigen::VectorXd take(const vec_cref& y, const std::vector<std::size_t>& rows) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    out[static_cast<Eigen::Index>(i)] = y[static_cast<Eigen::Index>(rows[i])];
  return out;
}
inline void check_splits(std::string_view fn, const std::vector<split>& splits, Eigen::Index n) {
  if (splits.empty()) throw_invalid_argument(fn, "splits", "must not be empty", 0);
  for (std::size_t s = 0; s < splits.size(); ++s) {
    if (splits[s].train.empty() || splits[s].test.empty()) {
      throw_invalid_argument(fn, "splits",
                             "split " + std::to_string(s) + " has an empty train or test set");
    }
    for (const auto* v : {&splits[s].train, &splits[s].test}) {
      for (const std::size_t i : *v) {
        if (i >= static_cast<std::size_t>(n)) {
          throw_invalid_argument(fn, "splits",
                                 "split " + std::to_string(s) + " refers to row " +
                                     std::to_string(i) + " but X has " + std::to_string(n) + " rows");
        }
      }
    }
  }
}
}  // namespace detail

/// Result of cross_val_score: one score and one fit report per split, in split order.
struct cv_result {
  std::vector<double> scores;
  std::vector<fit_report> reports;
  [[nodiscard]] double mean() const {
    double s = 0.0;
    for (const double v : scores) s += v;
    return s / static_cast<double>(scores.size());
  }
  /// Population standard deviation of the scores (numpy's std, as scikit-learn examples print).
  [[nodiscard]] double stddev() const {
    const double m = mean();
    double s = 0.0;
    for (const double v : scores) s += (v - m) * (v - m);
    return std::sqrt(s / static_cast<double>(scores.size()));
  }
};

/// Fits a copy of `model` on each split's training rows and scores its predictions on the test
/// rows (greater is better, see score_kind). Splits run in parallel on options.threads threads
/// (core/parallel.hpp); each is independent, so the result is identical for any thread count.
/// A split whose fit fails (fit_status::failed) scores NaN; an exception in one split is rethrown
/// after all splits ran (the lowest failing split's). Errors: check_fit_inputs on (X, y), splits
/// non-empty with in-range rows (invalid_argument). Cost: the sum of the split fits.
template <regressor M>
[[nodiscard]] cv_result cross_val_score(const M& model, const detail::mat_cref& X,
                                        const detail::vec_cref& y, const std::vector<split>& splits,
                                        score_kind kind = score_kind::r2,
                                        const parallel_options& options = {}) {
  constexpr std::string_view fn = "quantkit::regression::cross_val_score";
  detail::check_fit_inputs(fn, X, y, 2);
  detail::check_splits(fn, splits, X.rows());
  struct fold_out {
    double score = 0.0;
    fit_report report;
  };
  auto run = [&](std::size_t s) {
    M m = model;
    fold_out o;
    o.report = m.fit(detail::take_rows(X, splits[s].train), detail::take(y, splits[s].train));
    if (o.report.status == fit_status::failed || !m.fitted()) {
      o.score = std::numeric_limits<double>::quiet_NaN();
    } else {
      o.score = score(kind, detail::take(y, splits[s].test),
                      m.predict(detail::take_rows(X, splits[s].test)));
    }
    return o;
  };
  auto res = parallel_map(splits.size(), run, options);
  res.report.rethrow_first_error();
  cv_result out;
  for (auto& v : res.values) {
    if (!v) {  // skipped by cancellation
      out.scores.push_back(std::numeric_limits<double>::quiet_NaN());
      out.reports.push_back({fit_status::failed, 0, "cancelled before this split ran"});
      continue;
    }
    out.scores.push_back(v->score);
    out.reports.push_back(std::move(v->report));
  }
  return out;
}

}  // namespace quantkit::regression
