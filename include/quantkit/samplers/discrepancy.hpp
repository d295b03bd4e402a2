// SPDX-License-Identifier: MIT
// quantkit/samplers/discrepancy.hpp - L2 discrepancies of unit-cube designs, and qmc-style scale()
#pragma once

#include "../core/error.hpp"
#include "../core/parallel.hpp"

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::samplers {

/// Discrepancy measures of scipy.stats.qmc.discrepancy (Hickernell 1998; Zhou, Fang & Ning 2013).
enum class discrepancy_method {
  centered,     ///< 'CD', centered L2 discrepancy (squared)
  wrap_around,  ///< 'WD', wrap-around L2 discrepancy (squared)
  mixture,      ///< 'MD', mixture L2 discrepancy (squared)
  l2_star       ///< 'L2-star', L2-star discrepancy (NOT squared: its square root)
};

namespace detail {

inline void check_design(std::string_view fn, std::span<const double> sample, std::size_t d) {
  require(d >= 1, fn, "d", d, "must be >= 1");
  if (sample.size() % d != 0) {
    throw_invalid_argument(fn, "sample",
                           "size must be a multiple of d (" + std::to_string(d) + ")",
                           sample.size());
  }
}

// One row's share of the double sum, over j > i (doubled) plus the diagonal, so the O(n^2 d)
// work is halved; the rows are summed in index order afterwards (thread-count independent).
// A template per method keeps the inner loop free of the method switch.
template <discrepancy_method M>
double discrepancy_pair_row(const double* x, std::size_t n, std::size_t d, std::size_t i) {
  const double* xi = x + i * d;
  double row = 0.0;
  for (std::size_t j = i; j < n; ++j) {
    const double* xj = x + j * d;
    double prod = 1.0;
    for (std::size_t k = 0; k < d; ++k) {
      const double a = xi[k];
      const double b = xj[k];
      const double t = std::fabs(a - b);
      if constexpr (M == discrepancy_method::centered) {
        prod *= 1.0 + 0.5 * std::fabs(a - 0.5) + 0.5 * std::fabs(b - 0.5) - 0.5 * t;
      } else if constexpr (M == discrepancy_method::wrap_around) {
        prod *= 1.5 - t * (1.0 - t);
      } else if constexpr (M == discrepancy_method::mixture) {
        prod *= 15.0 / 8.0 - 0.25 * std::fabs(a - 0.5) - 0.25 * std::fabs(b - 0.5) - 0.75 * t +
                0.5 * t * t;
      } else {
        prod *= 1.0 - (a > b ? a : b);
      }
    }
    row += j == i ? prod : 2.0 * prod;
  }
  return row;
}

inline double discrepancy_pair_row(const double* x, std::size_t n, std::size_t d, std::size_t i,
                                   discrepancy_method m) {
  switch (m) {
    case discrepancy_method::centered:
      return discrepancy_pair_row<discrepancy_method::centered>(x, n, d, i);
    case discrepancy_method::wrap_around:
      return discrepancy_pair_row<discrepancy_method::wrap_around>(x, n, d, i);
    case discrepancy_method::mixture:
      return discrepancy_pair_row<discrepancy_method::mixture>(x, n, d, i);
    case discrepancy_method::l2_star:
      return discrepancy_pair_row<discrepancy_method::l2_star>(x, n, d, i);
  }
  return 0.0;
}

inline double discrepancy_single_row(const double* xi, std::size_t d, discrepancy_method m) {
  double prod = 1.0;
  for (std::size_t k = 0; k < d; ++k) {
    const double a = std::fabs(xi[k] - 0.5);
    switch (m) {
      case discrepancy_method::centered: prod *= 1.0 + 0.5 * a - 0.5 * a * a; break;
      case discrepancy_method::mixture: prod *= 5.0 / 3.0 - 0.25 * a - 0.25 * a * a; break;
      case discrepancy_method::l2_star: prod *= 1.0 - xi[k] * xi[k]; break;
      case discrepancy_method::wrap_around: break;
    }
  }
  return prod;
}

}  // namespace detail

/// Discrepancy of a row-major n x d design in the unit cube, with scipy.stats.qmc.discrepancy's
/// definitions (x_ik the points, sums over all i, j):
///   CD  = (13/12)^d - 2/n sum_i prod_k (1 + |x_ik - 1/2|/2 - |x_ik - 1/2|^2/2)
///         + 1/n^2 sum_ij prod_k (1 + |x_ik - 1/2|/2 + |x_jk - 1/2|/2 - |x_ik - x_jk|/2)
///   WD  = -(4/3)^d + 1/n^2 sum_ij prod_k (3/2 - |x_ik - x_jk| (1 - |x_ik - x_jk|))
///   MD  = (19/12)^d - 2/n sum_i prod_k (5/3 - |x_ik - 1/2|/4 - |x_ik - 1/2|^2/4)
///         + 1/n^2 sum_ij prod_k (15/8 - |x_ik - 1/2|/4 - |x_jk - 1/2|/4 - 3|x_ik - x_jk|/4
///                                 + |x_ik - x_jk|^2/2)
///   L2* = sqrt(3^-d - 2^(1-d)/n sum_i prod_k (1 - x_ik^2) + 1/n^2 sum_ij prod_k (1 - max(x_ik, x_jk)))
/// CD, WD and MD are squared discrepancies, L2-star is not (as in scipy). Agrees with scipy to
/// ~1e-13 relative (summation order differs). Rows run on `threads` threads (0 = hardware);
/// the result is identical for any thread count. Throws invalid_argument for d == 0, a size that
/// is not a multiple of d, an empty sample, or a coordinate outside [0, 1] (NaN included), as
/// scipy does. O(n^2 d).
inline double discrepancy(std::span<const double> sample, std::size_t d,
                          discrepancy_method method = discrepancy_method::centered,
                          std::size_t threads = 1) {
  constexpr std::string_view fn = "quantkit::samplers::discrepancy";
  detail::check_design(fn, sample, d);
  const std::size_t n = sample.size() / d;
  require(n >= 1, fn, "sample", n, "must hold at least one point (rows)");
  for (std::size_t i = 0; i < sample.size(); ++i) {
    if (!(sample[i] >= 0.0 && sample[i] <= 1.0)) {
      throw_invalid_argument(fn, "sample",
                             "coordinates must be in [0, 1] (row " + std::to_string(i / d) +
                                 ", column " + std::to_string(i % d) + ")",
                             sample[i]);
    }
  }
  const double* x = sample.data();
  std::vector<double> rows(n);
  parallel_options po;
  po.threads = threads;
  parallel_for(
      n, [&](std::size_t i) { rows[i] = detail::discrepancy_pair_row(x, n, d, i, method); }, po)
      .rethrow_first_error();
  double pair_sum = 0.0;
  for (double r : rows) pair_sum += r;
  double single_sum = 0.0;
  if (method != discrepancy_method::wrap_around) {
    for (std::size_t i = 0; i < n; ++i) single_sum += detail::discrepancy_single_row(x + i * d, d, method);
  }
  const double dn = static_cast<double>(n);
  const double dd = static_cast<double>(d);
  switch (method) {
    case discrepancy_method::centered:
      return std::pow(13.0 / 12.0, dd) - 2.0 / dn * single_sum + pair_sum / (dn * dn);
    case discrepancy_method::wrap_around: return -std::pow(4.0 / 3.0, dd) + pair_sum / (dn * dn);
    case discrepancy_method::mixture:
      return std::pow(19.0 / 12.0, dd) - 2.0 / dn * single_sum + pair_sum / (dn * dn);
    case discrepancy_method::l2_star:
      return std::sqrt(std::pow(3.0, -dd) - std::pow(2.0, 1.0 - dd) / dn * single_sum +
                       pair_sum / (dn * dn));
  }
  return 0.0;
}

/// scipy.stats.qmc.scale: maps a row-major n x d design from the unit cube to the box
/// [l_bounds, u_bounds] (x * (u - l) + l), or back with reverse = true ((x - l) / (u - l)).
/// Throws invalid_argument unless l_bounds and u_bounds have d = l_bounds.size() >= 1 finite
/// entries with l < u, the sample size is a multiple of d, and every input coordinate lies in
/// [0, 1] (forward) or in [l, u] (reverse), as scipy checks. O(n d).
inline std::vector<double> scale(std::span<const double> sample, std::span<const double> l_bounds,
                                 std::span<const double> u_bounds, bool reverse = false) {
  constexpr std::string_view fn = "quantkit::samplers::scale";
  require_same_length(fn, "l_bounds", l_bounds.size(), "u_bounds", u_bounds.size());
  const std::size_t d = l_bounds.size();
  require(d >= 1, fn, "l_bounds", d, "must have at least one entry (size)");
  for (std::size_t k = 0; k < d; ++k) {
    require_finite(l_bounds[k], fn, "l_bounds");
    require_finite(u_bounds[k], fn, "u_bounds");
    require(l_bounds[k] < u_bounds[k], fn, "u_bounds", u_bounds[k],
            "must be > l_bounds (column " + std::to_string(k) + ")");
  }
  detail::check_design(fn, sample, d);
  std::vector<double> out(sample.size());
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const std::size_t k = i % d;
    const double lo = l_bounds[k];
    const double hi = u_bounds[k];
    const double x = sample[i];
    if (reverse) {
      if (!(x >= lo && x <= hi)) {
        throw_invalid_argument(fn, "sample",
                               "must be within the bounds (row " + std::to_string(i / d) +
                                   ", column " + std::to_string(k) + ")",
                               x);
      }
      out[i] = (x - lo) / (hi - lo);
    } else {
      if (!(x >= 0.0 && x <= 1.0)) {
        throw_invalid_argument(fn, "sample",
                               "must be in [0, 1] (row " + std::to_string(i / d) + ", column " +
                                   std::to_string(k) + ")",
                               x);
      }
      out[i] = x * (hi - lo) + lo;
    }
  }
  return out;
}

}  // namespace quantkit::samplers
