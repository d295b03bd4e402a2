// SPDX-License-Identifier: MIT
// quantkit/stats/risk.hpp - value at risk and expected shortfall: historical, Gaussian,
// Cornish-Fisher
#pragma once

#include "../core/error.hpp"
#include "detail/checks.hpp"
#include "../math_policy.hpp"
#include "descriptive.hpp"
#include "detail/order_statistics.hpp"

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

namespace quantkit::stats {

// Sign convention of this header: by default VaR and ES are *returns*, so a loss is negative
// (empyrical's convention: value_at_risk(r, 0.05) = -0.0178 means "a 5% chance of losing 1.78% or
// more"). var_options::as_loss = true gives the positive loss -VaR instead (PerformanceAnalytics
// and most risk texts). Confidence c in (0, 1) is the probability of *not* exceeding the VaR;
// the tail probability is p = 1 - c.

namespace detail {
inline void check_cutoff(double cutoff, const char* function) {
  require(cutoff >= 0.0 && cutoff <= 1.0, function, "cutoff", cutoff, "must be in [0, 1]");
}
}  // namespace detail

/// empyrical.value_at_risk(r, cutoff): numpy.percentile(r, 100 * cutoff) (linear, H&F type 7),
/// a return (negative for a loss). NaN if r is empty or holds a NaN (numpy). Throws
/// invalid_argument unless cutoff is in [0, 1]. O(n log n).
inline double value_at_risk(std::span<const double> r, double cutoff = 0.05) {
  detail::check_cutoff(cutoff, "quantkit::stats::value_at_risk");
  return percentile(r, 100.0 * cutoff);
}

/// empyrical.conditional_value_at_risk(r, cutoff): the mean of the k = floor((n - 1) cutoff) + 1
/// smallest returns, n = len(r) counting NaN rows (numpy's partition sorts NaN last, so a NaN
/// only enters when fewer than k values are non-NaN: then the result is NaN). NaN for empty r.
/// Throws invalid_argument unless cutoff is in [0, 1]. O(n).
inline double conditional_value_at_risk(std::span<const double> r, double cutoff = 0.05) {
  detail::check_cutoff(cutoff, "quantkit::stats::conditional_value_at_risk");
  if (r.empty()) return detail::nan;
  const auto k =
      static_cast<std::size_t>(static_cast<double>(r.size() - 1) * cutoff) + 1;  // Python int()
  std::size_t valid = 0;
  for (double v : r) valid += v == v ? 1 : 0;
  if (valid < k) return detail::nan;
  const detail::order_statistics os(r, {}, k);
  return os.smallest_sum() / static_cast<double>(k);
}

/// Estimator of VaR / ES.
enum class var_method {
  historical,      ///< empirical quantile; ES = mean of the floor((n-1) p) + 1 smallest returns
  gaussian,        ///< mean + sd * z_p, sd with ddof = 1; ES = mean - sd * phi(z_p) / p
  cornish_fisher,  ///< modified VaR (Zangari 1996, Favre & Galeano 2002); ES of Boudt et al. 2008
};

/// Sample moments used by the Cornish-Fisher expansion.
enum class moment_estimator {
  biased,    ///< g1 = m3 / m2^1.5, g2 = m4 / m2^2 - 3 (PerformanceAnalytics, scipy bias=True)
  unbiased,  ///< adjusted G1, G2 (scipy bias=False, pandas skew()/kurt())
};

/// Options of value_at_risk / expected_shortfall / var_es.
struct var_options {
  double confidence = 0.95;  ///< in (0, 1); tail probability p = 1 - confidence
  var_method method = var_method::historical;
  quantile_method quantile = quantile_method::linear;   ///< historical VaR (numpy's methods)
  moment_estimator moments = moment_estimator::biased;  ///< Cornish-Fisher skew / kurtosis
  bool as_loss = false;  ///< false: a return (loss < 0, empyrical); true: positive loss = -return
};

/// VaR and ES of one estimator.
struct var_es_result {
  double var = std::numeric_limits<double>::quiet_NaN();  ///< value at risk
  double es = std::numeric_limits<double>::quiet_NaN();   ///< expected shortfall (CVaR)
};

namespace detail {

/// Cornish-Fisher quantile of a standardized variable with skewness s and excess kurtosis k:
/// z + (z^2 - 1) s / 6 + (z^3 - 3 z) k / 24 - (2 z^3 - 5 z) s^2 / 36.
inline double cornish_fisher_z(double z, double s, double k) noexcept {
  const double z2 = z * z;
  const double z3 = z2 * z;
  return z + (z2 - 1.0) * s / 6.0 + (z3 - 3.0 * z) * k / 24.0 - (2.0 * z3 - 5.0 * z) * s * s / 36.0;
}

/// E[Z 1{Z < g}] / p under the Edgeworth density with skewness s and excess kurtosis k, evaluated
/// at the Cornish-Fisher quantile g (Boudt, Peterson & Croux 2008, J. of Risk 11(2), eq. 8):
/// -phi(g) / p [1 + g^3 s / 6 + (g^4 - 2 g^2 - 1) k / 24 + (g^6 - 9 g^4 + 9 g^2 + 3) s^2 / 72].
inline double cornish_fisher_tail_mean(double g, double s, double k, double p,
                                       double phi_g) noexcept {
  const double g2 = g * g;
  const double g3 = g2 * g;
  const double g4 = g2 * g2;
  const double g6 = g4 * g2;
  return -phi_g / p *
         (1.0 + g3 * s / 6.0 + (g4 - 2.0 * g2 - 1.0) * k / 24.0 +
          (g6 - 9.0 * g4 + 9.0 * g2 + 3.0) * s * s / 72.0);
}

inline var_es_result var_es_impl(std::span<const double> r, const var_options& o,
                                 const char* function) {
  check_confidence(o.confidence, function);
  var_es_result out;
  if (r.empty() || has_nan(r)) return out;
  const double p = 1.0 - o.confidence;
  if (o.method == var_method::historical) {
    const auto k = static_cast<std::size_t>(static_cast<double>(r.size() - 1) * p) + 1;
    if (o.quantile == quantile_method::linear) {
      // numpy's linear rule from two order statistics (no full sort): s[lo] + gamma (s[hi] - s[lo])
      const double v = static_cast<double>(r.size() - 1) * p;
      const auto lo = static_cast<std::size_t>(std::floor(v));
      const std::size_t hi = lo + 1 < r.size() ? lo + 1 : lo;
      const std::size_t ranks[2] = {lo, hi};
      const order_statistics os(r, ranks, k);
      out.var = lo == hi ? os.value(0) : lerp(os.value(0), os.value(1), v - std::floor(v));
      out.es = os.smallest_sum() / static_cast<double>(k);
    } else {
      out.var = quantile(r, p, o.quantile);
      const order_statistics os(r, {}, k);
      out.es = os.smallest_sum() / static_cast<double>(k);
    }
  } else {
    if (r.size() < 2) return out;
    const boost::math::normal_distribution<double, math_policy> normal(0.0, 1.0);
    const double mu = mean(r);
    const double sd = stddev(r, 1);
    const double z = boost::math::quantile(normal, p);
    if (o.method == var_method::gaussian) {
      out.var = mu + sd * z;
      out.es = mu - sd * boost::math::pdf(normal, z) / p;
    } else {
      const bool bias = o.moments == moment_estimator::biased;
      double s = skewness(r, bias);
      double k = kurtosis(r, true, bias);
      if (s != s || k != k) {
        // Constant data (scipy's rule gives NaN moments) or too few points for the unbiased
        // estimators: no shape information, so the expansion reduces to the Gaussian case.
        s = 0.0;
        k = 0.0;
      }
      const double g = cornish_fisher_z(z, s, k);
      out.var = mu + sd * g;
      const double tail = cornish_fisher_tail_mean(g, s, k, p, boost::math::pdf(normal, g));
      // For extreme shapes the truncated expansion can put the tail mean above its own quantile;
      // an ES less severe than the VaR is not a valid estimate, so it is capped at the VaR.
      out.es = mu + sd * std::fmin(tail, g);
    }
  }
  if (o.as_loss) {
    out.var = -out.var;
    out.es = -out.es;
  }
  return out;
}

}  // namespace detail

/// Value at risk and expected shortfall at `o.confidence` (see var_method for the estimators and
/// the sign convention at the top of this header). NaN propagates: any NaN in r, or empty r,
/// gives NaN; the Gaussian and Cornish-Fisher estimators need n >= 2. Constant data: VaR = ES =
/// the constant. Throws invalid_argument unless confidence is in (0, 1). O(n) (historical VaR
/// with a quantile method sorts a copy: O(n log n)).
inline var_es_result var_es(std::span<const double> r, const var_options& o = {}) {
  return detail::var_es_impl(r, o, "quantkit::stats::var_es");
}

/// Value at risk (the var field of var_es).
inline double value_at_risk(std::span<const double> r, const var_options& o) {
  return detail::var_es_impl(r, o, "quantkit::stats::value_at_risk").var;
}

/// Expected shortfall / CVaR (the es field of var_es).
inline double expected_shortfall(std::span<const double> r, const var_options& o = {}) {
  return detail::var_es_impl(r, o, "quantkit::stats::expected_shortfall").es;
}

}  // namespace quantkit::stats
