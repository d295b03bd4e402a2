// SPDX-License-Identifier: MIT
// quantkit/stats/descriptive.hpp - mean, variance, moments, quantiles with numpy/scipy conventions
#pragma once

#include "../core/error.hpp"
#include "detail/sum.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::stats {

// Conventions for this header (numpy 1.24 / scipy.stats 1.10, the references of the tests):
//  - NaN propagates: any NaN in the input gives NaN (as numpy). Use drop_nan() first to skip them.
//  - Empty input gives NaN (numpy returns nan with a warning); so do too few observations for the
//    requested ddof or bias correction. Invalid parameters (a quantile outside [0, 1]) throw.
//  - Sums are compensated (Neumaier), so results agree with numpy's pairwise sums to ~1e-16
//    relative and do not drift with n.

namespace detail {
inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline bool has_nan(std::span<const double> x) noexcept {
  for (double v : x) {
    if (v != v) return true;
  }
  return false;
}
}  // namespace detail

/// The input without its NaN values (order kept). O(n).
inline std::vector<double> drop_nan(std::span<const double> x) {
  std::vector<double> out;
  out.reserve(x.size());
  for (double v : x) {
    if (v == v) out.push_back(v);
  }
  return out;
}

/// Arithmetic mean (numpy.mean). NaN if empty or if any value is NaN. O(n).
inline double mean(std::span<const double> x) noexcept {
  if (x.empty()) return detail::nan;
  return detail::sum(x) / static_cast<double>(x.size());
}

/// Variance with `ddof` delta degrees of freedom: sum((x - mean)^2) / (n - ddof), two-pass
/// (numpy.var(x, ddof)). ddof = 0: population, ddof = 1: sample. NaN if n <= ddof or any NaN. O(n).
inline double variance(std::span<const double> x, std::size_t ddof = 0) noexcept {
  if (x.size() <= ddof) return detail::nan;
  const double m = mean(x);
  detail::neumaier_sum s;
  for (double v : x) {
    const double d = v - m;
    s.add(d * d);
  }
  return s.value() / static_cast<double>(x.size() - ddof);
}

/// Standard deviation sqrt(variance(x, ddof)) (numpy.std(x, ddof)).
inline double stddev(std::span<const double> x, std::size_t ddof = 0) noexcept {
  return std::sqrt(variance(x, ddof));
}

/// Standard error of the mean, stddev(x, ddof) / sqrt(n) (scipy.stats.sem, default ddof = 1).
inline double sem(std::span<const double> x, std::size_t ddof = 1) noexcept {
  return stddev(x, ddof) / std::sqrt(static_cast<double>(x.size()));
}

/// Central moments m2, m3, m4 (divided by n) and the mean, as scipy computes them.
struct central_moments {
  double mean = detail::nan;
  double m2 = detail::nan;
  double m3 = detail::nan;
  double m4 = detail::nan;
  std::size_t n = 0;
};

/// One call for the mean and the 2nd-4th central moments (two passes). O(n).
inline central_moments moments(std::span<const double> x) noexcept {
  central_moments r;
  r.n = x.size();
  if (x.empty()) return r;
  r.mean = mean(x);
  stats::detail::neumaier_sum s2;
  stats::detail::neumaier_sum s3;
  stats::detail::neumaier_sum s4;
  for (double v : x) {
    const double d = v - r.mean;
    const double d2 = d * d;
    s2.add(d2);
    s3.add(d2 * d);
    s4.add(d2 * d2);
  }
  const double n = static_cast<double>(x.size());
  r.m2 = s2.value() / n;
  r.m3 = s3.value() / n;
  r.m4 = s4.value() / n;
  return r;
}

namespace detail {
// scipy treats the data as constant when m2 <= (resolution * mean)^2, resolution = 1e-15.
inline bool effectively_constant(const central_moments& m) noexcept {
  const double r = 1e-15 * m.mean;
  return m.m2 <= r * r;
}
}  // namespace detail

