// SPDX-License-Identifier: MIT
// quantkit/stats/sharpe_inference.hpp - PSR, MinTRL, expected maximum Sharpe, DSR, MinBTL
#pragma once

#include "../core/error.hpp"
#include "descriptive.hpp"
#include "distributions.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

namespace quantkit::stats {

// Sharpe-ratio inference of Bailey & Lopez de Prado ("The Sharpe Ratio Efficient Frontier",
// J. of Risk 15(2), 2012; "The Deflated Sharpe Ratio", J. of Portfolio Management 40(5), 2014),
// with the conventions of tests/data/stats/sharpe_inference.json and pypbo:
//  - SR is per observation: mean / std(ddof = 1), no risk-free rate, NOT annualized. Convert an
//    annual figure with SR_annual / sqrt(periods per year) (and a variance with / periods).
//  - skew = g3 = m3 / m2^1.5 (biased), kurtosis = g4 = m4 / m2^2 (biased, NON-excess: 3 for a
//    normal). T = number of observations.
//  - sigma_SR = sqrt((1 - g3 SR + (g4 - 1) / 4 SR^2) / (T - 1)).

/// Per-observation Sharpe ratio and the moments the inference needs (see the header comment).
struct sharpe_stats {
  double sr = std::numeric_limits<double>::quiet_NaN();
  double skew = std::numeric_limits<double>::quiet_NaN();
  double kurtosis = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;
};

/// SR = mean / std(ddof=1), g3 = skewness(bias=true), g4 = kurtosis(fisher=false, bias=true) of
/// the returns. NaN fields for n < 2, NaN data or constant data (moments undefined). O(n).
inline sharpe_stats sharpe_statistics(std::span<const double> returns) {
  sharpe_stats s;
  s.n = returns.size();
  if (returns.size() < 2) return s;
  s.sr = mean(returns) / stddev(returns, 1);
  s.skew = skewness(returns, true);
  s.kurtosis = kurtosis(returns, false, true);
  return s;
}

/// Standard error of the per-observation Sharpe ratio under non-normal iid returns (Mertens
/// 2002, as in Bailey & Lopez de Prado): sqrt((1 - g3 SR + (g4 - 1)/4 SR^2) / (T - 1)). NaN for
/// n < 2 or a negative variance term.
inline double sharpe_ratio_std(double sr, double skew, double kurtosis, std::size_t n) {
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  return std::sqrt((1.0 - skew * sr + (kurtosis - 1.0) / 4.0 * sr * sr) /
                   (static_cast<double>(n) - 1.0));
}

/// Probabilistic Sharpe ratio: psr = Phi(z), z = (SR - SR*) / sigma_SR, and sigma_SR.
struct psr_result {
  double psr = std::numeric_limits<double>::quiet_NaN();
  double z = std::numeric_limits<double>::quiet_NaN();
  double sigma_sr = std::numeric_limits<double>::quiet_NaN();
};

/// Probabilistic Sharpe ratio PSR(SR*) = Phi((SR - SR*) / sigma_SR) (Bailey & Lopez de Prado
/// 2012, eq. 3; pypbo.psr): the probability that the true Sharpe ratio exceeds the per-observation
/// benchmark SR*, given the observed SR, skew g3, NON-excess kurtosis g4 and n observations. NaN
/// for n < 2 or NaN inputs.
inline psr_result probabilistic_sharpe_ratio(double sr, double sr_star, double skew,
                                             double kurtosis, std::size_t n) {
  psr_result r;
  r.sigma_sr = sharpe_ratio_std(sr, skew, kurtosis, n);
  r.z = (sr - sr_star) / r.sigma_sr;
  r.psr = normal_cdf(r.z);
  return r;
}

/// PSR of a return series: sharpe_statistics(returns) then the closed form above.
inline psr_result probabilistic_sharpe_ratio(std::span<const double> returns,
                                             double sr_star = 0.0) {
  const auto s = sharpe_statistics(returns);
  return probabilistic_sharpe_ratio(s.sr, sr_star, s.skew, s.kurtosis, s.n);
}

/// Minimum track record length (observations) for PSR(SR*) to reach `prob` (Bailey & Lopez de
/// Prado 2012, eq. 11; pypbo.minTRL): 1 + (1 - g3 SR + (g4 - 1)/4 SR^2) (Phi^-1(prob) /
/// (SR - SR*))^2. As pypbo, the formula is applied whatever the sign of SR - SR* (for SR < SR*
/// the length is not meaningful: more data only lowers PSR); SR = SR* gives +inf; NaN inputs give
/// NaN. Divide by the periods per year for years. Throws unless 0 < prob < 1.
inline double min_track_record_length(double sr, double sr_star, double skew, double kurtosis,
                                      double prob = 0.95) {
  require(prob > 0.0 && prob < 1.0, "quantkit::stats::min_track_record_length", "prob", prob,
          "must be in (0, 1)");
  if (std::isnan(sr) || std::isnan(sr_star) || std::isnan(skew) || std::isnan(kurtosis)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (sr == sr_star) return std::numeric_limits<double>::infinity();
  const double q = normal_ppf(prob) / (sr - sr_star);
  return 1.0 + (1.0 - skew * sr + (kurtosis - 1.0) / 4.0 * sr * sr) * q * q;
}

/// Minimum track record length of a return series (observations).
inline double min_track_record_length(std::span<const double> returns, double sr_star = 0.0,
                                      double prob = 0.95) {
  const auto s = sharpe_statistics(returns);
  return min_track_record_length(s.sr, sr_star, s.skew, s.kurtosis, prob);
}

/// Euler-Mascheroni constant.
inline constexpr double euler_gamma = 0.57721566490153286060;

namespace detail {
inline void check_trials(std::size_t n_trials, const char* fn) {
  require(n_trials >= 2, fn, "n_trials", n_trials, "must be >= 2");
}
}  // namespace detail

/// E[max of N standard normals] approximation (1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 -
/// 1/(N e)) (Bailey & Lopez de Prado 2014, eq. (in the proof of) Proposition 1; pypbo
/// expected_max). Throws for N < 2.
inline double expected_max_sharpe_factor(std::size_t n_trials) {
  detail::check_trials(n_trials, "quantkit::stats::expected_max_sharpe_factor");
  const double n = static_cast<double>(n_trials);
  return (1.0 - euler_gamma) * normal_ppf(1.0 - 1.0 / n) +
         euler_gamma * normal_ppf(1.0 - 1.0 / (n * std::exp(1.0)));
}

/// SR0 = sqrt(V) expected_max_sharpe_factor(N): the expected maximum of N trial Sharpe ratios
/// with cross-trial variance V under the null of zero true Sharpe (same units as V's Sharpe
/// ratios). Throws for N < 2 or V negative or non-finite.
inline double expected_max_sharpe(std::size_t n_trials, double var_trials) {
  require(std::isfinite(var_trials) && var_trials >= 0.0, "quantkit::stats::expected_max_sharpe",
          "var_trials", var_trials, "must be finite and >= 0");
  return std::sqrt(var_trials) * expected_max_sharpe_factor(n_trials);
}

/// Deflated Sharpe ratio: dsr = PSR(SR0) for the selected strategy, with z, SR0, sigma_SR.
struct dsr_result {
  double dsr = std::numeric_limits<double>::quiet_NaN();
  double z = std::numeric_limits<double>::quiet_NaN();
  double sr0 = std::numeric_limits<double>::quiet_NaN();
  double sigma_sr = std::numeric_limits<double>::quiet_NaN();
  std::size_t n_trials = 0;
  double var_trials = std::numeric_limits<double>::quiet_NaN();
};

/// Deflated Sharpe ratio (Bailey & Lopez de Prado 2014, eq. 2; pypbo.dsr): PSR of the selected
/// strategy (per-observation SR, g3, NON-excess g4, n observations) against SR0 =
/// expected_max_sharpe(N, V), V the variance of the N trials' Sharpe ratios. Throws for N < 2 or
/// invalid V.
inline dsr_result deflated_sharpe_ratio(double sr, double skew, double kurtosis, std::size_t n,
                                        std::size_t n_trials, double var_trials) {
  dsr_result r;
  r.n_trials = n_trials;
  r.var_trials = var_trials;
  r.sr0 = expected_max_sharpe(n_trials, var_trials);
  const auto p = probabilistic_sharpe_ratio(sr, r.sr0, skew, kurtosis, n);
  r.dsr = p.psr;
  r.z = p.z;
  r.sigma_sr = p.sigma_sr;
  return r;
}

/// Deflated Sharpe ratio from the selected strategy's returns and the per-observation Sharpe
/// ratios of all N trials (V = variance(trial_sharpes, ddof); the paper and pypbo use ddof = 1).
/// Throws for fewer than 2 trials; ddof >= N (V undefined) or NaN trial Sharpes give NaN.
inline dsr_result deflated_sharpe_ratio(std::span<const double> selected_returns,
                                        std::span<const double> trial_sharpes,
                                        std::size_t ddof = 1) {
  detail::check_trials(trial_sharpes.size(), "quantkit::stats::deflated_sharpe_ratio");
  const auto s = sharpe_statistics(selected_returns);
  const double v = variance(trial_sharpes, ddof);
  if (std::isnan(v)) {
    dsr_result r;
    r.n_trials = trial_sharpes.size();
    return r;
  }
  return deflated_sharpe_ratio(s.sr, s.skew, s.kurtosis, s.n, trial_sharpes.size(), v);
}

/// Minimum backtest length (years) for N trials not to yield an annualized Sharpe of `sr_annual`
/// by chance (Bailey, Borwein, Lopez de Prado & Zhu 2014, "Pseudo-mathematics and financial
/// charlatanism"; pypbo.minBTL): years = (expected_max_sharpe_factor(N) / SR)^2, and the upper
/// bound 2 ln N / SR^2.
struct min_btl_result {
  double years = std::numeric_limits<double>::quiet_NaN();
  double upper_bound_years = std::numeric_limits<double>::quiet_NaN();
};

/// See min_btl_result. Throws for N < 2 or sr_annual not finite and > 0.
inline min_btl_result min_backtest_length(std::size_t n_trials, double sr_annual) {
  require(std::isfinite(sr_annual) && sr_annual > 0.0, "quantkit::stats::min_backtest_length",
          "sr_annual", sr_annual, "must be finite and > 0");
  min_btl_result r;
  const double e = expected_max_sharpe_factor(n_trials) / sr_annual;
  r.years = e * e;
  r.upper_bound_years = 2.0 * std::log(static_cast<double>(n_trials)) / (sr_annual * sr_annual);
  return r;
}

}  // namespace quantkit::stats
