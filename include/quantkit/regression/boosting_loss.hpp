// SPDX-License-Identifier: MIT
// quantkit/regression/boosting_loss.hpp - losses and weighted percentiles shared by the boosters
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <string_view>
#include <vector>

namespace quantkit::regression {

/// Loss of a gradient-boosting model (scikit-learn names):
///  - squared_error: (y - f)^2 / 2, negative gradient y - f, initial prediction the weighted mean;
///  - absolute_error: |y - f|, negative gradient sign(y - f), leaves re-fitted to the weighted
///    median of the residuals, initial prediction the median;
///  - huber: quadratic for |y - f| <= delta, linear beyond, delta = the alpha-quantile of |y - f|
///    recomputed every stage (Friedman 2001), leaves re-fitted by one Huber step from the
///    residual median, initial prediction the median.
enum class boosting_loss : std::uint8_t { squared_error, absolute_error, huber };

/// "squared_error", "absolute_error" or "huber".
[[nodiscard]] constexpr std::string_view to_string(boosting_loss l) noexcept {
  switch (l) {
    case boosting_loss::squared_error: return "squared_error";
    case boosting_loss::absolute_error: return "absolute_error";
    case boosting_loss::huber: return "huber";
  }
  return "unknown";
}

namespace detail {

/// scikit-learn's _weighted_percentile (sklearn/utils/stats.py): sort, cumulative weights, the
/// first value whose cumulative weight reaches pct/100 of the total (an inverted CDF: with unit
/// weights and even n the median is the LOWER middle value). `order` is scratch space.
/// O(n log n). Requires a non-empty input.
inline double weighted_percentile(std::span<const double> values, std::span<const double> weights,
                                  double pct, std::vector<std::size_t>& order) {
  const std::size_t n = values.size();
  order.resize(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) total += weights[order[i]];
  double target = pct / 100.0 * total;
  if (target == 0.0) target = std::nextafter(target, 1.0);
  double cdf = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    cdf += weights[order[i]];
    if (cdf >= target) return values[order[i]];
  }
  return values[order[n - 1]];
}

/// numpy.percentile(values, pct) with the default linear interpolation (the median at 50).
/// `scratch` receives a sorted copy. O(n log n). Requires a non-empty input.
inline double percentile_linear(std::span<const double> values, double pct,
                                std::vector<double>& scratch) {
  scratch.assign(values.begin(), values.end());
  std::sort(scratch.begin(), scratch.end());
  const double pos = pct / 100.0 * static_cast<double>(scratch.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, scratch.size() - 1);
  const double t = pos - static_cast<double>(lo);
  const double a = scratch[lo];
  const double b = scratch[hi];
  // numpy's _lerp: a + (b - a) t, computed from the nearer end point.
  return t >= 0.5 ? b - (b - a) * (1.0 - t) : a + (b - a) * t;
}

/// Huber loss summed with weights: 0.5 r^2 for |r| <= delta, delta (|r| - delta / 2) beyond.
inline double huber_term(double r, double delta) noexcept {
  const double a = std::fabs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

}  // namespace detail
}  // namespace quantkit::regression
