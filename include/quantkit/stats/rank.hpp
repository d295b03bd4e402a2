// SPDX-License-Identifier: MIT
// quantkit/stats/rank.hpp - average ranks with ties (scipy.stats.rankdata) and tie statistics
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

namespace quantkit::stats {

namespace detail {

/// Writes the average ranks (1-based) of x into `ranks` (size n) using `order` (size n) as
/// scratch, and returns sum over tie groups of (t^3 - t) (the tie term of rank tests). No NaN
/// check: the caller handles NaN. O(n log n).
inline double average_ranks(std::span<const double> x, std::span<double> ranks,
                            std::span<std::size_t> order) {
  const std::size_t n = x.size();
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  double tie_term = 0.0;
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && x[order[j]] == x[order[i]]) ++j;
    // Positions i..j-1 (0-based) share the rank ((i + 1) + j) / 2.
    const double r = 0.5 * static_cast<double>(i + 1 + j);
    for (std::size_t k = i; k < j; ++k) ranks[order[k]] = r;
    const double t = static_cast<double>(j - i);
    tie_term += t * t * t - t;
    i = j;
  }
  return tie_term;
}

}  // namespace detail

/// Ranks 1..n of x, ties getting the average of the positions they span (scipy.stats.rankdata,
/// method='average'). NaN propagates as scipy 1.10's nan_policy='propagate': any NaN gives all
/// NaN ranks. O(n log n).
inline std::vector<double> rankdata(std::span<const double> x) {
  std::vector<double> ranks(x.size(), std::numeric_limits<double>::quiet_NaN());
  for (double v : x) {
    if (std::isnan(v)) return ranks;
  }
  std::vector<std::size_t> order(x.size());
  detail::average_ranks(x, ranks, order);
  return ranks;
}

}  // namespace quantkit::stats
