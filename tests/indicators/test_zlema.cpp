// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/zlema.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("zlema: hand-computed ZLEMA(5), lag 2") {
    // x = 1, 2, 4, ..., 128; y_t = x_t + (x_t - x_{t-2}): 7, 14, 28, 56, 112, 224 from input 3.
    // EMA5 (k = 1/3) seed = (7 + 14 + 28 + 56 + 112)/5 = 217/5; next (224 - 217/5)/3 + 217/5
    // = 1554/15.
    const std::vector<double> x{1, 2, 4, 8, 16, 32, 64, 128};
    const ind::zlema z(5);
    CHECK(z.lag() == 2);
    CHECK(z.warmup() == 6);
    const auto out = ind::apply(z, std::span<const double>(x));
    CHECK(std::isnan(out[5]));
    CHECK(out[6] == approx(217.0 / 5.0));
    CHECK(out[7] == approx(1554.0 / 15.0));
  }

  TEST_CASE("zlema: a linear series is tracked without lag once the EMA has converged") {
    // For x_t = t the de-lagged input is t + L, and an EMA lags a ramp by (1 - k)/k = L exactly
    // when n = 2 L + 1 (n = 9: L = 4, k = 1/5): ZLEMA -> t.
    ind::zlema z(9);
    double v = 0.0;
    for (int t = 0; t < 400; ++t) v = z.update(static_cast<double>(t));
    CHECK(v == approx(399.0, 1e-12));
  }

  TEST_CASE("zlema: periods 1 and 2 have no lag and are the EMA") {
    const auto c = qt::ttrc().closes();
    for (std::size_t n : {std::size_t{1}, std::size_t{2}}) {
      const auto a = ind::apply(ind::zlema(n), c);
      const auto b = ind::apply(ind::ema(n), c);
      for (std::size_t i = 0; i < c.size(); ++i) CHECK(qt::same_bits(a[i], b[i]));
    }
  }

  TEST_CASE("zlema: a constant series gives the constant") {
    ind::zlema z(4);
    for (int i = 0; i < 4; ++i) CHECK(std::isnan(z.update(-3.0)));
    CHECK_FALSE(z.ready());
    CHECK(z.update(-3.0) == -3.0);
  }

  TEST_CASE("zlema: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::zlema(0); }, "quantkit::indicators::zlema", "period");
  }
}
