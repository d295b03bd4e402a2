// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apo.hpp>
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
  TEST_CASE("apo: matches TA-Lib APO at default and non-default parameters on ttrc") {
    const auto c = qt::ttrc().closes();
    qt::check_talib("APO", "outReal", ind::apply(ind::apo{}, c), ind::apo{}.warmup());
    const ind::apo e(5, 35, ind::ma_type::ema);
    qt::check_talib_call("APO(5 35 1)", "outReal", ind::apply(e, c), e.warmup());
    const ind::apo d(30, 10, ind::ma_type::dema);  // swapped by TA-Lib
    qt::check_talib_call("APO(30 10 3)", "outReal", ind::apply(d, c), d.warmup());
  }

  TEST_CASE("apo: hand-computed with SMA(2) - SMA(3), periods in either order") {
    // 1, 2, 4, 8: SMA2 = 3, 6; SMA3 = 7/3, 14/3 -> 2/3, 4/3.
    const std::vector<double> x{1, 2, 4, 8};
    for (const auto& a : {ind::apo(2, 3), ind::apo(3, 2)}) {
      const auto out = ind::apply(a, std::span<const double>(x));
      CHECK(std::isnan(out[1]));
      CHECK(out[2] == approx(2.0 / 3.0));
      CHECK(out[3] == approx(4.0 / 3.0));
      CHECK(a.warmup() == 2);
    }
  }

  TEST_CASE("apo: equal periods and a constant series give 0") {
    ind::apo a(5, 5, ind::ma_type::wma);
    for (int i = 0; i < 4; ++i) CHECK(std::isnan(a.update(1.0 + i)));
    CHECK_FALSE(a.ready());
    CHECK(a.update(9.0) == 0.0);
    ind::apo k(3, 7, ind::ma_type::kama);
    for (int i = 0; i < 20; ++i) k.update(4.0);
    CHECK(k.value() == 0.0);
  }

  TEST_CASE("apo: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::apo(1, 26); }, "quantkit::indicators::apo", "fast_period");
    qt::check_invalid_param([] { ind::apo(12, 0); }, "quantkit::indicators::apo", "slow_period");
    qt::check_invalid_param([] { ind::apo(12, 26, static_cast<ind::ma_type>(9)); },
                            "quantkit::indicators::apo", "type");
  }
}
