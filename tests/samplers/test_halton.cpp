// SPDX-License-Identifier: MIT
#include <quantkit/samplers/discrepancy.hpp>
#include <quantkit/samplers/halton.hpp>

#include "samplers/samplers_support.hpp"
#include "support/approx.hpp"
#include "support/data.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace qs = quantkit::samplers;
namespace ts = quantkit::test::samplers;
using quantkit::test::check_invalid_param;

TEST_SUITE("samplers") {
  TEST_CASE("halton: unscrambled points equal scipy Halton scramble=False bit for bit") {
    qs::halton_sampler s;
    s.scramble = false;
    struct file {
      const char* name;
      std::size_t n, d;
    };
    for (const file& f : {file{"samplers/halton_unscrambled_200x8.csv", 200, 8},
                          file{"samplers/halton_unscrambled_64x50.csv", 64, 50}}) {
      CAPTURE(f.name);
      const auto ref = ts::read_matrix(f.name, true);
      REQUIRE(ref.rows == f.n);
      REQUIRE(ref.cols == f.d);
      const auto u = s.unit_sample(f.d, f.n, 0);
      std::size_t bad = 0;
      for (std::size_t i = 0; i < u.size(); ++i) {
        if (u[i] != ref.x[i]) ++bad;
      }
      CHECK(bad == 0);
    }
  }

  TEST_CASE("halton: hand values of the first points in bases 2 and 3") {
    qs::halton_sampler s;
    s.scramble = false;
    const auto u = s.unit_sample(2, 5, 0);
    // i = 0..4 in base 2: 0, 1/2, 1/4, 3/4, 1/8; base 3: 0, 1/3, 2/3, 1/9, 4/9
    const std::vector<double> expected{0, 0, 0.5, 1.0 / 3, 0.25, 2.0 / 3, 0.75, 1.0 / 9, 0.125, 4.0 / 9};
    for (std::size_t i = 0; i < u.size(); ++i) CHECK(u[i] == quantkit::test::approx(expected[i], 1e-15));
    CHECK(qs::detail::first_primes(10) ==
          std::vector<std::uint64_t>{2, 3, 5, 7, 11, 13, 17, 19, 23, 29});
    // scipy: count = ceil(54 / log2(base)) - 1 permuted digits; python3:
    // [math.ceil(54 / math.log2(b)) - 1 for b in (2, 3, 5, 29)] = [53, 34, 23, 11]
    CHECK(qs::detail::halton_digit_count(2) == 53);
    CHECK(qs::detail::halton_digit_count(3) == 34);
    CHECK(qs::detail::halton_digit_count(5) == 23);
    CHECK(qs::detail::halton_digit_count(29) == 11);
  }

  TEST_CASE("halton: unit_rows continues the sequence") {
    for (bool scr : {false, true}) {
      qs::halton_sampler s;
      s.scramble = scr;
      const auto all = s.unit_sample(6, 100, 3);
      CHECK(std::vector<double>(all.begin() + 40 * 6, all.end()) == s.unit_rows(6, 40, 60, 3));
    }
  }

  TEST_CASE("halton: scrambling permutes digits and keeps the base-b strata") {
    qs::halton_sampler s;
    const auto a = s.unit_sample(3, 243, 11);
    CHECK(s.unit_sample(3, 243, 11) == a);
    CHECK(s.unit_sample(3, 243, 12) != a);
    // In base 3 (dimension 1) the first 3^5 points fill each interval [k/243, (k+1)/243) once:
    // digit permutations map the full digit set onto itself.
    std::vector<int> count(243, 0);
    for (std::size_t i = 0; i < 243; ++i) {
      const double v = a[i * 3 + 1];
      CHECK(v >= 0.0);
      CHECK(v <= 1.0);
      ++count[static_cast<std::size_t>(std::floor(v * 243.0))];
    }
    for (int c : count) CHECK(c == 1);
  }

  TEST_CASE("halton: scrambled centered discrepancy matches scipy's scrambled Halton") {
    const auto ref =
        quantkit::test::load_json("samplers/randomized_cd.json")["halton_scrambled_d8_n1000"];
    const int seeds = 40;
    qs::halton_sampler s;
    double sum = 0.0;
    for (int k = 0; k < seeds; ++k) {
      sum += qs::discrepancy(s.unit_sample(8, 1000, static_cast<std::uint64_t>(k)), 8);
    }
    const double mean = sum / seeds;
    CAPTURE(mean);
    // two means of 40 draws: difference sd = std sqrt(2 / 40); 5 of those
    CHECK(std::fabs(mean - ref["mean"].num()) < 5.0 * ref["std"].num() * std::sqrt(2.0 / seeds));
  }

  TEST_CASE("halton: bad arguments are rejected with the parameter named") {
    check_invalid_param([] { (void)qs::halton_sampler{}.unit_sample(0, 3, 0); },
                        "quantkit::samplers::halton_sampler::unit_sample", "d");
    check_invalid_param([] { (void)qs::halton_sampler{}.sample(qs::space{}, 3, 0); },
                        "quantkit::samplers::halton_sampler::sample", "space");
  }
}