/// Sample skewness (scipy.stats.skew). bias = true: g1 = m3 / m2^1.5; bias = false: the adjusted
/// Fisher-Pearson G1 = g1 sqrt(n (n - 1)) / (n - 2) (NaN for n < 3). NaN for (numerically) constant
/// data, as scipy. O(n).
inline double skewness(std::span<const double> x, bool bias = true) noexcept {
  const auto m = moments(x);
  if (m.n == 0 || detail::effectively_constant(m)) return detail::nan;
  const double g1 = m.m3 / std::pow(m.m2, 1.5);
  if (bias) return g1;
  if (m.n < 3) return detail::nan;
  const double n = static_cast<double>(m.n);
  return std::sqrt((n - 1.0) * n) / (n - 2.0) * g1;
}

/// Kurtosis (scipy.stats.kurtosis). fisher = true gives excess kurtosis (normal = 0), false the
/// Pearson kurtosis (normal = 3). bias = true: m4 / m2^2; bias = false: the unbiased estimator
/// ((n^2 - 1) m4 / m2^2 - 3 (n - 1)^2) / ((n - 2)(n - 3)) + 3 (NaN for n < 4). NaN for constant
/// data. O(n).
inline double kurtosis(std::span<const double> x, bool fisher = true, bool bias = true) noexcept {
  const auto m = moments(x);
  if (m.n == 0 || detail::effectively_constant(m)) return detail::nan;
  double k = m.m4 / (m.m2 * m.m2);
  if (!bias) {
    if (m.n < 4) return detail::nan;
    const double n = static_cast<double>(m.n);
    k = 1.0 / (n - 2.0) / (n - 3.0) *
            ((n * n - 1.0) * m.m4 / (m.m2 * m.m2) - 3.0 * (n - 1.0) * (n - 1.0)) +
        3.0;
  }
  return fisher ? k - 3.0 : k;
}

/// Smallest value (numpy.min); NaN if empty or any NaN. O(n).
inline double min(std::span<const double> x) noexcept {
  if (x.empty() || detail::has_nan(x)) return detail::nan;
  return *std::min_element(x.begin(), x.end());
}

/// Largest value (numpy.max); NaN if empty or any NaN. O(n).
inline double max(std::span<const double> x) noexcept {
  if (x.empty() || detail::has_nan(x)) return detail::nan;
  return *std::max_element(x.begin(), x.end());
}

/// numpy's quantile methods (numpy.quantile(method=...), Hyndman & Fan 1996 types 1-9 plus
/// numpy's lower/higher/nearest/midpoint).
enum class quantile_method {
  inverted_cdf,               ///< H&F type 1
  averaged_inverted_cdf,      ///< H&F type 2
  closest_observation,        ///< H&F type 3
  interpolated_inverted_cdf,  ///< H&F type 4
  hazen,                      ///< H&F type 5
  weibull,                    ///< H&F type 6
  linear,                     ///< H&F type 7, numpy's default
  median_unbiased,            ///< H&F type 8
  normal_unbiased,            ///< H&F type 9
  lower,
  higher,
  midpoint,
  nearest,  ///< rounds half to even, as numpy.around
};

