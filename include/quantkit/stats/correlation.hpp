// SPDX-License-Identifier: MIT
// quantkit/stats/correlation.hpp - Pearson, Spearman, Kendall tau-b and simple linear regression
#pragma once

#include "../core/error.hpp"
#include "../math_policy.hpp"
#include "descriptive.hpp"
#include "detail/sum.hpp"
#include "distributions.hpp"
#include "rank.hpp"
#include "test_result.hpp"

#include <boost/math/distributions/beta.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace quantkit::stats {

// Conventions (scipy.stats 1.10): paired inputs of different lengths throw invalid_argument
// (require_same_length); NaN anywhere gives NaN statistic and p-value; a constant input gives NaN
// (the coefficient is undefined; scipy warns). `statistic` is the coefficient.

namespace detail {

inline bool any_nan(std::span<const double> x) noexcept {
  for (double v : x) {
    if (std::isnan(v)) return true;
  }
  return false;
}

inline bool is_constant(std::span<const double> x) noexcept {
  for (double v : x) {
    if (v != x[0]) return false;
  }
  return true;
}

/// Centered cross products: {sum dx^2, sum dx dy, sum dy^2} around the means (compensated).
struct cross_moments {
  double sxx = 0.0;
  double sxy = 0.0;
  double syy = 0.0;
  double xmean = 0.0;
  double ymean = 0.0;
};

inline cross_moments centered_cross(std::span<const double> x, std::span<const double> y) {
  cross_moments c;
  c.xmean = mean(x);
  c.ymean = mean(y);
  neumaier_sum sxx;
  neumaier_sum sxy;
  neumaier_sum syy;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double dx = x[i] - c.xmean;
    const double dy = y[i] - c.ymean;
    sxx.add(dx * dx);
    sxy.add(dx * dy);
    syy.add(dy * dy);
  }
  c.sxx = sxx.value();
  c.sxy = sxy.value();
  c.syy = syy.value();
  return c;
}

/// Number of pairs i < j with v[i] > v[j] (merge sort). v is reordered; tmp is scratch.
inline std::int64_t count_inversions(std::vector<std::int64_t>& v, std::vector<std::int64_t>& tmp) {
  const std::size_t n = v.size();
  std::int64_t inv = 0;
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n);
      const std::size_t hi = std::min(lo + 2 * width, n);
      std::size_t i = lo;
      std::size_t j = mid;
      std::size_t k = lo;
      while (i < mid && j < hi) {
        if (v[j] < v[i]) {
          inv += static_cast<std::int64_t>(mid - i);
          tmp[k++] = v[j++];
        } else {
          tmp[k++] = v[i++];
        }
      }
      while (i < mid) tmp[k++] = v[i++];
      while (j < hi) tmp[k++] = v[j++];
    }
    v.swap(tmp);
  }
  return inv;
}

/// Tie statistics of sorted values: {sum t(t-1)/2, sum t(t-1)(t-2), sum t(t-1)(2t+5)}.
struct tie_stats {
  std::int64_t pairs = 0;
  double t0 = 0.0;
  double t1 = 0.0;
};

inline tie_stats count_ties_sorted(std::span<const double> sorted) {
  tie_stats s;
  std::size_t i = 0;
  while (i < sorted.size()) {
    std::size_t j = i + 1;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const auto t = static_cast<std::int64_t>(j - i);
    if (t > 1) {
      const double dt = static_cast<double>(t);
      s.pairs += t * (t - 1) / 2;
      s.t0 += dt * (dt - 1.0) * (dt - 2.0);
      s.t1 += dt * (dt - 1.0) * (2.0 * dt + 5.0);
    }
    i = j;
  }
  return s;
}

