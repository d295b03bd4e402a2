// SPDX-License-Identifier: MIT
// quantkit/stats/ks_test.hpp - one- and two-sample Kolmogorov-Smirnov tests (scipy.stats 1.10)
#pragma once

#include "../core/error.hpp"
#include "../math_policy.hpp"
#include "distributions.hpp"
#include "kolmogorov.hpp"
#include "test_result.hpp"

#include <boost/math/special_functions/beta.hpp>

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

namespace quantkit::stats {

/// How a Kolmogorov-Smirnov test computes its p-value (scipy's `method`).
enum class ks_method {
  automatic,  ///< one sample: exact; two samples: exact if max(n1, n2) <= 10000 (scipy 'auto')
  exact,      ///< exact distribution (kstwo, or lattice-path counting for two samples)
  asymptotic  ///< limiting distribution (kstwobign; Hodges' formula for one-sided two-sample)
};

struct ks_options {
  alternative alt = alternative::two_sided;
  ks_method method = ks_method::automatic;
};

/// Kolmogorov-Smirnov result (scipy's KstestResult): the statistic D, its p-value, df = NaN,
/// the data value where D is attained and its sign (+1: D+ / ECDF of x above, -1: D-), and the
/// method actually used (exact falls back to asymptotic when the exact count fails, as scipy).
struct ks_result {
  double statistic = std::numeric_limits<double>::quiet_NaN();
  double pvalue = std::numeric_limits<double>::quiet_NaN();
  double df = std::numeric_limits<double>::quiet_NaN();
  double statistic_location = std::numeric_limits<double>::quiet_NaN();
  int statistic_sign = 0;
  ks_method method = ks_method::exact;
};

/// One-sample Kolmogorov-Smirnov test of H0: x ~ F for a caller-supplied cdf F (any callable
/// double -> double) (scipy.stats.ks_1samp / kstest(x, cdf)). With x sorted and c_i = F(x_i):
/// D+ = max((i+1)/n - c_i), D- = max(c_i - i/n) (first maximum). two_sided: D = max(D+, D-)
/// (D- on a tie), p = kstwo.sf(D, n) (exact; automatic = exact) or kolmogorov_sf(D sqrt(n))
/// (asymptotic); greater: D+, less: D-, p = smirnov_sf(n, D) (ksone.sf) for either method.
/// Empty or NaN input gives NaN. O(n log n) + n calls of F + the p-value (see kolmogorov.hpp).
template <class Cdf>
requires std::invocable<Cdf&, double> ks_result ks_1samp(std::span<const double> x, Cdf&& cdf,
                                                         const ks_options& options = {}) {
  ks_result r;
  if (x.empty()) return r;
  for (double v : x) {
    if (std::isnan(v)) return r;
  }
  std::vector<double> s(x.begin(), x.end());
  std::sort(s.begin(), s.end());
  const std::size_t n = s.size();
  const double dn = static_cast<double>(n);
  double dplus = -std::numeric_limits<double>::infinity();
  double dminus = -std::numeric_limits<double>::infinity();
  std::size_t iplus = 0;
  std::size_t iminus = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double c = static_cast<double>(cdf(s[i]));
    const double p = static_cast<double>(i + 1) / dn - c;
    const double m = c - static_cast<double>(i) / dn;
    if (std::isnan(c)) return r;
    if (p > dplus) {
      dplus = p;
      iplus = i;
    }
    if (m > dminus) {
      dminus = m;
      iminus = i;
    }
  }
  if (options.alt == alternative::greater || options.alt == alternative::less) {
    const bool greater = options.alt == alternative::greater;
    r.statistic = greater ? dplus : dminus;
    r.statistic_location = s[greater ? iplus : iminus];
    r.statistic_sign = greater ? 1 : -1;
    r.pvalue = detail::clip01(detail::smirnov_sf_impl(n, r.statistic));
    r.method = ks_method::exact;
    return r;
  }
  if (dplus > dminus) {
    r.statistic = dplus;
    r.statistic_location = s[iplus];
    r.statistic_sign = 1;
  } else {
    r.statistic = dminus;
    r.statistic_location = s[iminus];
    r.statistic_sign = -1;
  }
  if (options.method == ks_method::asymptotic) {
    r.method = ks_method::asymptotic;
    r.pvalue = detail::clip01(kolmogorov_sf(r.statistic * std::sqrt(dn)));
  } else {
    r.method = ks_method::exact;
    r.pvalue = detail::clip01(detail::kolmogn(n, r.statistic, false));
  }
  return r;
}

