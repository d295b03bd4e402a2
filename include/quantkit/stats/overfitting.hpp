// SPDX-License-Identifier: MIT
// quantkit/stats/overfitting.hpp - probability of backtest overfitting (CSCV)
#pragma once

#include "../core/error.hpp"
#include "../core/parallel.hpp"
#include "correlation.hpp"
#include "detail/sum.hpp"
#include "test_result.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::stats {

/// Memory layout of a T x N matrix of trial returns (T observations, N trials).
enum class matrix_layout {
  row_major,    ///< element (t, j) at data[t * N + j] (one row per observation, as a CSV)
  column_major  ///< element (t, j) at data[j * T + t] (one contiguous column per trial)
};

struct pbo_options {
  std::size_t n_chunks = 16;  ///< S: even, 2 <= S <= min(T, 62)
  double threshold = 0.0;     ///< prob_oos_loss counts OOS metric < threshold
  bool keep_splits = false;   ///< return the per-split records
  std::size_t threads = 1;    ///< worker threads (0 = hardware); never changes results
};

/// One CSCV split: the in-sample chunks (bit c set = chunk c in-sample), the in-sample best trial
/// n*, its out-of-sample rank (1 = worst, average ranks for ties), w_bar = rank / (N + 1), the
/// logit ln(w_bar / (1 - w_bar)) and the in- and out-of-sample metric of n*.
struct pbo_split {
  std::uint64_t is_chunks = 0;
  std::size_t n_star = 0;
  double oos_rank = std::numeric_limits<double>::quiet_NaN();
  double w_bar = std::numeric_limits<double>::quiet_NaN();
  double logit = std::numeric_limits<double>::quiet_NaN();
  double metric_is = std::numeric_limits<double>::quiet_NaN();
  double metric_oos = std::numeric_limits<double>::quiet_NaN();
};

/// Result of probability_of_backtest_overfitting. `logits` are in split order;
/// `n_star_counts[j]` counts the splits where trial j was the in-sample best;
/// `performance_degradation` regresses the OOS metric of n* on its IS metric over the splits.
struct pbo_result {
  double pbo = std::numeric_limits<double>::quiet_NaN();
  double prob_oos_loss = std::numeric_limits<double>::quiet_NaN();
  linregress_result performance_degradation{};
  std::size_t n_splits = 0;
  std::size_t count_le_0 = 0;
  std::size_t rows_dropped = 0;
  std::size_t chunk_rows = 0;
  std::vector<double> logits{};
  std::vector<std::size_t> n_star_counts{};
  std::vector<pbo_split> splits{};
};

namespace detail {

inline double binomial_count(std::size_t n, std::size_t k) noexcept {
  double c = 1.0;
  for (std::size_t i = 1; i <= k; ++i) {
    c = c * static_cast<double>(n - k + i) / static_cast<double>(i);
  }
  return std::round(c);
}

/// The combination of rank `r` (0-based) among the k-subsets of {0..n-1} in lexicographic order
/// (Python itertools.combinations), as sorted indices.
inline void unrank_combination(std::size_t r, std::size_t n, std::size_t k,
                               std::vector<std::size_t>& out) {
  out.resize(k);
  std::size_t next = 0;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t v = next;; ++v) {
      const auto count = static_cast<std::size_t>(binomial_count(n - v - 1, k - i - 1));
      if (r < count) {
        out[i] = v;
        next = v + 1;
        break;
      }
      r -= count;
    }
  }
}

/// Advances sorted indices to the next k-subset of {0..n-1} in lexicographic order.
inline bool next_combination(std::vector<std::size_t>& c, std::size_t n) {
  const std::size_t k = c.size();
  std::size_t i = k;
  while (i > 0) {
    --i;
    if (c[i] < n - k + i) {
      ++c[i];
      for (std::size_t j = i + 1; j < k; ++j) c[j] = c[j - 1] + 1;
      return true;
    }
  }
  return false;
}

