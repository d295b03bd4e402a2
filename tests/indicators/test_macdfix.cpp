// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/macdfix.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;

TEST_SUITE("indicators") {
  TEST_CASE("macdfix: matches TA-Lib MACDFIX(9) and MACDFIX(5) on ttrc") {
    const auto c = qt::ttrc().closes();
    const auto out = ind::apply(ind::macdfix{}, c);
    qt::check_talib("MACDFIX", "outMACD", qt::field(out, &ind::macd_value::macd), 33);
    qt::check_talib("MACDFIX", "outMACDSignal", qt::field(out, &ind::macd_value::signal), 33);
    qt::check_talib("MACDFIX", "outMACDHist", qt::field(out, &ind::macd_value::hist), 33);
    const auto nd = ind::apply(ind::macdfix(5), c);
    qt::check_talib_call("MACDFIX(5)", "outMACD", qt::field(nd, &ind::macd_value::macd), 29);
    qt::check_talib_call("MACDFIX(5)", "outMACDSignal", qt::field(nd, &ind::macd_value::signal),
                         29);
    qt::check_talib_call("MACDFIX(5)", "outMACDHist", qt::field(nd, &ind::macd_value::hist), 29);
  }

  TEST_CASE("macdfix: EMAs with k = 0.15 and 0.075, the fast one seeded at input 26") {
    // fast: SMA seed of inputs 14..25 then k = 0.15; slow: SMA seed of 0..25 then k = 0.075;
    // signal: EMA(4) of the difference. Same operations, so the same bits.
    const auto c = qt::ttrc().closes();
    const auto out = ind::apply(ind::macdfix(4), c);
    ind::ema fast({.period = 12, .alpha = 0.15});
    ind::ema slow({.period = 26, .alpha = 0.075});
    ind::ema signal(4);
    for (std::size_t i = 0; i < 300; ++i) {
      const double s = slow.update(c[i]);
      const double f = i >= 14 ? fast.update(c[i]) : 0.0;
      if (i < 25) continue;
      const double m = f - s;
      const double g = signal.update(m);
      if (i >= 28) {
        CHECK(qt::same_bits(out[i].macd, m));
        CHECK(qt::same_bits(out[i].signal, g));
        CHECK(qt::same_bits(out[i].hist, m - g));
      }
    }
    CHECK(std::isnan(out[27].macd));
  }

  TEST_CASE("macdfix: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::macdfix(0); }, "quantkit::indicators::macdfix",
                            "signal_period");
  }
}
