// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/pivot_points.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

namespace {
// Previous day H 110, L 100, C 105: P = 105, range 10.
const quantkit::bar day1{0, 101.0, 110.0, 100.0, 105.0, 1.0};
const quantkit::bar day2{1, 106.0, 108.0, 104.0, 107.0, 1.0};
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("pivot_points: classic levels from the previous bar") {
    ind::pivot_points pp;
    CHECK(pp.warmup() == 1);
    CHECK(std::isnan(pp.update(day1).pivot));
    CHECK_FALSE(pp.ready());
    const auto v = pp.update(day2);  // levels for day 2 from day 1
    CHECK(pp.ready());
    CHECK(v.pivot == approx(105.0, 1e-15));
    CHECK(v.r1 == approx(110.0, 1e-15));  // 2P - L
    CHECK(v.s1 == approx(100.0, 1e-15));  // 2P - H
    CHECK(v.r2 == approx(115.0, 1e-15));  // P + (H - L)
    CHECK(v.s2 == approx(95.0, 1e-15));
    CHECK(v.r3 == approx(120.0, 1e-15));  // H + 2 (P - L)
    CHECK(v.s3 == approx(90.0, 1e-15));   // L - 2 (H - P)
    CHECK(std::isnan(v.r4));
    CHECK(std::isnan(v.s4));
  }

  TEST_CASE("pivot_points: Fibonacci levels") {
    ind::pivot_points pp(ind::pivot_method::fibonacci);
    pp.update(day1);
    const auto v = pp.update(day2);
    CHECK(v.pivot == approx(105.0, 1e-15));
    CHECK(v.r1 == approx(108.82, 1e-14));  // 105 + 0.382 * 10
    CHECK(v.r2 == approx(111.18, 1e-14));
    CHECK(v.r3 == approx(115.0, 1e-14));
    CHECK(v.s1 == approx(101.18, 1e-14));
    CHECK(v.s2 == approx(98.82, 1e-14));
    CHECK(v.s3 == approx(95.0, 1e-14));
    CHECK(std::isnan(v.r4));
  }

  TEST_CASE("pivot_points: Camarilla levels around the close") {
    ind::pivot_points pp({.method = ind::pivot_method::camarilla});
    pp.update(day1);
    const auto v = pp.update(day2);
    CHECK(v.pivot == approx(105.0, 1e-15));
    CHECK(v.r1 == approx(105.0 + 11.0 / 12.0, 1e-14));  // C + 1.1 (H - L) / 12
    CHECK(v.r2 == approx(105.0 + 11.0 / 6.0, 1e-14));
    CHECK(v.r3 == approx(107.75, 1e-14));
    CHECK(v.r4 == approx(110.5, 1e-14));
    CHECK(v.s1 == approx(105.0 - 11.0 / 12.0, 1e-14));
    CHECK(v.s2 == approx(105.0 - 11.0 / 6.0, 1e-14));
    CHECK(v.s3 == approx(102.25, 1e-14));
    CHECK(v.s4 == approx(99.5, 1e-14));
  }

  TEST_CASE("pivot_points: NaN bars are skipped, the levels use the last good bar") {
    ind::pivot_points pp;
    pp.update(day1);
    CHECK(std::isnan(pp.update({2, 1.0, 2.0, 1.0, std::nan(""), 1.0}).pivot));
    quantkit::bar b = day2;
    b.open = std::nan("");  // open is not used
    CHECK(pp.update(b).pivot == approx(105.0, 1e-15));
    CHECK(pp.update(day1).pivot == approx((108.0 + 104.0 + 107.0) / 3.0, 1e-15));
    // A flat previous bar puts every classic level on the pivot.
    ind::pivot_points flat;
    flat.update({0, 5.0, 5.0, 5.0, 5.0, 1.0});
    const auto v = flat.update(day2);
    CHECK(v.r3 == 5.0);
    CHECK(v.s3 == 5.0);
    flat.reset();
    CHECK_FALSE(flat.ready());
  }
}
