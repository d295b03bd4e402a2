// SPDX-License-Identifier: MIT
// quantkit/data/synthetic.hpp - seeded synthetic OHLCV series: GBM, Merton jump diffusion,
// GARCH(1,1), block bootstrap of a real series
#pragma once

#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "../core/random.hpp"
#include "../core/time.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace quantkit {

/// Where and how often synthetic bars are stamped, and their volume.
struct synthetic_clock {
  timestamp start = days_from_civil(2000, 1, 3) * nanoseconds_per_day;  ///< a Monday
  duration interval = nanoseconds_per_day;
  double volume = 1e6;             ///< mean volume per bar
  double volume_dispersion = 0.5;  ///< sigma of the lognormal volume (0: constant volume)
};

/// Parameters of gbm_series. Rates are per year; one bar is 1 / periods_per_year years.
struct gbm_params {
  double s0 = 100.0;
  double mu = 0.05;    ///< drift: E[S_t] = S_0 exp(mu t)
  double sigma = 0.2;  ///< volatility
  double periods_per_year = 252.0;
  /// Share of each bar's variance that happens between the previous close and this open (an
  /// overnight gap); the rest happens from open to close. 0: the open is the previous close.
  double overnight_fraction = 0.0;
  synthetic_clock clock{};
};

namespace detail {

inline void check_clock(const synthetic_clock& c, std::size_t n, const char* fn) {
  require(c.interval > 0, fn, "clock.interval", c.interval, "must be > 0");
  // The last bar's time must stay representable (year 2262 for int64 nanoseconds).
  const auto room = static_cast<std::uint64_t>(std::numeric_limits<timestamp>::max() - c.start) /
                    static_cast<std::uint64_t>(c.interval);
  require(n == 0 || static_cast<std::uint64_t>(n - 1) <= room, fn, "n", n,
          "bars at this interval would run past the representable time range (year 2262)");
  require(c.volume >= 0.0 && std::isfinite(c.volume), fn, "clock.volume", c.volume,
          "must be finite and >= 0");
  require(c.volume_dispersion >= 0.0 && std::isfinite(c.volume_dispersion), fn,
          "clock.volume_dispersion", c.volume_dispersion, "must be finite and >= 0");
}

/// One bar from log prices: open and close in log space, the high and low drawn from the exact law
/// of the maximum and minimum of a Brownian bridge from log open a to log close b with variance v
/// over the bar (Glasserman, Monte Carlo Methods in Financial Engineering, 2004, sec. 6.4):
///   max = (a + b + sqrt((b - a)^2 - 2 v ln U1)) / 2,  min = (a + b - sqrt((b - a)^2 - 2 v ln U2))
///   / 2,
/// with independent uniforms. So low <= min(open, close) <= max(open, close) <= high always.
/// Four engine outputs: the two uniforms, then the volume's normal.
inline bar bridge_bar(rng& g, timestamp t, double log_open, double log_close, double variance,
                      const synthetic_clock& clock) {
  const double d = log_close - log_open;
  const double u1 = uniform_open01(g);
  const double u2 = uniform_open01(g);
  const double hi = 0.5 * (log_open + log_close + std::sqrt(d * d - 2.0 * variance * std::log(u1)));
  const double lo = 0.5 * (log_open + log_close - std::sqrt(d * d - 2.0 * variance * std::log(u2)));
  const double z = normal(g);
  const double s = clock.volume_dispersion;
  const double vol = clock.volume * std::exp(s * z - 0.5 * s * s);
  const double o = std::exp(log_open);
  const double c = std::exp(log_close);
  return bar{t, o, std::max({std::exp(hi), o, c}), std::min({std::exp(lo), o, c}), c, vol};
}

}  // namespace detail

