// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/heikin_ashi.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("heikin_ashi: hand-computed candles from the (O + C) / 2 seed") {
    ind::heikin_ashi ha;
    CHECK(ha.warmup() == 0);
    CHECK_FALSE(ha.ready());
    // Bar 0 (10, 12, 9, 11): close 42 / 4 = 10.5, open (10 + 11) / 2 = 10.5, high 12, low 9.
    auto v = ha.update({0, 10.0, 12.0, 9.0, 11.0, 1.0});
    CHECK(ha.ready());
    CHECK(v.ha_open == 10.5);
    CHECK(v.ha_close == 10.5);
    CHECK(v.ha_high == 12.0);
    CHECK(v.ha_low == 9.0);
    // Bar 1 (11, 14, 10.5, 13.5): close 49 / 4 = 12.25, open (10.5 + 10.5) / 2 = 10.5.
    v = ha.update({1, 11.0, 14.0, 10.5, 13.5, 1.0});
    CHECK(v.ha_open == 10.5);
    CHECK(v.ha_close == 12.25);
    CHECK(v.ha_high == 14.0);
    CHECK(v.ha_low == 10.5);
    // Bar 2 (13.5, 13.6, 12, 12.2): close 51.3 / 4 = 12.825, open (10.5 + 12.25) / 2 = 11.375,
    // which is below the bar's low: ha_low = 11.375.
    v = ha.update({2, 13.5, 13.6, 12.0, 12.2, 1.0});
    CHECK(v.ha_open == 11.375);
    CHECK(v.ha_close == approx(12.825, 1e-15));
    CHECK(v.ha_high == 13.6);
    CHECK(v.ha_low == 11.375);
  }

  TEST_CASE("heikin_ashi: constant bars give the same candle, NaN bars are skipped") {
    ind::heikin_ashi ha;
    for (int i = 0; i < 3; ++i) ha.update({i, 5.0, 5.0, 5.0, 5.0, 0.0});
    CHECK(ha.value().ha_open == 5.0);
    CHECK(ha.value().ha_high == 5.0);
    const auto bad = ha.update({3, 5.0, std::nan(""), 5.0, 5.0, 0.0});
    CHECK(std::isnan(bad.ha_open));
    CHECK(std::isnan(bad.ha_low));
    // The next candle continues from the last good one: open (5 + 5) / 2.
    const auto v = ha.update({4, 7.0, 9.0, 7.0, 9.0, std::nan("")});  // volume is not used
    CHECK(v.ha_open == 5.0);
    CHECK(v.ha_close == 8.0);
    ha.reset();
    CHECK_FALSE(ha.ready());
    CHECK(ha.update({5, 2.0, 4.0, 1.0, 3.0, 0.0}).ha_open == 2.5);  // the seed again
  }
}