namespace detail {

/// numpy's _lerp: a + (b - a) t, or b - (b - a)(1 - t) when t >= 0.5 (exact at both ends).
inline double lerp(double a, double b, double t) noexcept {
  const double d = b - a;
  return t >= 0.5 ? b - d * (1.0 - t) : a + d * t;
}

/// Quantile p of sorted data (n >= 1, p in [0, 1]) by numpy's rules for `method`.
inline double quantile_sorted(std::span<const double> s, double p, quantile_method method) {
  const double n = static_cast<double>(s.size());
  const auto last = static_cast<std::ptrdiff_t>(s.size()) - 1;
  auto at = [&](std::ptrdiff_t i) {
    return s[static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(i, 0, last))];
  };
  // Discrete methods that pick one order statistic.
  auto discrete = [&](double index, bool take_previous_when_gamma_zero, bool even_rule) {
    const double prev = std::floor(index);
    const double gamma = index - prev;
    bool cond = take_previous_when_gamma_zero ? gamma == 0.0 : false;
    if (even_rule) cond = gamma == 0.0 && std::fmod(prev, 2.0) == 0.0;
    const double idx = cond ? prev : prev + 1.0;
    return at(static_cast<std::ptrdiff_t>(idx < 0.0 ? 0.0 : idx));
  };
  // Continuous methods: virtual index v, previous/next order statistics, numpy's bounds rules.
  auto continuous = [&](double v, double gamma_override, bool use_override) {
    if (v >= n - 1.0) return s[s.size() - 1];
    if (v < 0.0) return s[0];
    const double prev = std::floor(v);
    const double gamma = use_override ? gamma_override : v - prev;
    const auto i = static_cast<std::ptrdiff_t>(prev);
    return lerp(at(i), at(i + 1), gamma);
  };
  auto hf = [&](double alpha, double beta) {
    return continuous(n * p + (alpha + p * (1.0 - alpha - beta)) - 1.0, 0.0, false);
  };
  switch (method) {
    case quantile_method::inverted_cdf:
      return discrete(n * p - 1.0, true, false);
    case quantile_method::averaged_inverted_cdf: {
      const double v = n * p - 1.0;
      const double g = v - std::floor(v);
      return continuous(v, g == 0.0 ? 0.5 : 1.0, true);
    }
    case quantile_method::closest_observation:
      return discrete(n * p - 1.0 - 0.5, false, true);
    case quantile_method::interpolated_inverted_cdf:
      return hf(0.0, 1.0);
    case quantile_method::hazen:
      return hf(0.5, 0.5);
    case quantile_method::weibull:
      return hf(0.0, 0.0);
    case quantile_method::linear:
      return continuous((n - 1.0) * p, 0.0, false);
    case quantile_method::median_unbiased:
      return hf(1.0 / 3.0, 1.0 / 3.0);
    case quantile_method::normal_unbiased:
      return hf(3.0 / 8.0, 3.0 / 8.0);
    case quantile_method::lower:
      return at(static_cast<std::ptrdiff_t>(std::floor((n - 1.0) * p)));
    case quantile_method::higher:
      return at(static_cast<std::ptrdiff_t>(std::ceil((n - 1.0) * p)));
    case quantile_method::midpoint: {
      const double v = 0.5 * (std::floor((n - 1.0) * p) + std::ceil((n - 1.0) * p));
      return continuous(v, std::fmod(v, 1.0) == 0.0 ? 0.0 : 0.5, true);
    }
    case quantile_method::nearest:
      return at(static_cast<std::ptrdiff_t>(std::nearbyint((n - 1.0) * p)));
  }
  return nan;
}

inline void check_probability(double p, const char* function) {
  require(p >= 0.0 && p <= 1.0, function, "p", p, "must be in [0, 1]");
}

}  // namespace detail

/// Quantile p in [0, 1] of x with numpy's `method` (numpy.quantile; default linear = H&F type 7).
/// NaN if x is empty or holds a NaN. Throws invalid_argument for p outside [0, 1] or NaN.
/// O(n log n) (sorts a copy).
inline double quantile(std::span<const double> x, double p,
                       quantile_method method = quantile_method::linear) {
  detail::check_probability(p, "quantkit::stats::quantile");
  if (x.empty() || detail::has_nan(x)) return detail::nan;
  std::vector<double> s(x.begin(), x.end());
  std::sort(s.begin(), s.end());
  return detail::quantile_sorted(s, p, method);
}

/// Several quantiles of x (sorting once). Same rules as quantile(). O(n log n + k).
inline std::vector<double> quantiles(std::span<const double> x, std::span<const double> ps,
                                     quantile_method method = quantile_method::linear) {
  for (double p : ps) detail::check_probability(p, "quantkit::stats::quantiles");
  std::vector<double> out(ps.size(), detail::nan);
  if (x.empty() || detail::has_nan(x)) return out;
  std::vector<double> s(x.begin(), x.end());
  std::sort(s.begin(), s.end());
  for (std::size_t i = 0; i < ps.size(); ++i) out[i] = detail::quantile_sorted(s, ps[i], method);
  return out;
}

/// Percentile q in [0, 100]: quantile(x, q / 100, method), exactly as numpy.percentile divides.
inline double percentile(std::span<const double> x, double q,
                         quantile_method method = quantile_method::linear) {
  require(q >= 0.0 && q <= 100.0, "quantkit::stats::percentile", "q", q, "must be in [0, 100]");
  return quantile(x, q / 100.0, method);
}

/// Median (numpy.median = linear quantile 0.5). NaN if empty or any NaN. O(n log n).
inline double median(std::span<const double> x) { return quantile(x, 0.5); }

}  // namespace quantkit::stats
