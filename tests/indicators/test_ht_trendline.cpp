// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ht_trendline.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;

TEST_SUITE("indicators") {
  TEST_CASE("ht_trendline: matches TA-Lib HT_TRENDLINE on ttrc") {
    qt::check_talib("HT_TRENDLINE", "outReal", ind::apply(ind::ht_trendline{}, qt::ttrc().closes()),
                    ind::ht_trendline{}.warmup());
  }

  TEST_CASE("ht_trendline: a constant series gives the constant") {
    // Means of equal values (2.5 sums exactly), then (4 + 3 + 2 + 1) / 10 of them.
    ind::ht_trendline h;
    CHECK(h.warmup() == 63);
    for (int i = 0; i < 63; ++i) CHECK(std::isnan(h.update(2.5)));
    CHECK_FALSE(h.ready());
    for (int i = 0; i < 20; ++i) CHECK(h.update(2.5) == 2.5);
    CHECK(h.ready());
  }
}