/// Exact p-value of Kendall's tau without ties (scipy.stats._mstats_basic._kendall_p_exact):
/// `c` concordant pairs of n; the null counts of permutations by inversions (Kendall 1970).
inline double kendall_p_exact(std::int64_t n, std::int64_t c, alternative alt) {
  const std::int64_t tot = n * (n - 1) / 2;
  const bool in_right_tail = c >= tot - c;
  const bool alternative_greater = alt == alternative::greater;
  c = std::min(c, tot - c);
  double prob = 1.0;
  double p_mass_at_c = 0.0;
  if (n == 1) {
    prob = 1.0;
    p_mass_at_c = 1.0;
  } else if (n == 2) {
    prob = 1.0;
    p_mass_at_c = 0.5;
  } else if (c == 0) {
    prob = n < 171 ? 2.0 / std::tgamma(static_cast<double>(n) + 1.0) : 0.0;
    p_mass_at_c = prob / 2.0;
  } else if (c == 1) {
    prob = n < 172 ? 2.0 / std::tgamma(static_cast<double>(n)) : 0.0;
    p_mass_at_c = static_cast<double>(n - 1) / std::tgamma(static_cast<double>(n) + 1.0);
  } else if (4 * c == n * (n - 1) && alt == alternative::two_sided) {
    prob = 1.0;
  } else {
    // new[i] = number of permutations of j elements with i inversions (i <= c), built for
    // j = 3..n by a cumulative sum and a shifted subtraction; for n >= 171 each step divides by
    // j so the values stay finite (they are then 2 count / n!).
    const auto cs = static_cast<std::size_t>(c);
    std::vector<double> cnt{1.0, 1.0};  // n = 2: one permutation each with 0 and 1 inversion
    cnt.resize(cs + 1, 0.0);            // cs >= 2 here
    const bool scaled = n >= 171;
    for (std::int64_t j = 3; j <= n; ++j) {
      for (std::size_t i = 1; i <= cs; ++i) cnt[i] += cnt[i - 1];
      if (scaled) {
        for (double& v : cnt) v /= static_cast<double>(j);
      }
      if (j <= c) {
        const auto uj = static_cast<std::size_t>(j);
        for (std::size_t t = cs; t >= uj; --t) cnt[t] -= cnt[t - uj];
      }
    }
    double total = 0.0;
    for (double v : cnt) total += v;
    if (scaled) {
      prob = total;
      p_mass_at_c = cnt[cs] / 2.0;
    } else {
      const double nfact = std::tgamma(static_cast<double>(n) + 1.0);
      prob = 2.0 * total / nfact;
      p_mass_at_c = cnt[cs] / nfact;
    }
  }
  if (alt != alternative::two_sided) {
    if (in_right_tail == alternative_greater) {
      prob /= 2.0;
    } else {
      prob = 1.0 - prob / 2.0 + p_mass_at_c;
    }
  }
  return clip01(prob);
}

}  // namespace detail

/// Pearson's product-moment correlation r = sum dx dy / sqrt(sum dx^2 sum dy^2) with its p-value
/// under bivariate normality from the exact null distribution r ~ 2 Beta(n/2 - 1, n/2 - 1) - 1
/// (scipy.stats.pearsonr 1.10); df = n - 2. n = 2 gives r = sign(dx dy), p = 1; n < 2 gives NaN;
/// constant input gives NaN. Throws invalid_argument for different lengths. O(n).
inline test_result pearsonr(std::span<const double> x, std::span<const double> y,
                            alternative alt = alternative::two_sided) {
  require_same_length("quantkit::stats::pearsonr", "x", x.size(), "y", y.size());
  test_result r;
  const std::size_t n = x.size();
  if (n < 2) return r;
  r.df = static_cast<double>(n) - 2.0;
  if (detail::any_nan(x) || detail::any_nan(y)) return r;
  if (detail::is_constant(x) || detail::is_constant(y)) return r;
  if (n == 2) {
    const double sx = x[1] > x[0] ? 1.0 : -1.0;
    const double sy = y[1] > y[0] ? 1.0 : -1.0;
    r.statistic = sx * sy;
    r.pvalue = 1.0;
    return r;
  }
  const auto c = detail::centered_cross(x, y);
  r.statistic = std::clamp(c.sxy / (std::sqrt(c.sxx) * std::sqrt(c.syy)), -1.0, 1.0);
  const double ab = static_cast<double>(n) / 2.0 - 1.0;
  const boost::math::beta_distribution<double, quantkit::math_policy> dist(ab, ab);
  auto sf = [&](double v) {
    return boost::math::cdf(boost::math::complement(dist, (v + 1.0) / 2.0));
  };
  switch (alt) {
    case alternative::two_sided:
      r.pvalue = detail::clip01(2.0 * sf(std::fabs(r.statistic)));
      break;
    case alternative::less:
      r.pvalue = boost::math::cdf(dist, (r.statistic + 1.0) / 2.0);
      break;
    case alternative::greater:
      r.pvalue = sf(r.statistic);
      break;
  }
  return r;
}

