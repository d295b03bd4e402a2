// SPDX-License-Identifier: MIT
// quantkit/stats/performance.hpp - empyrical performance metrics and a one-call summary
#pragma once

#include "../core/error.hpp"
#include "descriptive.hpp"
#include "detail/order_statistics.hpp"
#include "detail/sum.hpp"
#include "drawdown.hpp"
#include "returns.hpp"
#include "risk.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::stats {

// Conventions of this header: empyrical-reloaded (stats.py @ efe6066), the reference of the tests
// (tests/data/stats/README.md section 1).
//  - r are simple per-period returns; periods_per_year annualizes (252 daily, see returns.hpp).
//  - risk_free and required_return are constant *per-period* rates subtracted from each return;
//    omega_ratio's required_return is *annual* (empyrical).
//  - NaN: where empyrical uses nanmean / nanstd (Sharpe, volatility, Sortino, downside risk, alpha,
//    beta, excess Sharpe) NaN rows are skipped; stability and tail ratio drop NaN; omega ignores
//    NaN; cumulative measures (annual return, drawdown, capture) treat NaN as a 0 return and count
//    the row. skew / kurtosis / VaR propagate NaN (scipy / numpy).
//  - Standard deviations use ddof = 1. "len" checks count every row, NaN included (empyrical).
//  - Degenerate denominators follow IEEE / numpy: x / 0 = +-inf, 0 / 0 = NaN (Sortino without
//    downside = inf), except the Sharpe ratio, which is NaN for zero variance (empyrical gives
//    +-inf or NaN there, see sharpe_ratio).
//  - Invalid parameters throw quantkit::invalid_argument; bad data never throws.

namespace detail {

inline void check_rate(double rate, const char* function, const char* parameter) {
  require_finite(rate, function, parameter);
}

/// The non-NaN values of r (empyrical's nanmean / nanstd see only those); no copy when r has none.
class valid_values {
 public:
  explicit valid_values(std::span<const double> r) : source_(r), owned_(has_nan(r)) {
    if (owned_) storage_ = drop_nan(r);
  }
  [[nodiscard]] std::span<const double> values() const noexcept {
    return owned_ ? std::span<const double>(storage_) : source_;
  }

 private:
  std::span<const double> source_;
  bool owned_ = false;
  std::vector<double> storage_;
};

/// Sample standard deviation (ddof = 1) that is exactly 0 for constant data (the two-pass formula
/// leaves a rounding residue of order 1e-19 there), NaN for n < 2.
inline double sample_stddev(std::span<const double> x) noexcept {
  if (x.size() < 2) return nan;
  if (stats::min(x) == stats::max(x)) return 0.0;
  return stddev(x, 1);
}

/// numpy.percentile(x, 100 q) with the linear method from a few order statistics: the ranks it
/// needs and how to combine them (mirrors quantile_sorted(linear) exactly).
struct linear_rank {
  std::size_t lo = 0;
  std::size_t hi = 0;
  double gamma = 0.0;
  bool single = true;  // the value is s[lo]
};
inline linear_rank linear_quantile_rank(std::size_t n, double q) noexcept {
  linear_rank k;
  const double v = (static_cast<double>(n) - 1.0) * q;
  if (v >= static_cast<double>(n) - 1.0) {
    k.lo = k.hi = n - 1;
    return k;
  }
  if (v < 0.0) return k;
  const double prev = std::floor(v);
  k.lo = static_cast<std::size_t>(prev);
  k.hi = k.lo + 1;
  k.gamma = v - prev;
  k.single = false;
  return k;
}
inline double linear_value(const linear_rank& k, double lo, double hi) noexcept {
  return k.single ? lo : lerp(lo, hi, k.gamma);
}

/// Rows of (r, f) where f > 0 (up) or f < 0 (down), as empyrical.utils.up / down select them.
inline void split_by_benchmark(std::span<const double> r, std::span<const double> f, bool up,
                               std::vector<double>& r_out, std::vector<double>& f_out) {
  r_out.clear();
  f_out.clear();
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (up ? f[i] > 0.0 : f[i] < 0.0) {
      r_out.push_back(r[i]);
      f_out.push_back(f[i]);
    }
  }
}

}  // namespace detail

/// Annualized volatility (empyrical.annual_volatility): nanstd(r, ddof = 1) *
/// periods_per_year^(1/2) over the non-NaN rows. NaN if len(r) < 2 or fewer than 2 non-NaN values;
/// 0 for constant data. Throws invalid_argument for periods_per_year not finite and > 0. O(n).
inline double annual_volatility(std::span<const double> r,
                                double periods_per_year = annualization::daily) {
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::annual_volatility");
  if (r.size() < 2) return detail::nan;
  const detail::valid_values v(r);
  return detail::sample_stddev(v.values()) * std::pow(periods_per_year, 1.0 / 2.0);
}

/// Annualized Sharpe ratio (empyrical.sharpe_ratio): mean(r - rf) / std(r - rf, ddof = 1) *
/// sqrt(periods_per_year), risk_free a per-period rate, NaN rows skipped. NaN if len(r) < 2,
/// fewer than 2 non-NaN values, or zero variance (constant returns) -- empyrical gives +-inf for a
/// constant non-zero excess return and NaN for 0 / 0; quantkit returns NaN in both cases because a
/// ratio to a zero risk is undefined. Throws invalid_argument for a non-finite risk_free or a bad
/// periods_per_year. O(n).
inline double sharpe_ratio(std::span<const double> r, double risk_free = 0.0,
                           double periods_per_year = annualization::daily) {
  detail::check_rate(risk_free, "quantkit::stats::sharpe_ratio", "risk_free");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::sharpe_ratio");
  if (r.size() < 2) return detail::nan;
  const detail::valid_values v(r);
  const double sd = detail::sample_stddev(v.values());
  if (!(sd > 0.0)) return detail::nan;
  return (mean(v.values()) - risk_free) / sd * std::sqrt(periods_per_year);
}

