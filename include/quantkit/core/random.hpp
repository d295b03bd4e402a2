// SPDX-License-Identifier: MIT
// quantkit/core/random.hpp - fully specified random engine, per-run streams, in-house distributions
#pragma once

#include "error.hpp"

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <span>
#include <utility>
#include <vector>

namespace quantkit {

/// SplitMix64 finalizer (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// The library's random engine: xoshiro256++ (Blackman & Vigna 2019), 256 bits of state, period
/// 2^256 - 1, satisfies std::uniform_random_bit_generator. Its output is fully specified, so the
/// same seed gives the same stream on every compiler, standard library and platform (a test pins
/// the first outputs).
///
/// Seeding: `rng(seed, stream)` gives run `stream` of experiment `seed` its own engine. The four
/// state words are the SplitMix64 sequence started at `stream ^ mix64(seed + golden)`, so runs are
/// independent of each other and of the order or thread they execute on. `rng(seed)` is
/// `rng(seed, 0)`. The library never seeds from std::random_device.
class rng {
 public:
  using result_type = std::uint64_t;

  constexpr explicit rng(std::uint64_t seed = 0, std::uint64_t stream = 0) noexcept {
    std::uint64_t x = stream ^ mix64(seed + golden_);
    for (auto& w : s_) {
      x += golden_;
      w = mix64(x);
    }
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = golden_;  // the one forbidden state
  }

  /// Restores an engine from a saved state (see state()); an all-zero state is replaced by a
  /// fixed non-zero one.
  constexpr explicit rng(const std::array<std::uint64_t, 4>& state) noexcept : s_(state) {
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = golden_;
  }

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  /// Next 64 random bits.
  constexpr result_type operator()() noexcept {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Advances the engine by n outputs (O(n)).
  constexpr void discard(std::uint64_t n) noexcept {
    while (n-- > 0) (*this)();
  }

  /// The full state, for checkpointing (journal/resume).
  [[nodiscard]] constexpr const std::array<std::uint64_t, 4>& state() const noexcept { return s_; }

  friend constexpr bool operator==(const rng&, const rng&) = default;

 private:
  static constexpr std::uint64_t golden_ = 0x9E3779B97F4A7C15ULL;
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::array<std::uint64_t, 4> s_{};
};

static_assert(std::uniform_random_bit_generator<rng>);

/// A generator of 64 uniformly random bits per call (quantkit::rng, std::mt19937_64, ...). The
/// distributions below need full 64-bit outputs so that their results do not depend on the engine
/// type beyond its bit stream.
template <class G>
concept random_engine64 = std::uniform_random_bit_generator<std::remove_reference_t<G>> &&
                          (std::remove_reference_t<G>::min() == 0) &&
                          (std::remove_reference_t<G>::max() ==
                           std::numeric_limits<std::uint64_t>::max());

namespace detail {
/// High and low 64 bits of a 64 x 64-bit product (portable; no __int128).
constexpr std::uint64_t mul_hi_lo(std::uint64_t a, std::uint64_t b, std::uint64_t& lo) noexcept {
  const std::uint64_t a_lo = a & 0xFFFFFFFFULL;
  const std::uint64_t a_hi = a >> 32;
  const std::uint64_t b_lo = b & 0xFFFFFFFFULL;
  const std::uint64_t b_hi = b >> 32;
  const std::uint64_t p0 = a_lo * b_lo;
  const std::uint64_t p1 = a_lo * b_hi;
  const std::uint64_t p2 = a_hi * b_lo;
  const std::uint64_t p3 = a_hi * b_hi;
  const std::uint64_t mid = (p0 >> 32) + (p1 & 0xFFFFFFFFULL) + (p2 & 0xFFFFFFFFULL);
  lo = (mid << 32) | (p0 & 0xFFFFFFFFULL);
  return p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
}
}  // namespace detail

/// Uniform double in [0, 1): the top 53 bits of one engine output times 2^-53.
template <random_engine64 G>
constexpr double uniform01(G& g) noexcept {
  return static_cast<double>(g() >> 11) * 0x1.0p-53;
}

/// Uniform double in the open interval (0, 1): (top 53 bits + 0.5) * 2^-53. Safe for log().
template <random_engine64 G>
constexpr double uniform_open01(G& g) noexcept {
  return (static_cast<double>(g() >> 11) + 0.5) * 0x1.0p-53;
}

/// Uniform double in [a, b): a + (b - a) * uniform01(g). Throws invalid_argument unless a and b are
/// finite and a < b.
template <random_engine64 G>
double uniform(G& g, double a, double b) {
  require_finite(a, "quantkit::uniform", "a");
  require_finite(b, "quantkit::uniform", "b");
  require(a < b, "quantkit::uniform", "b", b, "must be > a");
  return a + (b - a) * uniform01(g);
}

/// Uniform integer in [0, n), unbiased (Lemire 2019, "Fast random integer generation in an
/// interval": multiply-shift with rejection). n must be >= 1 (n = 0 throws invalid_argument).
template <random_engine64 G>
constexpr std::uint64_t uniform_index(G& g, std::uint64_t n) {
  if (n == 0) throw_invalid_argument("quantkit::uniform_index", "n", "must be >= 1", n);
  std::uint64_t lo = 0;
  std::uint64_t hi = detail::mul_hi_lo(g(), n, lo);
  if (lo < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (lo < threshold) hi = detail::mul_hi_lo(g(), n, lo);
  }
  return hi;
}

/// Uniform integer in [lo, hi] (inclusive). Throws invalid_argument if lo > hi.
template <random_engine64 G>
constexpr std::int64_t uniform_int(G& g, std::int64_t lo, std::int64_t hi) {
  require(lo <= hi, "quantkit::uniform_int", "hi", hi, "must be >= lo");
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == std::numeric_limits<std::uint64_t>::max()) return static_cast<std::int64_t>(g());
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + uniform_index(g, span + 1));
}