/// n bars of geometric Brownian motion: log S moves by (mu - sigma^2 / 2) dt + sigma sqrt(dt) Z
/// per bar (dt = 1 / periods_per_year), split into an overnight part (close -> open) and an
/// intrabar part (open -> close); highs and lows are exact Brownian-bridge extremes, volumes
/// lognormal. Deterministic for a seed: bar i draws from `rng(seed, i)`, so any prefix of a longer
/// series equals the shorter series. The bars always pass validate(). Throws invalid_argument for
/// non-positive s0, sigma < 0, periods_per_year <= 0, overnight_fraction outside [0, 1]. O(n).
inline bar_series gbm_series(std::size_t n, const gbm_params& p, std::uint64_t seed) {
  constexpr const char* fn = "quantkit::gbm_series";
  require(p.s0 > 0.0 && std::isfinite(p.s0), fn, "s0", p.s0, "must be finite and > 0");
  require_finite(p.mu, fn, "mu");
  require(p.sigma >= 0.0 && std::isfinite(p.sigma), fn, "sigma", p.sigma,
          "must be finite and >= 0");
  require(p.periods_per_year > 0.0 && std::isfinite(p.periods_per_year), fn, "periods_per_year",
          p.periods_per_year, "must be finite and > 0");
  require(p.overnight_fraction >= 0.0 && p.overnight_fraction <= 1.0, fn, "overnight_fraction",
          p.overnight_fraction, "must be in [0, 1]");
  detail::check_clock(p.clock, n, fn);
  const double dt = 1.0 / p.periods_per_year;
  const double var = p.sigma * p.sigma * dt;
  const double drift = (p.mu - 0.5 * p.sigma * p.sigma) * dt;
  bar_series out;
  out.reserve(n);
  double log_close = std::log(p.s0);
  for (std::size_t i = 0; i < n; ++i) {
    rng g(seed, i);
    const double night = p.overnight_fraction * var;
    const double day = var - night;
    const double log_open = log_close + p.overnight_fraction * drift + std::sqrt(night) * normal(g);
    const double next =
        log_open + (1.0 - p.overnight_fraction) * drift + std::sqrt(day) * normal(g);
    out.push_back(detail::bridge_bar(g,
                                     p.clock.start + static_cast<timestamp>(i) * p.clock.interval,
                                     log_open, next, day, p.clock));
    log_close = next;
  }
  return out;
}

/// Parameters of merton_series: GBM plus compound-Poisson jumps in the log price.
struct merton_params {
  double s0 = 100.0;
  double mu = 0.05;          ///< total drift: E[S_t] = S_0 exp(mu t) (jumps compensated)
  double sigma = 0.2;        ///< diffusion volatility
  double lambda = 1.0;       ///< jumps per year
  double jump_mean = -0.05;  ///< mean log jump size m
  double jump_sd = 0.1;      ///< sd of the log jump size delta
  double periods_per_year = 252.0;
  synthetic_clock clock{};
};

/// n bars of Merton's jump diffusion (J. Financial Economics 3, 1976): per bar
/// d log S = (mu - sigma^2 / 2 - lambda k) dt + sigma sqrt(dt) Z + sum_{j=1..N} Y_j,
/// N ~ Poisson(lambda dt), Y ~ Normal(m, delta^2), k = exp(m + delta^2 / 2) - 1 (the compensator,
/// so that E[S_t] = S_0 e^{mu t}). Opens equal the previous close; highs and lows come from the
/// Brownian-bridge law between open and close with the diffusion variance (the jump's position
/// inside the bar is not modelled). Deterministic per (seed, bar). Throws invalid_argument for bad
/// parameters. O(n).
inline bar_series merton_series(std::size_t n, const merton_params& p, std::uint64_t seed) {
  constexpr const char* fn = "quantkit::merton_series";
  require(p.s0 > 0.0 && std::isfinite(p.s0), fn, "s0", p.s0, "must be finite and > 0");
  require_finite(p.mu, fn, "mu");
  require(p.sigma >= 0.0 && std::isfinite(p.sigma), fn, "sigma", p.sigma,
          "must be finite and >= 0");
  require(p.lambda >= 0.0 && std::isfinite(p.lambda), fn, "lambda", p.lambda,
          "must be finite and >= 0");
  require_finite(p.jump_mean, fn, "jump_mean");
  require(p.jump_sd >= 0.0 && std::isfinite(p.jump_sd), fn, "jump_sd", p.jump_sd,
          "must be finite and >= 0");
  require(p.periods_per_year > 0.0 && std::isfinite(p.periods_per_year), fn, "periods_per_year",
          p.periods_per_year, "must be finite and > 0");
  detail::check_clock(p.clock, n, fn);
  const double dt = 1.0 / p.periods_per_year;
  const double k = std::exp(p.jump_mean + 0.5 * p.jump_sd * p.jump_sd) - 1.0;
  const double drift = (p.mu - 0.5 * p.sigma * p.sigma - p.lambda * k) * dt;
  const double var = p.sigma * p.sigma * dt;
  bar_series out;
  out.reserve(n);
  double log_close = std::log(p.s0);
  for (std::size_t i = 0; i < n; ++i) {
    rng g(seed, i);
    const auto jumps = static_cast<double>(poisson(g, p.lambda * dt));
    const double z = normal(g);
    const double zj = normal(g);
    const double jump = jumps * p.jump_mean + std::sqrt(jumps) * p.jump_sd * zj;
    const double next = log_close + drift + std::sqrt(var) * z + jump;
    out.push_back(detail::bridge_bar(g,
                                     p.clock.start + static_cast<timestamp>(i) * p.clock.interval,
                                     log_close, next, var, p.clock));
    log_close = next;
  }
  return out;
}