/// Annualized downside deviation (empyrical.downside_risk): sqrt(mean(min(r - required_return,
/// 0)^2)) * sqrt(periods_per_year), the mean over *all* non-NaN rows (rows above the threshold
/// count as 0). NaN for empty input or no non-NaN value. Throws invalid_argument for a non-finite
/// required_return or a bad periods_per_year. O(n).
inline double downside_risk(std::span<const double> r, double required_return = 0.0,
                            double periods_per_year = annualization::daily) {
  detail::check_rate(required_return, "quantkit::stats::downside_risk", "required_return");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::downside_risk");
  detail::neumaier_sum s;
  std::size_t n = 0;
  for (double x : r) {
    if (x != x) continue;
    const double d = x - required_return;
    s.add(d < 0.0 ? d * d : 0.0);
    ++n;
  }
  if (n == 0) return detail::nan;
  return std::sqrt(s.value() / static_cast<double>(n)) * std::sqrt(periods_per_year);
}

/// Annualized Sortino ratio (empyrical.sortino_ratio): mean(r - required_return) *
/// periods_per_year / downside_risk(r, required_return), NaN rows skipped. +inf (or -inf) when no
/// return is below the threshold, NaN for 0 / 0 (numpy division); NaN if len(r) < 2 or all NaN.
/// Throws like downside_risk. O(n).
inline double sortino_ratio(std::span<const double> r, double required_return = 0.0,
                            double periods_per_year = annualization::daily) {
  detail::check_rate(required_return, "quantkit::stats::sortino_ratio", "required_return");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::sortino_ratio");
  if (r.size() < 2) return detail::nan;
  const detail::valid_values v(r);
  const double avg = (mean(v.values()) - required_return) * periods_per_year;
  return avg / downside_risk(r, required_return, periods_per_year);
}

/// Calmar ratio (empyrical.calmar_ratio): annual_return / |max_drawdown|; NaN when max_drawdown
/// is >= 0 (never under water), NaN, or the ratio is infinite; NaN for empty input. O(n).
inline double calmar_ratio(std::span<const double> r,
                           double periods_per_year = annualization::daily) {
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::calmar_ratio");
  const double mdd = max_drawdown(r);
  if (!(mdd < 0.0)) return detail::nan;
  const double c = annual_return(r, periods_per_year) / std::fabs(mdd);
  return std::isinf(c) ? detail::nan : c;
}

/// Omega ratio (empyrical.omega_ratio): with threshold t = (1 + required_return)^(1 /
/// periods_per_year) - 1 (required_return *annual*; t = required_return when periods_per_year ==
/// 1) and x = (r - risk_free) - t, sum(x > 0) / -sum(x < 0), NaN ignored. NaN if len(r) < 2, no
/// losses (sum of x < 0 is 0), or required_return <= -1. Throws for non-finite rates. O(n).
inline double omega_ratio(std::span<const double> r, double risk_free = 0.0,
                          double required_return = 0.0,
                          double periods_per_year = annualization::daily) {
  detail::check_rate(risk_free, "quantkit::stats::omega_ratio", "risk_free");
  detail::check_rate(required_return, "quantkit::stats::omega_ratio", "required_return");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::omega_ratio");
  if (r.size() < 2) return detail::nan;
  double threshold = required_return;
  if (periods_per_year != 1.0) {
    if (required_return <= -1.0) return detail::nan;
    threshold = std::pow(1.0 + required_return, 1.0 / periods_per_year) - 1.0;
  }
  detail::neumaier_sum gains;
  detail::neumaier_sum losses;
  for (double v : r) {
    const double x = v - risk_free - threshold;
    if (x > 0.0) gains.add(x);
    if (x < 0.0) losses.add(x);
  }
  const double denom = -losses.value();
  return denom > 0.0 ? gains.value() / denom : detail::nan;
}

/// Stability of the cumulative log return (empyrical.stability_of_timeseries): R^2 of the OLS fit
/// of y = cumsum(log1p(r)) (NaN rows dropped first) on 0..m-1, i.e. r^2 with r =
/// S_xy / sqrt(S_xx S_yy) clipped to [-1, 1] (scipy.stats.linregress). 0 when y or x has zero
/// spread (scipy's rule: a constant path, or m = 1); NaN if len(r) < 2 or every row is NaN; NaN
/// when a return is <= -1 (log1p). O(n), one allocation.
inline double stability_of_timeseries(std::span<const double> r) {
  if (r.size() < 2) return detail::nan;
  std::vector<double> y;
  y.reserve(r.size());
  double c = 0.0;
  for (double v : r) {
    if (v != v) continue;
    c += std::log1p(v);  // numpy.cumsum: a plain sequential sum
    y.push_back(c);
  }
  if (y.empty()) return detail::nan;
  const double m = static_cast<double>(y.size());
  const double ybar = mean(y);
  const double xbar = (m - 1.0) / 2.0;
  detail::neumaier_sum sxy;
  detail::neumaier_sum syy;
  detail::neumaier_sum sxx;
  for (std::size_t j = 0; j < y.size(); ++j) {
    const double dx = static_cast<double>(j) - xbar;
    const double dy = y[j] - ybar;
    sxx.add(dx * dx);
    sxy.add(dx * dy);
    syy.add(dy * dy);
  }
  if (sxx.value() == 0.0 || syy.value() == 0.0) return 0.0;
  double rho = sxy.value() / std::sqrt(sxx.value() * syy.value());
  rho = std::clamp(rho, -1.0, 1.0);
  return rho * rho;
}

