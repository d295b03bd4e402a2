// SPDX-License-Identifier: MIT
// quantkit/samplers/resample.hpp - bootstrap resamplers: iid, moving / circular block, stationary, permutation
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::samplers {

/// How a resampler draws the positions of a resample.
enum class resample_scheme {
  iid,             ///< independent uniform positions (Efron's bootstrap)
  moving_block,    ///< blocks of block_length consecutive positions, starting where one fits (Kunsch 1989)
  circular_block,  ///< blocks of block_length positions starting anywhere, wrapping (Politis & Romano 1992)
  stationary,      ///< geometric block lengths with mean block_length, wrapping (Politis & Romano 1994)
  permutation      ///< a random permutation (sampling without replacement)
};

/// Name of a resample_scheme ("iid", "moving_block", ...).
constexpr std::string_view to_string(resample_scheme s) noexcept {
  switch (s) {
    case resample_scheme::iid: return "iid";
    case resample_scheme::moving_block: return "moving_block";
    case resample_scheme::circular_block: return "circular_block";
    case resample_scheme::stationary: return "stationary";
    case resample_scheme::permutation: return "permutation";
  }
  return "?";
}

/// Draws the positions of bootstrap resamples of a series of n observations: a value type
/// holding the scheme and the block length, with the engine passed in (or seeded from
/// (seed, replicate): replicate b uses quantkit::rng(seed, b), so replicates are independent of
/// the order and thread they run on).
///
/// Stream layout (fixed, so results are reproducible and comparable across the library):
/// - iid: position i = uniform_index(g, n), one engine output per position (rejection aside). The
///   same draws as stats::bootstrap's replicate b, which resamples x[uniform_index(g, n)].
/// - moving_block: a block starts at uniform_index(g, n - L + 1) and runs L positions.
/// - circular_block: a block starts at uniform_index(g, n) and runs L positions, wrapping.
/// - stationary: a block starts at uniform_index(g, n), its length is 1 + floor(log(u) /
///   log(1 - 1/L)) with u = uniform_open01(g) (geometric with mean L: a new block starts with
///   probability 1/L at each step), wrapping.
///   (The block schemes are quantkit::block_positions, which data::block_bootstrap_series also
///   draws its moves with.)
/// - permutation: Fisher-Yates (quantkit::shuffle) of 0..n-1; the first m positions.
/// The last block is cut at m positions. Block lengths: moving and circular need a whole number
/// L >= 1 (moving also L <= n); stationary any finite mean L >= 1 (L = 1 is iid-like with
/// wrapping-free single draws). Cost O(m) per resample (permutation O(n)).
struct resampler {
  resample_scheme scheme = resample_scheme::iid;
  double block_length = 1.0;

  static constexpr resampler iid() noexcept { return {resample_scheme::iid, 1.0}; }
  static constexpr resampler moving_block(double length) noexcept {
    return {resample_scheme::moving_block, length};
  }
  static constexpr resampler circular_block(double length) noexcept {
    return {resample_scheme::circular_block, length};
  }
  static constexpr resampler stationary(double mean_length) noexcept {
    return {resample_scheme::stationary, mean_length};
  }
  static constexpr resampler permutation() noexcept { return {resample_scheme::permutation, 1.0}; }

  /// Throws invalid_argument (naming `function`) unless this resampler can draw m positions from
  /// n observations: n >= 1 (or n == m == 0), a valid block length (see the class comment), and
  /// m <= n for permutation.
  void validate(std::size_t n, std::size_t m, std::string_view function) const {
    if (n == 0 && m == 0) return;
    require(n >= 1, function, "n", n, "must be >= 1 (observations to resample)");
    const double L = block_length;
    switch (scheme) {
      case resample_scheme::iid: break;
      case resample_scheme::moving_block:
        require(L >= 1.0 && L == std::floor(L) && L <= static_cast<double>(n), function,
                "block_length", L, "must be a whole number in [1, n] (n = " + std::to_string(n) + ")");
        break;
      case resample_scheme::circular_block:
        require(L >= 1.0 && L == std::floor(L) && L <= 1e15, function, "block_length", L,
                "must be a whole number >= 1");
        break;
      case resample_scheme::stationary:
        require(L >= 1.0 && L - L == 0.0, function, "block_length", L,
                "must be finite and >= 1 (mean block length)");
        break;
      case resample_scheme::permutation:
        require(m <= n, function, "m", m,
                "must be <= n for a permutation (n = " + std::to_string(n) + ")");
        break;
    }
  }

  /// Fills `out` with m = out.size() positions in [0, n) drawn from g (see the stream layout).
  /// Throws like validate(). No allocation except for permutation (a buffer of n).
  template <random_engine64 G>
  void fill_indices(std::size_t n, std::span<std::size_t> out, G& g) const {
    validate(n, out.size(), "quantkit::samplers::resampler::fill_indices");
    draw(n, out.size(), g, [&](std::size_t i, std::size_t pos) { out[i] = pos; });
  }

  /// m positions in [0, n) for replicate `replicate` of experiment `seed` (engine
  /// quantkit::rng(seed, replicate)). Throws like validate().
  [[nodiscard]] std::vector<std::size_t> indices(std::size_t n, std::size_t m, std::uint64_t seed,
                                                 std::uint64_t replicate) const {
    std::vector<std::size_t> out(m);
    quantkit::rng g(seed, replicate);
    fill_indices(n, std::span<std::size_t>(out), g);
    return out;
  }

  /// Writes x at out.size() drawn positions into `out` (engine g; the same draws as
  /// fill_indices). Throws like validate() for n = x.size(), m = out.size(). Allocation-free
  /// except for permutation.
  template <class T, random_engine64 G>
  void resample_into(std::span<const T> x, std::span<T> out, G& g) const {
    validate(x.size(), out.size(), "quantkit::samplers::resampler::resample_into");
    if (scheme == resample_scheme::permutation && out.size() == x.size()) {
      // Fisher-Yates applies the same swaps whatever the contents: shuffling a copy of x gives
      // x[perm[i]] for the permutation fill_indices draws, without the index buffer.
      for (std::size_t i = 0; i < x.size(); ++i) out[i] = x[i];
      shuffle(out, g);
      return;
    }
    draw(x.size(), out.size(), g, [&](std::size_t i, std::size_t pos) { out[i] = x[pos]; });
  }

  /// x resampled to x.size() values for replicate `replicate` of `seed` (engine
  /// quantkit::rng(seed, replicate)). Throws like validate().
  [[nodiscard]] std::vector<double> resample(std::span<const double> x, std::uint64_t seed,
                                             std::uint64_t replicate) const {
    std::vector<double> out(x.size());
    quantkit::rng g(seed, replicate);
    resample_into(std::span<const double>(x), std::span<double>(out), g);
    return out;
  }

 private:
  // The one definition of every scheme's draws: put(i, position) for i = 0..m-1, in order.
  template <random_engine64 G, class Put>
  void draw(std::size_t n, std::size_t m, G& g, Put&& put) const {
    if (m == 0) return;
    const auto nn = static_cast<std::uint64_t>(n);
    switch (scheme) {
      case resample_scheme::iid:
        for (std::size_t i = 0; i < m; ++i) put(i, static_cast<std::size_t>(uniform_index(g, nn)));
        return;
      case resample_scheme::moving_block:
        block_positions(bootstrap_blocks::moving, block_length, n, m, g, put);
        return;
      case resample_scheme::circular_block:
        block_positions(bootstrap_blocks::circular, block_length, n, m, g, put);
        return;
      case resample_scheme::stationary:
        block_positions(bootstrap_blocks::stationary, block_length, n, m, g, put);
        return;
      case resample_scheme::permutation: {
        std::vector<std::size_t> perm(n);
        for (std::size_t i = 0; i < n; ++i) perm[i] = i;
        shuffle(std::span<std::size_t>(perm), g);
        for (std::size_t i = 0; i < m; ++i) put(i, perm[i]);
        return;
      }
    }
  }
};

}  // namespace quantkit::samplers
