// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/stochf.hpp>

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

TEST_SUITE("indicators") {
  TEST_CASE("stochf: matches TA-Lib STOCHF at default and non-default parameters on ttrc") {
    const auto& bars = qt::ttrc();
    const auto out = ind::apply(ind::stochf{}, bars);
    qt::check_talib("STOCHF", "outFastK", qt::field(out, &ind::stochf_value::fastk), 6);
    qt::check_talib("STOCHF", "outFastD", qt::field(out, &ind::stochf_value::fastd), 6);
    for (const auto& [call, s] :
         {std::pair{"STOCHF(14 3 1)", ind::stochf(14, 3, ind::ma_type::ema)},
          std::pair{"STOCHF(8 5 4)", ind::stochf(8, 5, ind::ma_type::tema)}}) {
      const auto v = ind::apply(s, bars);
      qt::check_talib_call(call, "outFastK", qt::field(v, &ind::stochf_value::fastk), s.warmup());
      qt::check_talib_call(call, "outFastD", qt::field(v, &ind::stochf_value::fastd), s.warmup());
    }
  }

  TEST_CASE("stochf: hand-computed %K and %D with periods 3 and 2") {
    // Bars (h, l, c): (10, 8, 9), (11, 9, 10), (12, 10, 11), (12, 8, 9).
    // %K: HH 12, LL 8: (11 - 8) / (4 / 100) = 75, then (9 - 8) / 0.04 = 25; %D = (75 + 25)/2.
    ind::stochf s(3, 2);
    CHECK(s.warmup() == 3);
    CHECK(std::isnan(s.update({0, 9, 10, 8, 9, 1}).fastk));
    CHECK(std::isnan(s.update({1, 9, 11, 9, 10, 1}).fastk));
    CHECK(std::isnan(s.update({2, 9, 12, 10, 11, 1}).fastk));
    CHECK_FALSE(s.ready());
    const auto v = s.update({3, 9, 12, 8, 9, 1});
    CHECK(s.ready());
    CHECK(v.fastk == approx(25.0));
    CHECK(v.fastd == approx(50.0));
  }

  TEST_CASE("stochf: a flat window gives %K = 0 (TA-Lib 0.6.4's exact-zero rule)") {
    ind::stochf s(2, 1);
    s.update({0, 5, 5, 5, 5, 1});
    const auto v = s.update({1, 5, 5, 5, 5, 1});
    CHECK(v.fastk == 0.0);
    CHECK(v.fastd == 0.0);
  }

  TEST_CASE("stochf: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::stochf(0, 3); }, "quantkit::indicators::stochf",
                            "fastk_period");
    qt::check_invalid_param([] { ind::stochf(5, 0); }, "quantkit::indicators::stochf",
                            "fastd_period");
    qt::check_invalid_param([] { ind::stochf(5, 3, static_cast<ind::ma_type>(9)); },
                            "quantkit::indicators::stochf", "fastd_type");
  }
}
