// SPDX-License-Identifier: MIT
// quantkit/stats/drawdown.hpp - drawdown series, maximum drawdown with its dates, time under water
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::stats {

// Conventions of this header (empyrical.max_drawdown / drawdown_series): the wealth path is
// W_0 = 100 (the starting capital), W_{t+1} = 100 * prod_{i<=t} (1 + r_i) with NaN returns as 0;
// the running peak includes W_0, so a loss on the first bar is already a drawdown. The drawdown
// after bar t is (W_{t+1} - peak) / peak <= 0. Indices below are bar indices into the returns.

/// Sentinel bar index: "no such bar" (no recovery yet) or, for a peak, "the starting capital".
inline constexpr std::size_t no_bar = std::numeric_limits<std::size_t>::max();

/// Which wealth points the running peak starts from.
enum class drawdown_start {
  included,  ///< the starting capital is a peak (empyrical max_drawdown / drawdown_series)
  excluded,  ///< the peak starts at the first bar's close (pyfolio underwater, quantstats)
};

namespace detail {
// The bar-t wealth of the empyrical path: 100 * cumprod(1 + r), in numpy's order of operations
// (cum_returns(r, starting_value=100) multiplies the running product by 100).
struct wealth_walk {
  double product = 1.0;
  double next(double r) noexcept {
    product *= 1.0 + (r == r ? r : 0.0);
    return product * 100.0;
  }
};
}  // namespace detail

/// Drawdown after every bar (empyrical drawdown_series): (W - running peak) / running peak, <= 0,
/// with the start included in the peak by default; `drawdown_start::excluded` starts the peak at
/// the first bar (then the first value is 0). NaN returns count as 0. Same length as r. O(n).
inline std::vector<double> drawdown_series(std::span<const double> r,
                                           drawdown_start start = drawdown_start::included) {
  std::vector<double> out(r.size());
  detail::wealth_walk w;
  double peak =
      start == drawdown_start::included ? 100.0 : -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double v = w.next(r[i]);
    peak = v > peak ? v : peak;  // numpy fmax.accumulate: a NaN never becomes the peak
    out[i] = (v - peak) / peak;
  }
  return out;
}

/// pyfolio's underwater series (pyfolio.timeseries / plotting.plot_drawdown_underwater):
/// W / running max(W) - 1 on W = cum_returns(r, 1), the peak starting at the first bar (the start
/// is *not* a peak, unlike drawdown_series). NaN returns count as 0. Same length as r. O(n).
inline std::vector<double> underwater(std::span<const double> r) {
  std::vector<double> out(r.size());
  double w = 1.0;
  double peak = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double v = r[i];
    w *= 1.0 + (v == v ? v : 0.0);
    peak = w > peak ? w : peak;
    out[i] = w / peak - 1.0;
  }
  return out;
}

/// The deepest drawdown and where it happened.
struct drawdown_info {
  double max_drawdown = std::numeric_limits<double>::quiet_NaN();  ///< <= 0 (empyrical sign)
  std::size_t peak = no_bar;      ///< bar whose close is the peak; no_bar = the starting capital
  std::size_t trough = no_bar;    ///< first bar at the deepest point
  std::size_t recovery = no_bar;  ///< first bar after the trough back at or above the peak
  std::size_t duration = 0;       ///< bars under water: after the peak, before recovery (or end)
  [[nodiscard]] bool recovered() const noexcept { return recovery != no_bar; }
};

/// Maximum drawdown with peak, trough and recovery bars (empyrical.max_drawdown for the value;
/// the dates follow pyfolio.get_max_drawdown_underwater: trough = first bar at the minimum, peak =
/// last bar before it at the running maximum, recovery = first later bar at or above the peak).
/// duration = recovery - peak - 1, or n - 1 - peak without recovery (peak = -1 for the start).
/// Empty input: NaN and no bars. Never under water: max_drawdown 0, no bars, duration 0. O(n).
inline drawdown_info max_drawdown_info(std::span<const double> r,
                                       drawdown_start start = drawdown_start::included) {
  drawdown_info info;
  if (r.empty()) return info;
  detail::wealth_walk w;
  const bool with_start = start == drawdown_start::included;
  double peak = with_start ? 100.0 : -std::numeric_limits<double>::infinity();
  std::size_t peak_bar = no_bar;
  double worst = 0.0;
  double worst_peak = 0.0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double v = w.next(r[i]);
    if (v >= peak) {  // ties move the peak forward: the last bar at the running maximum
      peak = v;
      peak_bar = i;
    }
    const double dd = (v - peak) / peak;
    if (dd < worst) {
      worst = dd;
      worst_peak = peak;
      info.trough = i;
      info.peak = peak_bar;
    }
  }
  info.max_drawdown = worst;
  if (info.trough == no_bar) {
    info.max_drawdown = 0.0;
    info.peak = no_bar;
    return info;
  }
  detail::wealth_walk again;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double v = again.next(r[i]);
    if (i > info.trough && v >= worst_peak) {
      info.recovery = i;
      break;
    }
  }
  const std::size_t after_peak = info.peak == no_bar ? 0 : info.peak + 1;
  info.duration = (info.recovered() ? info.recovery : r.size()) - after_peak;
  return info;
}

/// Maximum drawdown (empyrical.max_drawdown): min over bars of the drawdown series, <= 0, start
/// included in the peak; NaN returns count as 0. NaN for empty input. O(n), no allocation.
inline double max_drawdown(std::span<const double> r) noexcept {
  if (r.empty()) return std::numeric_limits<double>::quiet_NaN();
  detail::wealth_walk w;
  double peak = 100.0;
  double worst = 0.0;
  for (double x : r) {
    const double v = w.next(x);
    peak = v > peak ? v : peak;  // numpy fmax / nanmin semantics, without a libm call per row
    const double dd = (v - peak) / peak;
    worst = dd < worst ? dd : worst;
  }
  return worst;
}

/// Longest and current spell under water, in bars (a bar is under water when its drawdown,
/// drawdown_series convention, is < 0).
struct time_under_water {
  std::size_t longest = 0;  ///< longest run of consecutive bars under water
  std::size_t current = 0;  ///< bars under water at the end of the series (0 if at a peak)
};

/// Time under water of a return series (start included in the peak, NaN as 0). O(n).
inline time_under_water under_water_time(std::span<const double> r,
                                         drawdown_start start = drawdown_start::included) noexcept {
  time_under_water t;
  detail::wealth_walk w;
  double peak =
      start == drawdown_start::included ? 100.0 : -std::numeric_limits<double>::infinity();
  for (double x : r) {
    const double v = w.next(x);
    if (v >= peak) {
      peak = v;
      t.current = 0;
    } else {
      ++t.current;
      if (t.current > t.longest) t.longest = t.current;
    }
  }
  return t;
}

}  // namespace quantkit::stats
