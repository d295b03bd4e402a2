// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/sar.hpp>
#include <quantkit/indicators/sarext.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <span>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("sarext: matches TA-Lib SAREXT on ttrc at default and other parameters") {
    const auto bars = quantkit::test::ttrc().view();
    quantkit::test::check_talib("SAREXT", "outReal", ind::apply(ind::sarext{}, bars), 1);
    quantkit::test::check_talib_params(
        "SAREXT",
        "start_value=0 offset_on_reverse=0.01 init_long=0.01 long=0.02 max_long=0.3 "
        "init_short=0.03 short=0.01 max_short=0.1",
        ind::apply(ind::sarext({.offset_on_reverse = 0.01,
                                .acceleration_init_long = 0.01,
                                .acceleration_long = 0.02,
                                .acceleration_max_long = 0.3,
                                .acceleration_init_short = 0.03,
                                .acceleration_short = 0.01,
                                .acceleration_max_short = 0.1}),
                   bars),
        1);
    quantkit::test::check_talib_params(
        "SAREXT",
        "start_value=-40 offset_on_reverse=0.02 init_long=0.5 long=0.6 max_long=0.2 "
        "init_short=0.02 short=0.3 max_short=0.25",
        ind::apply(ind::sarext({.start_value = -40.0,
                                .offset_on_reverse = 0.02,
                                .acceleration_init_long = 0.5,
                                .acceleration_long = 0.6,
                                .acceleration_max_long = 0.2,
                                .acceleration_init_short = 0.02,
                                .acceleration_short = 0.3,
                                .acceleration_max_short = 0.25}),
                   bars),
        1);
  }

  TEST_CASE("sarext: default parameters are SAR with short positions negated") {
    const auto bars = quantkit::test::ttrc().view();
    const auto ext = ind::apply(ind::sarext{}, bars);
    const auto plain = ind::apply(ind::sar{}, bars);
    std::size_t shorts = 0;
    for (std::size_t i = 1; i < ext.size(); ++i) {
      CHECK(std::fabs(ext[i]) == plain[i]);
      if (ext[i] < 0.0) ++shorts;
    }
    CHECK(shorts > 100);
  }

  TEST_CASE("sarext: a start value and the offset on reverse by hand") {
    // Long at 9.5: b1 low 9 <= 9.5 reverses short at ep 11, plus 10 %: emit -12.1; ep 9,
    // SAR 12.1 + 0.02 (9 - 12.1) = 12.038. b2 emits -12.038; new low 7: af 0.04, ep 7,
    // SAR 12.038 + 0.04 (7 - 12.038) = 11.83648. b3 high 12 reverses long at ep 7, minus 10 %:
    // emit 6.3.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::sarext({.start_value = 9.5, .offset_on_reverse = 0.1}),
                                std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == approx(-12.1));
    CHECK(out[2] == approx(-12.038));
    CHECK(out[3] == approx(6.3));
    // Short at |-10.8|: b1 high 11 >= 10.8 reverses long at ep = low 9.
    const auto neg =
        ind::apply(ind::sarext({.start_value = -10.8}), std::span<const quantkit::bar>(bars));
    CHECK(neg[1] == 9.0);
  }

  TEST_CASE("sarext: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(
        ind::sarext({.acceleration_max_short = -1.0}),
        "quantkit::indicators::sarext: acceleration_max_short must be finite and >= 0 (got -1)",
        quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::sarext({.start_value = std::nan("")}), quantkit::invalid_argument);
  }
}
