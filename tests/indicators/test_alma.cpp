// SPDX-License-Identifier: MIT
#include <quantkit/indicators/alma.hpp>
#include <quantkit/indicators/apply.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("alma: hand-computed with window 3, offset 0.5, sigma 1.5") {
    // m = 0.5 * 2 = 1, s = 3 / 1.5 = 2: w = exp(-1/8), 1, exp(-1/8) (oldest to newest).
    // On 1, 2, 6: (e + 2 + 6 e) / (1 + 2 e) with e = exp(-1/8).
    const double e = std::exp(-1.0 / 8.0);
    const std::vector<double> x{1, 2, 6, 10};
    const auto out = ind::apply(ind::alma(3, 0.5, 1.5), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx((e + 2.0 + 6.0 * e) / (1.0 + 2.0 * e)));
    CHECK(out[3] == approx((2.0 * e + 6.0 + 10.0 * e) / (1.0 + 2.0 * e)));
  }

  TEST_CASE("alma: default weights peak at 0.85 of the window, floor rounds the peak") {
    // N = 9: m = 0.85 * 8 = 6.8, s = 9 / 6 = 1.5, w_i = exp(-(i - 6.8)^2 / 4.5).
    const ind::alma a;
    CHECK(a.warmup() == 8);
    for (std::size_t i = 0; i < 9; ++i) {
      const double d = static_cast<double>(i) - 6.8;
      CHECK(a.weight(i) == approx(std::exp(-d * d / 4.5)));
    }
    const ind::alma f({.period = 9, .floor = true});  // m = 6: w_6 = 1
    CHECK(f.weight(6) == 1.0);
    CHECK(f.weight(5) == approx(std::exp(-1.0 / 4.5)));
  }

  TEST_CASE("alma: a constant series gives the constant, window 1 is the identity") {
    ind::alma a(5);
    for (int i = 0; i < 4; ++i) CHECK(std::isnan(a.update(7.0)));
    CHECK_FALSE(a.ready());
    CHECK(a.update(7.0) == approx(7.0, 1e-15));
    ind::alma one(1);
    CHECK(one.update(3.25) == 3.25);
  }

  TEST_CASE("alma: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::alma(0); }, "quantkit::indicators::alma", "period");
    qt::check_invalid_param([] { ind::alma(9, 1.2); }, "quantkit::indicators::alma", "offset");
    qt::check_invalid_param([] { ind::alma(9, 0.85, 0.0); }, "quantkit::indicators::alma", "sigma");
  }
}
