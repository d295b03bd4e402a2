// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/macd.hpp>

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

namespace {
template <class F>
void check_all(F check, const std::vector<ind::macd_value>& out, std::size_t warmup) {
  check("outMACD", qt::field(out, &ind::macd_value::macd), warmup);
  check("outMACDSignal", qt::field(out, &ind::macd_value::signal), warmup);
  check("outMACDHist", qt::field(out, &ind::macd_value::hist), warmup);
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("macd: matches TA-Lib MACD at default and non-default parameters on ttrc") {
    const auto c = qt::ttrc().closes();
    check_all([](const std::string& o, const std::vector<double>& v,
                 std::size_t w) { qt::check_talib("MACD", o, v, w); },
              ind::apply(ind::macd{}, c), ind::macd{}.warmup());
    for (const auto& cm : {std::pair{"MACD(5 35 5)", ind::macd(5, 35, 5)},
                           std::pair{"MACD(26 12 9)", ind::macd(26, 12, 9)}}) {
      const std::string call = cm.first;
      const ind::macd& m = cm.second;
      check_all([&](const std::string& o, const std::vector<double>& v,
                    std::size_t w) { qt::check_talib_call(call, o, v, w); },
                ind::apply(m, c), m.warmup());
    }
  }

  TEST_CASE("macd: TA-Lib's late fast seed, by hand with MACD(2, 3, 2)") {
    // Slow EMA(3), k = 1/2 on 1, 2, 4, 8, 16: 7/3, 31/6, 127/12 (inputs 3..5).
    // Fast EMA(2), k = 2/3, starts where the slow one does: seed (2 + 4)/2 = 3 (not (1 + 2)/2),
    // then 19/3, 115/9. MACD: 2/3, 7/6, 79/36. Signal EMA(2): seed (2/3 + 7/6)/2 = 11/12, then
    // (79/36 - 11/12) 2/3 + 11/12 = 191/108. Hist: 7/6 - 11/12 = 1/4, 79/36 - 191/108 = 23/54.
    const std::vector<double> x{1, 2, 4, 8, 16};
    const auto out = ind::apply(ind::macd(2, 3, 2), std::span<const double>(x));
    CHECK(std::isnan(out[2].macd));
    CHECK(out[3].macd == approx(7.0 / 6.0));
    CHECK(out[3].signal == approx(11.0 / 12.0));
    CHECK(out[3].hist == approx(0.25));
    CHECK(out[4].macd == approx(79.0 / 36.0));
    CHECK(out[4].signal == approx(191.0 / 108.0));
    CHECK(out[4].hist == approx(23.0 / 54.0));
  }

  TEST_CASE("macd: signal period 1 makes the signal the MACD line (deviation from TA-Lib)") {
    // TA-Lib's EMA lookback is -1 for period 1, which shifts its MACD output and reads before its
    // buffer; quantkit's EMA(1) is the identity: signal = MACD, hist = 0, warm-up slow - 1.
    const auto c = qt::ttrc().closes();
    const ind::macd m(12, 26, 1);
    CHECK(m.warmup() == 25);
    const auto out = ind::apply(m, c);
    const auto ref = ind::apply(ind::macd(12, 26, 2), c);
    for (std::size_t i = 26; i < c.size(); ++i) {
      CHECK(out[i].signal == out[i].macd);
      CHECK(out[i].hist == 0.0);
      CHECK(out[i].macd == ref[i].macd);
    }
  }

  TEST_CASE("macd: a constant series gives zero lines after the warm-up") {
    ind::macd m(3, 5, 2);
    CHECK(m.warmup() == 5);
    for (int i = 0; i < 5; ++i) CHECK(std::isnan(m.update(2.0).macd));
    CHECK_FALSE(m.ready());
    const auto v = m.update(2.0);
    CHECK(m.ready());
    CHECK(v.macd == 0.0);
    CHECK(v.signal == 0.0);
    CHECK(v.hist == 0.0);
  }

  TEST_CASE("macd: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::macd(1, 26, 9); }, "quantkit::indicators::macd",
                            "fast_period");
    qt::check_invalid_param([] { ind::macd(12, 100001, 9); }, "quantkit::indicators::macd",
                            "slow_period");
    qt::check_invalid_param([] { ind::macd(12, 26, 0); }, "quantkit::indicators::macd",
                            "signal_period");
  }
}