/// Innovations of a GARCH process.
enum class garch_innovation {
  normal,
  student_t,  ///< Student-t with `nu` > 2 degrees of freedom, scaled to unit variance
};

/// Parameters of garch_series (per-bar quantities).
struct garch_params {
  double s0 = 100.0;
  double mu = 0.0003;   ///< mean log return per bar
  double omega = 2e-6;  ///< sigma^2_t = omega + alpha eps^2_{t-1} + beta sigma^2_{t-1}
  double alpha = 0.08;
  double beta = 0.9;
  garch_innovation innovation = garch_innovation::normal;
  double nu = 5.0;  ///< degrees of freedom for Student-t innovations
  synthetic_clock clock{};
};

/// A GARCH path: the log returns, their conditional standard deviations, and the bars.
struct garch_path {
  std::vector<double> returns{};
  std::vector<double> sigma{};
  bar_series bars{};
};

/// n bars of a GARCH(1,1) process (Bollerslev 1986): r_t = mu + eps_t, eps_t = sigma_t z_t,
/// sigma^2_t = omega + alpha eps^2_{t-1} + beta sigma^2_{t-1}, started at the unconditional
/// variance omega / (1 - alpha - beta). Close_t = close_{t-1} exp(r_t); opens are the previous
/// close; highs and lows from the Brownian-bridge law with variance sigma^2_t. The innovations are
/// drawn from one stream `rng(seed)` (the process is sequential). Throws invalid_argument unless
/// omega > 0, alpha, beta >= 0, alpha + beta < 1 (stationarity), nu > 2. O(n).
inline garch_path garch_series(std::size_t n, const garch_params& p, std::uint64_t seed) {
  constexpr const char* fn = "quantkit::garch_series";
  require(p.s0 > 0.0 && std::isfinite(p.s0), fn, "s0", p.s0, "must be finite and > 0");
  require_finite(p.mu, fn, "mu");
  require(p.omega > 0.0 && std::isfinite(p.omega), fn, "omega", p.omega, "must be finite and > 0");
  require(p.alpha >= 0.0, fn, "alpha", p.alpha, "must be >= 0");
  require(p.beta >= 0.0, fn, "beta", p.beta, "must be >= 0");
  require(p.alpha + p.beta < 1.0, fn, "beta", p.beta,
          "must satisfy alpha + beta < 1 (covariance stationarity)");
  require(p.innovation != garch_innovation::student_t || p.nu > 2.0, fn, "nu", p.nu,
          "must be > 2 for unit-variance Student-t innovations");
  detail::check_clock(p.clock, n, fn);
  garch_path out;
  out.returns.reserve(n);
  out.sigma.reserve(n);
  out.bars.reserve(n);
  rng g(seed);
  double var = p.omega / (1.0 - p.alpha - p.beta);
  const double t_scale =
      p.innovation == garch_innovation::student_t ? std::sqrt((p.nu - 2.0) / p.nu) : 1.0;
  double log_close = std::log(p.s0);
  for (std::size_t i = 0; i < n; ++i) {
    const double sd = std::sqrt(var);
    const double z =
        p.innovation == garch_innovation::normal ? normal(g) : t_scale * student_t(g, p.nu);
    const double eps = sd * z;
    const double r = p.mu + eps;
    out.returns.push_back(r);
    out.sigma.push_back(sd);
    const double next = log_close + r;
    out.bars.push_back(
        detail::bridge_bar(g, p.clock.start + static_cast<timestamp>(i) * p.clock.interval,
                           log_close, next, var, p.clock));
    log_close = next;
    var = p.omega + p.alpha * eps * eps + p.beta * var;
  }
  return out;
}