/// Tail ratio (empyrical.tail_ratio): |percentile(r, 95)| / |percentile(r, 5)| (numpy linear) on
/// the non-NaN values. NaN for empty or all-NaN input; +inf when the 5th percentile is 0. O(n).
inline double tail_ratio(std::span<const double> r) {
  const detail::valid_values v(r);
  const std::size_t m = v.values().size();
  if (m == 0) return detail::nan;
  const auto k95 = detail::linear_quantile_rank(m, 95.0 / 100.0);
  const auto k05 = detail::linear_quantile_rank(m, 5.0 / 100.0);
  const std::size_t ranks[4] = {k95.lo, k95.hi, k05.lo, k05.hi};
  const detail::order_statistics os(v.values(), ranks, 0);
  return std::fabs(detail::linear_value(k95, os.value(0), os.value(1))) /
         std::fabs(detail::linear_value(k05, os.value(2), os.value(3)));
}

/// Common sense ratio (pyfolio.timeseries.common_sense_ratio): tail_ratio(r) * (1 +
/// annual_return(r)). (quantstats' common_sense_ratio is profit_factor * tail_ratio instead.) O(n).
inline double common_sense_ratio(std::span<const double> r,
                                 double periods_per_year = annualization::daily) {
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::common_sense_ratio");
  return tail_ratio(r) * (1.0 + annual_return(r, periods_per_year));
}

/// Alpha and beta of returns against a benchmark.
struct alpha_beta_result {
  double alpha = std::numeric_limits<double>::quiet_NaN();  ///< annualized, compounded
  double beta = std::numeric_limits<double>::quiet_NaN();
};

namespace detail {
inline alpha_beta_result alpha_beta_impl(std::span<const double> r, std::span<const double> f,
                                         double risk_free, double periods_per_year) {
  alpha_beta_result out;
  // beta = cov(f, r) / var(f) with ddof = 0 on the rows where both are present
  // (empyrical.beta_aligned masks f where r is NaN, then nanmean skips NaN products).
  if (r.empty() || f.size() < 2) return out;
  neumaier_sum sf;
  std::size_t n = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i] == r[i] && f[i] == f[i]) {
      sf.add(f[i]);
      ++n;
    }
  }
  if (n == 0) return out;
  const double mf = sf.value() / static_cast<double>(n);
  neumaier_sum cov;
  neumaier_sum var;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i] == r[i] && f[i] == f[i]) {
      const double d = f[i] - mf;
      cov.add(d * r[i]);
      var.add(d * d);
    }
  }
  const double v = var.value() / static_cast<double>(n);
  if (!(v >= 1.0e-30)) return out;  // empyrical: variances < 1e-30 are NaN
  out.beta = (cov.value() / static_cast<double>(n)) / v;
  // alpha = (1 + mean((r - rf) - beta (f - rf)))^periods_per_year - 1 (empyrical.alpha_aligned).
  if (r.size() < 2) return out;
  neumaier_sum a;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i] == r[i] && f[i] == f[i]) a.add((r[i] - risk_free) - out.beta * (f[i] - risk_free));
  }
  out.alpha = std::pow(a.value() / static_cast<double>(n) + 1.0, periods_per_year) - 1.0;
  return out;
}

inline void check_pair(std::span<const double> r, std::span<const double> f, const char* function) {
  require_same_length(function, "returns", r.size(), "benchmark", f.size());
}
}  // namespace detail

/// Alpha and beta (empyrical.alpha_beta): beta = cov(f, r) / var(f), both ddof = 0 over the rows
/// where r and f are present (empyrical ignores risk_free for beta); alpha = (1 + mean((r - rf) -
/// beta (f - rf)))^periods_per_year - 1 (arithmetic mean, compounded). beta is NaN for len(f) < 2,
/// no complete row or var(f) < 1e-30; alpha is NaN when beta is or len(r) < 2. Throws
/// invalid_argument when the lengths differ, for a non-finite risk_free or a bad
/// periods_per_year. O(n), no allocation.
inline alpha_beta_result alpha_beta(std::span<const double> r, std::span<const double> f,
                                    double risk_free = 0.0,
                                    double periods_per_year = annualization::daily) {
  detail::check_pair(r, f, "quantkit::stats::alpha_beta");
  detail::check_rate(risk_free, "quantkit::stats::alpha_beta", "risk_free");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::alpha_beta");
  return detail::alpha_beta_impl(r, f, risk_free, periods_per_year);
}

/// Alpha alone (empyrical.alpha); see alpha_beta.
inline double alpha(std::span<const double> r, std::span<const double> f, double risk_free = 0.0,
                    double periods_per_year = annualization::daily) {
  detail::check_pair(r, f, "quantkit::stats::alpha");
  detail::check_rate(risk_free, "quantkit::stats::alpha", "risk_free");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::alpha");
  return detail::alpha_beta_impl(r, f, risk_free, periods_per_year).alpha;
}

/// Beta alone (empyrical.beta); see alpha_beta. Does not depend on a risk-free rate.
inline double beta(std::span<const double> r, std::span<const double> f) {
  detail::check_pair(r, f, "quantkit::stats::beta");
  return detail::alpha_beta_impl(r, f, 0.0, annualization::daily).beta;
}

/// alpha_beta on the rows where the benchmark is up (f > 0; empyrical.up_alpha_beta). O(n).
inline alpha_beta_result up_alpha_beta(std::span<const double> r, std::span<const double> f,
                                       double risk_free = 0.0,
                                       double periods_per_year = annualization::daily) {
  detail::check_pair(r, f, "quantkit::stats::up_alpha_beta");
  detail::check_rate(risk_free, "quantkit::stats::up_alpha_beta", "risk_free");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::up_alpha_beta");
  std::vector<double> ru;
  std::vector<double> fu;
  detail::split_by_benchmark(r, f, true, ru, fu);
  return detail::alpha_beta_impl(ru, fu, risk_free, periods_per_year);
}