/// True with probability p (one engine output). Throws invalid_argument unless 0 <= p <= 1.
template <random_engine64 G>
bool bernoulli(G& g, double p) {
  require(p >= 0.0 && p <= 1.0, "quantkit::bernoulli", "p", p, "must be in [0, 1]");
  return uniform01(g) < p;
}

/// Inverse of the standard normal CDF, Phi^-1(p), for p in (0, 1); -inf at 0, +inf at 1, NaN
/// outside. Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), relative accuracy
/// about 1e-16. Used by normal() so that one uniform gives one normal (a fixed stream layout).
constexpr double normal_quantile(double p) noexcept {
  if (!(p >= 0.0 && p <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  const double q = p - 0.5;
  if (q > -0.425 && q < 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) *
                    r +
                45921.953931549871457) *
                   r +
               13731.693765509461125) *
                  r +
              1971.5909503065514427) *
                 r +
             133.14166789178437745) *
                r +
            3.387132872796366608) /
           (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) *
                    r +
                21213.794301586595867) *
                   r +
               5394.1960214247511077) *
                  r +
              687.1870074920579083) *
                 r +
             42.313330701600911252) *
                r +
            1.0);
  }
  double r = q < 0.0 ? p : 1.0 - p;
  r = std::sqrt(-std::log(r));
  double val = 0.0;
  if (r <= 5.0) {
    r -= 1.6;
    val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r +
                0.24178072517745061177) *
                   r +
               1.27045825245236838258) *
                  r +
              3.64784832476320460504) *
                 r +
             5.7694972214606914055) *
                r +
            4.6303378461565452959) *
               r +
           1.42343711074968357734) /
          (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r +
                0.0151986665636164571966) *
                   r +
               0.14810397642748007459) *
                  r +
              0.68976733498510000455) *
                 r +
             1.6763848301838038494) *
                r +
            2.05319162663775882187) *
               r +
           1.0);
  } else {
    r -= 5.0;
    val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r +
                0.0012426609473880784386) *
                   r +
               0.026532189526576123093) *
                  r +
              0.29656057182850489123) *
                 r +
             1.7848265399172913358) *
                r +
            5.4637849111641143699) *
               r +
           6.6579046435011037772) /
          (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r +
                1.8463183175100546818e-5) *
                   r +
               7.868691311456132591e-4) *
                  r +
              0.0148753612908506148525) *
                 r +
             0.13692988092273580531) *
                r +
            0.59983220655588793769) *
               r +
           1.0);
  }
  return q < 0.0 ? -val : val;
}

/// Standard normal draw: normal_quantile(uniform_open01(g)); exactly one engine output per draw,
/// so stream positions are predictable (antithetic pairs: use 1 - u).
template <random_engine64 G>
double normal(G& g) noexcept {
  return normal_quantile(uniform_open01(g));
}

/// Normal draw with the given mean and standard deviation (sd >= 0, both finite).
template <random_engine64 G>
double normal(G& g, double mean, double sd) {
  require_finite(mean, "quantkit::normal", "mean");
  require(sd >= 0.0 && sd - sd == 0.0, "quantkit::normal", "sd", sd, "must be finite and >= 0");
  return mean + sd * normal(g);
}

