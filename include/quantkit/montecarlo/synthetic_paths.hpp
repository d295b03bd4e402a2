// SPDX-License-Identifier: MIT
// quantkit/montecarlo/synthetic_paths.hpp - synthetic-path Monte Carlo: re-run a strategy (any
// objective of a bar series) over price paths from GBM or Merton jump diffusion fitted to the
// data, or from a block / stationary bootstrap of its moves
#pragma once

#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "../core/random.hpp"
#include "../core/validate.hpp"
#include "../data/synthetic.hpp"
#include "../stats/descriptive.hpp"
#include "execution.hpp"
#include "metric_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quantkit::montecarlo {

/// Where the synthetic paths come from.
enum class path_model {
  gbm,                   ///< geometric Brownian motion with fit_gbm's drift and volatility
  merton,                ///< Merton jump diffusion with fit_merton's parameters
  block_bootstrap,       ///< circular blocks of the source's bar moves (data::block_bootstrap_series)
  stationary_bootstrap,  ///< geometric-length blocks (Politis & Romano 1994) of the bar moves
};

/// GBM parameters estimated from a series' close-to-close log returns l (n of them):
/// sigma = sqrt(var(l, ddof = 1) periods_per_year), mu = mean(l) periods_per_year + sigma^2 / 2
/// (the maximum-likelihood drift of log prices, with the unbiased variance), so that
/// E[S_t] = S_0 exp(mu t) as in gbm_series.
struct gbm_fit {
  double mu = std::numeric_limits<double>::quiet_NaN();
  double sigma = std::numeric_limits<double>::quiet_NaN();
  std::size_t returns = 0;
};

/// Merton jump-diffusion parameters by a threshold estimator: log returns further than
/// `threshold` robust standard deviations (1.4826 x MAD) from the median are jumps. The other
/// returns give the diffusion (sigma as in fit_gbm); lambda = jumps / years; jump sizes are the
/// jump returns minus the diffusion's mean per bar, giving jump_mean and jump_sd (ddof = 1; 0 with
/// fewer than 2 jumps); mu = diffusion mean x periods_per_year + sigma^2 / 2 + lambda k with
/// k = exp(jump_mean + jump_sd^2 / 2) - 1 (merton_series's compensated drift). A simple, robust
/// estimator (not the maximum-likelihood fit of the mixture): see docs/montecarlo.md.
struct merton_fit {
  double mu = std::numeric_limits<double>::quiet_NaN();
  double sigma = std::numeric_limits<double>::quiet_NaN();
  double lambda = 0.0;
  double jump_mean = 0.0;
  double jump_sd = 0.0;
  std::size_t returns = 0;
  std::size_t jumps = 0;
};

namespace detail {

inline std::vector<double> log_returns(bar_series_view bars, const char* fn) {
  if (bars.size() < 3) {
    throw_invalid_argument(fn, "bars",
                           "must hold at least 3 bars (got " + std::to_string(bars.size()) + ")");
  }
  validate(bars, fn);
  const auto c = bars.closes();
  std::vector<double> l(bars.size() - 1);
  for (std::size_t i = 1; i < bars.size(); ++i) l[i - 1] = std::log(c[i] / c[i - 1]);
  return l;
}

inline void check_ppy(double ppy, const char* fn) {
  require(ppy > 0.0 && std::isfinite(ppy), fn, "periods_per_year", ppy, "must be finite and > 0");
}

}  // namespace detail

/// Fits GBM to the closes of `bars` (see gbm_fit). Throws invalid_argument for fewer than 3 bars
/// or a bad periods_per_year, data_error for invalid bars. O(n).
inline gbm_fit fit_gbm(bar_series_view bars, double periods_per_year = 252.0) {
  constexpr const char* fn = "quantkit::montecarlo::fit_gbm";
  detail::check_ppy(periods_per_year, fn);
  const auto l = detail::log_returns(bars, fn);
  gbm_fit f;
  f.returns = l.size();
  const double var = stats::variance(l, 1);
  f.sigma = std::sqrt(var * periods_per_year);
  f.mu = stats::mean(l) * periods_per_year + 0.5 * f.sigma * f.sigma;
  return f;
}

