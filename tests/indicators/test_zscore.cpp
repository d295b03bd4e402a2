// SPDX-License-Identifier: MIT
#include <quantkit/core/random.hpp>
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/zscore.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("zscore: hand-computed with population deviations") {
    // [1..5]: mean 3, population var 2 -> z = 2 / sqrt(2) = sqrt(2); [2..6] likewise;
    // [3, 4, 5, 6, 0]: mean 3.6, var 86/5 - 12.96 = 4.24 -> z = -3.6 / sqrt(4.24).
    const std::vector<double> x{1, 2, 3, 4, 5, 6, 0};
    const auto out = ind::apply(ind::zscore(5), std::span<const double>(x));
    CHECK(std::isnan(out[3]));
    CHECK(out[4] == approx(std::sqrt(2.0)));
    CHECK(out[5] == approx(std::sqrt(2.0)));
    CHECK(out[6] == approx(-3.6 / std::sqrt(4.24)));
    // Two values 0, 2: population sd 1 (the sample one would be sqrt(2)).
    ind::zscore two(2);
    two.update(0.0);
    CHECK(two.update(2.0) == approx(1.0));
  }

  TEST_CASE("zscore: zero deviation gives 0") {
    ind::zscore z(3);
    for (int i = 0; i < 2; ++i) CHECK(std::isnan(z.update(4.1)));
    CHECK(z.update(4.1) == 0.0);
    CHECK(z.ready());
    z.update(9.7);
    z.update(1.3);
    for (int i = 0; i < 3; ++i) z.update(0.1);
    CHECK(z.value() == 0.0);  // exactly, after a varied window
  }

  TEST_CASE("zscore: precise when the mean dwarfs the deviation") {
    // 1e9 + [1..5]: a one-pass mean(x^2) - mean^2 loses every digit here.
    ind::zscore z(5);
    for (int i = 1; i <= 5; ++i) z.update(1e9 + i);
    CHECK(z.value() == approx(std::sqrt(2.0), 1e-9));
  }

  TEST_CASE("zscore: the running sums agree with a two-pass window over a long random walk") {
    auto g = quantkit::rng(7);
    ind::zscore z(20);
    std::vector<double> xs;
    double x = 100.0;
    double worst = 0.0;
    for (int i = 0; i < 20000; ++i) {
      x += quantkit::normal(g);
      xs.push_back(x);
      const double v = z.update(x);
      if (xs.size() < 20) continue;
      double m = 0.0;
      for (std::size_t k = xs.size() - 20; k < xs.size(); ++k) m += xs[k];
      m /= 20.0;
      double var = 0.0;
      for (std::size_t k = xs.size() - 20; k < xs.size(); ++k) var += (xs[k] - m) * (xs[k] - m);
      const double ref = (x - m) / std::sqrt(var / 20.0);
      worst = std::max(worst, std::fabs(v - ref));
    }
    CHECK(worst < 1e-10);
  }

  TEST_CASE("zscore: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::zscore(1); }, "quantkit::indicators::zscore", "period");
  }
}