/// Spearman's rank correlation: Pearson's r of the average ranks (ties averaged), p-value from
/// t = rho sqrt((n - 2) / ((1 + rho)(1 - rho))) with n - 2 df (scipy.stats.spearmanr 1.10);
/// df = n - 2. n < 2, NaN or constant input gives NaN. Throws for different lengths.
/// O(n log n).
inline test_result spearmanr(std::span<const double> x, std::span<const double> y,
                             alternative alt = alternative::two_sided) {
  require_same_length("quantkit::stats::spearmanr", "x", x.size(), "y", y.size());
  test_result r;
  const std::size_t n = x.size();
  if (n < 2) return r;
  r.df = static_cast<double>(n) - 2.0;
  if (detail::any_nan(x) || detail::any_nan(y)) return r;
  if (detail::is_constant(x) || detail::is_constant(y)) return r;
  std::vector<double> rx(n);
  std::vector<double> ry(n);
  std::vector<std::size_t> order(n);
  detail::average_ranks(x, rx, order);
  detail::average_ranks(y, ry, order);
  const auto c = detail::centered_cross(rx, ry);
  const double rs = std::clamp(c.sxy / (std::sqrt(c.sxx) * std::sqrt(c.syy)), -1.0, 1.0);
  r.statistic = rs;
  const double t = rs * std::sqrt(std::max(r.df / ((rs + 1.0) * (1.0 - rs)), 0.0));
  r.pvalue = detail::t_pvalue(t, r.df, alt);
  return r;
}

/// How kendalltau computes its p-value (scipy's `method`).
enum class kendall_method {
  automatic,  ///< exact if there are no ties and (n <= 33 or min(dis, tot - dis) <= 1)
  exact,      ///< exact permutation distribution (only without ties)
  asymptotic  ///< normal approximation with the tie-corrected variance
};

/// Kendall result: statistic = tau-b, its p-value, df = NaN, and the method used.
struct kendall_result {
  double statistic = std::numeric_limits<double>::quiet_NaN();
  double pvalue = std::numeric_limits<double>::quiet_NaN();
  double df = std::numeric_limits<double>::quiet_NaN();
  kendall_method method = kendall_method::asymptotic;
};

/// Kendall's tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)), n0 = n(n-1)/2, n1 / n2 the pairs tied in
/// x / y (scipy.stats.kendalltau 1.10, variant 'b'). p-value: exact (Kendall 1970) when chosen
/// and there are no ties; else z = (C - D) / sqrt(var) with var = (n(n-1)(2n+5) - sum_x t(t-1)
/// (2t+5) - sum_y ...) / 18 + 2 n1 n2 / (n(n-1)) + sum_x t(t-1)(t-2) sum_y ... / (9 n(n-1)(n-2)).
/// Asking for exact with ties throws invalid_argument (scipy raises). Empty, NaN or all-tied
/// input gives NaN. Throws for different lengths. O(n log n) (merge-sort discordant count).
inline kendall_result kendalltau(std::span<const double> x, std::span<const double> y,
                                 alternative alt = alternative::two_sided,
                                 kendall_method method = kendall_method::automatic) {
  constexpr const char* fn = "quantkit::stats::kendalltau";
  require_same_length(fn, "x", x.size(), "y", y.size());
  kendall_result r;
  const std::size_t n = x.size();
  if (n == 0) return r;
  if (detail::any_nan(x) || detail::any_nan(y)) return r;
  // Sort pairs by (x, y); discordant pairs are the strict inversions of y in that order.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return x[a] < x[b] || (x[a] == x[b] && y[a] < y[b]);
  });
  std::vector<double> xs(n);
  std::vector<double> ys(n);
  for (std::size_t i = 0; i < n; ++i) {
    xs[i] = x[order[i]];
    ys[i] = y[order[i]];
  }
  // Joint ties: runs equal in both x and y (adjacent after the lexicographic sort).
  std::int64_t ntie = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && xs[j] == xs[i] && ys[j] == ys[i]) ++j;
    const auto t = static_cast<std::int64_t>(j - i);
    ntie += t * (t - 1) / 2;
    i = j;
  }
  const auto xt = detail::count_ties_sorted(xs);
  // y dense ranks (as integers) for the inversion count, and y's tie statistics.
  std::vector<double> ysorted(ys);
  std::sort(ysorted.begin(), ysorted.end());
  const auto yt = detail::count_ties_sorted(ysorted);
  std::vector<std::int64_t> yr(n);
  for (std::size_t i = 0; i < n; ++i) {
    yr[i] = std::lower_bound(ysorted.begin(), ysorted.end(), ys[i]) - ysorted.begin();
  }
  std::vector<std::int64_t> tmp(n);
  const std::int64_t dis = detail::count_inversions(yr, tmp);
  const auto size = static_cast<std::int64_t>(n);
  const std::int64_t tot = size * (size - 1) / 2;
  if (xt.pairs == tot || yt.pairs == tot) return r;
  const std::int64_t con_minus_dis = tot - xt.pairs - yt.pairs + ntie - 2 * dis;
  const double tau = static_cast<double>(con_minus_dis) /
                     std::sqrt(static_cast<double>(tot - xt.pairs)) /
                     std::sqrt(static_cast<double>(tot - yt.pairs));
  r.statistic = std::clamp(tau, -1.0, 1.0);
  const bool ties = xt.pairs != 0 || yt.pairs != 0;
  if (method == kendall_method::exact) {
    require(!ties, fn, "method", "exact", "cannot be used with ties");
  }
  if (method == kendall_method::automatic) {
    method = !ties && (size <= 33 || std::min(dis, tot - dis) <= 1) ? kendall_method::exact
                                                                    : kendall_method::asymptotic;
  }
  r.method = method;
  if (method == kendall_method::exact) {
    r.pvalue = detail::kendall_p_exact(size, tot - dis, alt);
  } else {
    const double dn = static_cast<double>(size);
    const double m = dn * (dn - 1.0);
    const double var = (m * (2.0 * dn + 5.0) - xt.t1 - yt.t1) / 18.0 +
                       (2.0 * static_cast<double>(xt.pairs) * static_cast<double>(yt.pairs)) / m +
                       xt.t0 * yt.t0 / (9.0 * m * (dn - 2.0));
    const double z = static_cast<double>(con_minus_dis) / std::sqrt(var);
    r.pvalue = detail::normal_pvalue(z, alt);
  }
  return r;
}