/// ks_1samp against N(mean, sd^2) (scipy kstest(x, 'norm', args=(mean, sd))). Throws
/// invalid_argument unless sd > 0 and mean is finite.
inline ks_result ks_1samp_normal(std::span<const double> x, double mean = 0.0, double sd = 1.0,
                                 const ks_options& options = {}) {
  require(std::isfinite(mean), "quantkit::stats::ks_1samp_normal", "mean", mean, "must be finite");
  require(sd > 0.0 && std::isfinite(sd), "quantkit::stats::ks_1samp_normal", "sd", sd,
          "must be finite and > 0");
  return ks_1samp(
      x, [mean, sd](double v) { return normal_cdf((v - mean) / sd); }, options);
}

namespace detail {

/// scipy.special.binom for non-negative integers, with scipy's method: the product form for
/// k < 20 (exact below 2^53), 1 / ((n + 1) B(n - k + 1, k + 1)) above, so that a call is O(1);
/// inf when the result overflows.
inline double binom_double(std::int64_t n, std::int64_t k) {
  if (k < 0 || k > n) return 0.0;
  k = std::min(k, n - k);
  if (k < 20) {
    double num = 1.0;
    double den = 1.0;
    for (std::int64_t i = 1; i <= k; ++i) {
      num *= static_cast<double>(i + n - k);
      den *= static_cast<double>(i);
      if (std::fabs(num) > 1e50) {
        num /= den;
        den = 1.0;
      }
    }
    return num / den;
  }
  const double b = boost::math::beta(static_cast<double>(n - k + 1), static_cast<double>(k + 1),
                                     quantkit::math_policy());
  return 1.0 / (static_cast<double>(n) + 1.0) / b;
}

inline std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
inline std::int64_t ceil_div(std::int64_t a, std::int64_t b) noexcept { return -floor_div(-a, b); }

/// P(D_{n,n} >= h/n): 2 (C(2n, n-h) - C(2n, n-2h) + ...) / C(2n, n) in a Horner-like product form
/// (scipy's _compute_prob_outside_square).
inline double ks2_prob_outside_square(std::int64_t n, std::int64_t h) noexcept {
  double p = 0.0;
  for (std::int64_t k = n / h; k >= 0; --k) {
    double p1 = 1.0;
    for (std::int64_t j = 0; j < h; ++j) {
      p1 = static_cast<double>(n - k * h - j) * p1 / static_cast<double>(n + k * h + j + 1);
    }
    p = p1 * (1.0 - p);
  }
  return 2.0 * p;
}

/// Proportion of lattice paths (0,0) -> (m,n) that leave the band |x/m - y/n| < h / lcm(m, n),
/// computed directly (not as 1 - inside) by Viehmann's recursion within Hodges' inside method
/// (scipy's _compute_outer_prob_inside_method, scipy >= 1.8). O(m h / mg) memory O(n).
inline double ks2_outer_prob_inside(std::int64_t m, std::int64_t n, std::int64_t g,
                                    std::int64_t h) {
  if (m < n) std::swap(m, n);
  const std::int64_t mg = m / g;
  const std::int64_t ng = n / g;
  std::int64_t minj = 0;
  std::int64_t maxj = std::min(ceil_div(h, mg), n + 1);
  std::int64_t curlen = maxj - minj;
  const std::int64_t len_a = std::min(2 * maxj + 2, n + 1);
  std::vector<double> a(static_cast<std::size_t>(len_a), 1.0);
  for (std::int64_t j = minj; j < std::min(maxj, len_a); ++j) a[static_cast<std::size_t>(j)] = 0.0;
  for (std::int64_t i = 1; i <= m; ++i) {
    const std::int64_t lastminj = minj;
    const std::int64_t lastlen = curlen;
    minj = std::min(std::max(floor_div(ng * i - h, mg) + 1, std::int64_t{0}), n);
    maxj = std::min(ceil_div(ng * i + h, mg), n + 1);
    if (maxj <= minj) return 1.0;
    double val = minj == 0 ? 0.0 : 1.0;
    const double di = static_cast<double>(i);
    for (std::int64_t jj = 0; jj < maxj - minj; ++jj) {
      const std::int64_t j = jj + minj;
      val =
          (a[static_cast<std::size_t>(jj + minj - lastminj)] * di + val * static_cast<double>(j)) /
          (di + static_cast<double>(j));
      a[static_cast<std::size_t>(jj)] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) {
      for (std::int64_t t = maxj - minj; t < std::min(maxj - minj + (lastlen - curlen), len_a);
           ++t) {
        a[static_cast<std::size_t>(t)] = 1.0;
      }
    }
  }
  return a[static_cast<std::size_t>(maxj - minj - 1)];
}

/// Number of lattice paths (0,0) -> (m,n) that reach m y <= n x - h g at some point (Hodges'
/// treatment of Drion / Gnedenko / Korolyuk; scipy's _count_paths_outside_method). Floating point;
/// may overflow to inf for large samples (the caller then falls back). O(n^2).
inline double ks2_count_paths_outside(std::int64_t m, std::int64_t n, std::int64_t g,
                                      std::int64_t h) {
  if (m < n) std::swap(m, n);
  const std::int64_t mg = m / g;
  const std::int64_t ng = n / g;
  const std::int64_t lxj = n + floor_div(mg - h, mg);
  if (lxj <= 0) return binom_double(m + n, n);
  std::vector<std::int64_t> xj(static_cast<std::size_t>(lxj));
  for (std::int64_t j = 0; j < lxj; ++j) {
    xj[static_cast<std::size_t>(j)] = floor_div(h + mg * j + ng - 1, ng);
  }
  std::vector<double> b(static_cast<std::size_t>(lxj), 0.0);
  b[0] = 1.0;
  for (std::int64_t j = 1; j < lxj; ++j) {
    const auto uj = static_cast<std::size_t>(j);
    double bj = binom_double(xj[uj] + j, j);
    for (std::int64_t i = 0; i < j; ++i) {
      const auto ui = static_cast<std::size_t>(i);
      bj -= binom_double(xj[uj] - xj[ui] + j - i, j - i) * b[ui];
    }
    b[uj] = bj;
  }
  double num_paths = 0.0;
  for (std::int64_t j = 0; j < lxj; ++j) {
    const auto uj = static_cast<std::size_t>(j);
    num_paths += b[uj] * binom_double((m - xj[uj]) + (n - j), n - j);
  }
  return num_paths;
}

}  // namespace detail

