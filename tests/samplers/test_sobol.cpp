// SPDX-License-Identifier: MIT
#include <quantkit/samplers/discrepancy.hpp>
#include <quantkit/samplers/sobol.hpp>

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

namespace {
constexpr double two30 = 1073741824.0;  // scipy's default bits = 30

qs::sobol_sampler plain() {
  qs::sobol_sampler s;
  s.scramble = qs::sobol_scramble::none;
  return s;
}

// (0, m, 2)-net check of dims 0 and 1 (Sobol's first two coordinates): for n = 2^m points and
// every split m = a + b, each box [i/2^a, (i+1)/2^a) x [j/2^b, (j+1)/2^b) holds exactly one.
bool is_02_net(const std::vector<double>& u, std::size_t d, unsigned m) {
  const std::size_t n = std::size_t{1} << m;
  for (unsigned a = 0; a <= m; ++a) {
    const unsigned b = m - a;
    std::vector<int> count(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const auto x = static_cast<std::size_t>(std::floor(u[i * d] * std::ldexp(1.0, static_cast<int>(a))));
      const auto y = static_cast<std::size_t>(std::floor(u[i * d + 1] * std::ldexp(1.0, static_cast<int>(b))));
      ++count[(x << b) | y];
    }
    for (int c : count) {
      if (c != 1) return false;
    }
  }
  return true;
}
}  // namespace

