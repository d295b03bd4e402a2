// SPDX-License-Identifier: MIT
// quantkit/samplers/sobol.hpp - Sobol sequences (Joe-Kuo directions), LMS + shift and Owen scrambling
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "detail/sobol_directions.hpp"
#include "point.hpp"
#include "sampler.hpp"
#include "space.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace quantkit::samplers {

/// How a Sobol sequence is randomized.
enum class sobol_scramble {
  none,       ///< the plain sequence (scipy Sobol(scramble=False)): first point 0
  lms_shift,  ///< linear matrix scrambling + digital shift (scipy's scramble=True structure)
  owen        ///< nested uniform (Owen 1995) scrambling of every point, hash-driven
};

namespace detail {

/// Largest dimension of the Joe-Kuo table (scipy's Sobol.MAXDIM).
inline constexpr std::size_t sobol_max_dimension = sobol_data::max_dimension;

/// Direction integers v[j * bits + k] = m_k << (bits - 1 - k) of dimensions j = 0..d-1 (Bratley &
/// Fox 1988; Joe & Kuo 2008): m_1..m_s from the table, then m_k = 2 a_1 m_{k-1} ^ 4 a_2 m_{k-2}
/// ^ ... ^ 2^s m_{k-s} ^ m_{k-s} for the primitive polynomial x^s + a_1 x^(s-1) + ... + 1.
/// Dimension 0 has every m_k = 1. 1 <= d <= 21201, 1 <= bits <= 64 (checked by the callers).
/// O(d bits s).
inline std::vector<std::uint64_t> sobol_direction_integers(std::size_t d, unsigned bits) {
  std::vector<std::uint64_t> v(d * bits);
  std::vector<std::uint64_t> m(bits);
  std::size_t bit_pos = 0;  // read position in the packed m_bits stream
  for (std::size_t j = 0; j < d; ++j) {
    const std::uint32_t p = sobol_data::poly[j];
    const unsigned s = j == 0 ? 0u : static_cast<unsigned>(std::bit_width(p) - 1);
    if (j == 0) {
      for (unsigned k = 0; k < bits; ++k) m[k] = 1;
    } else {
      // m_k (1-based k = 1..s) is odd and < 2^k, stored as its k - 1 upper bits.
      for (unsigned k = 1; k <= s; ++k) {
        std::uint64_t payload = 0;
        for (unsigned b = 0; b + 1 < k; ++b, ++bit_pos) {
          const std::uint64_t bit = (sobol_data::m_bits[bit_pos / 32] >> (bit_pos % 32)) & 1u;
          payload |= bit << b;
        }
        if (k <= bits) m[k - 1] = (payload << 1) | 1u;
      }
      for (unsigned k = s; k < bits; ++k) {  // 0-based k: m[k] from m[k-1], ..., m[k-s]
        std::uint64_t next = m[k - s] ^ (m[k - s] << s);
        for (unsigned i = 1; i < s; ++i) {
          if ((p >> (s - i)) & 1u) next ^= m[k - i] << i;
        }
        m[k] = next;
      }
    }
    for (unsigned k = 0; k < bits; ++k) v[j * bits + k] = m[k] << (bits - 1 - k);
  }
  return v;
}

/// Parity of the set bits of x.
constexpr std::uint64_t parity64(std::uint64_t x) noexcept {
  return static_cast<std::uint64_t>(std::popcount(x) & 1);
}

/// Mask of the low `bits` bits (bits in 1..64).
constexpr std::uint64_t low_mask(unsigned bits) noexcept {
  return bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
}

/// Owen's nested uniform scramble of a `bits`-bit coordinate x: digit p (MSB first) is flipped
/// by a random bit that depends on the dimension's key, p and the p leading digits of x (the node
/// of the binary tree), so the scramble is a random permutation of the tree as in Owen (1995);
/// the random bits come from mix64 of (key, node), fixed by (seed, dimension).
constexpr std::uint64_t owen_scramble(std::uint64_t x, std::uint64_t key, unsigned bits) noexcept {
  std::uint64_t y = x;
  for (unsigned p = 0; p < bits; ++p) {
    const unsigned q = bits - 1 - p;                      // bit position of digit p
    const std::uint64_t prefix = p == 0 ? 0 : x >> (q + 1);  // digits 0..p-1
    const std::uint64_t node = (std::uint64_t{1} << p) | prefix;  // unique per (level, prefix)
    const std::uint64_t flip = mix64(key ^ mix64(node + 0x632BE59BD9B4E019ULL)) >> 63;
    y ^= flip << q;
  }
  return y;
}

}  // namespace detail

