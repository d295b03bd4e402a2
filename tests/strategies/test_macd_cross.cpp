// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/macd.hpp>
#include <quantkit/strategies/macd_cross.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace qs = quantkit::strategies;
namespace ind = quantkit::indicators;

namespace {

// Up 30 bars, down 25, up 25: the MACD histogram changes sign at each turn (after a lag).
std::vector<double> zigzag() {
  std::vector<double> x;
  for (int i = 0; i < 30; ++i) x.push_back(10.0 + 0.5 * i);
  for (int i = 0; i < 25; ++i) x.push_back(25.0 - 0.7 * i);
  for (int i = 0; i < 25; ++i) x.push_back(7.5 + 0.4 * i);
  return x;
}

}  // namespace

TEST_SUITE("strategies") {
  TEST_CASE("macd_cross: the sign of the histogram, per the TA-Lib-parity MACD") {
    const auto bars = quantkit::test::bars_from_closes(zigzag());
    const auto m = ind::apply(ind::macd(5, 10, 4), bars.closes());
    for (const auto side : {qs::direction::long_only, qs::direction::long_short}) {
      for (const bool zero_filter : {false, true}) {
        const auto sig = quantkit::test::signals(
            qs::macd_cross({.fast = 5, .slow = 10, .signal = 4, .zero_filter = zero_filter,
                            .side = side}),
            bars);
        for (std::size_t i = 0; i < bars.size(); ++i) {
          double expected = 0.0;
          if (!std::isnan(m[i].hist)) {
            expected = m[i].hist > 0.0 ? 1.0 : (m[i].hist < 0.0 ? -1.0 : 0.0);
            if (zero_filter && expected * m[i].macd <= 0.0) expected = 0.0;
            if (side == qs::direction::long_only && expected < 0.0) expected = 0.0;
          }
          CAPTURE(i);
          CAPTURE(zero_filter);
          CHECK(sig[i] == expected);
        }
      }
    }
  }

  TEST_CASE("macd_cross: warm-up, turns and a NaN close") {
    const auto bars = quantkit::test::bars_from_closes(zigzag());
    const auto sig = quantkit::test::signals(
        qs::macd_cross({.fast = 5, .slow = 10, .signal = 4, .side = qs::direction::long_short}),
        bars);
    // First MACD signal value at bar slow + signal - 2 = 12: nothing before it.
    for (std::size_t i = 0; i < 12; ++i) CHECK(sig[i] == 0.0);
    // On the opening ramp (slope 0.5) every SMA-seeded EMA lags the price by exactly
    // 0.5 (n - 1) / 2, so MACD = 0.5 (10 - 5) / 2 = 1.25 is constant, the signal line equals it
    // and the histogram is exactly 0: flat until the turn at bar 30.
    const auto m = ind::apply(ind::macd(5, 10, 4), bars.closes());
    CHECK(m[12].macd == doctest::Approx(1.25).epsilon(1e-12));
    for (std::size_t i = 12; i < 30; ++i) CHECK(sig[i] == 0.0);
    CHECK(sig[40] == -1.0);  // ten bars into the fall
    CHECK(sig[70] == 1.0);   // fifteen bars into the second rise
    // A NaN close keeps the position and the indicator state.
    qs::macd_cross s({.fast = 5, .slow = 10, .signal = 4, .side = qs::direction::long_short});
    quantkit::strategies::context ctx;
    for (std::size_t i = 0; i < 20; ++i) s.on_bar(bars[i], ctx);
    auto bad = bars[20];
    bad.close = std::numeric_limits<double>::quiet_NaN();
    CHECK(s.on_bar(bad, ctx) == sig[19]);
    CHECK(s.on_bar(bars[20], ctx) == sig[20]);
  }

  TEST_CASE("macd_cross: invalid periods throw naming the parameter") {
    CHECK_THROWS_WITH_AS(qs::macd_cross({.fast = 1}),
                         "quantkit::strategies::macd_cross: fast must be >= 2 (got 1)",
                         quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(qs::macd_cross({.fast = 12, .slow = 12}),
                         "quantkit::strategies::macd_cross: slow must be > fast (got 12)",
                         quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(qs::macd_cross({.signal = 0}),
                         "quantkit::strategies::macd_cross: signal must be >= 1 (got 0)",
                         quantkit::invalid_argument);
  }
}