TEST_SUITE("samplers") {
  TEST_CASE("sobol: unscrambled points equal scipy Sobol scramble=False, 1024 x 21") {
    const auto ref = ts::read_matrix("samplers/sobol_unscrambled_1024x21.csv", false);
    REQUIRE(ref.rows == 1024);
    REQUIRE(ref.cols == 21);
    const auto u = plain().unit_sample(21, 1024, 0);
    REQUIRE(u.size() == ref.x.size());
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < u.size(); ++i) {
      if (u[i] != ref.x[i]) ++mismatches;
    }
    CHECK(mismatches == 0);
    // and the seed does not matter without scrambling
    CHECK(plain().unit_sample(21, 64, 12345) == plain().unit_sample(21, 64, 0));
  }

  TEST_CASE("sobol: unscrambled d = 1000 rows equal scipy's") {
    const auto t = quantkit::test::load_csv("samplers/sobol_d1000_rows.csv");
    const auto u = plain().unit_sample(1000, 64, 0);
    REQUIRE(t.rows.size() == 10);
    for (const auto& r : t.rows) {
      const auto row = static_cast<std::size_t>(std::stoul(r[0]));
      CAPTURE(row);
      std::size_t bad = 0;
      for (std::size_t j = 0; j < 1000; ++j) {
        if (u[row * 1000 + j] * two30 != std::stod(r[j + 1])) ++bad;
      }
      CHECK(bad == 0);
    }
  }

  TEST_CASE("sobol: unscrambled d = 21201 (scipy's maximum) matches row sums, XORs and ends") {
    const auto t = quantkit::test::load_csv("samplers/sobol_d21201_summary.csv");
    const std::size_t d = 21201;
    const auto u = plain().unit_sample(d, 64, 0);
    REQUIRE(t.rows.size() == 64);
    for (std::size_t r = 0; r < 64; ++r) {
      CAPTURE(r);
      std::uint64_t sum = 0;
      std::uint64_t x = 0;
      for (std::size_t j = 0; j < d; ++j) {
        const auto v = static_cast<std::uint64_t>(u[r * d + j] * two30);
        sum += v;
        x ^= v;
      }
      CHECK(sum == std::stoull(t.rows[r][1]));
      CHECK(x == std::stoull(t.rows[r][2]));
      for (std::size_t k = 0; k < 5; ++k) {
        CHECK(u[r * d + k] * two30 == std::stod(t.rows[r][3 + k]));
        CHECK(u[r * d + d - 5 + k] * two30 == std::stod(t.rows[r][8 + k]));
      }
    }
  }

  TEST_CASE("sobol: unit_rows continues the sequence, scrambled or not") {
    for (auto mode : {qs::sobol_scramble::none, qs::sobol_scramble::lms_shift,
                      qs::sobol_scramble::owen}) {
      qs::sobol_sampler s;
      s.scramble = mode;
      const auto all = s.unit_sample(5, 300, 9);
      const auto tail = s.unit_rows(5, 117, 183, 9);
      CHECK(std::vector<double>(all.begin() + 117 * 5, all.end()) == tail);
    }
  }

  TEST_CASE("sobol: every variant is a net, each stratum of each coordinate holds one point") {
    for (auto mode : {qs::sobol_scramble::none, qs::sobol_scramble::lms_shift,
                      qs::sobol_scramble::owen}) {
      qs::sobol_sampler s;
      s.scramble = mode;
      CAPTURE(static_cast<int>(mode));
      const auto u = s.unit_sample(12, 1024, 77);
      CHECK(ts::one_per_stratum(u, 12));
      CHECK(is_02_net(u, 12, 10));
      for (double v : u) {
        CHECK(v >= 0.0);
        CHECK(v < 1.0);
      }
    }
  }

  TEST_CASE("sobol: scrambling is seeded, deterministic and per dimension") {
    for (auto mode : {qs::sobol_scramble::lms_shift, qs::sobol_scramble::owen}) {
      qs::sobol_sampler s;
      s.scramble = mode;
      const auto a = s.unit_sample(4, 256, 5);
      CHECK(s.unit_sample(4, 256, 5) == a);
      CHECK(s.unit_sample(4, 256, 6) != a);
      CHECK(a != plain().unit_sample(4, 256, 5));
      // dimension j depends on (seed, j) only: the first 4 columns of a wider design agree
      const auto wide = s.unit_sample(7, 256, 5);
      for (std::size_t i = 0; i < 256; ++i) {
        for (std::size_t j = 0; j < 4; ++j) CHECK(wide[i * 7 + j] == a[i * 4 + j]);
      }
    }
  }

  TEST_CASE("sobol: a scrambled point is uniform over seeds") {
    // point 0 of an LMS + shift design is the random shift; point 5 of an Owen design is a
    // uniform draw: the mean over 4000 seeds is 1/2 within 5 standard errors sqrt(1/12/4000)
    for (auto mode : {qs::sobol_scramble::lms_shift, qs::sobol_scramble::owen}) {
      qs::sobol_sampler s;
      s.scramble = mode;
      double sum = 0.0;
      const int seeds = 4000;
      for (int k = 0; k < seeds; ++k) sum += s.unit_sample(2, 8, static_cast<std::uint64_t>(k))[5 * 2 + 1];
      CHECK(std::fabs(sum / seeds - 0.5) < 5.0 * std::sqrt(1.0 / 12.0 / seeds));
    }
  }

  TEST_CASE("sobol: scrambled centered discrepancy matches scipy's scrambled Sobol") {
    const auto ref = quantkit::test::load_json("samplers/randomized_cd.json")["sobol_scrambled_d8_n1024"];
    const double scipy_mean = ref["mean"].num();
    const double scipy_sd = ref["std"].num();
    const int seeds = 40;
    qs::sobol_sampler s;  // lms_shift (scipy's scramble=True structure)
    double sum = 0.0;
    for (int k = 0; k < seeds; ++k) {
      sum += qs::discrepancy(s.unit_sample(8, 1024, static_cast<std::uint64_t>(k)), 8);
    }
    const double mean = sum / seeds;
    CAPTURE(mean);
    CAPTURE(scipy_mean);
    // two means of 40 draws with sd ~scipy_sd: their difference has sd scipy_sd sqrt(2 / 40);
    // 5 of those
    CHECK(std::fabs(mean - scipy_mean) < 5.0 * scipy_sd * std::sqrt(2.0 / seeds));
    // Owen scrambling is at least as uniform (10 seeds: the mean's sd is scipy_sd sqrt(1/10 +
    // 1/40) against scipy's 40-seed mean; 5 of those)
    s.scramble = qs::sobol_scramble::owen;
    double owen = 0.0;
    const int owen_seeds = 10;
    for (int k = 0; k < owen_seeds; ++k) {
      owen += qs::discrepancy(s.unit_sample(8, 1024, static_cast<std::uint64_t>(k)), 8);
    }
    CHECK(owen / owen_seeds < scipy_mean + 5.0 * scipy_sd * std::sqrt(1.0 / owen_seeds + 1.0 / seeds));
  }

  TEST_CASE("sobol: bits sets the resolution and the number of points") {
    qs::sobol_sampler s = plain();
    s.bits = 10;
    const auto u = s.unit_sample(3, 1024, 0);
    const auto ref = plain().unit_sample(3, 1024, 0);
    CHECK(u == ref);  // the first 2^10 points need only 10 bits
    for (double v : s.unit_sample(3, 1024, 0)) CHECK(v * 1024.0 == std::floor(v * 1024.0));
    s.scramble = qs::sobol_scramble::lms_shift;
    for (double v : s.unit_sample(3, 1024, 4)) CHECK(v * 1024.0 == std::floor(v * 1024.0));
    s.bits = 64;
    CHECK(s.unit_sample(3, 16, 4).size() == 48);
  }

  TEST_CASE("sobol: sample maps through the space and rejects infeasible rows") {
    qs::space sp;
    sp.add_real("a", 0.0, 1.0).add_real("b", 0.0, 1.0);
    sp.add_constraint("a < b", [](const qs::point& p) { return p[0] < p[1]; });
    const auto s = plain();
    const auto pts = s.sample(sp, 100, 0);
    REQUIRE(pts.size() == 100);
    const auto u = s.unit_sample(2, 400, 0);
    std::size_t k = 0;
    for (std::size_t i = 0; i < 400 && k < 100; ++i) {
      if (u[2 * i] < u[2 * i + 1]) {
        CHECK(pts[k][0] == u[2 * i]);
        CHECK(pts[k][1] == u[2 * i + 1]);
        ++k;
      }
    }
    CHECK(k == 100);
  }

  TEST_CASE("sobol: bad arguments are rejected with the parameter named") {
    const std::string fn = "quantkit::samplers::sobol_sampler::unit_sample";
    qs::sobol_sampler s;
    check_invalid_param([&] { (void)s.unit_sample(0, 4, 0); }, fn, "d");
    check_invalid_param([&] { (void)s.unit_sample(21202, 4, 0); }, fn, "d");
    check_invalid_param([&] { (void)s.unit_rows(2, std::size_t{1} << 30, 1, 0); }, fn, "n");
    s.bits = 4;
    check_invalid_param([&] { (void)s.unit_sample(2, 17, 0); }, fn, "n");
    CHECK(s.unit_sample(2, 16, 0).size() == 32);
    s.bits = 0;
    check_invalid_param([&] { (void)s.unit_sample(2, 4, 0); }, fn, "bits");
    s.bits = 65;
    check_invalid_param([&] { (void)s.unit_sample(2, 4, 0); }, fn, "bits");
    check_invalid_param([&] { (void)qs::sobol_sampler{}.sample(qs::space{}, 4, 0); },
                        "quantkit::samplers::sobol_sampler::sample", "space");
  }
}
