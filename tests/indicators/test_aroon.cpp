// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/aroon.hpp>

#include "support/approx.hpp"
#include "support/hand_bars.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

namespace {
std::vector<double> field(const std::vector<ind::aroon_value>& v, bool up) {
  std::vector<double> out;
  for (const auto& x : v) out.push_back(up ? x.up : x.down);
  return out;
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("aroon: matches TA-Lib AROON on ttrc at default and other periods") {
    const auto bars = quantkit::test::ttrc().view();
    const auto out = ind::apply(ind::aroon{}, bars);
    quantkit::test::check_talib("AROON", "outAroonDown", field(out, false), 14);
    quantkit::test::check_talib("AROON", "outAroonUp", field(out, true), 14);
    for (std::size_t p : {std::size_t{2}, std::size_t{9}}) {
      const auto o = ind::apply(ind::aroon(p), bars);
      const std::string params = "period=" + std::to_string(p);
      quantkit::test::check_talib_params("AROON", params, field(o, false), p, "outAroonDown");
      quantkit::test::check_talib_params("AROON", params, field(o, true), p, "outAroonUp");
    }
  }

  TEST_CASE("aroon: window of n + 1 bars and the latest extreme on ties, by hand with period 2") {
    // highs 10, 11, 10.5, 12, 12; lows 8, 9, 7, 8, 10; factor 100 / 2 = 50.
    // bar 2: HH 11 one bar back -> up 50; LL 7 today -> down 100.
    // bar 3: HH 12 today -> up 100; LL 7 one bar back -> down 50.
    // bar 4: HH 12 at bars 3 and 4: the latest counts -> up 100; LL 7 two bars back -> down 0.
    const auto bars = quantkit::test::hand_bars();
    const auto out = ind::apply(ind::aroon(2), std::span<const quantkit::bar>(bars));
    CHECK(std::isnan(out[1].up));
    CHECK(std::isnan(out[1].down));
    CHECK(out[2].up == 50.0);
    CHECK(out[2].down == 100.0);
    CHECK(out[3].up == 100.0);
    CHECK(out[3].down == 50.0);
    CHECK(out[4].up == 100.0);
    CHECK(out[4].down == 0.0);
  }

  TEST_CASE("aroon: a constant series is 100 for both lines (the latest bar ties)") {
    ind::aroon a(3);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(a.update(quantkit::test::ohlc(5, 6, 4, 5)).up));
    const auto v = a.update(quantkit::test::ohlc(5, 6, 4, 5));
    CHECK(v.up == 100.0);
    CHECK(v.down == 100.0);
  }

  TEST_CASE("aroon: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::aroon(1),
                         "quantkit::indicators::aroon: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