/// Per-split outcome from the IS and OOS metric of every trial (n* = first argmax of IS; OOS
/// rank of n* with average ranks for ties). NaN logit when any metric is NaN.
inline pbo_split score_split(std::span<const double> is, std::span<const double> oos) {
  pbo_split s;
  const std::size_t n = is.size();
  bool any_nan = false;
  std::size_t best = 0;
  for (std::size_t j = 0; j < n; ++j) {
    if (std::isnan(is[j]) || std::isnan(oos[j])) any_nan = true;
    if (is[j] > is[best]) best = j;
  }
  s.n_star = best;
  s.metric_is = is[best];
  s.metric_oos = oos[best];
  if (any_nan) return s;
  const double v = oos[best];
  double below = 0.0;
  double ties = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    if (oos[j] < v) below += 1.0;
    if (oos[j] == v && j != best) ties += 1.0;
  }
  s.oos_rank = 1.0 + below + 0.5 * ties;
  s.w_bar = s.oos_rank / (static_cast<double>(n) + 1.0);
  s.logit = std::log(s.w_bar / (1.0 - s.w_bar));
  return s;
}

// Splits are processed in fixed blocks (independent of the thread count); each block unranks
// its first combination and iterates, with its own scratch.
inline constexpr std::size_t pbo_block = 128;

template <class ScoreBlock>
pbo_result run_cscv(std::size_t t_rows, std::size_t n_cols, const pbo_options& o,
                    ScoreBlock&& score_block) {
  pbo_result r;
  const std::size_t s_chunks = o.n_chunks;
  const std::size_t half = s_chunks / 2;
  r.rows_dropped = t_rows % s_chunks;
  r.chunk_rows = t_rows / s_chunks;
  r.n_splits = static_cast<std::size_t>(binomial_count(s_chunks, half));
  std::vector<pbo_split> splits(r.n_splits);
  const std::size_t blocks = (r.n_splits + pbo_block - 1) / pbo_block;
  auto body = [&](std::size_t b) {
    const std::size_t begin = b * pbo_block;
    const std::size_t end = std::min(r.n_splits, begin + pbo_block);
    std::vector<std::size_t> combo;
    unrank_combination(begin, s_chunks, half, combo);
    std::vector<double> is(n_cols);
    std::vector<double> oos(n_cols);
    for (std::size_t k = begin; k < end; ++k) {
      std::uint64_t mask = 0;
      for (std::size_t c : combo) mask |= std::uint64_t{1} << c;
      score_block(mask, std::span<double>(is), std::span<double>(oos));
      splits[k] = score_split(is, oos);
      splits[k].is_chunks = mask;
      next_combination(combo, s_chunks);
    }
  };
  parallel_options po;
  po.threads = o.threads;
  parallel_for(blocks, body, po).rethrow_first_error();

  r.logits.resize(r.n_splits);
  r.n_star_counts.assign(n_cols, 0);
  std::vector<double> xs(r.n_splits);
  std::vector<double> ys(r.n_splits);
  std::size_t loss = 0;
  bool any_nan = false;
  for (std::size_t k = 0; k < r.n_splits; ++k) {
    const auto& s = splits[k];
    r.logits[k] = s.logit;
    if (std::isnan(s.logit)) any_nan = true;
    r.count_le_0 += s.logit <= 0.0 ? 1 : 0;
    loss += s.metric_oos < o.threshold ? 1 : 0;
    ++r.n_star_counts[s.n_star];
    xs[k] = s.metric_is;
    ys[k] = s.metric_oos;
  }
  const double c = static_cast<double>(r.n_splits);
  r.pbo = any_nan ? qnan : static_cast<double>(r.count_le_0) / c;
  r.prob_oos_loss = any_nan ? qnan : static_cast<double>(loss) / c;
  r.performance_degradation = linregress(xs, ys);
  if (o.keep_splits) r.splits = std::move(splits);
  return r;
}