/// alpha_beta on the rows where the benchmark is down (f < 0; empyrical.down_alpha_beta). O(n).
inline alpha_beta_result down_alpha_beta(std::span<const double> r, std::span<const double> f,
                                         double risk_free = 0.0,
                                         double periods_per_year = annualization::daily) {
  detail::check_pair(r, f, "quantkit::stats::down_alpha_beta");
  detail::check_rate(risk_free, "quantkit::stats::down_alpha_beta", "risk_free");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::down_alpha_beta");
  std::vector<double> rd;
  std::vector<double> fd;
  detail::split_by_benchmark(r, f, false, rd, fd);
  return detail::alpha_beta_impl(rd, fd, risk_free, periods_per_year);
}

/// Capture ratio (empyrical.capture): annual_return(r) / annual_return(f) (NaN as 0, every row
/// counted); +-inf when the benchmark's annual return is 0. Throws for different lengths. O(n).
inline double capture(std::span<const double> r, std::span<const double> f,
                      double periods_per_year = annualization::daily) {
  detail::check_pair(r, f, "quantkit::stats::capture");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::capture");
  return annual_return(r, periods_per_year) / annual_return(f, periods_per_year);
}

/// Up capture (empyrical.up_capture): capture on the rows with f > 0 (rows with f == 0 or NaN are
/// in neither up nor down); annual_return there uses the number of up rows. NaN without up rows.
inline double up_capture(std::span<const double> r, std::span<const double> f,
                         double periods_per_year = annualization::daily) {
  detail::check_pair(r, f, "quantkit::stats::up_capture");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::up_capture");
  std::vector<double> ru;
  std::vector<double> fu;
  detail::split_by_benchmark(r, f, true, ru, fu);
  return annual_return(ru, periods_per_year) / annual_return(fu, periods_per_year);
}

/// Down capture (empyrical.down_capture): capture on the rows with f < 0. NaN without down rows.
inline double down_capture(std::span<const double> r, std::span<const double> f,
                           double periods_per_year = annualization::daily) {
  detail::check_pair(r, f, "quantkit::stats::down_capture");
  detail::check_periods_per_year(periods_per_year, "quantkit::stats::down_capture");
  std::vector<double> rd;
  std::vector<double> fd;
  detail::split_by_benchmark(r, f, false, rd, fd);
  return annual_return(rd, periods_per_year) / annual_return(fd, periods_per_year);
}

/// up_capture / down_capture (empyrical.up_down_capture).
inline double up_down_capture(std::span<const double> r, std::span<const double> f,
                              double periods_per_year = annualization::daily) {
  detail::check_pair(r, f, "quantkit::stats::up_down_capture");
  return up_capture(r, f, periods_per_year) / down_capture(r, f, periods_per_year);
}

namespace detail {
inline double excess_sharpe_of_active(std::span<const double> active) {
  const valid_values v(active);
  // empyrical: tracking_error = nanto_num(nanstd(active, ddof=1)), so a NaN tracking error
  // (fewer than 2 values) becomes 0 and the ratio +-inf (or NaN for 0 / 0).
  double te = v.values().size() < 2 ? 0.0 : sample_stddev(v.values());
  return mean(v.values()) / te;
}
}  // namespace detail

/// Excess Sharpe (empyrical.excess_sharpe, its information ratio): mean(r - f) / std(r - f,
/// ddof = 1) over the rows where r - f is not NaN, *not annualized*. Unlike sharpe_ratio it keeps
/// empyrical's degenerate results: zero tracking error (or fewer than 2 complete rows, which
/// empyrical maps to 0 through nanto_num) gives +-inf, or NaN for 0 / 0. NaN if len(r) < 2.
/// Throws invalid_argument when the lengths differ. O(n).
inline double excess_sharpe(std::span<const double> r, std::span<const double> f) {
  detail::check_pair(r, f, "quantkit::stats::excess_sharpe");
  if (r.size() < 2) return detail::nan;
  std::vector<double> active(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) active[i] = r[i] - f[i];
  return detail::excess_sharpe_of_active(active);
}

/// Excess Sharpe against a constant per-period benchmark rate (empyrical.excess_sharpe(r, rate)).
inline double excess_sharpe(std::span<const double> r, double benchmark_rate) {
  detail::check_rate(benchmark_rate, "quantkit::stats::excess_sharpe", "benchmark_rate");
  if (r.size() < 2) return detail::nan;
  std::vector<double> active(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) active[i] = r[i] - benchmark_rate;
  return detail::excess_sharpe_of_active(active);
}

/// Batting averages (empyrical.batting_average).
struct batting_average_result {
  double overall = std::numeric_limits<double>::quiet_NaN();      ///< share of rows with r > f
  double up_market = std::numeric_limits<double>::quiet_NaN();    ///< same, rows with f >= 0
  double down_market = std::numeric_limits<double>::quiet_NaN();  ///< same, rows with f < 0
};

