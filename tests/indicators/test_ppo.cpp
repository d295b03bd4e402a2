// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ppo.hpp>

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
  TEST_CASE("ppo: matches TA-Lib PPO at default and non-default parameters on ttrc") {
    const auto c = qt::ttrc().closes();
    qt::check_talib("PPO", "outReal", ind::apply(ind::ppo{}, c), ind::ppo{}.warmup());
    const ind::ppo w(5, 35, ind::ma_type::wma);
    qt::check_talib_call("PPO(5 35 2)", "outReal", ind::apply(w, c), w.warmup());
    const ind::ppo e(10, 21, ind::ma_type::ema);
    qt::check_talib_call("PPO(10 21 1)", "outReal", ind::apply(e, c), e.warmup());
  }

  TEST_CASE("ppo: hand-computed with SMA(2) and SMA(3)") {
    // 1, 2, 4, 8: (3 - 7/3) / (7/3) 100 = 200/7, (6 - 14/3) / (14/3) 100 = 200/7.
    const std::vector<double> x{1, 2, 4, 8};
    const auto out = ind::apply(ind::ppo(2, 3), std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(200.0 / 7.0));
    CHECK(out[3] == approx(200.0 / 7.0));
  }

  TEST_CASE("ppo: a zero slow average gives 0 (TA-Lib's rule)") {
    // SMA3(1, -1, 0) = 0 while SMA2(-1, 0) = -1/2.
    ind::ppo p(2, 3);
    p.update(1.0);
    p.update(-1.0);
    CHECK(p.update(0.0) == 0.0);
    CHECK(p.ready());
    CHECK(p.update(6.0) == approx(((3.0 - 5.0 / 3.0) / (5.0 / 3.0)) * 100.0));
  }

  TEST_CASE("ppo: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::ppo(1, 26); }, "quantkit::indicators::ppo", "fast_period");
    qt::check_invalid_param([] { ind::ppo(12, 100001); }, "quantkit::indicators::ppo",
                            "slow_period");
  }
}