/// Exponential draw with the given rate (> 0): -log(u) / rate, u in (0, 1).
template <random_engine64 G>
double exponential(G& g, double rate = 1.0) {
  require(rate > 0.0 && rate - rate == 0.0, "quantkit::exponential", "rate", rate,
          "must be finite and > 0");
  return -std::log(uniform_open01(g)) / rate;
}

/// Student-t draw with nu > 0 degrees of freedom (not necessarily an integer): Bailey's polar
/// method (Math. Comp. 62, 1994): (u, v) uniform in the unit disc, w = u^2 + v^2,
/// t = u * sqrt(nu (w^(-2/nu) - 1) / w). Two engine outputs per attempt; acceptance pi/4.
template <random_engine64 G>
double student_t(G& g, double nu) {
  require(nu > 0.0 && nu - nu == 0.0, "quantkit::student_t", "nu", nu, "must be finite and > 0");
  for (;;) {
    const double u = 2.0 * uniform_open01(g) - 1.0;
    const double v = 2.0 * uniform_open01(g) - 1.0;
    const double w = u * u + v * v;
    if (w >= 1.0 || w == 0.0) continue;
    return u * std::sqrt(nu * (std::pow(w, -2.0 / nu) - 1.0) / w);
  }
}

/// Gamma draw with shape k > 0 and scale theta > 0 (mean k theta): Marsaglia & Tsang (ACM TOMS 26,
/// 2000) for k >= 1, and the boost gamma(k + 1) * u^(1/k) for k < 1.
template <random_engine64 G>
double gamma(G& g, double shape, double scale = 1.0) {
  require(shape > 0.0 && shape - shape == 0.0, "quantkit::gamma", "shape", shape,
          "must be finite and > 0");
  require(scale > 0.0 && scale - scale == 0.0, "quantkit::gamma", "scale", scale,
          "must be finite and > 0");
  double boost = 1.0;
  double k = shape;
  if (k < 1.0) {
    boost = std::pow(uniform_open01(g), 1.0 / k);
    k += 1.0;
  }
  const double d = k - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = normal(g);
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = uniform_open01(g);
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2 || std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) {
      return d * v * boost * scale;
    }
  }
}

/// Beta(a, b) draw (a, b > 0) from two gamma draws: X / (X + Y).
template <random_engine64 G>
double beta(G& g, double a, double b) {
  require(a > 0.0 && a - a == 0.0, "quantkit::beta", "a", a, "must be finite and > 0");
  require(b > 0.0 && b - b == 0.0, "quantkit::beta", "b", b, "must be finite and > 0");
  const double x = gamma(g, a);
  const double y = gamma(g, b);
  return x / (x + y);
}

/// Poisson draw with the given mean (>= 0, finite, <= 1e15). Mean < 10: inversion by sequential
/// search; otherwise Hormann's PTRS transformed rejection (Insurance: Math. Econ. 12, 1993).
template <random_engine64 G>
std::uint64_t poisson(G& g, double mean) {
  require(mean >= 0.0 && mean <= 1e15, "quantkit::poisson", "mean", mean, "must be in [0, 1e15]");
  if (mean == 0.0) return 0;
  if (mean < 10.0) {
    double p = std::exp(-mean);
    double u = uniform01(g);
    std::uint64_t k = 0;
    while (u > p) {
      u -= p;
      ++k;
      p *= mean / static_cast<double>(k);
      if (p <= 0.0) break;  // underflow: u is rounding residue
    }
    return k;
  }
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = uniform01(g) - 0.5;
    const double v = uniform01(g);
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1.0)) {
      return static_cast<std::uint64_t>(k);
    }
  }
}

/// Shuffles `values` in place (Fisher-Yates with uniform_index), fully specified (std::shuffle's
/// output is implementation-defined).
template <class T, random_engine64 G>
void shuffle(std::span<T> values, G& g) {
  for (std::size_t i = values.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(uniform_index(g, i));
    using std::swap;
    swap(values[i - 1], values[j]);
  }
}

/// How a block bootstrap draws its blocks (block_positions).
enum class bootstrap_blocks {
  moving,      ///< fixed-length blocks starting anywhere a whole block fits (Kunsch 1989)
  circular,    ///< fixed-length blocks that wrap around the end (Politis & Romano 1992)
  stationary,  ///< geometric block lengths with mean block_length, wrapping (Politis & Romano 1994)
};