/// Batting average (empyrical.batting_average): the share of rows where r - f > 0, over all rows
/// (a NaN row counts as a miss), over rows with f >= 0 and rows with f < 0. NaN for an empty
/// group. Throws invalid_argument when the lengths differ. O(n).
inline batting_average_result batting_average(std::span<const double> r,
                                              std::span<const double> f) {
  detail::check_pair(r, f, "quantkit::stats::batting_average");
  std::size_t hits = 0;
  std::size_t up = 0;
  std::size_t up_hits = 0;
  std::size_t down = 0;
  std::size_t down_hits = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const bool hit = r[i] - f[i] > 0.0;
    hits += hit ? 1 : 0;
    if (f[i] >= 0.0) {
      ++up;
      up_hits += hit ? 1 : 0;
    } else if (f[i] < 0.0) {
      ++down;
      down_hits += hit ? 1 : 0;
    }
  }
  batting_average_result out;
  auto ratio = [](std::size_t a, std::size_t b) {
    return b == 0 ? detail::nan : static_cast<double>(a) / static_cast<double>(b);
  };
  out.overall = ratio(hits, r.size());
  out.up_market = ratio(up_hits, up);
  out.down_market = ratio(down_hits, down);
  return out;
}

/// Beta fragility heuristic (empyrical.beta_fragility_heuristic; Dattels, Kandel & Garcia, IMF WP
/// 12/216): rows with both values present, sorted by f (stable sort; pandas' quicksort may order
/// tied f differently); with start, mid = round-half-even(m / 2), end rows:
/// w_s (r_start) + w_e (r_end) - r_mid, w_s = (f_mid - f_start) / (f_end - f_start), w_e =
/// (f_end - f_mid) / (f_end - f_start), or 0.5 each when f_end == f_start. NaN if len < 3 or no
/// complete row. Throws invalid_argument when the lengths differ. O(n log n).
inline double beta_fragility_heuristic(std::span<const double> r, std::span<const double> f) {
  detail::check_pair(r, f, "quantkit::stats::beta_fragility_heuristic");
  if (r.size() < 3) return detail::nan;
  std::vector<std::size_t> rows;
  rows.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i] == r[i] && f[i] == f[i]) rows.push_back(i);
  }
  if (rows.empty()) return detail::nan;
  std::stable_sort(rows.begin(), rows.end(),
                   [&](std::size_t a, std::size_t b) { return f[a] < f[b]; });
  const auto mid = static_cast<std::size_t>(std::nearbyint(static_cast<double>(rows.size()) / 2.0));
  const std::size_t s = rows.front();
  const std::size_t m = rows[mid < rows.size() ? mid : rows.size() - 1];
  const std::size_t e = rows.back();
  const double range = f[e] - f[s];
  double ws = 0.5;
  double we = 0.5;
  if (range != 0.0) {
    ws = (f[m] - f[s]) / range;
    we = (f[e] - f[m]) / range;
  }
  return ws * r[s] + we * r[e] - r[m];
}

/// Options of performance_summary. The empyrical calls behind each field are listed in
/// docs/stats.md; the reference's "risk_free" section corresponds to risk_free = required_return
/// = rf.
struct performance_options {
  double periods_per_year = annualization::daily;
  double risk_free = 0.0;              ///< per period: Sharpe, alpha, omega (empyrical risk_free)
  double required_return = 0.0;        ///< per period: Sortino, downside risk
  double omega_required_return = 0.0;  ///< *annual*: omega threshold (empyrical required_return)
  double cutoff = 0.05;                ///< value_at_risk / conditional_value_at_risk tail
};

/// Every scalar metric of this header in one call. Benchmark-relative fields are NaN when no
/// benchmark is given. Each field equals the function of the same name with the same options.
struct performance_metrics {
  std::size_t n = 0;        ///< rows, NaN included
  std::size_t n_valid = 0;  ///< non-NaN returns
  double cum_returns_final = std::numeric_limits<double>::quiet_NaN();
  double annual_return = std::numeric_limits<double>::quiet_NaN();
  double annual_volatility = std::numeric_limits<double>::quiet_NaN();
  double sharpe_ratio = std::numeric_limits<double>::quiet_NaN();
  double sortino_ratio = std::numeric_limits<double>::quiet_NaN();
  double downside_risk = std::numeric_limits<double>::quiet_NaN();
  double calmar_ratio = std::numeric_limits<double>::quiet_NaN();
  double omega_ratio = std::numeric_limits<double>::quiet_NaN();
  double max_drawdown = std::numeric_limits<double>::quiet_NaN();
  double stability_of_timeseries = std::numeric_limits<double>::quiet_NaN();
  double tail_ratio = std::numeric_limits<double>::quiet_NaN();
  double common_sense_ratio = std::numeric_limits<double>::quiet_NaN();
  double value_at_risk = std::numeric_limits<double>::quiet_NaN();
  double conditional_value_at_risk = std::numeric_limits<double>::quiet_NaN();
  double skew = std::numeric_limits<double>::quiet_NaN();      ///< scipy.stats.skew (bias=True)
  double kurtosis = std::numeric_limits<double>::quiet_NaN();  ///< excess, bias=True
  // Against the benchmark:
  double alpha = std::numeric_limits<double>::quiet_NaN();
  double beta = std::numeric_limits<double>::quiet_NaN();
  double excess_sharpe = std::numeric_limits<double>::quiet_NaN();
  double capture = std::numeric_limits<double>::quiet_NaN();
  double up_capture = std::numeric_limits<double>::quiet_NaN();
  double down_capture = std::numeric_limits<double>::quiet_NaN();
  double up_down_capture = std::numeric_limits<double>::quiet_NaN();
  batting_average_result batting_average{};
};

