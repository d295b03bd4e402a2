// SPDX-License-Identifier: MIT
#include <quantkit/indicators/accbands.hpp>
#include <quantkit/indicators/apply.hpp>

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
  TEST_CASE("accbands: matches TA-Lib ACCBANDS(20) and ACCBANDS(7) on ttrc") {
    const auto& bars = qt::ttrc();
    const auto out = ind::apply(ind::accbands{}, bars);
    qt::check_talib("ACCBANDS", "outRealUpperBand", qt::field(out, &ind::accbands_value::upper),
                    19);
    qt::check_talib("ACCBANDS", "outRealMiddleBand", qt::field(out, &ind::accbands_value::middle),
                    19);
    qt::check_talib("ACCBANDS", "outRealLowerBand", qt::field(out, &ind::accbands_value::lower),
                    19);
    const auto nd = ind::apply(ind::accbands(7), bars);
    qt::check_talib_call("ACCBANDS(7)", "outRealUpperBand",
                         qt::field(nd, &ind::accbands_value::upper), 6);
    qt::check_talib_call("ACCBANDS(7)", "outRealMiddleBand",
                         qt::field(nd, &ind::accbands_value::middle), 6);
    qt::check_talib_call("ACCBANDS(7)", "outRealLowerBand",
                         qt::field(nd, &ind::accbands_value::lower), 6);
  }

  TEST_CASE("accbands: hand-computed bands with period 2") {
    // Bar 1 (h 11, l 9, c 10): w = 4 * 2 / 20 = 0.4 -> 11 * 1.4 = 15.4, 9 * 0.6 = 5.4.
    // Bar 2 (h 12, l 10, c 11): w = 8 / 22 = 4/11 -> 12 * 15/11 = 180/11, 10 * 7/11 = 70/11.
    ind::accbands a(2);
    CHECK(std::isnan(a.update({0, 10, 11, 9, 10, 1}).middle));
    const auto v = a.update({1, 11, 12, 10, 11, 1});
    CHECK(v.upper == approx((15.4 + 180.0 / 11.0) / 2.0));
    CHECK(v.middle == approx(10.5));
    CHECK(v.lower == approx((5.4 + 70.0 / 11.0) / 2.0));
  }

  TEST_CASE("accbands: high + low of zero leaves high and low unadjusted (TA-Lib)") {
    ind::accbands a(2);
    a.update({0, 0, 1, -1, 0, 1});
    const auto v = a.update({1, 0, 2, -2, 0, 1});
    CHECK(v.upper == approx(1.5));
    CHECK(v.middle == approx(0.0));
    CHECK(v.lower == approx(-1.5));
    CHECK(a.warmup() == 1);
  }

  TEST_CASE("accbands: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::accbands(1); }, "quantkit::indicators::accbands", "period");
  }
}