/// The positions of a block bootstrap of n observations: calls put(i, position) for i = 0..m-1,
/// in order. The one definition of the block draws, shared by samplers::resampler and
/// block_bootstrap_series. Stream layout (fixed):
/// - moving: a block starts at uniform_index(g, n - L + 1) and runs L positions;
/// - circular: a block starts at uniform_index(g, n) and runs L positions, wrapping;
/// - stationary: a block starts at uniform_index(g, n), its length is
///   1 + floor(log(u) / log(1 - 1/L)) with u = uniform_open01(g) (geometric with mean L), wrapping.
/// The last block is cut at m positions. Preconditions, checked by the callers: n >= 1 (or m == 0),
/// L >= 1, a whole number for moving and circular blocks, and L <= n for moving blocks.
/// O(m) time, no allocation.
template <random_engine64 G, class Put>
void block_positions(bootstrap_blocks blocks, double length, std::size_t n, std::size_t m, G& g,
                     Put&& put) {
  if (m == 0) return;
  const auto nn = static_cast<std::uint64_t>(n);
  if (blocks == bootstrap_blocks::moving) {
    const auto L = static_cast<std::size_t>(length);
    for (std::size_t i = 0; i < m;) {
      const auto at = static_cast<std::size_t>(uniform_index(g, nn - L + 1));
      for (std::size_t k = 0; k < L && i < m; ++k, ++i) put(i, at + k);
    }
    return;
  }
  const bool circular = blocks == bootstrap_blocks::circular;
  const auto L = static_cast<std::size_t>(length);
  const double log_stay = std::log1p(-1.0 / length);  // log(1 - 1/L), -inf at L = 1
  for (std::size_t i = 0; i < m;) {
    auto at = static_cast<std::size_t>(uniform_index(g, nn));
    std::size_t len = L;
    if (!circular) {
      const double extra = std::floor(std::log(uniform_open01(g)) / log_stay);
      // extra >= 0; capped at m so the cast cannot overflow for a very long block
      len = 1 + (extra >= static_cast<double>(m) ? m : static_cast<std::size_t>(extra));
    }
    for (std::size_t k = 0; k < len && i < m; ++k, ++i) {
      put(i, at);
      at = at + 1 == n ? 0 : at + 1;
    }
  }
}

/// Draws indices 0..n-1 with probabilities proportional to fixed weights in O(1) per draw
/// (Walker's alias method, Vose's construction). Weights must be finite, >= 0, with a positive sum.
/// One call uses two engine outputs. Construction O(n).
class discrete_distribution {
 public:
  discrete_distribution() = default;
  explicit discrete_distribution(std::span<const double> weights) {
    constexpr std::string_view fn = "quantkit::discrete_distribution";
    if (weights.empty()) throw_invalid_argument(fn, "weights", "weights must not be empty");
    double total = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const double w = weights[i];
      if (!(w >= 0.0) || w - w != 0.0) {
        throw_invalid_argument(fn, "weights",
                               "must be finite and >= 0 (weights[" + std::to_string(i) + "])", w);
      }
      total += w;
    }
    require(total > 0.0, fn, "weights", total, "must have a positive sum");
    const std::size_t n = weights.size();
    prob_.assign(n, 0.0);
    alias_.assign(n, 0);
    std::vector<double> scaled(n);
    std::vector<std::size_t> small;
    std::vector<std::size_t> large;
    for (std::size_t i = 0; i < n; ++i) {
      scaled[i] = weights[i] * static_cast<double>(n) / total;
      (scaled[i] < 1.0 ? small : large).push_back(i);
    }
    while (!small.empty() && !large.empty()) {
      const std::size_t s = small.back();
      small.pop_back();
      const std::size_t l = large.back();
      large.pop_back();
      prob_[s] = scaled[s];
      alias_[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1.0;
      (scaled[l] < 1.0 ? small : large).push_back(l);
    }
    for (std::size_t i : large) prob_[i] = 1.0;
    for (std::size_t i : small) prob_[i] = 1.0;  // rounding leftovers
  }

  /// Number of outcomes.
  [[nodiscard]] std::size_t size() const noexcept { return prob_.size(); }

  /// One draw in [0, size()).
  template <random_engine64 G>
  std::size_t operator()(G& g) const {
    QUANTKIT_ASSERT(!prob_.empty(), "discrete_distribution is empty");
    const auto i = static_cast<std::size_t>(uniform_index(g, prob_.size()));
    return uniform01(g) < prob_[i] ? i : alias_[i];
  }

 private:
  std::vector<double> prob_;
  std::vector<std::size_t> alias_;
};

}  // namespace quantkit
