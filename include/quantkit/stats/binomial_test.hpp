// SPDX-License-Identifier: MIT
// quantkit/stats/binomial_test.hpp - exact binomial test and proportion confidence intervals
#pragma once

#include "../core/error.hpp"
#include "../math_policy.hpp"
#include "distributions.hpp"
#include "test_result.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace quantkit::stats {

/// Result of binomtest: statistic = k / n, the p-value, df = NaN, and k, n, p echoed.
struct binom_test_result {
  double statistic = std::numeric_limits<double>::quiet_NaN();
  double pvalue = std::numeric_limits<double>::quiet_NaN();
  double df = std::numeric_limits<double>::quiet_NaN();
  std::size_t k = 0;
  std::size_t n = 0;
  double p = std::numeric_limits<double>::quiet_NaN();
};

namespace detail {

using binomial_dist = boost::math::binomial_distribution<double, quantkit::math_policy>;

inline void check_binom_args(std::size_t k, std::size_t n, const char* fn) {
  require(n >= 1, fn, "n", n, "must be >= 1");
  require(k <= n, fn, "k", k, "must be <= n");
}

// Binomial pmf / cdf / sf over all integers (0 outside the support), as scipy's binom.
inline double binom_pmf(const binomial_dist& b, std::int64_t x, std::int64_t n) {
  if (x < 0 || x > n) return 0.0;
  return boost::math::pdf(b, static_cast<double>(x));
}
inline double binom_cdf(const binomial_dist& b, std::int64_t x, std::int64_t n) {
  if (x < 0) return 0.0;
  if (x >= n) return 1.0;
  return boost::math::cdf(b, static_cast<double>(x));
}
inline double binom_sf(const binomial_dist& b, std::int64_t x, std::int64_t n) {
  if (x < 0) return 1.0;
  if (x >= n) return 0.0;
  return boost::math::cdf(boost::math::complement(b, static_cast<double>(x)));
}

}  // namespace detail

/// Exact binomial test of H0: success probability = p, given k successes in n trials
/// (scipy.stats.binomtest 1.10). less: P(X <= k); greater: P(X >= k); two-sided: the total
/// probability of outcomes no more likely than k, pmf(i) <= pmf(k) (1 + 1e-7), found by scipy's
/// binary search on the other side of the mode, capped at 1 (1 when k = n p). Binomial from
/// Boost.Math (as scipy 1.10). Throws invalid_argument for n = 0, k > n, p outside [0, 1].
/// O(log n) distribution calls.
inline binom_test_result binomtest(std::size_t k, std::size_t n, double p = 0.5,
                                   alternative alt = alternative::two_sided) {
  constexpr const char* fn = "quantkit::stats::binomtest";
  detail::check_binom_args(k, n, fn);
  require(p >= 0.0 && p <= 1.0, fn, "p", p, "must be in [0, 1]");
  binom_test_result r;
  r.k = k;
  r.n = n;
  r.p = p;
  r.statistic = static_cast<double>(k) / static_cast<double>(n);
  const detail::binomial_dist b(static_cast<double>(n), p);
  const auto ik = static_cast<std::int64_t>(k);
  const auto in = static_cast<std::int64_t>(n);
  if (alt == alternative::less) {
    r.pvalue = detail::binom_cdf(b, ik, in);
    return r;
  }
  if (alt == alternative::greater) {
    r.pvalue = detail::binom_sf(b, ik - 1, in);
    return r;
  }
  const double d = detail::binom_pmf(b, ik, in);
  const double rerr = 1.0 + 1e-7;
  const double pn = p * static_cast<double>(n);
  // scipy's _binary_search_for_binom_tst: the i in [lo, hi] with a(i) <= target < a(i + 1),
  // for a function a increasing on [lo, hi].
  auto search = [&](auto a, double target, std::int64_t lo, std::int64_t hi) {
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo) / 2;
      const double midval = a(mid);
      if (midval < target) {
        lo = mid + 1;
      } else if (midval > target) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return a(lo) <= target ? lo : lo - 1;
  };
  double pval = 1.0;
  if (static_cast<double>(k) == pn) {
    pval = 1.0;
  } else if (static_cast<double>(k) < pn) {
    const std::int64_t ix = search([&](std::int64_t x) { return -detail::binom_pmf(b, x, in); },
                                   -d * rerr, static_cast<std::int64_t>(std::ceil(pn)), in);
    const std::int64_t y = in - ix + (d * rerr == detail::binom_pmf(b, ix, in) ? 1 : 0);
    pval = detail::binom_cdf(b, ik, in) + detail::binom_sf(b, in - y, in);
  } else {
    const std::int64_t ix = search([&](std::int64_t x) { return detail::binom_pmf(b, x, in); },
                                   d * rerr, 0, static_cast<std::int64_t>(std::floor(pn)));
    const std::int64_t y = ix + 1;
    pval = detail::binom_cdf(b, y - 1, in) + detail::binom_sf(b, ik - 1, in);
  }
  r.pvalue = std::min(1.0, pval);
  return r;
}

