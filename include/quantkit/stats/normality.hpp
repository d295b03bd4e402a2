// SPDX-License-Identifier: MIT
// quantkit/stats/normality.hpp - Jarque-Bera normality test
#pragma once

#include "descriptive.hpp"
#include "distributions.hpp"
#include "test_result.hpp"

#include <cmath>
#include <span>

namespace quantkit::stats {

/// Jarque-Bera test of normality (scipy.stats.jarque_bera): JB = n / 6 (S^2 + (K - 3)^2 / 4) with
/// the biased moments S = m3 / m2^1.5, K = m4 / m2^2; df = 2; p = 1 - chi2.cdf(JB, 2), computed
/// as 1 - cdf exactly as scipy does (so it is 0 once the cdf rounds to 1, e.g. JB > 75). Empty
/// or NaN input gives NaN (scipy raises on empty); constant data gives NaN (0/0). O(n).
inline test_result jarque_bera(std::span<const double> x) {
  test_result r;
  r.df = 2.0;
  if (x.empty()) return r;
  const auto m = moments(x);
  const double n = static_cast<double>(x.size());
  const double skew = m.m3 / std::pow(m.m2, 1.5);
  const double kurt = m.m4 / (m.m2 * m.m2);
  r.statistic = n / 6.0 * (skew * skew + (kurt - 3.0) * (kurt - 3.0) / 4.0);
  r.pvalue = std::isnan(r.statistic) ? r.statistic : 1.0 - chi2_cdf(r.statistic, 2.0);
  return r;
}

}  // namespace quantkit::stats
