// SPDX-License-Identifier: MIT
#include <quantkit/strategies/signal_series.hpp>
#include <quantkit/strategies/sizing.hpp>

#include "strategies/strat_support.hpp"
#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace qs = quantkit::strategies;
using quantkit::test::approx;

TEST_SUITE("strategies") {
  TEST_CASE("sizers: fixed units, fixed notional, equity fraction") {
    const quantkit::bar b{0, 50, 50, 50, 50, 1};
    qs::context ctx;
    ctx.equity = 20'000.0;
    CHECK(qs::fixed_units{100}.units(-1.0, b, ctx) == -100.0);
    CHECK(qs::fixed_notional{5'000}.units(1.0, b, ctx) == 100.0);
    CHECK(qs::equity_fraction{0.5}.units(0.5, b, ctx) == 100.0);  // 0.5 x 0.5 x 20,000 / 50
  }

  TEST_CASE("capped_kelly: W - (1 - W)/R, fraction, cap") {
    // W = 0.6, R = 2: Kelly 0.6 - 0.4 / 2 = 0.4; half Kelly 0.2 < cap 0.25
    const qs::capped_kelly k({.win_rate = 0.6, .payoff = 2.0, .fraction = 0.5, .cap = 0.25});
    CHECK(k.kelly() == approx(0.4));
    CHECK(k.exposure() == approx(0.2));
    const qs::capped_kelly capped({.win_rate = 0.6, .payoff = 2.0, .fraction = 1.0, .cap = 0.25});
    CHECK(capped.exposure() == 0.25);
    const qs::capped_kelly negative({.win_rate = 0.3, .payoff = 1.0});
    CHECK(negative.exposure() == 0.0);  // no edge: no position
    CHECK_THROWS_AS(qs::capped_kelly({.win_rate = 1.5}), quantkit::invalid_argument);
    CHECK_THROWS_AS(qs::capped_kelly({.payoff = 0.0}), quantkit::invalid_argument);
  }

  TEST_CASE("volatility_target: exposure = target / realized volatility, capped") {
    // closes alternate 100, 102: |log return| 0.0198; population sd of {+r, -r} = r
    qs::volatility_target vt(
        {.annual_target = 0.2, .periods_per_year = 252, .window = 2, .max_leverage = 3});
    qs::context ctx;
    ctx.equity = 10'000.0;
    quantkit::bar b{0, 100, 100, 100, 100, 1};
    CHECK(vt.units(1.0, b, ctx) == 0.0);  // no estimate yet
    for (double c : {100.0, 102.0, 100.0}) {
      b.close = c;
      vt.update(b);
    }
    const double r = std::log(102.0 / 100.0);
    const double exposure = 0.2 / (r * std::sqrt(252.0));
    CHECK(vt.units(1.0, b, ctx) == approx(exposure * 10'000.0 / 100.0, 1e-12));
    CHECK_THROWS_AS(qs::volatility_target({.annual_target = 0.0}), quantkit::invalid_argument);
  }

  TEST_CASE("volatility_target: the ATR estimator uses the true range as a fraction of price") {
    // Every bar: high 101, low 99, close 100, so each true range is 2 and ATR(3) = 2 once ready
    // (TA-Lib ATR: first value after 3 true ranges, i.e. at the 4th bar); per-bar volatility
    // 2 / 100, annualized by sqrt(252).
    qs::volatility_target vt({.annual_target = 0.2,
                              .periods_per_year = 252,
                              .window = 3,
                              .max_leverage = 3,
                              .estimator = qs::volatility_estimator::atr});
    qs::context ctx;
    ctx.equity = 10'000.0;
    const quantkit::bar b{0, 100, 101, 99, 100, 1};
    for (int i = 0; i < 3; ++i) {
      vt.update(b);
      CHECK(vt.units(1.0, b, ctx) == 0.0);  // no estimate yet
    }
    vt.update(b);
    const double exposure = 0.2 / (0.02 * std::sqrt(252.0));
    CHECK(vt.units(1.0, b, ctx) == approx(exposure * 10'000.0 / 100.0, 1e-12));
    CHECK(vt.units(-0.5, b, ctx) == approx(-0.5 * exposure * 10'000.0 / 100.0, 1e-12));
    // A calm market hits the leverage cap: ranges of 0.02 on a close of 100.
    qs::volatility_target calm({.annual_target = 0.2,
                                .window = 3,
                                .max_leverage = 3,
                                .estimator = qs::volatility_estimator::atr});
    const quantkit::bar quiet{0, 100, 100.01, 99.99, 100, 1};
    for (int i = 0; i < 4; ++i) calm.update(quiet);
    CHECK(calm.units(1.0, quiet, ctx) == approx(3.0 * 10'000.0 / 100.0, 1e-12));
    calm.reset();
    CHECK(calm.units(1.0, quiet, ctx) == 0.0);
  }

  TEST_CASE("sized: a signal strategy becomes a units strategy") {
    const std::vector<double> sig{1.0, std::nan(""), -0.5};
    qs::sized s(qs::signal_series(sig), qs::fixed_units{10});
    static_assert(qs::target_kind_of<decltype(s)>() == qs::target_kind::units);
    const auto out = quantkit::test::signals(s, quantkit::test::bars_from_closes({1, 2, 3}));
    CHECK(out[0] == 10.0);
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == -5.0);
  }
}
