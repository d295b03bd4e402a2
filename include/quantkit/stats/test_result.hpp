// SPDX-License-Identifier: MIT
// quantkit/stats/test_result.hpp - result and option types shared by the hypothesis tests
#pragma once

#include "../core/error.hpp"
#include "detail/checks.hpp"
#include "distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quantkit::stats {

/// The alternative hypothesis of a test (scipy's `alternative`): `two_sided` (the default),
/// `less` (the statistic is smaller than under H0) or `greater`.
enum class alternative { two_sided, less, greater };

/// Result of a hypothesis test: the statistic, its p-value and the degrees of freedom of the
/// reference distribution (NaN where the test has none, e.g. rank and exact tests).
struct test_result {
  double statistic = std::numeric_limits<double>::quiet_NaN();
  double pvalue = std::numeric_limits<double>::quiet_NaN();
  double df = std::numeric_limits<double>::quiet_NaN();
};

/// A confidence interval [lower, upper]; NaN ends when it cannot be computed.
struct interval {
  double lower = std::numeric_limits<double>::quiet_NaN();
  double upper = std::numeric_limits<double>::quiet_NaN();
};

namespace detail {

inline constexpr double qnan = std::numeric_limits<double>::quiet_NaN();


inline double clip01(double p) noexcept { return std::isnan(p) ? p : std::clamp(p, 0.0, 1.0); }

/// p-value of a t statistic with df degrees of freedom, as scipy's _ttest_finish: less = F(t),
/// greater = F(-t), two-sided = 2 F(-|t|). NaN when t or df is NaN or df <= 0.
inline double t_pvalue(double t, double df, alternative alt) {
  if (std::isnan(t) || !(df > 0.0)) return qnan;
  switch (alt) {
    case alternative::less:
      return t_cdf(t, df);
    case alternative::greater:
      return t_cdf(-t, df);
    case alternative::two_sided:
      break;
  }
  return 2.0 * t_cdf(-std::fabs(t), df);
}

/// p-value of a standard normal statistic: less = Phi(z), greater = sf(z), two-sided =
/// 2 sf(|z|) (scipy's _normtest_finish), clipped to [0, 1].
inline double normal_pvalue(double z, alternative alt) {
  if (std::isnan(z)) return qnan;
  switch (alt) {
    case alternative::less:
      return normal_cdf(z);
    case alternative::greater:
      return normal_sf(z);
    case alternative::two_sided:
      break;
  }
  return clip01(2.0 * normal_sf(std::fabs(z)));
}

}  // namespace detail
}  // namespace quantkit::stats
