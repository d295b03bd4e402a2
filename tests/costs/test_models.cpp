// SPDX-License-Identifier: MIT
#include <quantkit/costs/models.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

namespace qc = quantkit::costs;
using quantkit::test::approx;

namespace {
// 1,000 units at 50.00: notional 50,000; bar volume 400,000; per-bar volatility 2%.
const qc::fill buy{.side = 1,
                   .quantity = 1000,
                   .price = 50.0,
                   .bar_open = 49.5,
                   .bar_high = 51.0,
                   .bar_low = 49.0,
                   .bar_close = 50.5,
                   .bar_volume = 400'000,
                   .volatility = 0.02};
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST_SUITE("costs") {
  TEST_CASE("fixed_per_order: one fee per fill, nothing for an empty fill") {
    CHECK(qc::fixed_per_order(1.5).breakdown(buy) == qc::cost_breakdown{.commission = 1.5});
    CHECK(qc::fixed_per_order(1.5).breakdown(qc::fill{}).total() == 0.0);
    CHECK_THROWS_AS(qc::fixed_per_order(-1.0), quantkit::invalid_argument);
  }

  TEST_CASE("per_share: rate times units with a minimum") {
    // 1000 x 0.005 = 5.00 > minimum 1.00; 100 x 0.005 = 0.50 -> minimum 1.00
    CHECK(qc::per_share(0.005, 1.0).breakdown(buy).commission == approx(5.0));
    qc::fill small = buy;
    small.quantity = 100;
    CHECK(qc::per_share(0.005, 1.0).breakdown(small).commission == 1.0);
    CHECK_THROWS_WITH_AS(qc::per_share(0.005, -1.0),
                         "quantkit::costs::per_share: minimum must be finite and >= 0 (got -1)",
                         quantkit::invalid_argument);
  }

  TEST_CASE("percentage: basis points of notional with a minimum") {
    // 1 bp of 50,000 = 5.00; 10 bp = 50.00
    CHECK(qc::percentage(1.0).breakdown(buy).commission == approx(5.0));
    CHECK(qc::percentage(10.0, 60.0).breakdown(buy).commission == 60.0);
    CHECK_THROWS_AS(static_cast<void>(qc::percentage(qnan)), quantkit::invalid_argument);
  }

  TEST_CASE("half_spread: fixed, proportional, or the bar's quoted spread") {
    // fixed 0.02: 1000 x 0.01 = 10; 4 bp of 50 = 0.02 -> also 10; quoted 0.05 -> 25
    CHECK(qc::half_spread(0.02).breakdown(buy).spread == approx(10.0));
    CHECK(qc::half_spread(0.0, 4.0).breakdown(buy).spread == approx(10.0));
    qc::fill quoted = buy;
    quoted.spread = 0.05;
    CHECK(qc::half_spread(0.02, 0.0, true).breakdown(quoted).spread == approx(25.0));
    CHECK(qc::half_spread(0.02, 0.0, true).breakdown(buy).spread == approx(10.0));  // no quote
    CHECK_THROWS_AS(qc::half_spread(-0.01), quantkit::invalid_argument);
  }

  TEST_CASE("slippage: fixed bps plus a multiple of the volatility estimate") {
    // 2 bp + 0.5 x 2% = 0.0002 + 0.01 = 1.02% of 50,000 = 510
    CHECK(qc::slippage(2.0, 0.5).breakdown(buy).slippage == approx(510.0));
    qc::fill unknown_vol = buy;
    unknown_vol.volatility = qnan;
    CHECK(qc::slippage(2.0, 0.5).breakdown(unknown_vol).slippage == approx(10.0));
    CHECK_THROWS_AS(qc::slippage(1.0, -0.5), quantkit::invalid_argument);
  }

  TEST_CASE("sqrt_impact: coefficient x sigma x sqrt(participation) x notional") {
    // participation 1000 / 400000 = 0.0025, sqrt = 0.05; 0.8 x 0.02 x 0.05 = 0.0008 -> 40.00
    CHECK(qc::sqrt_impact(0.8).breakdown(buy).impact == approx(40.0));
    qc::fill no_volume = buy;
    no_volume.bar_volume = 0.0;
    CHECK(qc::sqrt_impact(0.8).breakdown(no_volume).total() == 0.0);
    CHECK_THROWS_AS(qc::sqrt_impact(-1.0), quantkit::invalid_argument);
  }

  TEST_CASE("almgren_chriss: temporary eta sigma x^beta plus half the permanent gamma sigma x") {
    // x = 0.0025; temporary 0.1 x 0.02 x 0.0025^0.5 = 0.0001; permanent 0.5 x 0.2 x 0.02 x 0.0025
    // = 5e-6; total 1.05e-4 x 50,000 = 5.25
    CHECK(qc::almgren_chriss(0.1, 0.2, 0.5).breakdown(buy).impact == approx(5.25));
    // the paper's defaults: eta 0.142, gamma 0.314, beta 0.6
    const double x = 0.0025;
    const double expected = 50'000 * (0.142 * 0.02 * std::pow(x, 0.6) + 0.5 * 0.314 * 0.02 * x);
    CHECK(qc::almgren_chriss{}.breakdown(buy).impact == approx(expected));
    CHECK_THROWS_AS(qc::almgren_chriss(0.1, 0.2, 0.0), quantkit::invalid_argument);
    CHECK_THROWS_AS(qc::almgren_chriss(-0.1, 0.2), quantkit::invalid_argument);
  }
}
