// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ht_dcphase.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;

TEST_SUITE("indicators") {
  TEST_CASE("ht_dcphase: matches TA-Lib HT_DCPHASE on ttrc") {
    const auto out = ind::apply(ind::ht_dcphase{}, qt::ttrc().closes());
    qt::check_talib("HT_DCPHASE", "outReal", out, ind::ht_dcphase{}.warmup());
    for (std::size_t i = 63; i < out.size(); ++i) {
      CHECK(out[i] > -45.0);
      CHECK(out[i] <= 315.0);
    }
  }

  TEST_CASE("ht_dcphase: the phase of a pure cycle advances 360 / P degrees per bar") {
    // 10 + sin(2 pi t / 20): 18 degrees a bar (mod 360), within 1.5 degrees after the transient.
    ind::ht_dcphase h;
    double prev = 0.0;
    for (int t = 0; t < 500; ++t) {
      const double v = h.update(10.0 + std::sin(2.0 * std::numbers::pi * t / 20.0));
      if (t > 300) {
        const double step = std::fmod(v - prev + 720.0, 360.0);
        CHECK(std::fabs(step - 18.0) < 1.5);
      }
      prev = v;
    }
  }

  TEST_CASE("ht_dcphase: warm-up is 63 inputs") {
    ind::ht_dcphase h;
    CHECK(h.warmup() == 63);
    for (int i = 0; i < 63; ++i) CHECK(std::isnan(h.update(1.0 + 0.1 * (i % 5))));
    CHECK_FALSE(h.ready());
    CHECK(std::isfinite(h.update(1.0)));
    CHECK(h.ready());
  }
}
