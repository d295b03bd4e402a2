// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ht_dcperiod.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;

TEST_SUITE("indicators") {
  TEST_CASE("ht_dcperiod: matches TA-Lib HT_DCPERIOD on ttrc") {
    qt::check_talib("HT_DCPERIOD", "outReal", ind::apply(ind::ht_dcperiod{}, qt::ttrc().closes()),
                    ind::ht_dcperiod{}.warmup());
  }

  TEST_CASE("ht_dcperiod: recovers the period of a pure cycle") {
    // Ehlers' homodyne discriminator on 10 + sin(2 pi t / P): after the transient the estimate
    // stays within 0.5% of P (measured range for P = 20: 19.98..20.03).
    for (double period : {15.0, 20.0, 30.0}) {
      ind::ht_dcperiod d;
      for (int t = 0; t < 600; ++t) {
        const double v = d.update(10.0 + std::sin(2.0 * std::numbers::pi * t / period));
        if (t >= 300) CHECK(std::fabs(v - period) < 0.005 * period);
      }
    }
  }

  TEST_CASE("ht_dcperiod: warm-up is 32 inputs, and shorter input stays NaN") {
    ind::ht_dcperiod d;
    CHECK(d.warmup() == 32);
    for (int i = 0; i < 32; ++i) CHECK(std::isnan(d.update(5.0 + (i % 3))));
    CHECK_FALSE(d.ready());
    const double v = d.update(5.0);
    CHECK(d.ready());
    // The period estimate is clamped to [6, 50] and smoothed from 0, so it stays within [0, 50].
    CHECK(v >= 0.0);
    CHECK(v <= 50.0);
  }
}