namespace detail {

/// log1p(x) for |x| <= 1/16 as 2 atanh(s) = 2 (s + s^3/3 + ... + s^13/13), s = x / (2 + x):
/// |s| < 0.033, so the truncation error is below 1e-21 relative and the result is within ~2 ulp
/// of the libm log1p. Branch- and call-free, so a block of them vectorizes; the caller handles
/// larger |x| (and NaN) with std::log1p.
inline double log1p_near_zero(double x) noexcept {
  const double s = x / (2.0 + x);
  const double z = s * s;
  const double p =
      1.0 / 3.0 +
      z * (1.0 / 5.0 + z * (1.0 / 7.0 + z * (1.0 / 9.0 + z * (1.0 / 11.0 + z * (1.0 / 13.0)))));
  return 2.0 * s + 2.0 * s * (z * p);
}

/// c ? x : 0.0 without a branch: g++ turns some such ternaries on doubles into jumps, which
/// mispredict half the time on the random signs of returns.
inline double keep_if(bool c, double x) noexcept {
  const std::uint64_t mask = std::uint64_t{0} - static_cast<std::uint64_t>(c);
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) & mask);
}

/// A running product kept as p 2^e, renormalized with frexp once per block: bit-identical to the
/// sequential product while that stays in the normal range (scaling by 2^k commutes with
/// rounding), and it never crawls through subnormals, where each multiplication costs ~100
/// cycles (the product of (1 + f) over 10^6 down days underflows and then stays subnormal).
struct scaled_product {
  double p = 1.0;
  int e = 0;
  void renormalize() noexcept {
    int k = 0;
    p = std::frexp(p, &k);
    e += k;
  }
  [[nodiscard]] double value() const noexcept { return std::ldexp(p, e); }
};

/// Shift for one-pass centered sums: the mean of the first (up to) `block` non-NaN values, so the
/// shifted power sums convert to central moments without cancellation.
inline double leading_mean(std::span<const double> x, std::span<const double> other,
                           std::size_t block) noexcept {
  double s = 0.0;
  std::size_t k = 0;
  for (std::size_t i = 0; i < x.size() && k < block; ++i) {
    if (x[i] == x[i] && (other.empty() || other[i] == other[i])) {
      s += x[i];
      ++k;
    }
  }
  return k > 0 ? s / static_cast<double>(k) : 0.0;
}

