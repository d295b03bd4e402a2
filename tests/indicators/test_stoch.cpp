// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/stoch.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;
using quantkit::test::approx;
using T = ind::ma_type;

TEST_SUITE("indicators") {
  TEST_CASE("stoch: matches TA-Lib STOCH at default and non-default parameters on ttrc") {
    const auto& bars = qt::ttrc();
    const auto out = ind::apply(ind::stoch{}, bars);
    qt::check_talib("STOCH", "outSlowK", qt::field(out, &ind::stoch_value::slowk), 8);
    qt::check_talib("STOCH", "outSlowD", qt::field(out, &ind::stoch_value::slowd), 8);
    for (const auto& [call, s] : {std::pair{"STOCH(14 3 1 3 1)", ind::stoch({.fastk_period = 14,
                                                                 .slowk_period = 3,
                                                                 .slowk_type = T::ema,
                                                                 .slowd_period = 3,
                                                                 .slowd_type = T::ema})},
                                  std::pair{"STOCH(9 5 7 4 2)", ind::stoch({.fastk_period = 9,
                                                                .slowk_period = 5,
                                                                .slowk_type = T::mama,
                                                                .slowd_period = 4,
                                                                .slowd_type = T::wma})}}) {
      const auto v = ind::apply(s, bars);
      qt::check_talib_call(call, "outSlowK", qt::field(v, &ind::stoch_value::slowk), s.warmup());
      qt::check_talib_call(call, "outSlowD", qt::field(v, &ind::stoch_value::slowd), s.warmup());
    }
  }

  TEST_CASE("stoch: hand-computed slow %K and %D with periods 3, 2, 2") {
    // Raw %K of (10, 8, 9), (11, 9, 10), (12, 10, 11), (12, 8, 9), (13, 11, 13): 75, 25 and
    // (13 - 8) / (5 / 100) = 100. Slow %K = SMA2: 50, 62.5; slow %D = SMA2(slow %K): 56.25.
    ind::stoch s(3, 2, 2);
    CHECK(s.warmup() == 4);
    s.update({0, 9, 10, 8, 9, 1});
    s.update({1, 9, 11, 9, 10, 1});
    s.update({2, 9, 12, 10, 11, 1});
    CHECK(std::isnan(s.update({3, 9, 12, 8, 9, 1}).slowd));
    CHECK_FALSE(s.ready());
    const auto v = s.update({4, 9, 13, 11, 13, 1});
    CHECK(s.ready());
    CHECK(v.slowk == approx(62.5));
    CHECK(v.slowd == approx(56.25));
  }

  TEST_CASE("stoch: a close at the high of a rising window gives 100") {
    ind::stoch s(5, 1, 1);
    double last = 0.0;
    for (int i = 0; i < 10; ++i) {
      const double p = 10.0 + i;
      last = s.update({i, p, p + 1.0, p - 1.0, p + 1.0, 1}).slowk;
    }
    CHECK(last == approx(100.0));
  }

  TEST_CASE("stoch: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::stoch(0, 3, 3); }, "quantkit::indicators::stoch",
                            "fastk_period");
    qt::check_invalid_param([] { ind::stoch(5, 0, 3); }, "quantkit::indicators::stoch",
                            "slowk_period");
    qt::check_invalid_param([] { ind::stoch(5, 3, 0); }, "quantkit::indicators::stoch",
                            "slowd_period");
    qt::check_invalid_param([] { ind::stoch({.slowd_type = static_cast<T>(9)}); },
                            "quantkit::indicators::stoch", "slowd_type");
  }
}
