// SPDX-License-Identifier: MIT
#include <quantkit/samplers/discrepancy.hpp>

#include "samplers/samplers_support.hpp"
#include "support/approx.hpp"
#include "support/data.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace qs = quantkit::samplers;
namespace ts = quantkit::test::samplers;
using quantkit::test::approx;
using quantkit::test::check_invalid_param;

namespace {
struct method_key {
  qs::discrepancy_method method;
  const char* scipy_name;
};
constexpr method_key methods[] = {{qs::discrepancy_method::centered, "CD"},
                                  {qs::discrepancy_method::wrap_around, "WD"},
                                  {qs::discrepancy_method::mixture, "MD"},
                                  {qs::discrepancy_method::l2_star, "L2-star"}};

// Summation order differs from scipy's (half the double sum, doubled): ~1e-15 relative per
// sum; the CD/MD results are differences of O(1) terms that cancel to ~1e-2..1e-4, which
// amplifies the rounding to ~1e-12 relative at most.
constexpr double tol = 1e-11;
}  // namespace

TEST_SUITE("samplers") {
  TEST_CASE("discrepancy: CD, WD, MD and L2-star equal scipy.stats.qmc.discrepancy") {
    const auto ref = quantkit::test::load_json("samplers/discrepancy.json");
    const auto pts = ts::read_matrix("samplers/points_200x5.csv", false);
    REQUIRE(pts.rows == 200);
    for (const auto& m : methods) {
      CAPTURE(m.scipy_name);
      CHECK(qs::discrepancy(pts.x, 5, m.method) ==
            approx(ref["points_200x5.csv"][m.scipy_name].num(), tol));
    }
    // scipy's value for the first 128 rows, first 6 dims of the unscrambled Sobol table
    const auto sob = ts::read_matrix("samplers/sobol_unscrambled_1024x21.csv", false);
    std::vector<double> sub;
    for (std::size_t i = 0; i < 128; ++i) {
      for (std::size_t j = 0; j < 6; ++j) sub.push_back(sob(i, j));
    }
    const auto& r2 = ref["sobol_unscrambled_1024x21.csv first 128 rows, first 6 dims"];
    for (const auto& m : methods) {
      CAPTURE(m.scipy_name);
      CHECK(qs::discrepancy(sub, 6, m.method) == approx(r2[m.scipy_name].num(), tol));
    }
  }

  TEST_CASE("discrepancy: more point sets against scipy, including a single point") {
    const auto ref = quantkit::test::load_json("samplers/discrepancy_extra.json");
    const auto h = ts::read_matrix("samplers/halton_unscrambled_200x8.csv", true);
    const auto pts = ts::read_matrix("samplers/points_200x5.csv", false);
    const std::span<const double> first50(pts.x.data(), 50 * 5);
    const std::span<const double> first1(pts.x.data(), 5);
    for (const auto& m : methods) {
      CAPTURE(m.scipy_name);
      CHECK(qs::discrepancy(h.x, 8, m.method) ==
            approx(ref["halton_unscrambled_200x8.csv"][m.scipy_name].num(), tol));
      CHECK(qs::discrepancy(first50, 5, m.method) ==
            approx(ref["points_200x5.csv first 50 rows"][m.scipy_name].num(), tol));
      CHECK(qs::discrepancy(first1, 5, m.method) ==
            approx(ref["points_200x5.csv first 1 row"][m.scipy_name].num(), tol));
    }
  }

  TEST_CASE("discrepancy: hand value for one point in one dimension") {
    // x = 0.25, d = 1, n = 1: CD = 13/12 - 2 (1 + 1/8 - 1/32) + (1 + 1/8 + 1/8)
    //                           = 13/12 - 35/16 + 5/4 = 0.14583333...
    const std::vector<double> x{0.25};
    CHECK(qs::discrepancy(x, 1) == approx(13.0 / 12.0 - 35.0 / 16.0 + 1.25));
    // WD = -4/3 + 3/2; L2* = sqrt(1/3 - (1 - 1/16) + (1 - 1/4))
    CHECK(qs::discrepancy(x, 1, qs::discrepancy_method::wrap_around) == approx(1.5 - 4.0 / 3.0));
    CHECK(qs::discrepancy(x, 1, qs::discrepancy_method::l2_star) ==
          approx(std::sqrt(1.0 / 3.0 - 15.0 / 16.0 + 0.75)));
  }

  TEST_CASE("discrepancy: identical for 1, 2 and 4 threads") {
    const auto pts = ts::read_matrix("samplers/points_200x5.csv", false);
    for (const auto& m : methods) {
      const double one = qs::discrepancy(pts.x, 5, m.method, 1);
      CHECK(qs::discrepancy(pts.x, 5, m.method, 2) == one);
      CHECK(qs::discrepancy(pts.x, 5, m.method, 4) == one);
    }
  }

  TEST_CASE("scale: maps to and from the box like scipy.stats.qmc.scale") {
    const auto ref = quantkit::test::load_json("samplers/discrepancy_extra.json")["scale"];
    std::vector<double> sample;
    std::vector<double> expected;
    for (const auto& row : ref["sample"].items()) {
      for (double v : row.numbers()) sample.push_back(v);
    }
    for (const auto& row : ref["scaled"].items()) {
      for (double v : row.numbers()) expected.push_back(v);
    }
    const auto lo = ref["l_bounds"].numbers();
    const auto hi = ref["u_bounds"].numbers();
    const auto out = qs::scale(sample, lo, hi);
    REQUIRE(out.size() == expected.size());
    for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i] == approx(expected[i], 1e-15));
    const auto back = qs::scale(out, lo, hi, true);
    for (std::size_t i = 0; i < out.size(); ++i) CHECK(back[i] == approx(sample[i], 1e-14));
  }

  TEST_CASE("discrepancy and scale: bad arguments are rejected with the parameter named") {
    const std::string fn = "quantkit::samplers::discrepancy";
    const std::vector<double> ok{0.1, 0.2, 0.3, 0.4};
    const std::vector<double> out_of_cube{0.1, 1.2, 0.3, 0.4};
    const std::vector<double> has_nan{0.1, std::numeric_limits<double>::quiet_NaN(), 0.3, 0.4};
    check_invalid_param([&] { (void)qs::discrepancy(ok, 0); }, fn, "d");
    check_invalid_param([&] { (void)qs::discrepancy(ok, 3); }, fn, "sample");
    check_invalid_param([&] { (void)qs::discrepancy(std::vector<double>{}, 2); }, fn, "sample");
    check_invalid_param([&] { (void)qs::discrepancy(out_of_cube, 2); }, fn, "sample");
    check_invalid_param([&] { (void)qs::discrepancy(has_nan, 2); }, fn, "sample");
    const std::string sc = "quantkit::samplers::scale";
    const std::vector<double> lo{0.0, 0.0};
    const std::vector<double> hi{1.0, 2.0};
    const std::vector<double> bad_hi{1.0, 0.0};
    const std::vector<double> short_hi{1.0};
    const std::vector<double> inf_hi{1.0, std::numeric_limits<double>::infinity()};
    check_invalid_param([&] { (void)qs::scale(ok, lo, short_hi); }, sc, "l_bounds");
    check_invalid_param([&] { (void)qs::scale(ok, std::vector<double>{}, std::vector<double>{}); },
                        sc, "l_bounds");
    check_invalid_param([&] { (void)qs::scale(ok, lo, bad_hi); }, sc, "u_bounds");
    check_invalid_param([&] { (void)qs::scale(ok, lo, inf_hi); }, sc, "u_bounds");
    check_invalid_param([&] { (void)qs::scale(std::vector<double>{0.5}, lo, hi); }, sc, "sample");
    check_invalid_param([&] { (void)qs::scale(out_of_cube, lo, hi); }, sc, "sample");
    const std::vector<double> outside_box{0.5, 2.5};
    check_invalid_param([&] { (void)qs::scale(outside_box, lo, hi, true); }, sc, "sample");
  }
}