/// Fits Merton's jump diffusion to the closes of `bars` (see merton_fit). `threshold` > 0 in
/// robust standard deviations (default 4). Throws invalid_argument for fewer than 3 bars, a bad
/// periods_per_year or threshold, data_error for invalid bars. O(n log n).
inline merton_fit fit_merton(bar_series_view bars, double periods_per_year = 252.0,
                             double threshold = 4.0) {
  constexpr const char* fn = "quantkit::montecarlo::fit_merton";
  detail::check_ppy(periods_per_year, fn);
  require(threshold > 0.0 && std::isfinite(threshold), fn, "threshold", threshold,
          "must be finite and > 0");
  const auto l = detail::log_returns(bars, fn);
  const double med = stats::median(l);
  std::vector<double> dev(l.size());
  for (std::size_t i = 0; i < l.size(); ++i) dev[i] = std::fabs(l[i] - med);
  const double robust_sd = 1.4826 * stats::median(dev);
  std::vector<double> diffusion;
  std::vector<double> jumps;
  for (double v : l) {
    (robust_sd > 0.0 && std::fabs(v - med) > threshold * robust_sd ? jumps : diffusion).push_back(v);
  }
  merton_fit f;
  f.returns = l.size();
  f.jumps = jumps.size();
  const double dm = stats::mean(diffusion);
  const double dv = diffusion.size() >= 2 ? stats::variance(diffusion, 1) : 0.0;
  f.sigma = std::sqrt(dv * periods_per_year);
  if (!jumps.empty()) {
    for (double& y : jumps) y -= dm;
    const double years = static_cast<double>(l.size()) / periods_per_year;
    f.lambda = static_cast<double>(jumps.size()) / years;
    f.jump_mean = stats::mean(jumps);
    f.jump_sd = jumps.size() >= 2 ? stats::stddev(jumps, 1) : 0.0;
  }
  const double k = std::exp(f.jump_mean + 0.5 * f.jump_sd * f.jump_sd) - 1.0;
  f.mu = dm * periods_per_year + 0.5 * f.sigma * f.sigma + f.lambda * k;
  return f;
}

/// Options of synthetic_monte_carlo.
struct synthetic_options {
  path_model model = path_model::block_bootstrap;
  std::size_t bars = 0;  ///< bars per path; 0 = as many as the source
  double periods_per_year = 252.0;  ///< for the GBM / Merton fits
  std::size_t block_length = 20;    ///< (mean) block length of the bootstraps
  double jump_threshold = 4.0;      ///< fit_merton's threshold
  std::string metric_name = "value";  ///< the name of a scalar objective's metric
  execution_options execution{};
  summary_options summary{};
};

/// Result of synthetic_monte_carlo: the fitted model (for gbm / merton), one run per path (no
/// parameters) and the per-metric summaries.
struct synthetic_result {
  path_model model = path_model::block_bootstrap;
  gbm_fit gbm{};
  merton_fit merton{};
  batch_result runs{};
  std::vector<metric_summary> summaries{};
  /// The summary of a metric by name (throws invalid_argument if there is none).
  [[nodiscard]] const metric_summary& summary(std::string_view name) const {
    return find_summary(summaries, name);
  }
};

