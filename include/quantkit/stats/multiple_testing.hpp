// SPDX-License-Identifier: MIT
// quantkit/stats/multiple_testing.hpp - p-value adjustments for multiple comparisons
#pragma once

#include "../core/error.hpp"
#include "detail/sum.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

namespace quantkit::stats {

/// Multiple-testing procedures (statsmodels.stats.multitest.multipletests `method`).
enum class multitest_method {
  bonferroni,      ///< 'bonferroni': p m
  sidak,           ///< 'sidak': 1 - (1 - p)^m
  holm_sidak,      ///< 'holm-sidak': step-down 1 - (1 - p_(i))^(m - i + 1), running maximum
  holm,            ///< 'holm': step-down p_(i) (m - i + 1), running maximum
  simes_hochberg,  ///< 'simes-hochberg': step-up p_(i) (m - i + 1), running minimum from the top
  hommel,          ///< 'hommel': Hommel's closed-testing procedure (statsmodels' loop)
  fdr_bh,          ///< 'fdr_bh': Benjamini-Hochberg p_(i) m / i, running minimum from the top
  fdr_by           ///< 'fdr_by': Benjamini-Yekutieli, BH times sum_{k<=m} 1/k
};

/// Result of multipletests, in the input order: rejections at alpha, adjusted p-values (capped at
/// 1), and the Sidak and Bonferroni per-test levels 1 - (1 - alpha)^(1/m) and alpha / m.
struct multitest_result {
  std::vector<bool> reject{};
  std::vector<double> pvals_corrected{};
  double alpha_sidak = std::numeric_limits<double>::quiet_NaN();
  double alpha_bonferroni = std::numeric_limits<double>::quiet_NaN();
};

/// Adjusted p-values and rejections for m simultaneous tests (statsmodels 0.13.5
/// multipletests(p, alpha, method), is_sorted=False, returnsorted=False). The p-values are
/// sorted ascending (stable: tied p-values keep their input order, and their adjusted values are
/// equal), adjusted as the method says (see multitest_method; the step-down methods reject up to
/// the first non-rejection, the step-up ones up to the last rejection), capped at 1 and returned
/// in input order. Empty input gives empty vectors and NaN levels. Throws invalid_argument for a
/// p-value outside [0, 1] (or NaN) and alpha outside (0, 1). O(m log m) (Hommel O(m^2)).
inline multitest_result multipletests(std::span<const double> pvalues, double alpha = 0.05,
                                      multitest_method method = multitest_method::holm_sidak) {
  constexpr const char* fn = "quantkit::stats::multipletests";
  require(alpha > 0.0 && alpha < 1.0, fn, "alpha", alpha, "must be in (0, 1)");
  for (double p : pvalues) require(p >= 0.0 && p <= 1.0, fn, "pvalues", p, "must be in [0, 1]");
  multitest_result r;
  const std::size_t m = pvalues.size();
  if (m == 0) return r;
  const double dm = static_cast<double>(m);
  r.alpha_sidak = 1.0 - std::pow(1.0 - alpha, 1.0 / dm);
  r.alpha_bonferroni = alpha / dm;

  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return pvalues[a] < pvalues[b]; });
  std::vector<double> p(m);
  for (std::size_t i = 0; i < m; ++i) p[i] = pvalues[order[i]];
  std::vector<double> adj(m);
  std::vector<bool> rej(m, false);

  // Step-down rejection: reject while p_(i) <= level(i), stop at the first failure.
  auto step_down = [&](auto level) {
    for (std::size_t i = 0; i < m; ++i) {
      if (p[i] > level(i)) break;
      rej[i] = true;
    }
  };
  // Step-up rejection: reject everything up to the last i with p_(i) <= level(i).
  auto step_up = [&](auto level) {
    std::size_t last = m;
    for (std::size_t i = 0; i < m; ++i) {
      if (p[i] <= level(i)) last = i;
    }
    if (last < m) {
      for (std::size_t i = 0; i <= last; ++i) rej[i] = true;
    }
  };
  auto running_max = [&]() {
    for (std::size_t i = 1; i < m; ++i) adj[i] = std::max(adj[i], adj[i - 1]);
  };
  auto running_min_from_top = [&]() {
    for (std::size_t i = m - 1; i > 0; --i) adj[i - 1] = std::min(adj[i - 1], adj[i]);
  };
  // k(i) = m - i: the multiplier of the i-th smallest p-value (0-based) in Holm-type methods.
  auto k = [&](std::size_t i) { return static_cast<double>(m - i); };

  switch (method) {
    case multitest_method::bonferroni:
      for (std::size_t i = 0; i < m; ++i) {
        rej[i] = p[i] <= r.alpha_bonferroni;
        adj[i] = p[i] * dm;
      }
      break;
    case multitest_method::sidak:
      for (std::size_t i = 0; i < m; ++i) {
        rej[i] = p[i] <= r.alpha_sidak;
        adj[i] = -std::expm1(dm * std::log1p(-p[i]));
      }
      break;
    case multitest_method::holm_sidak:
      step_down([&](std::size_t i) { return 1.0 - std::pow(1.0 - alpha, 1.0 / k(i)); });
      for (std::size_t i = 0; i < m; ++i) adj[i] = -std::expm1(k(i) * std::log1p(-p[i]));
      running_max();
      break;
    case multitest_method::holm:
      step_down([&](std::size_t i) { return alpha / k(i); });
      for (std::size_t i = 0; i < m; ++i) adj[i] = p[i] * k(i);
      running_max();
      break;
    case multitest_method::simes_hochberg:
      step_up([&](std::size_t i) { return alpha / k(i); });
      for (std::size_t i = 0; i < m; ++i) adj[i] = k(i) * p[i];
      running_min_from_top();
      break;
    case multitest_method::hommel: {
      // statsmodels' loop over subset sizes mm = m..2 on the sorted p-values.
      adj = p;
      for (std::size_t mm = m; mm >= 2; --mm) {
        const double dmm = static_cast<double>(mm);
        double cim = std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < mm; ++j) {
          cim = std::min(cim, dmm * p[m - mm + j] / static_cast<double>(j + 1));
        }
        for (std::size_t i = m - mm; i < m; ++i) adj[i] = std::max(adj[i], cim);
        for (std::size_t i = 0; i < m - mm; ++i)
          adj[i] = std::max(adj[i], std::min(dmm * p[i], cim));
      }
      for (std::size_t i = 0; i < m; ++i) rej[i] = adj[i] <= alpha;
      break;
    }
    case multitest_method::fdr_bh:
    case multitest_method::fdr_by: {
      double cm = 1.0;
      if (method == multitest_method::fdr_by) {
        detail::neumaier_sum s;
        for (std::size_t i = 1; i <= m; ++i) s.add(1.0 / static_cast<double>(i));
        cm = s.value();
      }
      // ecdf factor i/m (divided by cm for BY), as statsmodels' fdrcorrection.
      auto factor = [&](std::size_t i) {
        const double f = static_cast<double>(i + 1) / dm;
        return method == multitest_method::fdr_by ? f / cm : f;
      };
      step_up([&](std::size_t i) { return factor(i) * alpha; });
      for (std::size_t i = 0; i < m; ++i) adj[i] = p[i] / factor(i);
      running_min_from_top();
      break;
    }
  }
  r.reject.assign(m, false);
  r.pvals_corrected.assign(m, 0.0);
  for (std::size_t i = 0; i < m; ++i) {
    r.pvals_corrected[order[i]] = std::min(adj[i], 1.0);
    r.reject[order[i]] = rej[i];
  }
  return r;
}

}  // namespace quantkit::stats
