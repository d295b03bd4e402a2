// SPDX-License-Identifier: MIT
// quantkit/stats/chi_square.hpp - chi-square / G goodness of fit and contingency-table tests
#pragma once

#include "../core/error.hpp"
#include "detail/sum.hpp"
#include "distributions.hpp"
#include "test_result.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::stats {

/// Cressie-Read lambda of Pearson's chi-square statistic (scipy lambda_="pearson").
inline constexpr double pearson_lambda = 1.0;
/// Cressie-Read lambda of the G-test / log-likelihood ratio (scipy lambda_="log-likelihood").
inline constexpr double log_likelihood_lambda = 0.0;

namespace detail {

inline void check_counts(std::span<const double> counts, const char* function,
                         const char* parameter) {
  for (double c : counts) {
    require(std::isfinite(c) && c >= 0.0, function, parameter, c,
            "must hold finite non-negative counts");
  }
}

// One term of the Cressie-Read power divergence (scipy.stats.power_divergence).
inline double divergence_term(double o, double e, double lambda) noexcept {
  if (lambda == 1.0) return (o - e) * (o - e) / e;
  if (lambda == 0.0) return o == 0.0 ? 0.0 : 2.0 * o * std::log(o / e);  // 2 xlogy(o, o/e)
  if (lambda == -1.0) return 2.0 * e * std::log(e / o);                  // 2 xlogy(e, e/o)
  return o * (std::pow(o / e, lambda) - 1.0) / (0.5 * lambda * (lambda + 1.0));
}

inline test_result power_divergence_impl(std::span<const double> observed,
                                         std::span<const double> expected, double ddof,
                                         double lambda) {
  test_result r;
  neumaier_sum s;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    s.add(divergence_term(observed[i], expected[i], lambda));
  }
  r.statistic = s.value();
  r.df = static_cast<double>(observed.size()) - 1.0 - ddof;
  r.pvalue = r.df > 0.0 ? chi2_sf(r.statistic, r.df) : qnan;
  return r;
}

}  // namespace detail

/// Cressie-Read power-divergence goodness-of-fit test (scipy.stats.power_divergence):
/// statistic = sum 2 / (lambda (lambda + 1)) o ((o / e)^lambda - 1) (lambda = 1: Pearson's
/// sum (o - e)^2 / e; lambda = 0: G = 2 sum o ln(o / e)), df = k - 1 - ddof, p = chi2.sf. With an
/// empty `expected` every expected count is the mean observed count. Throws invalid_argument for
/// an empty table, negative or non-finite counts, non-positive expected counts, mismatched
/// lengths or sums that differ by more than 1e-8 relative (scipy raises too). df <= 0 (ddof too
/// large) gives a NaN p-value. O(k).
inline test_result power_divergence(std::span<const double> observed,
                                    std::span<const double> expected = {}, std::size_t ddof = 0,
                                    double lambda = pearson_lambda) {
  constexpr const char* fn = "quantkit::stats::power_divergence";
  require(!observed.empty(), fn, "observed", observed.size(), "must not be empty (size)");
  require(std::isfinite(lambda), fn, "lambda", lambda, "must be finite");
  detail::check_counts(observed, fn, "observed");
  const double total = detail::sum(observed);
  std::vector<double> e;
  if (expected.empty()) {
    e.assign(observed.size(), total / static_cast<double>(observed.size()));
  } else {
    require_same_length(fn, "observed", observed.size(), "expected", expected.size());
    for (double v : expected) {
      require(std::isfinite(v) && v > 0.0, fn, "expected", v, "must hold finite positive counts");
    }
    e.assign(expected.begin(), expected.end());
    const double etotal = detail::sum(expected);
    require(std::fabs(total - etotal) <= 1e-8 * std::min(total, etotal), fn, "expected", etotal,
            "must have the same sum as observed (relative tolerance 1e-8)");
  }
  return detail::power_divergence_impl(observed, e, static_cast<double>(ddof), lambda);
}

/// Pearson's chi-square goodness-of-fit test (scipy.stats.chisquare): power_divergence with
/// lambda = 1. Same rules and throws.
inline test_result chisquare(std::span<const double> observed,
                             std::span<const double> expected = {}, std::size_t ddof = 0) {
  return power_divergence(observed, expected, ddof, pearson_lambda);
}

struct contingency_options {
  bool correction = true;          ///< Yates' continuity correction, applied only when dof = 1
  double lambda = pearson_lambda;  ///< Cressie-Read lambda (log_likelihood_lambda: G-test)
};

/// Result of chi2_contingency: statistic, p-value, df = (rows - 1)(cols - 1), and the expected
/// frequencies under independence, row-major.
struct contingency_result {
  double statistic = std::numeric_limits<double>::quiet_NaN();
  double pvalue = std::numeric_limits<double>::quiet_NaN();
  double df = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> expected_freq{};
};

/// Test of independence in a rows x cols contingency table given row-major
/// (scipy.stats.chi2_contingency): expected e_ij = row_i col_j / total, df = (r - 1)(c - 1);
/// df = 0 gives statistic 0 and p-value 1; when df = 1 and `correction`, each observed count
/// moves towards its expected count by min(1/2, |e - o|) (Yates); then power_divergence with
/// `lambda`. Throws invalid_argument unless rows, cols >= 1 and table.size() = rows cols, for
/// negative or non-finite counts, and for a zero expected frequency (an all-zero row or column).
/// O(rows cols).
inline contingency_result chi2_contingency(std::span<const double> table, std::size_t rows,
                                           std::size_t cols,
                                           const contingency_options& options = {}) {
  constexpr const char* fn = "quantkit::stats::chi2_contingency";
  require(rows >= 1, fn, "rows", rows, "must be >= 1");
  require(cols >= 1, fn, "cols", cols, "must be >= 1");
  require(table.size() == rows * cols, fn, "table", table.size(), "size must be rows * cols");
  require(std::isfinite(options.lambda), fn, "lambda", options.lambda, "must be finite");
  detail::check_counts(table, fn, "table");
  std::vector<double> row_sum(rows, 0.0);
  std::vector<double> col_sum(cols, 0.0);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      row_sum[i] += table[i * cols + j];
      col_sum[j] += table[i * cols + j];
    }
  }
  const double total = detail::sum(table);
  contingency_result r;
  r.expected_freq.resize(rows * cols);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      const double e = row_sum[i] * col_sum[j] / total;
      require(e > 0.0, fn, "table", e, "has a zero expected frequency (an all-zero row or column)");
      r.expected_freq[i * cols + j] = e;
    }
  }
  const std::size_t dof = (rows - 1) * (cols - 1);
  r.df = static_cast<double>(dof);
  if (dof == 0) {
    r.statistic = 0.0;
    r.pvalue = 1.0;
    return r;
  }
  std::vector<double> obs(table.begin(), table.end());
  if (dof == 1 && options.correction) {
    for (std::size_t k = 0; k < obs.size(); ++k) {
      const double diff = r.expected_freq[k] - obs[k];
      const double direction = diff > 0.0 ? 1.0 : (diff < 0.0 ? -1.0 : 0.0);
      obs[k] += std::min(0.5, std::fabs(diff)) * direction;
    }
  }
  const auto t = detail::power_divergence_impl(
      obs, r.expected_freq, static_cast<double>(obs.size() - 1 - dof), options.lambda);
  r.statistic = t.statistic;
  r.pvalue = t.pvalue;
  return r;
}

}  // namespace quantkit::stats