/// Sobol low-discrepancy sequence in up to 21,201 dimensions with the Joe & Kuo (2008) direction
/// numbers ("new-joe-kuo-6.21201", as shipped with scipy), in Gray-code order.
///
/// Convention: scipy.stats.qmc.Sobol(d, scramble=..., bits=30). Unscrambled, point k is
/// x_k = XOR of v_b over the bits b of gray(k) = k ^ (k >> 1), times 2^-bits: bit for bit
/// scipy's Sobol(d, scramble=False).random(n) (first point 0). lms_shift applies scipy's
/// scramble=True algorithm: per dimension, a random lower-triangular binary matrix with unit
/// diagonal multiplies every direction integer (digit p of the result is the parity of the
/// digits 0..p selected by row p, MSB first) and a random digital shift is XORed into every
/// point (Matousek 1998; Owen 2003). The random bits come from quantkit::rng(seed, j) for
/// dimension j (shift first, then one word per matrix row), not numpy's: the structure and the
/// distribution match scipy, the bits do not. owen applies a nested uniform scramble instead.
/// Every variant keeps the (t, m, s)-net property: for n = 2^m, each of the n intervals [k/n,
/// (k+1)/n) of a coordinate holds one point. Balance needs n a power of 2 (as in scipy, this is
/// advice, not enforced). Cost O(n d) after O(d bits s) set-up (+ O(n d bits) for owen).
struct sobol_sampler {
  sobol_scramble scramble = sobol_scramble::lms_shift;
  /// Bits of resolution (scipy's `bits`, default 30): points are multiples of 2^-bits and at
  /// most 2^bits points exist. 1..64; above 53 the doubles round.
  unsigned bits = 30;
  /// Budget for rejection in sample(): at most n * max_draws_per_point candidates.
  std::size_t max_draws_per_point = 1000;

  /// Rows start, start + 1, ..., start + n - 1 of the d-dimensional sequence, row-major n x d,
  /// coordinates in [0, 1). unit_rows(d, 0, n, seed) is unit_sample(d, n, seed); a later block
  /// continues the same sequence (scipy's fast_forward(start) then random(n)). Throws
  /// invalid_argument for d outside [1, 21201], bits outside [1, 64] or start + n > 2^bits.
  [[nodiscard]] std::vector<double> unit_rows(std::size_t d, std::size_t start, std::size_t n,
                                              std::uint64_t seed) const {
    constexpr std::string_view fn = "quantkit::samplers::sobol_sampler::unit_sample";
    check(fn, d, start, n);
    std::vector<std::uint64_t> v = detail::sobol_direction_integers(d, bits);
    std::vector<std::uint64_t> x(d, 0);
    std::vector<std::uint64_t> owen_key;
    if (scramble == sobol_scramble::lms_shift) {
      lms_scramble(v, x, d, seed);
    } else if (scramble == sobol_scramble::owen) {
      owen_key.resize(d);
      for (std::size_t j = 0; j < d; ++j) owen_key[j] = quantkit::rng(seed, j)();
    }
    // Point `start`: XOR of the directions selected by gray(start).
    const std::uint64_t g0 = static_cast<std::uint64_t>(start) ^ (static_cast<std::uint64_t>(start) >> 1);
    for (unsigned b = 0; b < bits && b < 64; ++b) {
      if ((g0 >> b) & 1u) {
        for (std::size_t j = 0; j < d; ++j) x[j] ^= v[j * bits + b];
      }
    }
    std::vector<double> out(n * d);
    const double scale = std::ldexp(1.0, -static_cast<int>(bits));
    std::uint64_t k = start;
    for (std::size_t i = 0; i < n; ++i, ++k) {
      double* row = out.data() + i * d;
      if (scramble == sobol_scramble::owen) {
        for (std::size_t j = 0; j < d; ++j) {
          row[j] = static_cast<double>(detail::owen_scramble(x[j], owen_key[j], bits)) * scale;
        }
      } else {
        for (std::size_t j = 0; j < d; ++j) row[j] = static_cast<double>(x[j]) * scale;
      }
      if (i + 1 < n) {
        const auto c = static_cast<unsigned>(std::countr_one(k));  // lowest zero bit of k
        const std::uint64_t* vc = v.data() + c;
        for (std::size_t j = 0; j < d; ++j) x[j] ^= vc[j * bits];
      }
    }
    return out;
  }

