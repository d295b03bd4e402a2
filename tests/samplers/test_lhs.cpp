// SPDX-License-Identifier: MIT
#include <quantkit/core/random.hpp>
#include <quantkit/samplers/discrepancy.hpp>
#include <quantkit/samplers/lhs.hpp>

#include "samplers/samplers_support.hpp"
#include "support/approx.hpp"
#include "support/data.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace qs = quantkit::samplers;
namespace ts = quantkit::test::samplers;
using quantkit::test::check_invalid_param;

TEST_SUITE("samplers") {
  TEST_CASE("lhs: each of the n strata of every dimension holds exactly one point") {
    for (std::size_t n : {1u, 2u, 7u, 100u, 1000u}) {
      CAPTURE(n);
      const auto u = qs::lhs_sampler{}.unit_sample(5, n, 17);
      REQUIRE(u.size() == 5 * n);
      CHECK(ts::one_per_stratum(u, 5));
    }
  }

  TEST_CASE("lhs: centered puts every point at a stratum centre") {
    qs::lhs_sampler s;
    s.centered = true;
    const std::size_t n = 50;
    const auto u = s.unit_sample(3, n, 4);
    CHECK(ts::one_per_stratum(u, 3));
    for (double v : u) {
      const double k = v * static_cast<double>(n) - 0.5;  // must be an integer
      CHECK(std::fabs(k - std::round(k)) < 1e-12);
    }
  }

  TEST_CASE("lhs: dimension j is a permutation then offsets from rng(seed, j)") {
    const std::size_t n = 8;
    const auto u = qs::lhs_sampler{}.unit_sample(2, n, 99);
    for (std::size_t j = 0; j < 2; ++j) {
      quantkit::rng g(99, j);
      std::vector<std::uint32_t> perm(n);
      for (std::size_t i = 0; i < n; ++i) perm[i] = static_cast<std::uint32_t>(i);
      quantkit::shuffle(std::span<std::uint32_t>(perm), g);
      for (std::size_t i = 0; i < n; ++i) {
        CHECK(u[i * 2 + j] == (perm[i] + quantkit::uniform01(g)) / static_cast<double>(n));
      }
    }
  }

  TEST_CASE("lhs: the same seed gives the same bits") {
    qs::lhs_sampler s;
    CHECK(s.unit_sample(4, 300, 1) == s.unit_sample(4, 300, 1));
    CHECK(s.unit_sample(4, 300, 1) != s.unit_sample(4, 300, 2));
    s.maximin_iterations = 200;
    CHECK(s.unit_sample(4, 60, 1) == s.unit_sample(4, 60, 1));
  }

  TEST_CASE("lhs: maximin swaps keep the Latin property and never shrink the closest pair") {
    for (std::uint64_t seed = 0; seed < 5; ++seed) {
      CAPTURE(seed);
      qs::lhs_sampler plain;
      qs::lhs_sampler opt;
      opt.maximin_iterations = 2000;
      const auto a = plain.unit_sample(3, 40, seed);
      const auto b = opt.unit_sample(3, 40, seed);
      CHECK(ts::one_per_stratum(b, 3));
      const double da = qs::detail::min_distance2(a, 3);
      const double db = qs::detail::min_distance2(b, 3);
      CHECK(db >= da);
      // 2000 targeted swaps on 40 points improve a random LHS's closest pair a lot (typically
      // 5-20x in squared distance): ask for a factor 2
      CHECK(db > 2.0 * da);
      // same multiset of coordinates per column (only swaps)
      for (std::size_t j = 0; j < 3; ++j) {
        std::vector<double> ca;
        std::vector<double> cb;
        for (std::size_t i = 0; i < 40; ++i) {
          ca.push_back(a[i * 3 + j]);
          cb.push_back(b[i * 3 + j]);
        }
        std::sort(ca.begin(), ca.end());
        std::sort(cb.begin(), cb.end());
        CHECK(ca == cb);
      }
    }
  }

  TEST_CASE("lhs: centered discrepancy matches scipy's LatinHypercube") {
    const auto refs = quantkit::test::load_json("samplers/randomized_cd.json");
    for (bool centered : {false, true}) {
      const auto& ref = refs[centered ? "lhs_centered_d8_n1000" : "lhs_d8_n1000"];
      qs::lhs_sampler s;
      s.centered = centered;
      const int seeds = 40;
      double sum = 0.0;
      for (int k = 0; k < seeds; ++k) {
        sum += qs::discrepancy(s.unit_sample(8, 1000, static_cast<std::uint64_t>(k)), 8);
      }
      CAPTURE(centered);
      CAPTURE(sum / seeds);
      // difference of two 40-seed means: sd = std sqrt(2 / 40); 5 of those
      CHECK(std::fabs(sum / seeds - ref["mean"].num()) <
            5.0 * ref["std"].num() * std::sqrt(2.0 / seeds));
    }
  }

  TEST_CASE("lhs: sample maps through the space and refills rejected rows") {
    qs::space sp;
    sp.add_int("fast", 2, 30).add_int("slow", 5, 60);
    const auto pts = qs::lhs_sampler{}.sample(sp, 56, 8);
    // without constraints, 56 points on the 56 integers 5..60: stratum k is integer 5 + k, so
    // every integer appears exactly once
    std::vector<int> seen(56, 0);
    for (const auto& p : pts) ++seen[static_cast<std::size_t>(p.get<int>("slow") - 5)];
    CHECK(std::count(seen.begin(), seen.end(), 1) == 56);
    sp.add_constraint("fast < slow", [](const qs::point& p) { return p[0] < p[1]; });
    const auto ok = qs::lhs_sampler{}.sample(sp, 200, 8);
    REQUIRE(ok.size() == 200);
    for (const auto& p : ok) CHECK(p[0] < p[1]);
    CHECK(qs::lhs_sampler{}.sample(sp, 200, 8) == ok);
  }

  TEST_CASE("lhs: bad arguments are rejected with the parameter named") {
    check_invalid_param([] { (void)qs::lhs_sampler{}.unit_sample(0, 3, 0); },
                        "quantkit::samplers::lhs_sampler::unit_sample", "d");
    check_invalid_param([] { (void)qs::lhs_sampler{}.sample(qs::space{}, 3, 0); },
                        "quantkit::samplers::lhs_sampler::sample", "space");
    CHECK(qs::lhs_sampler{}.unit_sample(3, 0, 0).empty());
  }
}
