// SPDX-License-Identifier: MIT
// quantkit/stats/ttest.hpp - one-sample, two-sample (Student, Welch) and paired t-tests, t-interval
#pragma once

#include "../core/error.hpp"
#include "descriptive.hpp"
#include "distributions.hpp"
#include "test_result.hpp"

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace quantkit::stats {

// Conventions (scipy.stats 1.10, nan_policy='propagate'): a NaN anywhere gives NaN statistic and
// p-value; an empty sample gives NaN everywhere; a sample too small for its variance (n = 1) gives
// NaN statistic and p-value. Constant data (zero standard error) gives statistic 0/0 = NaN and a
// NaN p-value when the means are equal, and +-inf with p-value 0 (or 1 one-sided) otherwise, as
// scipy's IEEE division does.

/// One-sample t-test of H0: E[x] = popmean (scipy.stats.ttest_1samp). t = (mean - popmean) /
/// sqrt(var(x, ddof=1) / n), df = n - 1; p-value from Student t with `alt`. O(n).
inline test_result ttest_1samp(std::span<const double> x, double popmean = 0.0,
                               alternative alt = alternative::two_sided) {
  test_result r;
  if (x.empty()) return r;
  const double n = static_cast<double>(x.size());
  r.df = n - 1.0;
  const double d = mean(x) - popmean;
  const double denom = std::sqrt(variance(x, 1) / n);
  r.statistic = d / denom;
  r.pvalue = detail::t_pvalue(r.statistic, r.df, alt);
  return r;
}

/// Two-sample t-test of H0: E[a] = E[b] (scipy.stats.ttest_ind). equal_var = true: Student's
/// test with the pooled variance ((na-1) va + (nb-1) vb) / (na+nb-2), df = na + nb - 2;
/// equal_var = false: Welch's test, t = (ma - mb) / sqrt(va/na + vb/nb) with the
/// Welch-Satterthwaite df = (va/na + vb/nb)^2 / ((va/na)^2/(na-1) + (vb/nb)^2/(nb-1)) (set to 1
/// when undefined, as scipy). Variances use ddof = 1. O(na + nb).
inline test_result ttest_ind(std::span<const double> a, std::span<const double> b,
                             bool equal_var = true, alternative alt = alternative::two_sided) {
  test_result r;
  if (a.empty() || b.empty()) return r;
  const double n1 = static_cast<double>(a.size());
  const double n2 = static_cast<double>(b.size());
  const double v1 = variance(a, 1);
  const double v2 = variance(b, 1);
  double denom = 0.0;
  if (equal_var) {
    r.df = n1 + n2 - 2.0;
    const double svar = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / r.df;
    denom = std::sqrt(svar * (1.0 / n1 + 1.0 / n2));
  } else {
    const double vn1 = v1 / n1;
    const double vn2 = v2 / n2;
    r.df = (vn1 + vn2) * (vn1 + vn2) / (vn1 * vn1 / (n1 - 1.0) + vn2 * vn2 / (n2 - 1.0));
    if (std::isnan(r.df)) r.df = 1.0;  // scipy: zero variances leave df undefined; any value works
    denom = std::sqrt(vn1 + vn2);
  }
  r.statistic = (mean(a) - mean(b)) / denom;
  r.pvalue = detail::t_pvalue(r.statistic, r.df, alt);
  return r;
}

/// Welch's unequal-variance t-test: ttest_ind(a, b, false, alt) (scipy ttest_ind(equal_var=False)).
inline test_result welch_ttest(std::span<const double> a, std::span<const double> b,
                               alternative alt = alternative::two_sided) {
  return ttest_ind(a, b, false, alt);
}

/// Paired t-test of H0: E[a - b] = 0 (scipy.stats.ttest_rel): the one-sample test on d = a - b,
/// df = n - 1. Throws invalid_argument unless a and b have the same length. O(n).
inline test_result ttest_rel(std::span<const double> a, std::span<const double> b,
                             alternative alt = alternative::two_sided) {
  require_same_length("quantkit::stats::ttest_rel", "a", a.size(), "b", b.size());
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
  return ttest_1samp(d, 0.0, alt);
}

/// Two-sided Student t confidence interval for the mean: mean + sem * t_ppf((1 -+ c) / 2, n - 1),
/// sem = std(x, ddof=1) / sqrt(n) (scipy.stats.t.interval(c, n - 1, loc=mean, scale=sem)). NaN
/// ends for n < 2 or NaN data; throws invalid_argument unless 0 < confidence < 1. O(n).
inline interval t_interval(std::span<const double> x, double confidence = 0.95) {
  detail::check_confidence(confidence, "quantkit::stats::t_interval");
  interval r;
  if (x.size() < 2) return r;
  const double df = static_cast<double>(x.size() - 1);
  const double m = mean(x);
  const double s = sem(x, 1);
  if (std::isnan(m) || std::isnan(s)) return r;
  r.lower = m + s * t_ppf((1.0 - confidence) / 2.0, df);
  r.upper = m + s * t_ppf((1.0 + confidence) / 2.0, df);
  return r;
}

}  // namespace quantkit::stats
