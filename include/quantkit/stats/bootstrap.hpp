// SPDX-License-Identifier: MIT
// quantkit/stats/bootstrap.hpp - bootstrap percentile, basic and BCa confidence intervals
#pragma once

#include "../core/error.hpp"
#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "descriptive.hpp"
#include "detail/sum.hpp"
#include "distributions.hpp"
#include "test_result.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::stats {

/// Bootstrap confidence-interval methods (scipy.stats.bootstrap `method`).
enum class bootstrap_method {
  percentile,  ///< [q(alpha), q(1 - alpha)] of the bootstrap distribution, alpha = (1 - c) / 2
  basic,       ///< [2 theta - q(1 - alpha), 2 theta - q(alpha)] (reverse percentile)
  bca          ///< bias-corrected and accelerated (Efron & Tibshirani 1993, 14.3 and 15.4)
};

struct bootstrap_options {
  std::size_t n_resamples = 9999;
  double confidence = 0.95;
  bootstrap_method method = bootstrap_method::bca;
  std::uint64_t seed = 0;          ///< replicate b resamples with quantkit::rng(seed, b)
  std::size_t threads = 1;         ///< worker threads (0 = hardware); never changes results
  bool keep_distribution = false;  ///< return the bootstrap distribution in `distribution`
};

/// Result of a bootstrap: the interval, the standard error (std of the distribution, ddof = 1),
/// the statistic on the data, BCa's z0 and acceleration (NaN for the other methods) and, on
/// request, the bootstrap distribution in replicate order.
struct bootstrap_result {
  interval ci{};
  double standard_error = std::numeric_limits<double>::quiet_NaN();
  double theta_hat = std::numeric_limits<double>::quiet_NaN();
  double z0 = std::numeric_limits<double>::quiet_NaN();
  double acceleration = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> distribution{};
};

/// BCa's two percentile levels.
struct bca_levels {
  double alpha_1 = std::numeric_limits<double>::quiet_NaN();
  double alpha_2 = std::numeric_limits<double>::quiet_NaN();
};

/// BCa bias correction z0 = Phi^-1((#(theta_b < theta) + #(theta_b <= theta)) / (2 B)) (scipy's
/// _percentile_of_score, kind 'mean'). +-inf when theta is outside the distribution; NaN for an
/// empty distribution or NaN theta. O(B).
inline double bca_z0(std::span<const double> distribution, double theta_hat) {
  if (distribution.empty() || std::isnan(theta_hat)) return detail::qnan;
  std::size_t less = 0;
  std::size_t less_equal = 0;
  for (double t : distribution) {
    if (std::isnan(t)) return detail::qnan;
    less += t < theta_hat ? 1 : 0;
    less_equal += t <= theta_hat ? 1 : 0;
  }
  const double frac =
      static_cast<double>(less + less_equal) / (2.0 * static_cast<double>(distribution.size()));
  return normal_ppf(frac);
}

/// Leave-one-out jackknife values theta_(i) = statistic(x without x_i), i = 0..n-1. Calls the
/// statistic n times on a reused buffer of n - 1 values: O(n^2) for an O(n) statistic.
template <class Statistic>
requires std::invocable<Statistic&, std::span<const double>> std::vector<double> jackknife(
    std::span<const double> x, Statistic&& statistic) {
  const std::size_t n = x.size();
  std::vector<double> out(n, detail::qnan);
  if (n < 2) return out;
  std::vector<double> buf(x.begin() + 1, x.end());  // x without x_0
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) buf[i - 1] = x[i - 1];  // now x without x_i, order kept
    out[i] = static_cast<double>(statistic(std::span<const double>(buf)));
  }
  return out;
}

/// BCa acceleration from jackknife values (scipy's _bca_interval): U_i = (n - 1)(mean(theta_(.)) -
/// theta_(i)), a = sum(U^3) / n^3 / 6 / (sum(U^2) / n^2)^1.5. NaN when the jackknife values are
/// constant or hold NaN. O(n).
inline double bca_acceleration(std::span<const double> jackknife_values) {
  const std::size_t n = jackknife_values.size();
  if (n < 2) return detail::qnan;
  const double dn = static_cast<double>(n);
  const double m = mean(jackknife_values);
  detail::neumaier_sum s2;
  detail::neumaier_sum s3;
  for (double t : jackknife_values) {
    const double u = (dn - 1.0) * (m - t);
    s2.add(u * u);
    s3.add(u * u * u);
  }
  const double num = s3.value() / (dn * dn * dn);
  const double den = s2.value() / (dn * dn);
  return 1.0 / 6.0 * num / std::pow(den, 1.5);
}