  /// The first n points, row-major n x d (see unit_rows).
  [[nodiscard]] std::vector<double> unit_sample(std::size_t d, std::size_t n,
                                                std::uint64_t seed) const {
    return unit_rows(d, 0, n, seed);
  }

  /// n feasible points of `sp`: the sequence's rows mapped by space::from_unit, infeasible rows
  /// skipped (the sequence continues). See detail::sample_feasible for the rejection error.
  [[nodiscard]] std::vector<point> sample(const space& sp, std::size_t n,
                                          std::uint64_t seed) const {
    return detail::sample_feasible(sp, n, max_draws_per_point,
                                   "quantkit::samplers::sobol_sampler::sample",
                                   [&](std::size_t, std::size_t start, std::size_t count) {
                                     return unit_rows(sp.size(), start, count, seed);
                                   });
  }

 private:
  void check(std::string_view fn, std::size_t d, std::size_t start, std::size_t n) const {
    require(d >= 1 && d <= detail::sobol_max_dimension, fn, "d", d, "must be in [1, 21201]");
    require(bits >= 1 && bits <= 64, fn, "bits", bits, "must be in [1, 64]");
    if (bits < 64) {
      const std::uint64_t maxn = std::uint64_t{1} << bits;
      require(start <= maxn && n <= maxn - start, fn, "n", n,
              "exceeds the 2^bits points of the sequence (start " + std::to_string(start) +
                  ", bits " + std::to_string(bits) + ")");
    }
  }

  // Linear matrix scrambling and digital shift, per dimension from rng(seed, j).
  void lms_scramble(std::vector<std::uint64_t>& v, std::vector<std::uint64_t>& shift, std::size_t d,
                    std::uint64_t seed) const {
    const std::uint64_t mask = detail::low_mask(bits);
    std::vector<std::uint64_t> rows(bits);
    for (std::size_t j = 0; j < d; ++j) {
      quantkit::rng g(seed, j);
      shift[j] = g() & mask;
      // rows[q]: the matrix row producing output bit q (digit p = bits - 1 - q): the diagonal
      // plus random bits at the more significant positions (digits 0..p-1).
      for (unsigned q = 0; q < bits; ++q) {
        const std::uint64_t diag = std::uint64_t{1} << q;
        const std::uint64_t above = mask & ~(diag | (diag - 1));
        rows[q] = diag | (g() & above);
      }
      for (unsigned k = 0; k < bits; ++k) {
        const std::uint64_t in = v[j * bits + k];
        std::uint64_t outv = 0;
        for (unsigned q = 0; q < bits; ++q) outv |= detail::parity64(rows[q] & in) << q;
        v[j * bits + k] = outv;
      }
    }
  }
};

static_assert(Sampler<sobol_sampler>);

}  // namespace quantkit::samplers