/// Result of linregress (scipy.stats.linregress; scipy's `stderr` is `slope_stderr` here, as
/// `stderr` is a C macro).
struct linregress_result {
  double slope = std::numeric_limits<double>::quiet_NaN();
  double intercept = std::numeric_limits<double>::quiet_NaN();
  double rvalue = std::numeric_limits<double>::quiet_NaN();
  double pvalue = std::numeric_limits<double>::quiet_NaN();
  double slope_stderr = std::numeric_limits<double>::quiet_NaN();
  double intercept_stderr = std::numeric_limits<double>::quiet_NaN();
};

/// Least-squares line y = intercept + slope x (scipy.stats.linregress 1.10): with population
/// (co)variances sxx, sxy, syy: slope = sxy / sxx, intercept = mean(y) - slope mean(x), r =
/// sxy / sqrt(sxx syy) (0 if syy = 0), p from t = r sqrt(df / ((1 - r + 1e-20)(1 + r + 1e-20))),
/// df = n - 2 (two-sided), slope_stderr = sqrt((1 - r^2) syy / sxx / df), intercept_stderr =
/// slope_stderr sqrt(sxx + mean(x)^2). n = 2: p = 1 if y0 = y1 else 0, stderrs 0. All x equal
/// (scipy raises), n < 2 or NaN give NaN fields. Throws for different lengths. O(n).
inline linregress_result linregress(std::span<const double> x, std::span<const double> y) {
  require_same_length("quantkit::stats::linregress", "x", x.size(), "y", y.size());
  linregress_result r;
  const std::size_t n = x.size();
  if (n < 2 || detail::any_nan(x) || detail::any_nan(y) || detail::is_constant(x)) return r;
  const auto c = detail::centered_cross(x, y);
  const double dn = static_cast<double>(n);
  const double ssxm = c.sxx / dn;
  const double ssxym = c.sxy / dn;
  const double ssym = c.syy / dn;
  double rv = 0.0;
  if (ssxm != 0.0 && ssym != 0.0) rv = std::clamp(ssxym / std::sqrt(ssxm * ssym), -1.0, 1.0);
  r.rvalue = rv;
  r.slope = ssxym / ssxm;
  r.intercept = c.ymean - r.slope * c.xmean;
  if (n == 2) {
    r.pvalue = y[0] == y[1] ? 1.0 : 0.0;
    r.slope_stderr = 0.0;
    r.intercept_stderr = 0.0;
    return r;
  }
  const double df = dn - 2.0;
  constexpr double tiny = 1.0e-20;
  const double t = rv * std::sqrt(df / ((1.0 - rv + tiny) * (1.0 + rv + tiny)));
  r.pvalue = detail::t_pvalue(t, df, alternative::two_sided);
  r.slope_stderr = std::sqrt((1.0 - rv * rv) * ssym / ssxm / df);
  r.intercept_stderr = r.slope_stderr * std::sqrt(ssxm + c.xmean * c.xmean);
  return r;
}

}  // namespace quantkit::stats