inline void check_pbo_args(std::size_t data_size, std::size_t t_rows, std::size_t n_cols,
                           const pbo_options& o, const char* fn) {
  require(n_cols >= 2, fn, "cols", n_cols, "must be >= 2 (trials)");
  require(data_size == t_rows * n_cols, fn, "returns", data_size, "size must be rows * cols");
  require(o.n_chunks >= 2 && o.n_chunks % 2 == 0, fn, "n_chunks", o.n_chunks,
          "must be even and >= 2");
  require(o.n_chunks <= t_rows, fn, "n_chunks", o.n_chunks, "must be <= rows");
  require(o.n_chunks <= 62, fn, "n_chunks", o.n_chunks, "must be <= 62");
}

/// Per-chunk means and centered sums of squares of every trial, [chunk * N + j]: a split's
/// Sharpe ratios combine them (Chan, Golub & LeVeque's pairwise formula, stable) in O(N S).
struct chunk_moments {
  std::vector<double> mean;
  std::vector<double> m2;
};

}  // namespace detail

/// Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey,
/// Borwein, Lopez de Prado & Zhu, J. of Computational Finance 20(4), 2017; pypbo.pbo). The first
/// T mod S rows are dropped, the rest cut into S chunks of T / S rows in time order; for each of
/// the C(S, S/2) splits, in lexicographic order of the in-sample chunk indices (itertools.
/// combinations), the in-sample set is those chunks in time order and the out-of-sample set the
/// rest. Metric: per-observation Sharpe mean / std(ddof=1) of each trial (pypbo sharpe_iid with
/// factor 1), from per-chunk means and centered sums of squares so a split costs O(N S). Per
/// split: n* = argmax IS metric (first), w_bar = OOS rank of n* (1 = worst, average ranks) /
/// (N + 1), logit = ln(w_bar / (1 - w_bar)). pbo = #(logit <= 0) / C; prob_oos_loss = #(OOS
/// metric of n* < threshold) / C; performance_degradation = linregress(IS, OOS metric of n*).
/// NaN data give NaN pbo. Throws unless rows * cols = returns.size(), cols >= 2 and S is even
/// with 2 <= S <= min(rows, 62). O(T N + C N S).
inline pbo_result probability_of_backtest_overfitting(std::span<const double> returns,
                                                      std::size_t rows, std::size_t cols,
                                                      matrix_layout layout,
                                                      const pbo_options& options = {}) {
  constexpr const char* fn = "quantkit::stats::probability_of_backtest_overfitting";
  detail::check_pbo_args(returns.size(), rows, cols, options, fn);
  auto at = [&](std::size_t t, std::size_t j) {
    return layout == matrix_layout::row_major ? returns[t * cols + j] : returns[j * rows + t];
  };
  const std::size_t s_chunks = options.n_chunks;
  const std::size_t m = rows / s_chunks;
  const std::size_t skip = rows % s_chunks;
  detail::chunk_moments cm;
  cm.mean.resize(s_chunks * cols);
  cm.m2.resize(s_chunks * cols);
  for (std::size_t c = 0; c < s_chunks; ++c) {
    const std::size_t t0 = skip + c * m;
    for (std::size_t j = 0; j < cols; ++j) {
      detail::neumaier_sum s;
      for (std::size_t t = t0; t < t0 + m; ++t) s.add(at(t, j));
      const double mu = s.value() / static_cast<double>(m);
      detail::neumaier_sum s2;
      for (std::size_t t = t0; t < t0 + m; ++t) {
        const double d = at(t, j) - mu;
        s2.add(d * d);
      }
      cm.mean[c * cols + j] = mu;
      cm.m2[c * cols + j] = s2.value();
    }
  }
  const double half_rows = static_cast<double>(m * (s_chunks / 2));
  auto score = [&](std::uint64_t mask, std::span<double> is, std::span<double> oos) {
    for (std::size_t j = 0; j < cols; ++j) {
      // Means of the two halves, then M2 = sum M2_c + m sum (mean_c - mean)^2.
      double sum_in = 0.0;
      double sum_out = 0.0;
      for (std::size_t c = 0; c < s_chunks; ++c) {
        const double v = cm.mean[c * cols + j];
        if ((mask >> c) & 1u) {
          sum_in += v;
        } else {
          sum_out += v;
        }
      }
      const double half = static_cast<double>(s_chunks / 2);
      const double mean_in = sum_in / half;
      const double mean_out = sum_out / half;
      double m2_in = 0.0;
      double m2_out = 0.0;
      double dev_in = 0.0;
      double dev_out = 0.0;
      for (std::size_t c = 0; c < s_chunks; ++c) {
        const double v = cm.mean[c * cols + j];
        if ((mask >> c) & 1u) {
          m2_in += cm.m2[c * cols + j];
          dev_in += (v - mean_in) * (v - mean_in);
        } else {
          m2_out += cm.m2[c * cols + j];
          dev_out += (v - mean_out) * (v - mean_out);
        }
      }
      const double dm = static_cast<double>(m);
      is[j] = mean_in / std::sqrt((m2_in + dm * dev_in) / (half_rows - 1.0));
      oos[j] = mean_out / std::sqrt((m2_out + dm * dev_out) / (half_rows - 1.0));
    }
  };
  return detail::run_cscv(rows, cols, options, score);
}

