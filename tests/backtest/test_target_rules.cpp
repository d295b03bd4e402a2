// SPDX-License-Identifier: MIT
// backtest/target_rules.hpp: the target rule shared by the per-bar loop and the fused kernels
// (trade_to_target), the closing fill of close_at_end, the end of a target run and the option
// checks, each checked by hand on a three-bar series.
#include <quantkit/backtest/summary.hpp>
#include <quantkit/backtest/target_rules.hpp>
#include <quantkit/costs/models.hpp>

#include "backtest/bt_support.hpp"
#include "support/approx.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <utility>
#include <vector>

namespace backtest_test_target_rules {  // own scope for unity builds

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace bd = quantkit::backtest::detail;
using quantkit::test::approx;
using quantkit::test::check_invalid_param;

namespace {
qk::bar_series three_bars() {
  return qk::test::make_bars({{100, 102, 99, 101}, {101, 104, 100, 103}, {103, 106, 102, 105}});
}
}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("target rules: an exposure target buys what the budget pays for, costs included") {
    const auto bars = three_bars();
    const bd::bar_columns cols(bars);
    bt::account acct(10'000.0);
    qk::costs::percentage cost(10.0);  // 10 bp of the notional
    const bt::vectorized_options opt;
    bd::trade_to_target(acct, cost, cols, opt, 1.0, 100.0, 0, true);
    // u x 100 + 0.001 x u x 100 = 10,000: u = 10,000 / 100.1
    const double u = 10'000.0 / 100.1;
    CHECK(acct.position() == approx(u, 1e-14));
    CHECK(acct.cash() == approx(0.0, 1e-9));
    CHECK(acct.fills() == 1);
    CHECK(acct.total_costs().commission == approx(0.1 * u, 1e-14));
    REQUIRE(acct.has_open_trade());
    CHECK(acct.open_trade().entry_price == 100.0);
    CHECK(acct.open_trade().entry_index == 0);
    // The same target again at the same price: the position already matches, no fill.
    bd::trade_to_target(acct, cost, cols, opt, 1.0, 100.0, 1, true);
    CHECK(acct.fills() == 1);
    // Flat at 103 (bar 1's close): one trade, closed for a signal, P&L by hand.
    bd::trade_to_target(acct, cost, cols, opt, 0.0, 103.0, 1, false);
    CHECK(acct.position() == 0.0);
    REQUIRE(acct.trades().size() == 1);
    const bt::trade& t = acct.trades()[0];
    CHECK(t.reason == bt::exit_reason::signal);
    CHECK(t.exit_index == 1);
    CHECK(t.gross_pnl == approx(3.0 * u, 1e-13));
    CHECK(t.pnl == approx(3.0 * u - 0.1 * u - 0.103 * u, 1e-13));
  }

  TEST_CASE("target rules: unit targets, whole lots and short exposure") {
    const auto bars = three_bars();
    const bd::bar_columns cols(bars);
    qk::costs::percentage cost(10.0);
    {
      bt::account acct(10'000.0);
      bt::vectorized_options opt;
      opt.units = true;
      bd::trade_to_target(acct, cost, cols, opt, 5.0, 100.0, 0, true);
      CHECK(acct.position() == 5.0);
      CHECK(acct.cash() == approx(10'000.0 - 500.0 - 0.5, 1e-15));
    }
    {
      bt::account acct(10'000.0);
      bt::vectorized_options opt;
      opt.fractional = false;
      opt.lot_size = 10.0;
      bd::trade_to_target(acct, cost, cols, opt, 1.0, 100.0, 0, true);
      CHECK(acct.position() == 90.0);  // 99.9 units afforded, whole lots of 10
    }
    {
      bt::account acct(10'000.0);
      const bt::vectorized_options opt;
      bd::trade_to_target(acct, cost, cols, opt, -0.5, 100.0, 0, true);
      // |u| x 100 + 0.001 x |u| x 100 = 5,000
      CHECK(acct.position() == approx(-5'000.0 / 100.1, 1e-14));
    }
  }

  TEST_CASE("target rules: close_at_end closes at the last close and the run's end books it") {
    const auto bars = three_bars();
    const bd::bar_columns cols(bars);
    qk::costs::percentage cost(10.0);
    bt::vectorized_options opt;
    opt.units = true;
    opt.close_at_end = true;
    bt::account acct(10'000.0);
    bd::trade_to_target(acct, cost, cols, opt, 5.0, 100.0, 0, true);
    // The curve as the loops record it: cash + 5 x close, the last one to be redone.
    std::vector<double> equity;
    for (std::size_t t = 0; t < 3; ++t) equity.push_back(acct.equity(cols.close[t]));
    bd::equity_tracker tracker(10'000.0);
    tracker.add(equity[0]);
    tracker.add(equity[1]);  // the last bar's value is held back for the closing fill
    bt::result res;
    bd::finish_target_run(res, acct, cost, cols, opt, std::move(equity), &tracker);
    // Sold 5 at 105 with 10 bp: cash 10,000 - 500.5 + 525 - 0.525.
    const double cash = 10'000.0 - 500.5 + 525.0 - 0.525;
    CHECK(res.final_position == 0.0);
    CHECK(res.final_cash == approx(cash, 1e-15));
    CHECK(res.final_equity == approx(cash, 1e-15));
    REQUIRE(res.equity.size() == 3);
    CHECK(res.equity[2] == res.final_equity);
    CHECK(res.equity[1] == approx(10'000.0 - 500.5 + 5.0 * 103.0, 1e-15));
    CHECK(res.bars == 3);
    CHECK(res.fills == 2);
    REQUIRE(res.trades.size() == 1);
    CHECK(res.trades[0].reason == bt::exit_reason::end_of_data);
    CHECK(res.trades[0].exit_price == 105.0);
    CHECK(res.trades[0].exit_index == 2);
    CHECK_FALSE(res.open_trade.has_value());
    CHECK(res.total_costs.commission == approx(0.5 + 0.525, 1e-15));
    CHECK(tracker.bars() == 3);
    CHECK(acct.trades().empty());  // the log moved into the result
  }

  TEST_CASE("target rules: without close_at_end the open trade is reported, the curve kept") {
    const auto bars = three_bars();
    const bd::bar_columns cols(bars);
    qk::costs::zero_cost cost;
    bt::vectorized_options opt;
    opt.units = true;
    bt::account acct(1'000.0);
    bd::trade_to_target(acct, cost, cols, opt, 2.0, 101.0, 0, false);
    std::vector<double> equity{1'000.0, 1'004.0, 1'008.0};
    bt::result res;
    bd::finish_target_run(res, acct, cost, cols, opt, std::move(equity), nullptr);
    CHECK(res.final_position == 2.0);
    CHECK(res.final_equity == 1'000.0 - 202.0 + 210.0);
    CHECK(res.equity == std::vector<double>{1'000.0, 1'004.0, 1'008.0});
    REQUIRE(res.open_trade.has_value());
    CHECK(res.open_trade->entry_price == 101.0);
    // Excursions: entered at bar 0's close, nothing seen after it yet but the fill price.
    CHECK(res.open_trade->mfe == 0.0);
    CHECK(res.trades.empty());
    // An empty run ends with the initial cash.
    const qk::bar_series none;
    const bd::bar_columns empty(none);
    bt::account idle(500.0);
    bt::result r0;
    bd::finish_target_run(r0, idle, cost, empty, opt, {}, nullptr);
    CHECK(r0.final_equity == opt.initial_cash);
    CHECK(r0.bars == 0);
  }

  TEST_CASE("target rules: bad options are rejected naming the parameter") {
    const char* fn = "quantkit::backtest::run_targets";
    bt::vectorized_options o;
    o.initial_cash = 0.0;
    check_invalid_param([&] { bd::check_vectorized_options(o, fn); }, fn, "initial_cash");
    o = {};
    o.initial_cash = std::numeric_limits<double>::infinity();
    check_invalid_param([&] { bd::check_vectorized_options(o, fn); }, fn, "initial_cash");
    o = {};
    o.lot_size = -1.0;
    check_invalid_param([&] { bd::check_vectorized_options(o, fn); }, fn, "lot_size");
    o = {};
    o.volatility_window = 1;
    check_invalid_param([&] { bd::check_vectorized_options(o, fn); }, fn, "volatility_window");
    CHECK_NOTHROW(bd::check_vectorized_options(bt::vectorized_options{}, fn));
  }
}

}  // namespace backtest_test_target_rules