/// BCa levels alpha_i = Phi(z0 + (z0 + z) / (1 - a (z0 + z))) for z = Phi^-1(alpha) and
/// Phi^-1(1 - alpha), alpha = (1 - confidence) / 2 (Efron & Tibshirani eq. 14.10). Throws unless
/// 0 < confidence < 1.
inline bca_levels bca_alphas(double z0, double acceleration, double confidence) {
  detail::check_confidence(confidence, "quantkit::stats::bca_alphas");
  const double z_alpha = normal_ppf((1.0 - confidence) / 2.0);
  const double z_1alpha = -z_alpha;
  bca_levels r;
  const double num1 = z0 + z_alpha;
  r.alpha_1 = normal_cdf(z0 + num1 / (1.0 - acceleration * num1));
  const double num2 = z0 + z_1alpha;
  r.alpha_2 = normal_cdf(z0 + num2 / (1.0 - acceleration * num2));
  return r;
}

namespace detail {

// numpy.percentile(d, 100 q) on sorted d: q is scaled to percent and back, as numpy does.
inline double percentile_level(std::span<const double> sorted, double q) {
  if (std::isnan(q)) return qnan;
  return quantile_sorted(sorted, (q * 100.0) / 100.0, quantile_method::linear);
}

}  // namespace detail

/// The interval-from-distribution step of scipy.stats.bootstrap: percentile = linear percentiles
/// of the distribution at 100 alpha and 100 (1 - alpha), alpha = (1 - confidence) / 2; basic =
/// 2 theta_hat minus the percentile interval, reversed; bca = linear percentiles at 100 alpha_1,
/// 100 alpha_2 with z0 = bca_z0(distribution, theta_hat) and the given acceleration. NaN ends
/// for an empty distribution, NaN in it, or undefined BCa levels. Throws unless 0 < confidence
/// < 1. O(B log B).
inline interval bootstrap_interval(std::span<const double> distribution, double theta_hat,
                                   double confidence, bootstrap_method method,
                                   double acceleration = 0.0) {
  detail::check_confidence(confidence, "quantkit::stats::bootstrap_interval");
  interval r;
  if (distribution.empty() || detail::has_nan(distribution)) return r;
  std::vector<double> s(distribution.begin(), distribution.end());
  std::sort(s.begin(), s.end());
  const double alpha = (1.0 - confidence) / 2.0;
  double lo_level = alpha;
  double hi_level = 1.0 - alpha;
  if (method == bootstrap_method::bca) {
    const auto lv = bca_alphas(bca_z0(distribution, theta_hat), acceleration, confidence);
    lo_level = lv.alpha_1;
    hi_level = lv.alpha_2;
  }
  r.lower = detail::percentile_level(s, lo_level);
  r.upper = detail::percentile_level(s, hi_level);
  if (method == bootstrap_method::basic) {
    const double lower = 2.0 * theta_hat - r.upper;
    const double upper = 2.0 * theta_hat - r.lower;
    r.lower = lower;
    r.upper = upper;
  }
  return r;
}

namespace detail {

inline void check_bootstrap_options(const bootstrap_options& o, const char* fn) {
  check_confidence(o.confidence, fn);
  require(o.n_resamples >= 2, fn, "n_resamples", o.n_resamples, "must be >= 2");
}

// Replicates are processed in fixed chunks (independent of the thread count) so each chunk
// allocates its resample buffer once; replicate b always uses rng(seed, b).
inline constexpr std::size_t bootstrap_chunk = 32;

inline bootstrap_result finish_bootstrap(std::vector<double>&& dist, double theta_hat,
                                         double acceleration, const bootstrap_options& o) {
  bootstrap_result r;
  r.theta_hat = theta_hat;
  r.standard_error = stddev(dist, 1);
  if (o.method == bootstrap_method::bca) {
    r.z0 = bca_z0(dist, theta_hat);
    r.acceleration = acceleration;
  }
  r.ci = bootstrap_interval(dist, theta_hat, o.confidence, o.method, acceleration);
  if (o.keep_distribution) r.distribution = std::move(dist);
  return r;
}

}  // namespace detail

