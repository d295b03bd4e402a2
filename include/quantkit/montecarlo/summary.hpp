// SPDX-License-Identifier: MIT
// quantkit/montecarlo/summary.hpp - distribution summaries and histograms of Monte Carlo outcomes
#pragma once

#include "../core/error.hpp"
#include "../stats/descriptive.hpp"
#include "../stats/risk.hpp"
#include "../stats/test_result.hpp"
#include "../stats/ttest.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::montecarlo {

/// One percentile of a distribution: `p` in [0, 100] and its value.
struct percentile_value {
  double p = 0.0;
  double value = std::numeric_limits<double>::quiet_NaN();
};

/// The percentiles every summary reports unless told otherwise.
inline const std::vector<double>& default_percentiles() {
  static const std::vector<double> p{1.0, 5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0};
  return p;
}

/// Equal-width histogram ready to plot: `edges` has bins + 1 entries, `counts` bins entries.
/// Same bins and counts as numpy.histogram(x, bins) (range = [min, max], widened by 0.5 on each
/// side when all values are equal; every bin is half-open [a, b) except the last, [a, b]).
struct histogram {
  std::vector<double> edges{};
  std::vector<std::size_t> counts{};
};

/// Count, moments and percentiles of a sample of outcomes. NaN outcomes are left out of every
/// statistic and counted in `nan_count`. `stddev` and `variance` are sample values (ddof = 1, as
/// the spread of Monte Carlo runs is estimated from a sample); percentiles use numpy's default
/// (linear, H&F type 7).
struct distribution_summary {
  std::size_t count = 0;      ///< finite or infinite (non-NaN) outcomes
  std::size_t nan_count = 0;  ///< NaN outcomes left out
  double mean = std::numeric_limits<double>::quiet_NaN();
  double median = std::numeric_limits<double>::quiet_NaN();
  double stddev = std::numeric_limits<double>::quiet_NaN();
  double variance = std::numeric_limits<double>::quiet_NaN();
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  std::vector<percentile_value> percentiles{};

  /// The value of percentile p if it was computed, else NaN.
  [[nodiscard]] double percentile(double p) const noexcept {
    for (const auto& v : percentiles) {
      if (v.p == p) return v.value;
    }
    return std::numeric_limits<double>::quiet_NaN();
  }
};

namespace detail {

inline void check_percentiles(std::span<const double> ps, const char* fn) {
  for (double p : ps) require(p >= 0.0 && p <= 100.0, fn, "percentiles", p, "must be in [0, 100]");
}

/// numpy.histogram on data already known to be NaN-free and non-empty.
inline histogram histogram_of(std::span<const double> x, std::size_t bins) {
  histogram h;
  double lo = *std::min_element(x.begin(), x.end());
  double hi = *std::max_element(x.begin(), x.end());
  if (!std::isfinite(lo) || !std::isfinite(hi)) return h;  // numpy raises; we return no bins
  if (lo == hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  h.edges.resize(bins + 1);
  const double step = (hi - lo) / static_cast<double>(bins);  // numpy.linspace
  for (std::size_t i = 0; i < bins; ++i) h.edges[i] = static_cast<double>(i) * step + lo;
  h.edges[bins] = hi;
  h.counts.assign(bins, 0);
  const double norm = static_cast<double>(bins) / (hi - lo);
  for (double v : x) {
    // numpy's _search_sorted-free path for uniform bins: a float index, then fix-ups against the
    // edges themselves so that a value on an edge lands where searchsorted would put it.
    auto i = static_cast<std::size_t>((v - lo) * norm);
    if (i >= bins) i = bins - 1;
    if (v < h.edges[i] && i > 0) --i;
    if (v >= h.edges[i + 1] && i + 1 < bins) ++i;
    ++h.counts[i];
  }
  return h;
}

}  // namespace detail

/// Histogram of the non-NaN values of x in `bins` equal-width bins (numpy.histogram(x, bins) on
/// x without NaN). Empty (or all-NaN) input or an infinite value gives empty edges and counts.
/// Throws invalid_argument for bins == 0. O(n).
inline histogram make_histogram(std::span<const double> x, std::size_t bins = 20) {
  require(bins >= 1, "quantkit::montecarlo::make_histogram", "bins", bins, "must be >= 1");
  const auto v = stats::drop_nan(x);
  if (v.empty()) return {};
  return detail::histogram_of(v, bins);
}

/// Summary of a sample of outcomes (NaN left out, see distribution_summary) with the requested
/// percentiles (each in [0, 100]). Throws invalid_argument for a percentile outside [0, 100].
/// O(n log n) (one sort of a copy).
inline distribution_summary summarize_distribution(
    std::span<const double> x, std::span<const double> percentiles = default_percentiles()) {
  detail::check_percentiles(percentiles, "quantkit::montecarlo::summarize_distribution");
  distribution_summary s;
  std::vector<double> v = stats::drop_nan(x);
  s.count = v.size();
  s.nan_count = x.size() - v.size();
  s.percentiles.reserve(percentiles.size());
  for (double p : percentiles) s.percentiles.push_back({p, std::numeric_limits<double>::quiet_NaN()});
  if (v.empty()) return s;
  s.mean = stats::mean(v);
  s.variance = stats::variance(v, 1);
  s.stddev = std::sqrt(s.variance);
  std::sort(v.begin(), v.end());
  s.min = v.front();
  s.max = v.back();
  s.median = stats::detail::quantile_sorted(v, 0.5, stats::quantile_method::linear);
  for (auto& pv : s.percentiles) {
    pv.value = stats::detail::quantile_sorted(v, pv.p / 100.0, stats::quantile_method::linear);
  }
  return s;
}

}  // namespace quantkit::montecarlo
