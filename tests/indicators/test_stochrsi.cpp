// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/stochrsi.hpp>

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
  TEST_CASE("stochrsi: matches TA-Lib STOCHRSI at default and non-default parameters on ttrc") {
    const auto c = qt::ttrc().closes();
    const auto out = ind::apply(ind::stochrsi{}, c);
    qt::check_talib("STOCHRSI", "outFastK", qt::field(out, &ind::stochrsi_value::fastk), 20);
    qt::check_talib("STOCHRSI", "outFastD", qt::field(out, &ind::stochrsi_value::fastd), 20);
    for (const auto& [call, s] :
         {std::pair{"STOCHRSI(9 9 3 1)", ind::stochrsi(9, 9, 3, ind::ma_type::ema)},
          std::pair{"STOCHRSI(14 14 5 6)", ind::stochrsi(14, 14, 5, ind::ma_type::kama)}}) {
      const auto v = ind::apply(s, c);
      qt::check_talib_call(call, "outFastK", qt::field(v, &ind::stochrsi_value::fastk), s.warmup());
      qt::check_talib_call(call, "outFastD", qt::field(v, &ind::stochrsi_value::fastd), s.warmup());
    }
  }

  TEST_CASE("stochrsi: hand-computed with RSI(2) and %K over 2") {
    // x = 1, 2, 1, 3, 2: RSI(2) = 50, 100 * 1.25 / 1.5 = 250/3, 50 (Wilder averages 0.5/0.5,
    // 1.25/0.25, 0.625/0.625). %K over 2 RSIs: 100 (the newest is the high), then 0.
    const std::vector<double> x{1, 2, 1, 3, 2};
    const auto out = ind::apply(ind::stochrsi(2, 2, 1), std::span<const double>(x));
    CHECK(std::isnan(out[2].fastk));
    CHECK(out[3].fastk == approx(100.0));
    CHECK(out[3].fastd == approx(100.0));
    CHECK(out[4].fastk == approx(0.0));
    CHECK(ind::stochrsi(2, 2, 1).warmup() == 3);
  }

  TEST_CASE("stochrsi: a flat RSI gives 0") {
    ind::stochrsi s(3, 3, 2);
    for (int i = 0; i < 12; ++i) s.update(5.0);  // RSI 0 throughout (TA-Lib's zero rule)
    CHECK(s.ready());
    CHECK(s.value().fastk == 0.0);
    CHECK(s.value().fastd == 0.0);
  }

  TEST_CASE("stochrsi: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::stochrsi(1, 5, 3); }, "quantkit::indicators::stochrsi",
                            "period");
    qt::check_invalid_param([] { ind::stochrsi(14, 0, 3); }, "quantkit::indicators::stochrsi",
                            "fastk_period");
    qt::check_invalid_param([] { ind::stochrsi(14, 5, 3, static_cast<ind::ma_type>(10)); },
                            "quantkit::indicators::stochrsi", "fastd_type");
  }
}