/// Nonparametric bootstrap of any statistic of one sample (scipy.stats.bootstrap((x,), statistic,
/// n_resamples, confidence_level, method) with vectorized=False). Replicate b draws n indices
/// uniformly with replacement from quantkit::rng(seed, b) (uniform_index), so the distribution
/// is identical for any thread count; the statistic is called once per replicate on a reused
/// buffer, concurrently from `threads` threads (it must be safe to call concurrently). BCa's
/// acceleration comes from the leave-one-out jackknife (n more calls; O(n^2) for an O(n)
/// statistic: use bootstrap_mean for the mean). Empty x gives NaN; NaN propagates through the
/// statistic. Throws for confidence outside (0, 1) or n_resamples < 2. O(B n + B log B).
template <class Statistic>
requires std::invocable<Statistic&, std::span<const double>> bootstrap_result
bootstrap(std::span<const double> x, Statistic&& statistic, const bootstrap_options& options = {}) {
  detail::check_bootstrap_options(options, "quantkit::stats::bootstrap");
  if (x.empty()) return {};
  const std::size_t n = x.size();
  const std::size_t b_total = options.n_resamples;
  std::vector<double> dist(b_total);
  const std::size_t chunks = (b_total + detail::bootstrap_chunk - 1) / detail::bootstrap_chunk;
  auto body = [&](std::size_t c) {
    std::vector<double> buf(n);
    const std::size_t end = std::min(b_total, (c + 1) * detail::bootstrap_chunk);
    for (std::size_t b = c * detail::bootstrap_chunk; b < end; ++b) {
      quantkit::rng g(options.seed, b);
      for (std::size_t i = 0; i < n; ++i) buf[i] = x[uniform_index(g, n)];
      dist[b] = static_cast<double>(statistic(std::span<const double>(buf)));
    }
  };
  parallel_options po;
  po.threads = options.threads;
  parallel_for(chunks, body, po).rethrow_first_error();
  const double theta_hat = static_cast<double>(statistic(x));
  double acceleration = detail::qnan;
  if (options.method == bootstrap_method::bca) {
    acceleration = bca_acceleration(jackknife(x, statistic));
  }
  return detail::finish_bootstrap(std::move(dist), theta_hat, acceleration, options);
}

/// bootstrap() specialised to the mean (numpy.mean): no resample buffer (each replicate sums
/// its draws with the same compensated sum as stats::mean, so the distribution equals
/// bootstrap(x, mean) bit for bit), and BCa's jackknife in closed form, U_i = x_i - mean(x)
/// (the exact value of (n - 1)(mean(theta_(.)) - theta_(i)) for the mean). O(B n).
inline bootstrap_result bootstrap_mean(std::span<const double> x,
                                       const bootstrap_options& options = {}) {
  detail::check_bootstrap_options(options, "quantkit::stats::bootstrap_mean");
  if (x.empty()) return {};
  const std::size_t n = x.size();
  const double dn = static_cast<double>(n);
  const std::size_t b_total = options.n_resamples;
  std::vector<double> dist(b_total);
  const std::size_t chunks = (b_total + detail::bootstrap_chunk - 1) / detail::bootstrap_chunk;
  auto body = [&](std::size_t c) {
    const std::size_t end = std::min(b_total, (c + 1) * detail::bootstrap_chunk);
    for (std::size_t b = c * detail::bootstrap_chunk; b < end; ++b) {
      quantkit::rng g(options.seed, b);
      detail::neumaier_sum s;
      for (std::size_t i = 0; i < n; ++i) s.add(x[uniform_index(g, n)]);
      dist[b] = s.value() / dn;
    }
  };
  parallel_options po;
  po.threads = options.threads;
  parallel_for(chunks, body, po).rethrow_first_error();
  const double theta_hat = mean(x);
  double acceleration = detail::qnan;
  if (options.method == bootstrap_method::bca && n >= 2) {
    detail::neumaier_sum s2;
    detail::neumaier_sum s3;
    for (double v : x) {
      const double u = v - theta_hat;
      s2.add(u * u);
      s3.add(u * u * u);
    }
    acceleration =
        1.0 / 6.0 * (s3.value() / (dn * dn * dn)) / std::pow(s2.value() / (dn * dn), 1.5);
  }
  return detail::finish_bootstrap(std::move(dist), theta_hat, acceleration, options);
}

}  // namespace quantkit::stats
