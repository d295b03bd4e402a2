// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/macd.hpp>
#include <quantkit/indicators/macdext.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;
using quantkit::test::approx;
using T = ind::ma_type;

namespace {
void check_call(const std::string& call, const ind::macdext& m) {
  const auto out = ind::apply(m, qt::ttrc().closes());
  qt::check_talib_call(call, "outMACD", qt::field(out, &ind::macd_value::macd), m.warmup());
  qt::check_talib_call(call, "outMACDSignal", qt::field(out, &ind::macd_value::signal), m.warmup());
  qt::check_talib_call(call, "outMACDHist", qt::field(out, &ind::macd_value::hist), m.warmup());
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("macdext: matches TA-Lib MACDEXT at default and non-default parameters on ttrc") {
    const auto out = ind::apply(ind::macdext{}, qt::ttrc().closes());
    qt::check_talib("MACDEXT", "outMACD", qt::field(out, &ind::macd_value::macd), 33);
    qt::check_talib("MACDEXT", "outMACDSignal", qt::field(out, &ind::macd_value::signal), 33);
    qt::check_talib("MACDEXT", "outMACDHist", qt::field(out, &ind::macd_value::hist), 33);
    check_call("MACDEXT(12 1 26 1 9 1)", ind::macdext({.fast_period = 12,
                                                       .fast_type = T::ema,
                                                       .slow_period = 26,
                                                       .slow_type = T::ema,
                                                       .signal_period = 9,
                                                       .signal_type = T::ema}));
    check_call("MACDEXT(5 3 20 7 4 8)", ind::macdext({.fast_period = 5,
                                                      .fast_type = T::dema,
                                                      .slow_period = 20,
                                                      .slow_type = T::mama,
                                                      .signal_period = 4,
                                                      .signal_type = T::t3}));
    check_call("MACDEXT(8 6 21 2 5 5)", ind::macdext({.fast_period = 8,
                                                      .fast_type = T::kama,
                                                      .slow_period = 21,
                                                      .slow_type = T::wma,
                                                      .signal_period = 5,
                                                      .signal_type = T::trima}));
    // MAMA started one input late (SMA(34) has lookback 33): TA-Lib runs MAMA's even filter lane
    // on odd array positions, which gives the same values.
    check_call("MACDEXT(12 7 34 0 9 0)",
               ind::macdext({.fast_period = 12, .fast_type = T::mama, .slow_period = 34}));
    check_call("MACDEXT(12 7 15 8 3 7)", ind::macdext({.fast_period = 12,
                                                       .fast_type = T::mama,
                                                       .slow_period = 15,
                                                       .slow_type = T::t3,
                                                       .signal_period = 3,
                                                       .signal_type = T::mama}));
  }

  TEST_CASE("macdext: with EMAs everywhere it is macd, bit for bit") {
    const auto c = qt::ttrc().closes();
    const auto a = ind::apply(ind::macdext({.fast_period = 7,
                                            .fast_type = T::ema,
                                            .slow_period = 19,
                                            .slow_type = T::ema,
                                            .signal_period = 4,
                                            .signal_type = T::ema}),
                              c);
    const auto b = ind::apply(ind::macd(7, 19, 4), c);
    for (std::size_t i = 0; i < c.size(); ++i) {
      CHECK(qt::same_bits(a[i].macd, b[i].macd));
      CHECK(qt::same_bits(a[i].signal, b[i].signal));
    }
  }

  TEST_CASE("macdext: hand-computed with SMAs, swapped periods swap their types too") {
    // SMA2 - SMA3 on 1, 2, 4, 8, 16: 2/3, 4/3, 8/3; signal SMA2: 1, 2; hist 1/3, 2/3.
    const std::vector<double> x{1, 2, 4, 8, 16};
    const auto out =
        ind::apply(ind::macdext({.fast_period = 3, .slow_period = 2, .signal_period = 2}),
                   std::span<const double>(x));
    CHECK(std::isnan(out[2].macd));
    CHECK(out[3].macd == approx(4.0 / 3.0));
    CHECK(out[3].signal == approx(1.0));
    CHECK(out[3].hist == approx(1.0 / 3.0));
    CHECK(out[4].signal == approx(2.0));
    CHECK(out[4].hist == approx(2.0 / 3.0));
    // fast 3 (WMA) / slow 2 (SMA) swap into fast = SMA2, slow = WMA3.
    const auto sw = ind::apply(ind::macdext({.fast_period = 3,
                                             .fast_type = T::wma,
                                             .slow_period = 2,
                                             .slow_type = T::sma,
                                             .signal_period = 1}),
                               std::span<const double>(x));
    // WMA3 at input 3: (1*1 + 2*2 + 3*4)/6 = 17/6 -> SMA2 3 - 17/6 = 1/6.
    CHECK(sw[2].macd == approx(1.0 / 6.0));
    CHECK(sw[2].signal == approx(1.0 / 6.0));
  }

  TEST_CASE("macdext: warm-up is the larger average lookback plus the signal's") {
    CHECK(ind::macdext{}.warmup() == 33);
    CHECK(ind::macdext({.fast_period = 5,
                        .fast_type = T::t3,
                        .slow_period = 10,
                        .signal_period = 3,
                        .signal_type = T::kama})
              .warmup() == 24 + 3);
  }

  TEST_CASE("macdext: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::macdext({.fast_period = 1}); },
                            "quantkit::indicators::macdext", "fast_period");
    qt::check_invalid_param([] { ind::macdext({.signal_period = 0}); },
                            "quantkit::indicators::macdext", "signal_period");
    qt::check_invalid_param([] { ind::macdext({.slow_type = static_cast<T>(9)}); },
                            "quantkit::indicators::macdext", "slow_type");
  }
}