/// CSCV as above with a caller-supplied metric (any callable span -> double, e.g. an annualized
/// Sharpe or a Calmar ratio, higher = better), evaluated on each trial's in-sample and out-of-
/// sample rows (chunks concatenated in time order). The metric is called 2 N times per split,
/// concurrently from `threads` threads. O(C T N).
template <class Metric>
requires std::invocable<Metric&, std::span<const double>> pbo_result
probability_of_backtest_overfitting(std::span<const double> returns, std::size_t rows,
                                    std::size_t cols, matrix_layout layout, Metric&& metric,
                                    const pbo_options& options = {}) {
  constexpr const char* fn = "quantkit::stats::probability_of_backtest_overfitting";
  detail::check_pbo_args(returns.size(), rows, cols, options, fn);
  auto at = [&](std::size_t t, std::size_t j) {
    return layout == matrix_layout::row_major ? returns[t * cols + j] : returns[j * rows + t];
  };
  const std::size_t s_chunks = options.n_chunks;
  const std::size_t m = rows / s_chunks;
  const std::size_t skip = rows % s_chunks;
  auto score = [&](std::uint64_t mask, std::span<double> is, std::span<double> oos) {
    thread_local std::vector<double> in_buf;
    thread_local std::vector<double> out_buf;
    for (std::size_t j = 0; j < cols; ++j) {
      in_buf.clear();
      out_buf.clear();
      for (std::size_t c = 0; c < s_chunks; ++c) {
        auto& dst = ((mask >> c) & 1u) ? in_buf : out_buf;
        for (std::size_t t = skip + c * m; t < skip + (c + 1) * m; ++t) dst.push_back(at(t, j));
      }
      is[j] = static_cast<double>(metric(std::span<const double>(in_buf)));
      oos[j] = static_cast<double>(metric(std::span<const double>(out_buf)));
    }
  };
  return detail::run_cscv(rows, cols, options, score);
}

/// CSCV over trials given as columns (each of the same length T), default Sharpe metric.
inline pbo_result probability_of_backtest_overfitting(std::span<const std::vector<double>> columns,
                                                      const pbo_options& options = {}) {
  constexpr const char* fn = "quantkit::stats::probability_of_backtest_overfitting";
  require(columns.size() >= 2, fn, "columns", columns.size(), "must be >= 2 (trials)");
  const std::size_t rows = columns[0].size();
  std::vector<double> data;
  data.reserve(rows * columns.size());
  for (const auto& c : columns) {
    require_same_length(fn, "columns[0]", rows, "column", c.size());
    data.insert(data.end(), c.begin(), c.end());
  }
  return probability_of_backtest_overfitting(data, rows, columns.size(),
                                             matrix_layout::column_major, options);
}

}  // namespace quantkit::stats
