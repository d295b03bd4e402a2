// SPDX-License-Identifier: MIT
// quantkit/samplers/block_length.hpp - automatic bootstrap block length (Politis-White 2004, PPW 2009)
#pragma once

#include "../core/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace quantkit::samplers {

/// Result of optimal_block_length.
struct block_length_estimate {
  /// Mean block length for the stationary bootstrap (unrounded).
  double stationary = std::numeric_limits<double>::quiet_NaN();
  /// Block length for the circular (and moving) block bootstrap (unrounded).
  double circular = std::numeric_limits<double>::quiet_NaN();
  /// Bandwidth M of the flat-top kernel (2 max(m_hat, 1) capped at m_max).
  std::size_t bandwidth = 0;
  /// Cap b_max = ceil(min(3 sqrt(n), n / 3)) applied to both lengths.
  double b_max = std::numeric_limits<double>::quiet_NaN();
};

/// Optimal bootstrap block lengths of a series (Politis & White 2004, with the correction of
/// Patton, Politis & White 2009), as arch.bootstrap.optimal_block_length computes them:
/// e = x - mean(x); gamma_k = sum_{t>=k} e_t e_{t-k} / n; rho_k = |sum_{t>=k} e_t e_{t-k}| /
/// sqrt(sum_{t=k+1}^{n-1} e_t^2 sum_{t=0}^{n-k-2} e_t^2) (arch's normalisation); K = max(5,
/// floor(log10 n)), m_max = ceil(sqrt n) + K, c = 2 sqrt(log10(n) / n); m_hat = the first j
/// with rho_j..rho_{j+K-1} all < c (j + K <= m_max); M = min(2 max(m_hat, 1), m_max), or m_max
/// when there is no such j; flat-top kernel lambda(s) = 1 (s <= 1/2), 2 (1 - s) (s <= 1);
/// G = sum_{k=1}^M 2 lambda(k/M) k gamma_k, sigma2 = gamma_0 + sum 2 lambda(k/M) gamma_k;
/// b = (2 G^2 / D)^(1/3) n^(1/3) with D = 2 sigma2^2 (stationary) or 4/3 sigma2^2 (circular),
/// capped at b_max = ceil(min(3 sqrt n, n / 3)); not rounded.
/// Matches arch to ~1e-12 relative. A constant series gives NaN lengths (0/0); NaN in x
/// propagates. Throws invalid_argument for fewer than 11 observations (the m_max + 2 the lag
/// search needs). O(n sqrt(n)).
inline block_length_estimate optimal_block_length(std::span<const double> x) {
  constexpr std::string_view fn = "quantkit::samplers::optimal_block_length";
  const std::size_t n = x.size();
  const double dn = static_cast<double>(n);
  const auto kn = std::max<std::size_t>(5, static_cast<std::size_t>(std::log10(dn)));
  const auto m_max = static_cast<std::size_t>(std::ceil(std::sqrt(dn))) + kn;
  require(n >= 11 && m_max + 2 <= n, fn, "x", n,
          "must hold at least 11 observations (size) for the lag search");
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= dn;
  std::vector<double> e(n);
  for (std::size_t t = 0; t < n; ++t) e[t] = x[t] - mean;

  const double cv = 2.0 * std::sqrt(std::log10(dn) / dn);
  std::vector<double> acv(m_max + 1);
  std::vector<double> abs_acorr(m_max + 1);
  bool found = false;
  std::size_t opt_m = 0;
  for (std::size_t i = 0; i <= m_max; ++i) {
    double cross = 0.0;
    for (std::size_t t = i; t < n; ++t) cross += e[t] * e[t - i];
    // v1 = sum_{t=i+1}^{n-1} e_t^2, v2 = sum_{t=0}^{n-i-2} e_t^2: direct sums like arch's dot
    // products (prefix-sum differences would cancel); they only feed the rho < c test
    double v1 = 0.0;
    for (std::size_t t = i + 1; t < n; ++t) v1 += e[t] * e[t];
    double v2 = 0.0;
    for (std::size_t t = 0; t + i + 1 < n; ++t) v2 += e[t] * e[t];
    acv[i] = cross / dn;
    abs_acorr[i] = std::fabs(cross) / std::sqrt(v1 * v2);
    if (i >= kn && !found) {
      bool all_small = true;
      for (std::size_t k = i - kn; k < i; ++k) all_small = all_small && abs_acorr[k] < cv;
      if (all_small) {
        found = true;
        opt_m = i - kn;
      }
    }
  }
  std::size_t m = found ? 2 * std::max<std::size_t>(opt_m, 1) : m_max;
  m = std::min(m, m_max);
  double g = 0.0;
  double lr_acv = acv[0];
  const double dm = static_cast<double>(m);
  for (std::size_t k = 1; k <= m; ++k) {
    const double s = static_cast<double>(k) / dm;
    const double lam = s <= 0.5 ? 1.0 : 2.0 * (1.0 - s);
    g += 2.0 * lam * static_cast<double>(k) * acv[k];
    lr_acv += 2.0 * lam * acv[k];
  }
  block_length_estimate r;
  r.bandwidth = m;
  r.b_max = std::ceil(std::min(3.0 * std::sqrt(dn), dn / 3.0));
  const double d_sb = 2.0 * lr_acv * lr_acv;
  const double d_cb = 4.0 / 3.0 * lr_acv * lr_acv;
  const double n13 = std::pow(dn, 1.0 / 3.0);  // arch: nobs ** (1 / 3)
  r.stationary = std::pow(2.0 * g * g / d_sb, 1.0 / 3.0) * n13;
  r.circular = std::pow(2.0 * g * g / d_cb, 1.0 / 3.0) * n13;
  if (r.stationary > r.b_max) r.stationary = r.b_max;  // NaN stays NaN
  if (r.circular > r.b_max) r.circular = r.b_max;
  return r;
}

}  // namespace quantkit::samplers
