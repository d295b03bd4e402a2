// SPDX-License-Identifier: MIT
// quantkit/stats/mann_whitney.hpp - Mann-Whitney U rank test (exact and asymptotic, as scipy)
#pragma once

#include "distributions.hpp"
#include "rank.hpp"
#include "test_result.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::stats {

/// How mann_whitney_u computes the p-value (scipy's `method`).
enum class mwu_method {
  automatic,  ///< exact when min(n1, n2) <= 8 and there are no ties, else asymptotic (scipy 'auto')
  exact,      ///< exact null distribution of U (no tie correction)
  asymptotic  ///< normal approximation with tie-corrected variance
};

struct mann_whitney_options {
  alternative alt = alternative::two_sided;
  mwu_method method = mwu_method::automatic;
  bool use_continuity = true;  ///< subtract 1/2 from |U - mean| (asymptotic method only)
};

/// Mann-Whitney result: `statistic` = U of the first sample, `df` NaN, and the method used.
struct mann_whitney_result {
  double statistic = std::numeric_limits<double>::quiet_NaN();
  double pvalue = std::numeric_limits<double>::quiet_NaN();
  double df = std::numeric_limits<double>::quiet_NaN();
  mwu_method method = mwu_method::asymptotic;
};

namespace detail {

/// P(U <= k) under H0 for sample sizes m, n without ties. The generating function of U is the
/// Gaussian binomial [m+n choose s]_q (s = min(m, n), l = max(m, n)); it is built by
/// [l+i choose i] = [l+i-1 choose i-1] (1 - q^(l+i)) / (1 - q^i), i = 1..s, keeping only the
/// coefficients of degree <= k (every step only reads lower degrees) and dividing by
/// (l+i)/i at each step, so the coefficients are probabilities (no overflow). O(s k).
inline double mwu_exact_cdf(std::size_t k, std::size_t m, std::size_t n) {
  const std::size_t s = std::min(m, n);
  const std::size_t l = std::max(m, n);
  if (k >= s * l) return 1.0;
  std::vector<double> c(k + 1, 0.0);
  c[0] = 1.0;
  for (std::size_t i = 1; i <= s; ++i) {
    const std::size_t shift = l + i;
    for (std::size_t j = k; j >= shift; --j) c[j] -= c[j - shift];
    for (std::size_t j = i; j <= k; ++j) c[j] += c[j - i];
    const double scale = static_cast<double>(i) / static_cast<double>(l + i);
    for (double& v : c) v *= scale;
  }
  double p = 0.0;
  for (double v : c) p += v;
  return std::min(p, 1.0);
}

}  // namespace detail

/// Mann-Whitney U test of H0: x and y come from the same distribution (scipy.stats.mannwhitneyu
/// 1.10). statistic = U1 = R1 - n1 (n1 + 1) / 2, R1 the sum of the average ranks of x in the
/// pooled sample. U = max(U1, U2) two-sided (p doubled), U1 for `greater`, U2 = n1 n2 - U1 for
/// `less`. Asymptotic: z = (U - n1 n2 / 2 - 0.5 [continuity]) / s, s^2 = n1 n2 / 12 ((n + 1) -
/// sum(t^3 - t) / (n (n - 1))), p = sf(z). Exact: p = P(U' >= U) from the exact null distribution
/// (detail::mwu_exact_cdf). automatic = exact iff min(n1, n2) <= 8 and no ties (scipy's rule).
/// NaN or an empty sample gives NaN (scipy raises on empty). O(n log n) + O(min(n1,n2) U) exact.
inline mann_whitney_result mann_whitney_u(std::span<const double> x, std::span<const double> y,
                                          const mann_whitney_options& options = {}) {
  mann_whitney_result r;
  if (x.empty() || y.empty()) return r;
  const std::size_t n1 = x.size();
  const std::size_t n2 = y.size();
  const std::size_t n = n1 + n2;
  std::vector<double> xy(n);
  std::copy(x.begin(), x.end(), xy.begin());
  std::copy(y.begin(), y.end(), xy.begin() + static_cast<std::ptrdiff_t>(n1));
  for (double v : xy) {
    if (std::isnan(v)) return r;
  }
  std::vector<double> ranks(n);
  std::vector<std::size_t> order(n);
  const double tie_term = detail::average_ranks(xy, ranks, order);
  double r1 = 0.0;
  for (std::size_t i = 0; i < n1; ++i) r1 += ranks[i];  // half-integers: the sum is exact
  const double dn1 = static_cast<double>(n1);
  const double dn2 = static_cast<double>(n2);
  const double u1 = r1 - dn1 * (dn1 + 1.0) / 2.0;
  const double u2 = dn1 * dn2 - u1;
  r.statistic = u1;

  double u = std::max(u1, u2);
  double f = 2.0;
  if (options.alt == alternative::greater) {
    u = u1;
    f = 1.0;
  } else if (options.alt == alternative::less) {
    u = u2;
    f = 1.0;
  }

  mwu_method method = options.method;
  if (method == mwu_method::automatic) {
    method = (n1 > 8 && n2 > 8) || tie_term > 0.0 ? mwu_method::asymptotic : mwu_method::exact;
  }
  r.method = method;
  double p = 0.0;
  if (method == mwu_method::exact) {
    // sf(U) = cdf(n1 n2 - U) by symmetry; U is truncated to an integer as scipy's astype(int).
    const std::size_t ui = static_cast<std::size_t>(u);
    p = detail::mwu_exact_cdf(n1 * n2 - ui, n1, n2);
  } else {
    const double mu = dn1 * dn2 / 2.0;
    const double dn = static_cast<double>(n);
    const double s = std::sqrt(dn1 * dn2 / 12.0 * ((dn + 1.0) - tie_term / (dn * (dn - 1.0))));
    double numerator = u - mu;
    if (options.use_continuity) numerator -= 0.5;
    p = normal_sf(numerator / s);
  }
  r.pvalue = detail::clip01(p * f);
  return r;
}

}  // namespace quantkit::stats
