// SPDX-License-Identifier: MIT
#include <quantkit/backtest/summary.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace bt = quantkit::backtest;
using quantkit::test::approx;

TEST_SUITE("backtest") {
  TEST_CASE("summarize: total return, CAGR, Sharpe, drawdown and win rate by hand") {
    bt::result r;
    r.initial_cash = 100.0;
    r.equity = {110.0, 99.0, 121.0};  // returns +10%, -10%, +22.22%
    r.final_equity = 121.0;
    r.bars = 3;
    bt::trade win;
    win.pnl = 5.0;
    bt::trade loss;
    loss.pnl = -1.0;
    r.trades = {win, loss, win, win};
    const auto s = bt::summarize(r, 3.0);  // 3 bars per year: one year
    CHECK(s.total_return == approx(0.21));
    CHECK(s.cagr == approx(0.21));
    CHECK(s.max_drawdown == approx(99.0 / 110.0 - 1.0));
    CHECK(s.win_rate == 0.75);
    CHECK(s.trades == 4);
    const double r3 = 121.0 / 99.0 - 1.0;
    const double mean = (0.1 - 0.1 + r3) / 3.0;
    const double var =
        ((0.1 - mean) * (0.1 - mean) + (-0.1 - mean) * (-0.1 - mean) + (r3 - mean) * (r3 - mean)) /
        2.0;
    CHECK(s.sharpe == approx(mean / std::sqrt(var) * std::sqrt(3.0), 1e-12));
  }

  TEST_CASE("summarize: flat equity has NaN Sharpe and zero drawdown, bad periods throw") {
    bt::result r;
    r.initial_cash = 100.0;
    r.equity = {100.0, 100.0, 100.0};
    r.final_equity = 100.0;
    r.bars = 3;
    const auto s = bt::summarize(r);
    CHECK(std::isnan(s.sharpe));
    CHECK(s.max_drawdown == 0.0);
    CHECK(std::isnan(s.win_rate));
    CHECK_THROWS_AS(bt::summarize(r, 0.0), quantkit::invalid_argument);
  }

  TEST_CASE("summarize: a result without its equity curve is an error, not a NaN Sharpe") {
    bt::result r;
    r.initial_cash = 100.0;
    r.final_equity = 110.0;
    r.bars = 3;  // equity not recorded
    CHECK_THROWS_WITH_AS(bt::summarize(r),
                         "quantkit::backtest::summarize: result.equity.size() must equal "
                         "result.bars (run with options::record_equity = true) (got 0)",
                         quantkit::invalid_argument);
  }
}