/// Two-sample Kolmogorov-Smirnov test of H0: x and y come from the same continuous distribution
/// (scipy.stats.ks_2samp 1.10). ECDFs at every pooled value (sorted x then sorted y, right-
/// continuous); cddiffs = F_x - F_y; D+ = max cddiffs, D- = max(-min cddiffs, 0) (first extremes).
/// two_sided: D- if D- > D+ else D+ (statistic_sign -1 / +1); less: D-; greater: D+.
/// exact (automatic when max(n1, n2) <= 10000): h = round(D lcm(n1, n2)), D := h / lcm (so the
/// statistic is the exact lattice fraction), p from lattice-path counts: two-sided n1 = n2 by
/// ks2_prob_outside_square, else ks2_outer_prob_inside; one-sided n1 = n2 by prod (n-j)/(n+j+1),
/// else ks2_count_paths_outside / C(n1+n2, n1). If that fails (overflow, p outside [0, 1]) or
/// lcm is too large, asymptotic: two-sided kstwo.sf(D, round(n1 n2 / (n1 + n2))), one-sided
/// Hodges' exp(-2 z^2 - 2 z (m + 2n) / sqrt(m n (m + n)) / 3), z = D sqrt(m n / (m + n)),
/// m = max(n1, n2). Empty or NaN input gives NaN (scipy raises on empty).
inline ks_result ks_2samp(std::span<const double> x, std::span<const double> y,
                          const ks_options& options = {}) {
  ks_result r;
  if (x.empty() || y.empty()) return r;
  for (double v : x) {
    if (std::isnan(v)) return r;
  }
  for (double v : y) {
    if (std::isnan(v)) return r;
  }
  std::vector<double> d1(x.begin(), x.end());
  std::vector<double> d2(y.begin(), y.end());
  std::sort(d1.begin(), d1.end());
  std::sort(d2.begin(), d2.end());
  const std::size_t n1 = d1.size();
  const std::size_t n2 = d2.size();
  const double dn1 = static_cast<double>(n1);
  const double dn2 = static_cast<double>(n2);

  // Scan data_all = [sorted x, sorted y]; both blocks are non-decreasing, so the counts
  // #(x <= v) and #(y <= v) (numpy.searchsorted side='right') advance monotonically per block.
  double max_diff = -std::numeric_limits<double>::infinity();
  double min_diff = std::numeric_limits<double>::infinity();
  double loc_max = 0.0;
  double loc_min = 0.0;
  auto scan = [&](const std::vector<double>& block) {
    std::size_t c1 = 0;
    std::size_t c2 = 0;
    for (double v : block) {
      while (c1 < n1 && d1[c1] <= v) ++c1;
      while (c2 < n2 && d2[c2] <= v) ++c2;
      const double diff = static_cast<double>(c1) / dn1 - static_cast<double>(c2) / dn2;
      if (diff > max_diff) {
        max_diff = diff;
        loc_max = v;
      }
      if (diff < min_diff) {
        min_diff = diff;
        loc_min = v;
      }
    }
  };
  scan(d1);
  scan(d2);
  const double min_s = std::clamp(-min_diff, 0.0, 1.0);
  const double max_s = max_diff;
  double d = 0.0;
  if (options.alt == alternative::less ||
      (options.alt == alternative::two_sided && min_s > max_s)) {
    d = min_s;
    r.statistic_location = loc_min;
    r.statistic_sign = -1;
  } else {
    d = max_s;
    r.statistic_location = loc_max;
    r.statistic_sign = 1;
  }

  const auto i1 = static_cast<std::int64_t>(n1);
  const auto i2 = static_cast<std::int64_t>(n2);
  const std::int64_t g = std::gcd(i1, i2);
  const std::int64_t n1g = i1 / g;
  const std::int64_t n2g = i2 / g;
  ks_method method = options.method;
  if (method == ks_method::automatic) {
    method = std::max(n1, n2) <= 10000 ? ks_method::exact : ks_method::asymptotic;
  }
  if (method == ks_method::exact &&
      static_cast<double>(n1g) >= 2147483647.0 / static_cast<double>(n2g)) {
    method = ks_method::asymptotic;  // lcm too large for the lattice
  }
  double prob = detail::qnan;
  if (method == ks_method::exact) {
    const std::int64_t lcm = n1g * i2;
    const auto h = static_cast<std::int64_t>(std::nearbyint(d * static_cast<double>(lcm)));
    d = static_cast<double>(h) / static_cast<double>(lcm);
    bool ok = true;
    if (h == 0) {
      prob = 1.0;
    } else if (options.alt == alternative::two_sided) {
      prob = n1 == n2 ? detail::ks2_prob_outside_square(i1, h)
                      : detail::ks2_outer_prob_inside(i1, i2, g, h);
    } else if (n1 == n2) {
      prob = 1.0;
      for (std::int64_t j = 0; j < h; ++j) {
        prob *= static_cast<double>(i1 - j) / (dn1 + static_cast<double>(j) + 1.0);
      }
    } else {
      const double num_paths = detail::ks2_count_paths_outside(i1, i2, g, h);
      const double bin = detail::binom_double(i1 + i2, i1);
      if (!std::isfinite(num_paths) || !std::isfinite(bin) || num_paths > bin) {
        ok = false;
      } else {
        prob = num_paths / bin;
      }
    }
    if (!ok || !(prob >= 0.0 && prob <= 1.0)) method = ks_method::asymptotic;
  }
  if (method == ks_method::asymptotic) {
    const double m = std::max(dn1, dn2);
    const double n = std::min(dn1, dn2);
    const double en = m * n / (m + n);
    if (options.alt == alternative::two_sided) {
      prob = detail::kolmogn(static_cast<std::size_t>(std::nearbyint(en)), d, false);
    } else {
      const double z = std::sqrt(en) * d;
      const double expt = -2.0 * z * z - 2.0 * z * (m + 2.0 * n) / std::sqrt(m * n * (m + n)) / 3.0;
      prob = std::exp(expt);
    }
  }
  r.statistic = d;
  r.pvalue = detail::clip01(prob);
  r.method = method;
  return r;
}

}  // namespace quantkit::stats
