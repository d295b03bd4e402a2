// SPDX-License-Identifier: MIT
#include <quantkit/core/bar_series.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/data/synthetic.hpp>
#include <quantkit/samplers/resample.hpp>
#include <quantkit/stats/bootstrap.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

namespace qs = quantkit::samplers;
using quantkit::test::check_invalid_param;

namespace {
std::vector<double> ramp(std::size_t n) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(i) * 0.5 - 3.0;
  return x;
}

// Plain left-to-right sum, used by both sides of the stats::bootstrap comparison.
double plain_sum(std::span<const double> s) {
  double t = 0.0;
  for (double v : s) t += v;
  return t;
}
}  // namespace

TEST_SUITE("samplers") {
  TEST_CASE("resampler: iid draws are the replicates of stats::bootstrap") {
    // stats::bootstrap's replicate b resamples x[uniform_index(rng(seed, b), n)]: the iid
    // resampler with the same (seed, replicate) must give the same resample, so the statistic
    // of each replicate agrees exactly.
    const auto x = ramp(37);
    quantkit::stats::bootstrap_options o;
    o.n_resamples = 20;
    o.seed = 314;
    o.keep_distribution = true;
    o.method = quantkit::stats::bootstrap_method::percentile;
    const auto r = quantkit::stats::bootstrap(x, plain_sum, o);
    REQUIRE(r.distribution.size() == 20);
    for (std::uint64_t b = 0; b < 20; ++b) {
      CHECK(plain_sum(qs::resampler::iid().resample(x, 314, b)) == r.distribution[b]);
    }
  }

  TEST_CASE("resampler: block schemes draw the moves of data::block_bootstrap_series") {
    // Source bar i + 1 carries volume i, so each generated bar's volume is the move index the
    // data generator drew (it uses rng(seed), i.e. rng(seed, 0), for the whole series).
    const std::size_t bars = 60;
    quantkit::bar_series src;
    for (std::size_t i = 0; i < bars; ++i) {
      const double c = 100.0 + static_cast<double>(i % 7);
      src.push_back({static_cast<quantkit::timestamp>(i + 1) * 60, c, c + 1.0, c - 1.0, c,
                     static_cast<double>(i) - 1.0});
    }
    struct pair {
      quantkit::bootstrap_blocks data_scheme;
      qs::resampler ours;
    };
    for (const pair& p : {pair{quantkit::bootstrap_blocks::moving, qs::resampler::moving_block(7)},
                          pair{quantkit::bootstrap_blocks::circular, qs::resampler::circular_block(7)},
                          pair{quantkit::bootstrap_blocks::stationary, qs::resampler::stationary(7)}}) {
      CAPTURE(qs::to_string(p.ours.scheme));
      quantkit::block_bootstrap_params bp;
      bp.block_length = 7;
      bp.blocks = p.data_scheme;
      const auto out = quantkit::block_bootstrap_series(src, 500, bp, 99);
      const auto idx = p.ours.indices(bars - 1, 500, 99, 0);
      REQUIRE(out.size() == 500);
      std::size_t bad = 0;
      for (std::size_t i = 0; i < 500; ++i) {
        if (out.volumes()[i] != static_cast<double>(idx[i])) ++bad;
      }
      CHECK(bad == 0);
    }
  }

  TEST_CASE("resampler: moving blocks are runs of L consecutive positions that fit") {
    const auto idx = qs::resampler::moving_block(5).indices(40, 1003, 7, 3);
    REQUIRE(idx.size() == 1003);
    for (std::size_t start = 0; start < idx.size(); start += 5) {
      CHECK(idx[start] <= 35);
      for (std::size_t k = 1; k < 5 && start + k < idx.size(); ++k) {
        CHECK(idx[start + k] == idx[start] + k);
      }
    }
  }

  TEST_CASE("resampler: circular blocks wrap around the end") {
    const std::size_t n = 10;
    const auto idx = qs::resampler::circular_block(4).indices(n, 4000, 1, 0);
    bool wrapped = false;
    for (std::size_t start = 0; start < idx.size(); start += 4) {
      for (std::size_t k = 1; k < 4; ++k) {
        CHECK(idx[start + k] == (idx[start] + k) % n);
        wrapped = wrapped || idx[start + k] < idx[start];
      }
    }
    CHECK(wrapped);
  }

  TEST_CASE("resampler: stationary blocks start with probability 1/L") {
    // a break (position not the successor of the previous one) happens when a new block starts
    // (probability 1/L) and its uniform start is not the successor (1 - 1/n): p = (1/L)(1 - 1/n)
    for (double L : {1.0, 2.5, 8.0}) {
      CAPTURE(L);
      const std::size_t n = 500;
      const std::size_t m = 200000;
      const auto idx = qs::resampler::stationary(L).indices(n, m, 5, 1);
      std::size_t breaks = 0;
      for (std::size_t i = 1; i < m; ++i) breaks += idx[i] != (idx[i - 1] + 1) % n ? 1u : 0u;
      const double p = (1.0 / L) * (1.0 - 1.0 / static_cast<double>(n));
      const double freq = static_cast<double>(breaks) / static_cast<double>(m - 1);
      CHECK(std::fabs(freq - p) < 5.0 * std::sqrt(p * (1.0 - p) / static_cast<double>(m - 1)) + 1e-12);
    }
  }

  TEST_CASE("resampler: iid positions are uniform") {
    const std::size_t n = 100;
    const std::size_t m = 100000;
    const auto idx = qs::resampler::iid().indices(n, m, 2, 0);
    double sum = 0.0;
    for (std::size_t v : idx) {
      CHECK(v < n);
      sum += static_cast<double>(v);
    }
    // uniform on 0..99: mean 49.5, variance (n^2 - 1) / 12
    const double se = std::sqrt((static_cast<double>(n * n) - 1.0) / 12.0 / static_cast<double>(m));
    CHECK(std::fabs(sum / static_cast<double>(m) - 49.5) < 5.0 * se);
  }

  TEST_CASE("resampler: permutation draws without replacement") {
    auto idx = qs::resampler::permutation().indices(50, 50, 3, 9);
    std::vector<std::size_t> sorted = idx;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::size_t> expected(50);
    std::iota(expected.begin(), expected.end(), std::size_t{0});
    CHECK(sorted == expected);
    CHECK(idx != expected);
    const auto head = qs::resampler::permutation().indices(50, 20, 3, 9);
    CHECK(std::vector<std::size_t>(idx.begin(), idx.begin() + 20) == head);
    // resampled values are a rearrangement: same sum
    const auto x = ramp(50);
    const auto y = qs::resampler::permutation().resample(x, 3, 9);
    CHECK(quantkit::test::approx(plain_sum(x), 1e-12) == plain_sum(y));
  }

  TEST_CASE("resampler: resample_into and fill_indices make the same draws and seeds are streams") {
    const auto x = ramp(64);
    for (const auto& r : {qs::resampler::iid(), qs::resampler::moving_block(3),
                          qs::resampler::circular_block(6), qs::resampler::stationary(4.5),
                          qs::resampler::permutation()}) {
      CAPTURE(qs::to_string(r.scheme));
      quantkit::rng g1(11, 2);
      quantkit::rng g2(11, 2);
      std::vector<std::size_t> idx(64);
      r.fill_indices(64, std::span<std::size_t>(idx), g1);
      std::vector<double> out(64);
      r.resample_into(std::span<const double>(x), std::span<double>(out), g2);
      for (std::size_t i = 0; i < 64; ++i) CHECK(out[i] == x[idx[i]]);
      CHECK(r.indices(64, 64, 11, 2) == idx);
      CHECK(r.indices(64, 64, 11, 3) != idx);
      CHECK(r.indices(64, 64, 12, 2) != idx);
    }
    CHECK(qs::resampler::iid().indices(0, 0, 1, 1).empty());
  }

  TEST_CASE("resampler: bad arguments are rejected with the parameter named") {
    const std::string fn = "quantkit::samplers::resampler::fill_indices";
    quantkit::rng g(1);
    std::vector<std::size_t> out(5);
    const std::span<std::size_t> o(out);
    check_invalid_param([&] { qs::resampler::iid().fill_indices(0, o, g); }, fn, "n");
    check_invalid_param([&] { qs::resampler::moving_block(0).fill_indices(10, o, g); }, fn,
                        "block_length");
    check_invalid_param([&] { qs::resampler::moving_block(11).fill_indices(10, o, g); }, fn,
                        "block_length");
    check_invalid_param([&] { qs::resampler::moving_block(2.5).fill_indices(10, o, g); }, fn,
                        "block_length");
    check_invalid_param([&] { qs::resampler::circular_block(0.5).fill_indices(10, o, g); }, fn,
                        "block_length");
    check_invalid_param([&] { qs::resampler::stationary(0.9).fill_indices(10, o, g); }, fn,
                        "block_length");
    check_invalid_param(
        [&] {
          qs::resampler::stationary(std::numeric_limits<double>::quiet_NaN()).fill_indices(10, o, g);
        },
        fn, "block_length");
    check_invalid_param(
        [&] {
          qs::resampler::stationary(std::numeric_limits<double>::infinity()).fill_indices(10, o, g);
        },
        fn, "block_length");
    check_invalid_param([&] { qs::resampler::permutation().fill_indices(4, o, g); }, fn, "m");
    check_invalid_param([&] { (void)qs::resampler::iid().indices(0, 3, 1, 1); }, fn, "n");
    const std::vector<double> x{1.0, 2.0, 3.0};
    std::vector<double> y(5);
    check_invalid_param(
        [&] {
          qs::resampler::permutation().resample_into(std::span<const double>(x), std::span<double>(y),
                                                     g);
        },
        "quantkit::samplers::resampler::resample_into", "m");
    check_invalid_param([&] { (void)qs::resampler::moving_block(4).resample(x, 1, 1); },
                        "quantkit::samplers::resampler::resample_into", "block_length");
  }
}
