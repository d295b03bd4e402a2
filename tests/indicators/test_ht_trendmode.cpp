// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ht_trendmode.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;

TEST_SUITE("indicators") {
  TEST_CASE("ht_trendmode: matches TA-Lib HT_TRENDMODE on ttrc") {
    const auto out = ind::apply(ind::ht_trendmode{}, qt::ttrc().closes());
    qt::check_talib("HT_TRENDMODE", "outInteger", out, ind::ht_trendmode{}.warmup());
    for (std::size_t i = 63; i < out.size(); ++i) CHECK((out[i] == 0.0 || out[i] == 1.0));
  }

  TEST_CASE("ht_trendmode: a steady ramp is a trend, a pure cycle is not") {
    // A ramp keeps the smoothed price more than 1.5% from the trendline: trend mode (1).
    ind::ht_trendmode ramp;
    for (int t = 0; t < 400; ++t) {
      const double v = ramp.update(10.0 + 0.5 * t);
      if (t >= 100) CHECK(v == 1.0);
    }
    // A cycle of period 20 advances its phase by 18 degrees a bar, inside the cycle band
    // (0.67 .. 1.5) 360 / 20, and stays near its trendline: cycle mode (0).
    ind::ht_trendmode cyc;
    for (int t = 0; t < 400; ++t) {
      const double v = cyc.update(100.0 + std::sin(2.0 * std::numbers::pi * t / 20.0));
      if (t >= 200) CHECK(v == 0.0);
    }
  }
}
