// SPDX-License-Identifier: MIT
// quantkit/samplers/halton.hpp - Halton sequences, plain and with random digit permutations
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "point.hpp"
#include "sampler.hpp"
#include "space.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace quantkit::samplers {

namespace detail {

/// The first d primes (2, 3, 5, ...), by trial division against the primes found so far.
/// O(d sqrt(p_d) / log p_d).
inline std::vector<std::uint64_t> first_primes(std::size_t d) {
  std::vector<std::uint64_t> primes;
  primes.reserve(d);
  for (std::uint64_t c = 2; primes.size() < d; ++c) {
    bool prime = true;
    for (std::uint64_t p : primes) {
      if (p * p > c) break;
      if (c % p == 0) {
        prime = false;
        break;
      }
    }
    if (prime) primes.push_back(c);
  }
  return primes;
}

/// Number of permuted digits for base b: ceil(54 / log2(b)) - 1 (scipy's
/// _van_der_corput_permutations: enough digits to reach double resolution).
inline std::size_t halton_digit_count(std::uint64_t base) {
  return static_cast<std::size_t>(std::ceil(54.0 / std::log2(static_cast<double>(base)))) - 1;
}

}  // namespace detail

/// Halton sequence: coordinate j of point i is the radical inverse of i in the j-th prime base
/// (van der Corput).
///
/// Convention: scipy.stats.qmc.Halton(d, scramble=...). Unscrambled, point i has
/// sum_k digit_k(i) b^-(k+1), accumulated in double exactly as scipy's van_der_corput (b2r =
/// 1 / b, then b2r /= b per digit), so it is bit-identical to Halton(d, scramble=False)
/// .random(n) (first point 0). Scrambled (scipy's default): dimension j draws ceil(54 /
/// log2 b) - 1 random permutations of the digits 0..b-1, one per digit position (Fisher-Yates
/// from quantkit::rng(seed, j), not numpy's generator: same structure, different bits), and
/// point i is sum_k perm_k(digit_k(i)) b^-(k+1) over all those positions, including the leading
/// zero digits (so no point is 0). Cost O(n d log_b n) plain, O(n d 54 / log2 b) scrambled.
struct halton_sampler {
  bool scramble = true;
  /// Budget for rejection in sample(): at most n * max_draws_per_point candidates.
  std::size_t max_draws_per_point = 1000;

  /// Rows start .. start + n - 1 of the d-dimensional sequence (row-major n x d, in [0, 1)); a
  /// later block continues the sequence (scipy's fast_forward). Throws invalid_argument for
  /// d == 0.
  [[nodiscard]] std::vector<double> unit_rows(std::size_t d, std::size_t start, std::size_t n,
                                              std::uint64_t seed) const {
    detail::check_dimension_count("quantkit::samplers::halton_sampler::unit_sample", d);
    const std::vector<std::uint64_t> bases = detail::first_primes(d);
    std::vector<double> out(n * d, 0.0);
    if (n == 0) return out;
    std::vector<std::uint32_t> perms;
    // Digits of the point index in base b, kept as an odometer (incremented per point instead
    // of divided out: no integer division in the loop), and the weights b^-(k+1) computed as
    // scipy does (b2r = 1 / b, then b2r /= b), so the sums are bit for bit scipy's.
    constexpr std::size_t max_digits = 64;
    std::uint64_t digit[max_digits];
    double weight[max_digits];
    for (std::size_t j = 0; j < d; ++j) {
      const std::uint64_t b = bases[j];
      const double bd = static_cast<double>(b);
      weight[0] = 1.0 / bd;
      for (std::size_t k = 1; k < max_digits; ++k) weight[k] = weight[k - 1] / bd;
      std::size_t len = 0;  // number of digits up to the highest non-zero one
      {
        std::uint64_t q = static_cast<std::uint64_t>(start);
        for (std::size_t k = 0; k < max_digits; ++k) {
          digit[k] = q % b;
          q /= b;
          if (digit[k] != 0) len = k + 1;
        }
      }
      const auto advance = [&] {
        std::size_t k = 0;
        while (++digit[k] == b) {
          digit[k] = 0;
          ++k;
        }
        if (k + 1 > len) len = k + 1;
      };
      if (!scramble) {
        for (std::size_t i = 0; i < n; ++i) {
          double acc = 0.0;
          for (std::size_t k = 0; k < len; ++k) acc += static_cast<double>(digit[k]) * weight[k];
          out[i * d + j] = acc;
          if (i + 1 < n) advance();
        }
        continue;
      }
      const std::size_t digits = detail::halton_digit_count(b);
      perms.resize(digits * b);
      quantkit::rng g(seed, j);
      for (std::size_t k = 0; k < digits; ++k) {
        std::uint32_t* perm = perms.data() + k * b;
        for (std::uint64_t t = 0; t < b; ++t) perm[t] = static_cast<std::uint32_t>(t);
        shuffle(std::span<std::uint32_t>(perm, b), g);
      }
      for (std::size_t i = 0; i < n; ++i) {
        double acc = 0.0;
        for (std::size_t k = 0; k < digits; ++k) {
          acc += static_cast<double>(perms[k * b + digit[k]]) * weight[k];
        }
        out[i * d + j] = acc;
        if (i + 1 < n) advance();
      }
    }
    return out;
  }

  /// The first n points, row-major n x d (see unit_rows).
  [[nodiscard]] std::vector<double> unit_sample(std::size_t d, std::size_t n,
                                                std::uint64_t seed) const {
    return unit_rows(d, 0, n, seed);
  }

  /// n feasible points of `sp` (the sequence continues past rejected rows). See
  /// detail::sample_feasible for the rejection error.
  [[nodiscard]] std::vector<point> sample(const space& sp, std::size_t n,
                                          std::uint64_t seed) const {
    return detail::sample_feasible(sp, n, max_draws_per_point,
                                   "quantkit::samplers::halton_sampler::sample",
                                   [&](std::size_t, std::size_t start, std::size_t count) {
                                     return unit_rows(sp.size(), start, count, seed);
                                   });
  }
};

static_assert(Sampler<halton_sampler>);

}  // namespace quantkit::samplers