/// Confidence-interval methods for a binomial proportion (scipy BinomTestResult.proportion_ci).
enum class proportion_ci_method {
  exact,    ///< Clopper-Pearson: beta quantiles Beta(k, n-k+1) at alpha, Beta(k+1, n-k) at 1-alpha
  wilson,   ///< Wilson score interval
  wilsoncc  ///< Wilson score interval with continuity correction (Newcombe 1998)
};

/// Confidence interval for the success probability from k successes in n trials (scipy 1.10
/// binomtest(k, n, alternative=alt).proportion_ci(confidence, method)). exact: the bounds solve
/// P(X >= k | p) = alpha and P(X <= k | p) = alpha, alpha = (1 - c) / 2 two-sided (1 - c
/// one-sided), i.e. beta quantiles (0 for k = 0, 1 for k = n; scipy finds the same roots with
/// brentq, xtol 2e-12). wilson: center (2 n phat + z^2) / (2 (n + z^2)) -+ z / (2 (n + z^2)) sqrt(4
/// n phat q + z^2), z = Phi^-1((1 + c) / 2) (Phi^-1(c) one-sided); wilsoncc adds Newcombe's
/// continuity correction. less: lower = 0; greater: upper = 1. Throws for n = 0, k > n, c outside
/// (0, 1).
inline interval proportion_ci(std::size_t k, std::size_t n, double confidence = 0.95,
                              proportion_ci_method method = proportion_ci_method::exact,
                              alternative alt = alternative::two_sided) {
  constexpr const char* fn = "quantkit::stats::proportion_ci";
  detail::check_binom_args(k, n, fn);
  detail::check_confidence(confidence, fn);
  const double dk = static_cast<double>(k);
  const double dn = static_cast<double>(n);
  interval r;
  if (method == proportion_ci_method::exact) {
    const double alpha =
        alt == alternative::two_sided ? (1.0 - confidence) / 2.0 : 1.0 - confidence;
    r.lower = 0.0;
    r.upper = 1.0;
    if (alt != alternative::less && k > 0) {
      using beta_dist = boost::math::beta_distribution<double, quantkit::math_policy>;
      r.lower = boost::math::quantile(beta_dist(dk, dn - dk + 1.0), alpha);
    }
    if (alt != alternative::greater && k < n) {
      using beta_dist = boost::math::beta_distribution<double, quantkit::math_policy>;
      r.upper = boost::math::quantile(boost::math::complement(beta_dist(dk + 1.0, dn - dk), alpha));
    }
    return r;
  }
  const double p = dk / dn;
  const double z =
      alt == alternative::two_sided ? normal_ppf(0.5 + 0.5 * confidence) : normal_ppf(confidence);
  const double denom = 2.0 * (dn + z * z);
  const double center = (2.0 * dn * p + z * z) / denom;
  const double q = 1.0 - p;
  if (method == proportion_ci_method::wilsoncc) {
    if (alt == alternative::less || k == 0) {
      r.lower = 0.0;
    } else {
      const double dlo =
          (1.0 + z * std::sqrt(z * z - 2.0 - 1.0 / dn + 4.0 * p * (dn * q + 1.0))) / denom;
      r.lower = center - dlo;
    }
    if (alt == alternative::greater || k == n) {
      r.upper = 1.0;
    } else {
      const double dhi =
          (1.0 + z * std::sqrt(z * z + 2.0 - 1.0 / dn + 4.0 * p * (dn * q - 1.0))) / denom;
      r.upper = center + dhi;
    }
    return r;
  }
  const double delta = z / denom * std::sqrt(4.0 * dn * p * q + z * z);
  r.lower = (alt == alternative::less || k == 0) ? 0.0 : center - delta;
  r.upper = (alt == alternative::greater || k == n) ? 1.0 : center + delta;
  return r;
}

}  // namespace quantkit::stats
