// SPDX-License-Identifier: MIT
#include <quantkit/backtest/engine.hpp>
#include <quantkit/backtest/metrics.hpp>
#include <quantkit/backtest/summary.hpp>
#include <quantkit/data/synthetic.hpp>
#include <quantkit/strategies/ma_crossover.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace bt = quantkit::backtest;
using quantkit::test::approx;

namespace {

// Three bars: equity 110, 99, 121 from 100 (returns +10%, -10%, +22.2%); trades +5, -1, +5, +5 in
// currency, returns +5%, -1%, +5%, +5%, held 2, 1, 1, 3 bars, plus an open trade of 1 bar.
bt::result hand_result() {
  bt::result r;
  r.initial_cash = 100.0;
  r.equity = {110.0, 99.0, 121.0};
  r.final_equity = 121.0;
  r.bars = 3;
  auto make = [](double pnl, double ret, std::size_t held, double mae, double mfe) {
    bt::trade t;
    t.pnl = pnl;
    t.return_ = ret;
    t.bars_held = held;
    t.mae = mae;
    t.mfe = mfe;
    return t;
  };
  r.trades = {make(5.0, 0.05, 2, -0.01, 0.06), make(-1.0, -0.01, 1, -0.03, 0.01),
              make(5.0, 0.05, 1, 0.0, 0.05), make(5.0, 0.05, 3, -0.02, 0.07)};
  r.open_trade = make(0.0, 0.0, 1, 0.0, 0.0);
  r.fills = 9;
  return r;
}

}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("metrics: return metrics of the equity curve by hand") {
    const bt::result r = hand_result();
    const auto m = bt::metrics(r, {.periods_per_year = 3.0});
    const double r3 = 121.0 / 99.0 - 1.0;
    const double mean = (0.1 - 0.1 + r3) / 3.0;
    const double var =
        ((0.1 - mean) * (0.1 - mean) + (-0.1 - mean) * (-0.1 - mean) + (r3 - mean) * (r3 - mean)) /
        2.0;
    CHECK(m.performance.n == 3);
    CHECK(m.performance.sharpe_ratio == approx(mean / std::sqrt(var) * std::sqrt(3.0)));
    CHECK(m.performance.cum_returns_final == approx(0.21));
    CHECK(m.performance.annual_return == approx(0.21));  // three bars a year: one year
    CHECK(m.performance.max_drawdown == approx(99.0 / 110.0 - 1.0));
    // Calmar = annual return / |max drawdown| = 0.21 / 0.1.
    CHECK(m.performance.calmar_ratio == approx(0.21 / 0.1));
    // Sortino (empyrical): mean / sqrt(mean(min(r, 0)^2)) x sqrt(3) = mean / sqrt(0.01 / 3) x sqrt 3.
    CHECK(m.performance.sortino_ratio == approx(mean / std::sqrt(0.01 / 3.0) * std::sqrt(3.0)));
    // Deepest drawdown: peak at bar 0 (110), trough bar 1, recovered at bar 2, one bar under water.
    CHECK(m.drawdown.peak == 0);
    CHECK(m.drawdown.trough == 1);
    CHECK(m.drawdown.recovery == 2);
    CHECK(m.drawdown.duration == 1);
    CHECK(m.under_water.longest == 1);
    CHECK(m.under_water.current == 0);
  }

  TEST_CASE("metrics: trade statistics, excursions and exposure by hand") {
    const auto m = bt::metrics(hand_result());
    CHECK(m.trades.count == 4);
    CHECK(m.trades.win_rate == 0.75);
    CHECK(m.trades.profit_factor == approx(15.0));  // 15 / |-1|
    CHECK(m.trades.payoff_ratio == approx(5.0));    // 5 / 1
    CHECK(m.trades.expectancy == approx(3.5));
    CHECK(m.trades.longest_win_streak == 2);
    CHECK(m.trade_returns.expectancy == approx(0.035));
    CHECK(m.trade_returns.kelly == approx(0.75 - 0.25 / 5.0));
    CHECK(m.mae.worst == approx(-0.03));
    CHECK(m.mae.mean == approx(-0.015));
    CHECK(m.mfe.best == approx(0.07));
    CHECK(m.mfe.median == approx(0.055));
    CHECK(m.average_bars_held == approx(7.0 / 4.0));
    CHECK(m.exposure == 1.0);  // 7 + 1 bars held over 3 bars, capped at 1
    CHECK(m.fills == 9);
  }

  TEST_CASE("metrics: a real run agrees with summarize and with its own trade log") {
    const auto bars = quantkit::gbm_series(3000, {.mu = 0.05, .sigma = 0.25}, 7);
    const auto strategy = quantkit::strategies::ma_crossover<quantkit::indicators::sma>(
        {.fast = 10, .slow = 40});
    const bt::result r = bt::run(bars, strategy);
    const auto m = bt::metrics(r);
    const auto s = bt::summarize(r);
    CHECK(m.performance.sharpe_ratio == approx(s.sharpe, 1e-10));
    CHECK(m.performance.max_drawdown == approx(s.max_drawdown, 1e-12));
    CHECK(m.trades.count == r.trades.size());
    CHECK(m.trades.win_rate == approx(s.win_rate));
    double pnl = 0.0;
    for (const auto& t : r.trades) pnl += t.pnl;
    CHECK(m.trades.expectancy * static_cast<double>(m.trades.count) == approx(pnl, 1e-10));
    // With a benchmark equal to the strategy's own returns: beta 1, alpha 0.
    std::vector<double> own(r.equity.size());
    double prev = r.initial_cash;
    for (std::size_t i = 0; i < own.size(); ++i) {
      own[i] = r.equity[i] / prev - 1.0;
      prev = r.equity[i];
    }
    const auto mb = bt::metrics(r, own);
    CHECK(mb.performance.beta == approx(1.0, 1e-12));
    CHECK(std::fabs(mb.performance.alpha) < 1e-12);
  }

  TEST_CASE("metrics: bad input names the parameter") {
    bt::result r = hand_result();
    CHECK_THROWS_WITH_AS(bt::metrics(r, {.periods_per_year = -1.0}),
                         doctest::Contains("periods_per_year"), quantkit::invalid_argument);
    const std::vector<double> short_benchmark{0.01, 0.02};
    CHECK_THROWS_WITH_AS(bt::metrics(r, short_benchmark),
                         "quantkit::backtest::metrics: benchmark_returns and result.equity must "
                         "have the same length (got 2 and 3)",
                         quantkit::invalid_argument);
    r.equity.clear();  // run with record_equity = false
    CHECK_THROWS_WITH_AS(bt::metrics(r), doctest::Contains("record_equity"),
                         quantkit::invalid_argument);
  }
}
