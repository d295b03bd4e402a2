// SPDX-License-Identifier: MIT
#include <quantkit/backtest/account.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace bt = quantkit::backtest;
namespace qc = quantkit::costs;
using quantkit::test::approx;

TEST_SUITE("backtest") {
  TEST_CASE("account: scale-in averages the entry, partial exits realize against it") {
    bt::account a(10'000.0);
    // buy 10 at 100, buy 10 at 110 -> average 105
    auto o = a.apply(10, 100.0, {}, 0, 0, true, bt::exit_reason::signal, 7);
    CHECK(o.opened);
    CHECK(o.increased);
    a.apply(10, 110.0, {}, 1, 1, true, bt::exit_reason::signal, 0);
    CHECK(a.avg_price() == approx(105.0));
    CHECK(a.position() == 20.0);
    CHECK(a.cash() == approx(10'000.0 - 1000.0 - 1100.0));
    // sell 5 at 120 (+75), then 15 at 100 (-75): flat, round trip P&L 0
    o = a.apply(-5, 120.0, {.commission = 1.0}, 2, 2, true, bt::exit_reason::signal, 0);
    CHECK_FALSE(o.closed);
    o = a.apply(-15, 100.0, {.commission = 1.0}, 3, 3, true, bt::exit_reason::stop_loss, 0);
    CHECK(o.closed);
    REQUIRE(a.trades().size() == 1);
    const auto& t = a.trades()[0];
    CHECK(t.gross_pnl == approx(0.0));
    CHECK(t.pnl == approx(-2.0));
    CHECK(t.entry_price == approx(105.0));
    CHECK(t.exit_price == approx((5 * 120.0 + 15 * 100.0) / 20.0));
    CHECK(t.quantity == 20.0);
    CHECK(t.reason == bt::exit_reason::stop_loss);
    CHECK(t.tag == 7);
    CHECK(t.bars_held == 3);
    CHECK(a.position() == 0.0);
    CHECK(a.equity(123.0) == approx(10'000.0 - 2.0));
  }

  TEST_CASE("account: a reversing fill closes one trade and opens the next, splitting costs") {
    bt::account a(0.0);
    a.apply(10, 50.0, {.commission = 2.0}, 0, 0, true, bt::exit_reason::signal, 0);
    // sell 30 at 60 with 6.00 of commission: 10 close the long (+100, 2.00 of the cost), 20 open a
    // short (4.00 of the cost)
    const auto o = a.apply(-30, 60.0, {.commission = 6.0}, 1, 1, false, bt::exit_reason::signal, 0);
    CHECK(o.closed);
    CHECK(o.opened);
    REQUIRE(a.trades().size() == 1);
    CHECK(a.trades()[0].reason == bt::exit_reason::reversal);
    CHECK(a.trades()[0].pnl == approx(100.0 - 2.0 - 2.0));
    CHECK(a.position() == -20.0);
    REQUIRE(a.has_open_trade());
    CHECK(a.open_trade().direction == -1);
    CHECK(a.open_trade().costs.commission == approx(4.0));
    CHECK(a.total_costs().commission == approx(8.0));
    CHECK(a.fills() == 2);
  }

  TEST_CASE("account: a new trade starts from the defaults, nothing carried from the last one") {
    bt::account a(10'000.0);
    a.apply(10, 100.0, {.commission = 1.0}, 0, 60, true, bt::exit_reason::signal, 3);
    a.apply(-10, 110.0, {.commission = 2.0}, 4, 300, false, bt::exit_reason::take_profit, 0);
    REQUIRE(a.trades().size() == 1);
    // Short 5 at 120 at the close of bar 6 (time 420), tag 9: the fields a closed trade sets
    // (exit, P&L, return, bars held, excursions, reason) are back to their defaults.
    a.apply(-5, 120.0, {.commission = 0.5}, 6, 420, false, bt::exit_reason::signal, 9);
    REQUIRE(a.has_open_trade());
    const bt::trade t = a.open_trade();
    CHECK(t.entry_index == 6);
    CHECK(t.entry_time == 420);
    CHECK(t.exit_index == 0);
    CHECK(t.exit_time == 0);
    CHECK(t.direction == -1);
    CHECK(t.quantity == 5.0);
    CHECK(t.entry_price == 120.0);
    CHECK(std::isnan(t.exit_price));
    CHECK(t.costs.commission == 0.5);
    CHECK(t.costs.spread == 0.0);
    CHECK(t.gross_pnl == 0.0);
    CHECK(t.pnl == 0.0);
    CHECK(t.return_ == 0.0);
    CHECK(t.bars_held == 0);
    CHECK(t.mae == 0.0);  // only the fill price seen so far
    CHECK(t.mfe == 0.0);
    CHECK(t.reason == bt::exit_reason::open);
    CHECK(t.tag == 9);
    // The closed trade kept its own values.
    CHECK(a.trades()[0].gross_pnl == 100.0);
    CHECK(a.trades()[0].reason == bt::exit_reason::take_profit);
    CHECK(a.trades()[0].tag == 3);
  }

  TEST_CASE("account: values is equity() at each close") {
    bt::account a(1'000.0);
    a.apply(3, 100.0, {.commission = 0.25}, 0, 0, true, bt::exit_reason::signal, 0);
    const double close[] = {99.5, 101.25, 0.1, 1e6, 100.0};
    double out[5] = {};
    a.values(close, 5, out);
    for (int i = 0; i < 5; ++i) {
      CAPTURE(i);
      CHECK(out[i] == a.equity(close[i]));  // same expression, same bits
    }
    CHECK(out[1] == 1'000.0 - 300.25 + 3 * 101.25);  // cash 699.75, 3 units (exact in binary)
    a.values(close, 0, out);                         // no bars: nothing written
    CHECK(out[0] == a.equity(99.5));
  }

  TEST_CASE("account: excursions are price extremes relative to the average entry") {
    bt::account a(0.0);
    a.apply(-1, 100.0, {}, 0, 0, false, bt::exit_reason::signal, 0);  // short at the close of bar 0
    a.mark({0, 100, 200, 50, 100, 1}, 0);  // entry bar after an in-bar fill: only its close counts
    a.mark({0, 101, 104, 93, 96, 1}, 1);   // for a short: high 104 is adverse, low 93 favourable
    const auto t = a.open_trade();
    CHECK(t.mae == approx(-0.04));
    CHECK(t.mfe == approx(0.07));
  }

  TEST_CASE("account::cost_rate is the last fill's cost over its notional") {
    bt::account a(10'000.0);
    CHECK(a.cost_rate() == 0.0);  // no fill yet
    a.apply(10, 100.0, {.commission = 0.1}, 0, 0, true, bt::exit_reason::signal, 0);
    CHECK(a.cost_rate() == 0.1 / (10.0 * 100.0));
    a.apply(-4, 50.0, {.commission = 0.3, .spread = 0.1}, 1, 0, true, bt::exit_reason::signal, 0);
    CHECK(a.cost_rate() == (0.3 + 0.1) / (4.0 * 50.0));  // the sell's |q|, its own price
    a.apply(-6, 50.0, {.commission = -0.06}, 2, 0, true, bt::exit_reason::signal, 0);
    CHECK(a.cost_rate() == -0.06 / (6.0 * 50.0));  // a rebate is a negative rate
    a.apply(1, 2.0, {.commission = 1.5}, 3, 0, true, bt::exit_reason::signal, 0);
    CHECK(a.cost_rate() == 0.0);  // 75 % of the notional: outside (-1/2, 1/2), no guess
    a.apply(-1, 0.0, {.commission = 1.0}, 4, 0, true, bt::exit_reason::signal, 0);
    CHECK(a.cost_rate() == 0.0);  // zero notional
  }

  TEST_CASE("desired_units: from flat, the cost-rate hint makes the first step land") {
    // 1 bp of the notional at price 100, budget 10,000: the fixed point is 10,000 / 100.01.
    int calls = 0;
    const auto bp = [&](double units, bool) {
      ++calls;
      return units * 100.0 * 1e-4;
    };
    const double plain = bt::detail::desired_units(1.0, false, 100.0, 10'000.0, 0.0, true, 1.0, bp);
    // u0 = 100, then errors of 1e-4, 1e-8, 1e-12, ~1e-16 relative: four steps.
    CHECK(calls == 4);
    calls = 0;
    const double hinted =
        bt::detail::desired_units(1.0, false, 100.0, 10'000.0, 0.0, true, 1.0, bp, 1e-4);
    CHECK(calls == 1);  // u0 = 10,000 / (100 x 1.0001) is the fixed point: one step agrees
    CHECK(hinted == approx(10'000.0 / 100.01, 1e-15));
    CHECK(plain == approx(hinted, 1e-15));
    // a short from flat: the same budget, the same guess
    calls = 0;
    CHECK(bt::detail::desired_units(-1.0, false, 100.0, 10'000.0, 0.0, true, 1.0, bp, 1e-4) ==
          -hinted);
    CHECK(calls == 1);
    // a wrong hint still converges to the fixed point (the iteration contracts from any start)
    calls = 0;
    CHECK(bt::detail::desired_units(1.0, false, 100.0, 10'000.0, 0.0, true, 1.0, bp, 0.3) ==
          approx(hinted, 1e-15));
    CHECK(calls > 1);
    // not from flat: the hint is not used (the cost is on the change, not on the holding)
    const auto held = [](double hint) {
      return bt::detail::desired_units(
          1.0, false, 100.0, 5'000.0, 50.0, true, 1.0,
          [](double units, bool) { return units * 100.0 * 1e-4; }, hint);
    };
    CHECK(bt::detail::same_bits(held(0.0), held(1e-4)));
  }

  TEST_CASE("desired_units and volatility_estimate: the shared helpers") {
    // exposure 1 with a 1 bp cost: u p (1 + 1e-4) = 10,000
    const double u =
        bt::detail::desired_units(1.0, false, 100.0, 10'000.0, 0.0, true, 1.0,
                                  [](double units, bool) { return units * 100.0 * 1e-4; });
    CHECK(u == approx(10'000.0 / (100.0 * 1.0001), 1e-14));
    CHECK(bt::detail::desired_units(-0.5, false, 50.0, 10'000.0, 0.0, true, 1.0,
                                    [](double, bool) { return 0.0; }) == -100.0);
    CHECK(bt::detail::desired_units(37.0, true, 50.0, 0.0, 0.0, false, 10.0,
                                    [](double, bool) { return 0.0; }) == 30.0);
    const std::vector<double> closes{100, 101, 100, 101};
    // log returns +a, -a, +a with a = ln(1.01): mean a/3, sample stddev sqrt(4a^2/3 ... ) by hand
    const double a = std::log(1.01);
    const double m = a / 3.0;
    const double ss = 2 * (a - m) * (a - m) + (-a - m) * (-a - m);
    CHECK(bt::detail::volatility_estimate(closes, 20) == approx(std::sqrt(ss / 2.0), 1e-14));
    CHECK(std::isnan(bt::detail::volatility_estimate(std::vector<double>{1, 2}, 20)));
  }
}