inline performance_metrics summary_impl(std::span<const double> r, std::span<const double> f,
                                        bool has_benchmark, const performance_options& o) {
  const char* fn = "quantkit::stats::performance_summary";
  check_periods_per_year(o.periods_per_year, fn);
  check_rate(o.risk_free, fn, "risk_free");
  check_rate(o.required_return, fn, "required_return");
  check_rate(o.omega_required_return, fn, "omega_required_return");
  check_cutoff(o.cutoff, fn);
  if (has_benchmark) check_pair(r, f, fn);

  performance_metrics m;
  const std::size_t n = r.size();
  m.n = n;
  if (n == 0) return m;
  const double ppy = o.periods_per_year;
  double omega_threshold = o.omega_required_return;
  bool omega_ok = true;
  if (ppy != 1.0) {
    omega_ok = o.omega_required_return > -1.0;
    omega_threshold = std::pow(1.0 + o.omega_required_return, 1.0 / ppy) - 1.0;
  }

  // One pass over blocks of `block` rows computes every sum, product and the quantile histogram;
  // a second pass over r collects the few values the quantiles need. Within a block the sums are
  // plain (independent accumulators the CPU overlaps, error ~ block eps) and the block sums are
  // added with compensation, like numpy's pairwise sums; moments are shifted power sums around
  // the mean of the first block (well conditioned), converted to central moments at the end.
  // Products and the drawdown walk are sequential, in numpy's order. Constant data is detected
  // exactly (min == max) and gets exactly zero dispersion.
  constexpr std::size_t block = 256;
  const double kr = leading_mean(r, {}, block);
  const double kf = has_benchmark ? leading_mean(f, r, block) : 0.0;
  const double kr_pair = has_benchmark ? leading_mean(r, f, block) : 0.0;
  wealth_walk wealth;
  double peak = 100.0;
  double mdd = 0.0;
  neumaier_sum gains;
  neumaier_sum losses;
  neumaier_sum sum_down2;
  std::array<neumaier_sum, 4> pr{};  // sums of d^1..d^4, d = r - kr
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  // Stability: y_j = cumsum(log1p(r)) over non-NaN rows, regressed on j; sums of dy = y - y_0,
  // dy^2 and j dy.
  double y = 0.0;
  double y0 = 0.0;
  neumaier_sum sdy;
  neumaier_sum sdy2;
  neumaier_sum sjdy;
  std::size_t nv = 0;
  // Benchmark: products of (1 + f) and of the up/down rows, and shifted sums over the rows where
  // both are present: df = f - kf, dr = r - kr_pair, da = (r - f) - (kr_pair - kf).
  scaled_product wf;
  scaled_product w_up_r;
  scaled_product w_up_f;
  scaled_product w_dn_r;
  scaled_product w_dn_f;
  std::size_t n_up = 0;
  std::size_t n_dn = 0;
  std::array<neumaier_sum, 6> ps{};  // df, dr, df^2, df dr, da, da^2
  std::size_t n_pair = 0;
  std::size_t hits = 0;
  std::size_t up_rows = 0;
  std::size_t up_hits = 0;
  std::size_t dn_hits = 0;
  double active_lo = std::numeric_limits<double>::infinity();
  double active_hi = -std::numeric_limits<double>::infinity();
  const double ka = kr_pair - kf;
  order_statistics quantiles(n);
  std::array<double, block> lg;
  for (std::size_t i0 = 0; i0 < n; i0 += block) {
    const std::size_t i1 = i0 + block < n ? i0 + block : n;
    const auto rb = r.subspan(i0, i1 - i0);
    quantiles.count(rb);
    // log1p in loops of their own (a libm call clobbers every vector register; inside the main
    // loop it would push all the accumulators through the stack): the series for the usual small
    // returns, then libm for the rare |r| > 1/16 and NaN.
    for (std::size_t i = i0; i < i1; ++i) lg[i - i0] = log1p_near_zero(r[i]);
    for (std::size_t i = i0; i < i1; ++i) {
      if (!(std::fabs(r[i]) <= 0.0625)) lg[i - i0] = std::log1p(r[i]);
    }
    double b_gain = 0.0;
    double b_loss = 0.0;
    for (std::size_t i = i0; i < i1; ++i) {
      const double v = r[i];
      const double w = wealth.next(v);
      peak = w > peak ? w : peak;  // fmax / nanmin semantics without a libm call per row
      const double dd = (w - peak) / peak;
      mdd = dd < mdd ? dd : mdd;
      const double x = v - o.risk_free - omega_threshold;
      b_gain += keep_if(x > 0.0, x);
      b_loss += keep_if(x < 0.0, x);
    }
    gains.add(b_gain);
    losses.add(b_loss);
    std::array<double, 4> bp{};
    double b_down2 = 0.0;
    double b_dy = 0.0;
    double b_dy2 = 0.0;
    double b_jdy = 0.0;
    for (std::size_t i = i0; i < i1; ++i) {
      const double v = r[i];
      if (v != v) continue;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
      const double d = v - kr;
      const double d2 = d * d;
      bp[0] += d;
      bp[1] += d2;
      bp[2] += d2 * d;
      bp[3] += d2 * d2;
      const double e = v - o.required_return;
      b_down2 += keep_if(e < 0.0, e * e);
      y += lg[i - i0];
      if (nv == 0) y0 = y;
      const double dy = y - y0;
      b_dy += dy;
      b_dy2 += dy * dy;
      b_jdy += static_cast<double>(nv) * dy;
      ++nv;
    }
    for (std::size_t k = 0; k < 4; ++k) pr[k].add(bp[k]);
    sum_down2.add(b_down2);
    sdy.add(b_dy);
    sdy2.add(b_dy2);
    sjdy.add(b_jdy);
    if (!has_benchmark) continue;
    std::array<double, 6> bs{};
    for (std::size_t i = i0; i < i1; ++i) {
      const double v = r[i];
      const double b = f[i];
      const bool valid = v == v;
      const double r0 = keep_if(valid, v);
      wf.p *= 1.0 + keep_if(b == b, b);
      const bool up = b > 0.0;
      const bool dn = b < 0.0;
      w_up_r.p *= 1.0 + keep_if(up, r0);
      w_up_f.p *= 1.0 + keep_if(up, b);
      w_dn_r.p *= 1.0 + keep_if(dn, r0);
      w_dn_f.p *= 1.0 + keep_if(dn, b);
      n_up += up ? 1 : 0;
      n_dn += dn ? 1 : 0;
      const std::size_t hit = v - b > 0.0 ? 1 : 0;
      hits += hit;
      up_rows += b >= 0.0 ? 1 : 0;
      up_hits += b >= 0.0 ? hit : 0;
      dn_hits += dn ? hit : 0;
      if (valid && b == b) {
        const double df = b - kf;
        const double dr = v - kr_pair;
        const double a = v - b;
        const double da = a - ka;
        bs[0] += df;
        bs[1] += dr;
        bs[2] += df * df;
        bs[3] += df * dr;
        bs[4] += da;
        bs[5] += da * da;
        ++n_pair;
        active_lo = a < active_lo ? a : active_lo;
        active_hi = a > active_hi ? a : active_hi;
      }
    }
    for (std::size_t k = 0; k < 6; ++k) ps[k].add(bs[k]);
    for (auto* w : {&wf, &w_up_r, &w_up_f, &w_dn_r, &w_dn_f}) w->renormalize();
  }
  m.n_valid = nv;
  const bool any_nan = nv != n;

  // Order statistics of the non-NaN returns: tail ratio ranks, VaR ranks, CVaR sum.
  const auto k95 = linear_quantile_rank(nv, 95.0 / 100.0);
  const auto k05 = linear_quantile_rank(nv, 5.0 / 100.0);
  const auto kvar = linear_quantile_rank(n, (100.0 * o.cutoff) / 100.0);
  const std::size_t cvar_k = static_cast<std::size_t>(static_cast<double>(n - 1) * o.cutoff) + 1;
  if (nv > 0) {
    const std::size_t ranks[6] = {k95.lo, k95.hi, k05.lo, k05.hi, kvar.lo, kvar.hi};
    const std::size_t nranks = any_nan ? 4 : 6;
    const std::size_t sum_k = cvar_k <= nv ? cvar_k : 0;
    quantiles.plan(std::span<const std::size_t>(ranks, nranks), sum_k);
    if (quantiles.collecting()) {
      for (std::size_t i0 = 0; i0 < n; i0 += 4096) {
        quantiles.collect(r.subspan(i0, i0 + 4096 < n ? 4096 : n - i0));
      }
    }
    quantiles.finish();
    m.tail_ratio = std::fabs(linear_value(k95, quantiles.value(0), quantiles.value(1))) /
                   std::fabs(linear_value(k05, quantiles.value(2), quantiles.value(3)));
    if (!any_nan) m.value_at_risk = linear_value(kvar, quantiles.value(4), quantiles.value(5));
    if (sum_k > 0) {
      m.conditional_value_at_risk = quantiles.smallest_sum() / static_cast<double>(sum_k);
    }
  }

  // Central moments of the non-NaN returns from the shifted power sums.
  const bool constant = nv > 0 && lo == hi;
  double mean_r = nan;
  central_moments cm;
  if (nv > 0) {
    const double k = static_cast<double>(nv);
    const double d = pr[0].value() / k;
    const double e2 = pr[1].value() / k;
    const double e3 = pr[2].value() / k;
    const double e4 = pr[3].value() / k;
    mean_r = constant ? lo : kr + d;
    cm.n = nv;
    cm.mean = mean_r;
    cm.m2 = constant ? 0.0 : std::fmax(e2 - d * d, 0.0);
    cm.m3 = constant ? 0.0 : e3 - 3.0 * d * e2 + 2.0 * d * d * d;
    cm.m4 = constant ? 0.0 : e4 - 4.0 * d * e3 + 6.0 * d * d * e2 - 3.0 * d * d * d * d;
  }

  // Assemble, with each metric's own length rules (see the single-metric functions).
  m.cum_returns_final = wealth.product - 1.0;
  const double years = static_cast<double>(n) / ppy;
  m.annual_return = std::pow(wealth.product, 1.0 / years) - 1.0;
  m.max_drawdown = mdd;
  if (mdd < 0.0) {
    const double c = m.annual_return / std::fabs(mdd);
    m.calmar_ratio = std::isinf(c) ? nan : c;
  }
  m.common_sense_ratio = m.tail_ratio * (1.0 + m.annual_return);
  if (nv > 0) {
    m.downside_risk = std::sqrt(sum_down2.value() / static_cast<double>(nv)) * std::sqrt(ppy);
  }
  const double sd =
      nv >= 2 ? std::sqrt(cm.m2 * static_cast<double>(nv) / static_cast<double>(nv - 1)) : nan;
  if (n >= 2) {
    m.annual_volatility = sd * std::pow(ppy, 1.0 / 2.0);
    m.sharpe_ratio = sd > 0.0 ? (mean_r - o.risk_free) / sd * std::sqrt(ppy) : nan;
    m.sortino_ratio = (mean_r - o.required_return) * ppy / m.downside_risk;
    const double denom = -losses.value();
    m.omega_ratio = omega_ok && denom > 0.0 ? gains.value() / denom : nan;
    if (nv > 0) {
      const double mv = static_cast<double>(nv);
      const double xbar = (mv - 1.0) / 2.0;
      const double sxx = mv * (mv * mv - 1.0) / 12.0;  // sum of (j - xbar)^2
      const double dbar = sdy.value() / mv;
      const double syy = sdy2.value() - mv * dbar * dbar;
      const double sxy = sjdy.value() - mv * xbar * dbar;
      if (sxx == 0.0 || syy == 0.0) {
        m.stability_of_timeseries = 0.0;  // scipy.stats.linregress: r = 0 for a zero spread
      } else {
        const double rho = std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
        m.stability_of_timeseries = rho * rho;
      }
    }
  }
  if (!any_nan && !effectively_constant(cm)) {
    m.skew = cm.m3 / std::pow(cm.m2, 1.5);
    m.kurtosis = cm.m4 / (cm.m2 * cm.m2) - 3.0;
  }

  if (!has_benchmark) return m;
  m.capture = m.annual_return / (std::pow(wf.value(), 1.0 / years) - 1.0);
  auto ann = [&](const scaled_product& w, std::size_t k) {
    return k == 0 ? nan : std::pow(w.value(), 1.0 / (static_cast<double>(k) / ppy)) - 1.0;
  };
  m.up_capture = ann(w_up_r, n_up) / ann(w_up_f, n_up);
  m.down_capture = ann(w_dn_r, n_dn) / ann(w_dn_f, n_dn);
  m.up_down_capture = m.up_capture / m.down_capture;
  auto ratio = [&](std::size_t a, std::size_t b) {
    return b == 0 ? nan : static_cast<double>(a) / static_cast<double>(b);
  };
  m.batting_average.overall = ratio(hits, n);
  m.batting_average.up_market = ratio(up_hits, up_rows);
  m.batting_average.down_market = ratio(dn_hits, n_dn);
  if (n >= 2 && n_pair > 0) {
    const double np = static_cast<double>(n_pair);
    const double df = ps[0].value() / np;
    const double dr = ps[1].value() / np;
    const double vf = ps[2].value() / np - df * df;
    const double mf = kf + df;
    const double mr = kr_pair + dr;
    if (vf >= 1.0e-30) {
      m.beta = (ps[3].value() / np - df * dr) / vf;
      const double a = (mr - o.risk_free) - m.beta * (mf - o.risk_free);
      m.alpha = std::pow(a + 1.0, ppy) - 1.0;
    }
    const double da = ps[4].value() / np;
    double te = 0.0;
    if (n_pair >= 2 && active_lo != active_hi) {
      te = std::sqrt(std::fmax(ps[5].value() / np - da * da, 0.0) * np / (np - 1.0));
    }
    m.excess_sharpe = (ka + da) / te;
  }
  return m;
}

}  // namespace detail

/// All scalar metrics of r in one pass plus a radix selection for the quantiles (O(n), a few
/// small allocations; about 10 ms for 10^6 returns, docs/performance.md). Every field follows the
/// single-metric function of the same name (its NaN rules, degenerate results and reference);
/// fields against a benchmark stay NaN. Throws invalid_argument for a bad option (non-finite rate,
/// periods_per_year not > 0, cutoff outside [0, 1]).
inline performance_metrics performance_summary(std::span<const double> r,
                                               const performance_options& o = {}) {
  return detail::summary_impl(r, {}, false, o);
}

/// The same with a benchmark f (alpha, beta, excess Sharpe, capture ratios, batting average).
/// Throws invalid_argument when r and f have different lengths.
inline performance_metrics performance_summary(std::span<const double> r, std::span<const double> f,
                                               const performance_options& o = {}) {
  return detail::summary_impl(r, f, true, o);
}

}  // namespace quantkit::stats