/// Path `i` of a synthetic Monte Carlo: the bars the objective sees in run i. Every path has its
/// own seed, rng(seed, i)'s first output, so paths do not depend on the thread count or on each
/// other. Paths start at the source's first close and time, with its median bar spacing and mean
/// volume.
inline bar_series synthetic_path(bar_series_view source, std::size_t i, std::uint64_t seed,
                                 const synthetic_options& o, const gbm_fit& gf,
                                 const merton_fit& mf) {
  rng g(seed, i);
  const std::uint64_t path_seed = g();
  const std::size_t n = o.bars == 0 ? source.size() : o.bars;
  if (o.model == path_model::block_bootstrap || o.model == path_model::stationary_bootstrap) {
    block_bootstrap_params p;
    p.block_length = o.block_length;
    p.blocks = o.model == path_model::block_bootstrap ? bootstrap_blocks::circular
                                                      : bootstrap_blocks::stationary;
    return block_bootstrap_series(source, n, p, path_seed);
  }
  synthetic_clock clock;
  const auto t = source.times();
  std::vector<duration> gaps(source.size() - 1);
  for (std::size_t k = 0; k + 1 < source.size(); ++k) gaps[k] = t[k + 1] - t[k];
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2),
                   gaps.end());
  clock.start = t[0];
  clock.interval = std::max<duration>(1, gaps[gaps.size() / 2]);
  clock.volume = stats::mean(source.volumes());
  if (o.model == path_model::gbm) {
    gbm_params p;
    p.s0 = source.closes()[0];
    p.mu = gf.mu;
    p.sigma = gf.sigma;
    p.periods_per_year = o.periods_per_year;
    p.clock = clock;
    return gbm_series(n, p, path_seed);
  }
  merton_params p;
  p.s0 = source.closes()[0];
  p.mu = mf.mu;
  p.sigma = mf.sigma;
  p.lambda = mf.lambda;
  p.jump_mean = mf.jump_mean;
  p.jump_sd = mf.jump_sd;
  p.periods_per_year = o.periods_per_year;
  p.clock = clock;
  return merton_series(n, p, path_seed);
}

/// Synthetic-path Monte Carlo: calls `objective(path)` (any callable taking a bar_series_view
/// and returning a number, named metrics or a backtest::run_summary: typically a backtest of
/// your strategy on the path) on `n` paths from `o.model` fitted to `source`, in parallel, and
/// summarizes every metric. Answers "does the strategy's edge survive price histories that are
/// statistically like this one but not this one?". Deterministic for (source, n, seed, options)
/// and any thread count; failing runs are recorded (see execution_options for retries, journal
/// and resume). Throws invalid_argument for n == 0, a source with fewer than 3 bars, a bad option;
/// data_error for invalid source bars. O(n x (path length + objective)).
template <class Objective>
requires std::invocable<Objective&, bar_series_view> &&
    metric_result<std::invoke_result_t<Objective&, bar_series_view>>
synthetic_result synthetic_monte_carlo(bar_series_view source, std::size_t n, std::uint64_t seed,
                                       Objective&& objective, const synthetic_options& o = {}) {
  constexpr const char* fn = "quantkit::montecarlo::synthetic_monte_carlo";
  require(n >= 1, fn, "n", n, "must be >= 1");
  if (source.size() < 3) {
    throw_invalid_argument(fn, "source",
                           "must hold at least 3 bars (got " + std::to_string(source.size()) + ")");
  }
  detail::check_ppy(o.periods_per_year, fn);
  require(o.block_length >= 1, fn, "block_length", o.block_length, "must be >= 1");
  detail::check_summary_options(o.summary, fn);
  validate(source, fn);
  synthetic_result res;
  res.model = o.model;
  if (o.model == path_model::gbm) res.gbm = fit_gbm(source, o.periods_per_year);
  if (o.model == path_model::merton) {
    res.merton = fit_merton(source, o.periods_per_year, o.jump_threshold);
  }
  detail::fingerprint fp;
  fp.add(std::string_view("synthetic_monte_carlo/1"));
  fp.add(static_cast<std::uint64_t>(n));
  fp.add(seed);
  fp.add(static_cast<std::uint64_t>(o.model));
  fp.add(static_cast<std::uint64_t>(o.bars));
  fp.add(static_cast<std::uint64_t>(o.block_length));
  fp.add(o.periods_per_year);
  fp.add(o.jump_threshold);
  for (double c : source.closes()) fp.add(c);
  const std::string key = "synthetic_monte_carlo n=" + std::to_string(n) +
                          " seed=" + std::to_string(seed) + " inputs=" + fp.hex();
  res.runs = detail::run_batch(
      fn, n, {}, [](std::size_t) { return std::vector<double>{}; },
      [&](std::size_t i) {
        const bar_series path = synthetic_path(source, i, seed, o, res.gbm, res.merton);
        return detail::metrics_of(objective(bar_series_view(path)), o.metric_name);
      },
      o.execution, key);
  res.summaries = summarize_batch(res.runs, o.summary);
  return res;
}

}  // namespace quantkit::montecarlo
