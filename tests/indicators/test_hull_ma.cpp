// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/hull_ma.hpp>
#include <quantkit/indicators/wma.hpp>

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
  TEST_CASE("hull_ma: hand-computed HMA(4) = WMA2(2 WMA2 - WMA4)") {
    // x = 1, 2, 4, 8, 16. WMA2 = (x_{t-1} + 2 x_t)/3: 20/3, 40/3 at inputs 4, 5;
    // WMA4 = (1, 2, 3, 4 weights)/10: 49/10, 98/10. 2 WMA2 - WMA4 = 253/30, 506/30;
    // HMA = (253/30 + 2 * 506/30)/3 = 253/18.
    const std::vector<double> x{1, 2, 4, 8, 16};
    const auto out = ind::apply(ind::hull_ma(4), std::span<const double>(x));
    CHECK(std::isnan(out[3]));
    CHECK(out[4] == approx(253.0 / 18.0));
  }

  TEST_CASE("hull_ma: a linear series is tracked without lag when n / 2 and sqrt(n) are exact") {
    // WMA_k of x_t = t lags (k - 1)/3: 2 (t - 1/3) - (t - 1) = t + 1/3, whose WMA2 is t.
    ind::hull_ma h(4);
    for (int t = 0; t < 50; ++t) {
      const double v = h.update(static_cast<double>(t));
      if (t >= 4) CHECK(v == approx(static_cast<double>(t), 1e-12));
    }
  }

  TEST_CASE("hull_ma: rounding of n / 2 and sqrt(n), and the composition it stands for") {
    const ind::hull_ma h9(9);
    CHECK(h9.half_period() == 4);
    CHECK(h9.sqrt_period() == 3);
    CHECK(h9.warmup() == 8 + 2);
    CHECK(ind::hull_ma(15).sqrt_period() == 3);
    CHECK(ind::hull_ma(16).sqrt_period() == 4);
    CHECK(ind::hull_ma(2).warmup() == 1);  // WMA1(2 WMA1 - WMA2)
    const auto c = qt::ttrc().closes();
    const auto out = ind::apply(h9, c);
    ind::wma w4(4);
    ind::wma w9(9);
    ind::wma w3(3);
    for (std::size_t i = 0; i < c.size(); ++i) {
      const double a = w4.update(c[i]);
      const double b = w9.update(c[i]);
      const double v = w9.ready() ? w3.update(2.0 * a - b) : std::nan("");
      CHECK(qt::same_bits(out[i], w3.ready() ? v : std::nan("")));
    }
  }

  TEST_CASE("hull_ma: a constant series gives the constant") {
    ind::hull_ma h(5);
    for (int i = 0; i < 5; ++i) CHECK(std::isnan(h.update(2.0)));
    CHECK_FALSE(h.ready());
    CHECK(h.update(2.0) == approx(2.0));
    CHECK(h.ready());
  }

  TEST_CASE("hull_ma: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::hull_ma(1); }, "quantkit::indicators::hull_ma", "period");
  }
}