/// Parameters of block_bootstrap_series.
struct block_bootstrap_params {
  std::size_t block_length = 20;
  bootstrap_blocks blocks = bootstrap_blocks::circular;
  double s0 = 0.0;        ///< starting price; 0 uses the source's first close
  timestamp start = 0;    ///< time of the first bar; 0 uses the source's first time
  duration interval = 0;  ///< bar spacing; 0 uses the source's median spacing
};

/// n bars resampled from a real series in blocks. Each source bar i >= 1 gives a move relative to
/// the previous close: (open, high, low, close) / close_{i-1} and its volume; blocks of consecutive
/// moves are drawn and chained from s0, so every generated bar is OHLC-consistent by construction
/// and the short-range dependence inside blocks is kept. Deterministic for a seed. Throws
/// invalid_argument for a source with fewer than 3 bars, block_length 0 or longer than the moves
/// (moving blocks), or a negative s0. O(n).
inline bar_series block_bootstrap_series(bar_series_view source, std::size_t n,
                                         const block_bootstrap_params& p, std::uint64_t seed) {
  constexpr const char* fn = "quantkit::block_bootstrap_series";
  if (source.size() < 3) {
    throw_invalid_argument(fn, "source",
                           "must have at least 3 bars (got " + std::to_string(source.size()) + ")");
  }
  const std::size_t m = source.size() - 1;  // number of moves
  require(p.block_length >= 1, fn, "block_length", p.block_length, "must be >= 1");
  require(p.blocks != bootstrap_blocks::moving || p.block_length <= m, fn, "block_length",
          p.block_length, "must be <= the number of moves (source bars - 1) for moving blocks");
  require(p.s0 >= 0.0 && std::isfinite(p.s0), fn, "s0", p.s0,
          "must be finite and >= 0 (0: source)");
  const auto t = source.times();
  duration interval = p.interval;
  if (interval <= 0) {
    std::vector<duration> diffs(m);
    for (std::size_t i = 0; i < m; ++i) diffs[i] = t[i + 1] - t[i];
    std::nth_element(diffs.begin(), diffs.begin() + static_cast<std::ptrdiff_t>(m / 2),
                     diffs.end());
    interval = std::max<duration>(1, diffs[m / 2]);
  }
  const timestamp start = p.start != 0 ? p.start : t[0];
  rng g(seed);
  bar_series out;
  out.reserve(n);
  double prev = p.s0 > 0.0 ? p.s0 : source.closes()[0];
  // The moves of the source, drawn in blocks (quantkit::block_positions' stream layout).
  block_positions(p.blocks, static_cast<double>(p.block_length), m, n, g,
                  [&](std::size_t i, std::size_t at) {
                    const bar src = source[at + 1];
                    const double base = source.closes()[at];
                    const bar b{start + static_cast<timestamp>(i) * interval,
                                prev * (src.open / base),
                                prev * (src.high / base),
                                prev * (src.low / base),
                                prev * (src.close / base),
                                src.volume};
                    out.push_back(b);
                    prev = b.close;
                  });
  return out;
}

}  // namespace quantkit
