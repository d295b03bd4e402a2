// SPDX-License-Identifier: MIT
#include <quantkit/core/time.hpp>
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/vwap.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

namespace {
// A bar with typical price tp (high tp + 1, low tp - 1, close tp) and volume v at time t.
quantkit::bar tpbar(quantkit::timestamp t, double tp, double v) {
  return {t, tp, tp + 1.0, tp - 1.0, tp, v};
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("vwap: session VWAP resets at each UTC day, hand-computed") {
    using quantkit::make_timestamp;
    ind::vwap w;
    CHECK(w.warmup() == 0);
    // Day 1: tp 10 x 100, then (H, L, C) = (13, 11, 12) -> tp 12 x 300: (1000 + 3600) / 400.
    CHECK(w.update(tpbar(make_timestamp(2024, 1, 2, 10), 10.0, 100.0)) == approx(10.0, 1e-15));
    CHECK(w.ready());
    CHECK(w.update({make_timestamp(2024, 1, 2, 11), 11.0, 13.0, 11.0, 12.0, 300.0}) ==
          approx(11.5, 1e-15));
    // Day 2 starts a new session: tp 20 x 50, then tp 23 x 150: (1000 + 3450) / 200 = 22.25.
    CHECK(w.update(tpbar(make_timestamp(2024, 1, 3, 10), 20.0, 50.0)) == approx(20.0, 1e-15));
    CHECK(w.update(tpbar(make_timestamp(2024, 1, 3, 11), 23.0, 150.0)) == approx(22.25, 1e-15));
  }

  TEST_CASE("vwap: a session offset moves the boundary") {
    using quantkit::make_timestamp;
    // Sessions start at 13:30 UTC: 13:00 on Jan 2 belongs to the session of Jan 1, 14:00 starts
    // a new one that still holds 13:00 on Jan 3; 13:30 on Jan 3 starts the next.
    ind::vwap w({.session_offset = quantkit::hours(13) + quantkit::minutes(30)});
    CHECK(w.update(tpbar(make_timestamp(2024, 1, 2, 13), 10.0, 100.0)) == approx(10.0, 1e-15));
    CHECK(w.update(tpbar(make_timestamp(2024, 1, 2, 14), 12.0, 100.0)) == approx(12.0, 1e-15));
    CHECK(w.update(tpbar(make_timestamp(2024, 1, 3, 13), 14.0, 100.0)) == approx(13.0, 1e-15));
    CHECK(w.update(tpbar(make_timestamp(2024, 1, 3, 13, 30), 20.0, 100.0)) == approx(20.0, 1e-15));
    // Weekly sessions: a 7-day grid.
    ind::vwap week({.session_length = quantkit::days(7)});
    week.update(tpbar(make_timestamp(2024, 1, 1), 10.0, 1.0));
    CHECK(week.update(tpbar(make_timestamp(2024, 1, 3), 20.0, 1.0)) == approx(15.0, 1e-15));
  }

  TEST_CASE("vwap: rolling VWAP over the last n bars, zero volume gives NaN") {
    ind::vwap w({.anchor = ind::vwap_anchor::rolling, .period = 2});
    CHECK(w.warmup() == 1);
    CHECK(std::isnan(w.update(tpbar(0, 10.0, 100.0))));
    CHECK_FALSE(w.ready());
    CHECK(w.update(tpbar(1, 12.0, 300.0)) == approx(11.5, 1e-15));  // 4600 / 400
    CHECK(w.update(tpbar(2, 20.0, 0.0)) == approx(12.0, 1e-15));    // 3600 / 300
    CHECK(std::isnan(w.update(tpbar(3, 30.0, 0.0))));               // no volume in the window
    CHECK(w.update(tpbar(4, 40.0, 10.0)) == approx(40.0, 1e-15));
    // Timestamps do not matter in rolling mode: a one-bar window is the typical price.
    ind::vwap one({.anchor = ind::vwap_anchor::rolling, .period = 1});
    CHECK(one.update(tpbar(99, 7.0, 5.0)) == approx(7.0, 1e-15));
  }

  TEST_CASE("vwap: a session without volume, constant price, NaN bars skipped") {
    ind::vwap w;
    CHECK(std::isnan(w.update(tpbar(0, 10.0, 0.0))));
    CHECK(w.update(tpbar(1, 12.0, 5.0)) == approx(12.0, 1e-15));
    CHECK(std::isnan(w.update(tpbar(2, 100.0, std::nan("")))));
    CHECK(std::isnan(w.update({3, 1.0, std::nan(""), 1.0, 1.0, 1.0})));
    CHECK(w.update(tpbar(4, 12.0, 7.0)) == approx(12.0, 1e-15));
    quantkit::bar b = tpbar(5, 12.0, 1.0);
    b.open = std::nan("");  // open is not used
    CHECK(w.update(b) == approx(12.0, 1e-15));
    w.reset();
    CHECK_FALSE(w.ready());
  }

  TEST_CASE("vwap: the rolling form agrees with a direct sum on ttrc") {
    const auto& bars = quantkit::test::ttrc();
    const std::size_t n = 20;
    const auto out =
        ind::apply(ind::vwap({.anchor = ind::vwap_anchor::rolling, .period = n}), bars);
    std::size_t bad = 0;
    for (std::size_t t = n - 1; t < bars.size(); ++t) {
      double pv = 0.0, v = 0.0;
      for (std::size_t i = t + 1 - n; i <= t; ++i) {
        const auto b = bars[i];
        pv += (b.high + b.low + b.close) / 3.0 * b.volume;
        v += b.volume;
      }
      if (!quantkit::test::close(out[t], pv / v, 1e-12, 0.0)) ++bad;
    }
    CHECK(bad == 0);
    CHECK(std::isnan(out[n - 2]));
  }

  TEST_CASE("vwap: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::vwap({.session_length = 0}),
                         "quantkit::indicators::vwap: session_length must be >= 1 ns (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(ind::vwap({.anchor = ind::vwap_anchor::rolling, .period = 0}),
                         "quantkit::indicators::vwap: period must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
  }
}
