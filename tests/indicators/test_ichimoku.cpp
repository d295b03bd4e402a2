// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ichimoku.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace ind = quantkit::indicators;

namespace {
// Steady uptrend: H_t = 10 + t, L_t = 8 + t, C_t = 9 + t.
quantkit::bar up(int t) { return {t, 9.0 + t, 10.0 + t, 8.0 + t, 9.0 + t, 1.0}; }
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("ichimoku: hand-computed lines with windows 2, 3, 4 and displacement 2") {
    // At t: tenkan = (H_t + L_{t-1}) / 2 = 8.5 + t, kijun = (H_t + L_{t-2}) / 2 = 8 + t,
    // senkou_b = (H_t + L_{t-3}) / 2 = 7.5 + t, senkou_a = (tenkan + kijun) / 2 = 8.25 + t.
    // Warm-up 4 - 1 + 2 = 5. At t = 5 the cloud plotted there was computed at t = 3.
    ind::ichimoku ich(2, 3, 4, 2);
    CHECK(ich.warmup() == 5);
    for (int t = 0; t < 5; ++t) CHECK(std::isnan(ich.update(up(t)).tenkan));
    CHECK_FALSE(ich.ready());
    const auto v = ich.update(up(5));
    CHECK(ich.ready());
    CHECK(v.tenkan == 13.5);
    CHECK(v.kijun == 13.0);
    CHECK(v.senkou_a == 13.25);
    CHECK(v.senkou_b == 12.5);
    CHECK(v.chikou == 14.0);
    CHECK(v.cloud_a == 11.25);
    CHECK(v.cloud_b == 10.5);
  }

  TEST_CASE("ichimoku: the cloud at t is the span output displacement bars earlier") {
    const auto& bars = quantkit::test::ttrc();
    const auto out = ind::apply(ind::ichimoku{}, bars);
    CHECK(ind::ichimoku{}.warmup() == 77);
    std::size_t bad = 0;
    for (std::size_t t = 77 + 26; t < bars.size(); ++t) {
      if (out[t].cloud_a != out[t - 26].senkou_a || out[t].cloud_b != out[t - 26].senkou_b) ++bad;
    }
    CHECK(bad == 0);
    // Displacement 0: the cloud is the span of the same bar.
    const auto z = ind::apply(ind::ichimoku(9, 26, 52, 0), bars);
    CHECK(z[51].cloud_a == z[51].senkou_a);
    CHECK(z[51].cloud_b == z[51].senkou_b);
    CHECK(std::isnan(z[50].kijun));
  }

  TEST_CASE("ichimoku: constant bars give flat lines, NaN bars are skipped") {
    ind::ichimoku ich(2, 3, 4, 1);
    for (int t = 0; t < 6; ++t) ich.update({t, 5.0, 6.0, 4.0, 5.0, 1.0});
    CHECK(std::isnan(ich.update({6, 5.0, std::nan(""), 4.0, 5.0, 1.0}).kijun));
    const auto v = ich.value();
    CHECK(v.tenkan == 5.0);
    CHECK(v.senkou_b == 5.0);
    CHECK(v.cloud_a == 5.0);
  }

  TEST_CASE("ichimoku: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(ind::ichimoku(0, 26, 52, 26),
                         "quantkit::indicators::ichimoku: tenkan must be in 1..100000 (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(ind::ichimoku(9, 26, 52, 100001),
                         "quantkit::indicators::ichimoku: displacement must be in 0..100000 (got "
                         "100001)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::ichimoku(9, 0, 52, 26), quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::ichimoku(9, 26, 0, 26), quantkit::invalid_argument);
  }
}
