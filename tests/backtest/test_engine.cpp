// SPDX-License-Identifier: MIT
// Hand-computed cases for every order type, gap, bracket conflict, partial fill, short sale, cost
// component and risk rule of the event-driven engine.
#include <quantkit/backtest/engine.hpp>
#include <quantkit/costs/composite.hpp>
#include <quantkit/costs/models.hpp>

#include "backtest/bt_support.hpp"
#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
using qk::test::approx;
using qk::test::make_bars;
using qk::test::scripted;
using qk::test::scripted_target;
using OT = qs::order_type;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

bt::options no_frills() {
  bt::options o;
  o.initial_cash = 10'000.0;
  return o;
}

qs::order buy(double qty, OT type = OT::market) {
  return qs::order{.type = type, .direction = qs::side::buy, .quantity = qty};
}
qs::order sell(double qty, OT type = OT::market) {
  return qs::order{.type = type, .direction = qs::side::sell, .quantity = qty};
}
}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("engine: a market order decided at a close fills at the next open") {
    const auto bars = make_bars({{100, 101, 99, 100}, {102, 104, 101, 103}, {103, 105, 102, 104}});
    const auto r = bt::run(bars, scripted{{{0, buy(10)}}}, qk::costs::zero_cost{}, no_frills());
    // bought 10 at the open of bar 1 (102): cash 10,000 - 1,020 = 8,980
    CHECK(r.final_position == 10.0);
    CHECK(r.final_cash == approx(8980.0));
    CHECK(r.equity[0] == 10'000.0);
    CHECK(r.equity[1] == approx(8980.0 + 10 * 103.0));
    CHECK(r.final_equity == approx(8980.0 + 10 * 104.0));
    const auto fills = qk::test::fills_of(r);
    REQUIRE(fills.size() == 1);
    CHECK(fills[0].index == 1);
    CHECK(fills[0].price == 102.0);
    CHECK(fills[0].quantity == 10.0);
    REQUIRE(r.open_trade.has_value());
    CHECK(r.open_trade->entry_index == 1);
    CHECK(r.open_trade->entry_price == 102.0);
  }

  TEST_CASE("engine: same-close fills only when asked for") {
    const auto bars = make_bars({{100, 101, 99, 100}, {102, 104, 101, 103}});
    auto opt = no_frills();
    opt.market_fills = bt::fill_timing::same_close;
    const auto r = bt::run(bars, scripted{{{0, buy(10)}}}, qk::costs::zero_cost{}, opt);
    REQUIRE(qk::test::fills_of(r).size() == 1);
    CHECK(qk::test::fills_of(r)[0].price == 100.0);
    CHECK(qk::test::fills_of(r)[0].index == 0);
  }

  TEST_CASE("engine: limit orders fill at the limit, or at the open when the bar gaps through") {
    SUBCASE("touch") {
      // buy limit 99 placed at close 0; bar 1 trades down to 98: filled at 99
      const auto bars = make_bars({{100, 101, 99.5, 100}, {100, 101, 98, 100}});
      auto o = buy(5, OT::limit);
      o.limit_price = 99.0;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      REQUIRE(qk::test::fills_of(r).size() == 1);
      CHECK(qk::test::fills_of(r)[0].price == 99.0);
    }
    SUBCASE("gap: the open is already below the limit, fill at the better open") {
      const auto bars = make_bars({{100, 101, 99.5, 100}, {97, 98, 96, 97.5}});
      auto o = buy(5, OT::limit);
      o.limit_price = 99.0;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      CHECK(qk::test::fills_of(r)[0].price == 97.0);
    }
    SUBCASE("not reached: keeps working until it is") {
      const auto bars =
          make_bars({{100, 101, 99.5, 100}, {100, 101, 99.2, 100}, {100, 100.5, 98.5, 99}});
      auto o = buy(5, OT::limit);
      o.limit_price = 99.0;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      REQUIRE(qk::test::fills_of(r).size() == 1);
      CHECK(qk::test::fills_of(r)[0].index == 2);
      CHECK(qk::test::fills_of(r)[0].price == 99.0);
    }
    SUBCASE("sell limit above the market") {
      const auto bars = make_bars({{100, 101, 99, 100}, {100, 103, 99, 102}});
      auto o = sell(5, OT::limit);
      o.limit_price = 102.5;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      CHECK(qk::test::fills_of(r)[0].price == 102.5);
      CHECK(r.final_position == -5.0);  // shorting is allowed by default
    }
  }

  TEST_CASE("engine: stop orders fill at the stop, or at the worse open on a gap") {
    SUBCASE("buy stop touched") {
      const auto bars = make_bars({{100, 101, 99, 100}, {100, 103, 99, 102}});
      auto o = buy(5, OT::stop);
      o.stop_price = 102.0;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      CHECK(qk::test::fills_of(r)[0].price == 102.0);
    }
    SUBCASE("buy stop gapped: the open 104 is worse than the stop 102") {
      const auto bars = make_bars({{100, 101, 99, 100}, {104, 105, 103, 104}});
      auto o = buy(5, OT::stop);
      o.stop_price = 102.0;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      CHECK(qk::test::fills_of(r)[0].price == 104.0);
    }
    SUBCASE("sell stop gapped down") {
      const auto bars = make_bars({{100, 101, 99, 100}, {100, 101, 99, 100}, {90, 92, 89, 91}});
      auto s = sell(5, OT::stop);
      s.stop_price = 95.0;
      const auto r =
          bt::run(bars, scripted{{{0, buy(5)}, {1, s}}}, qk::costs::zero_cost{}, no_frills());
      const auto fills = qk::test::fills_of(r);
      REQUIRE(fills.size() == 2);
      CHECK(fills[1].price == 90.0);
      REQUIRE(r.trades.size() == 1);
      // bought 5 at 100 (open of bar 1), sold at 90: -50
      CHECK(r.trades[0].pnl == approx(-50.0));
      CHECK(r.trades[0].reason == bt::exit_reason::signal);
    }
  }

  TEST_CASE("engine: stop-limit orders trigger at the stop and respect the limit") {
    SUBCASE("triggered inside the bar: fills at the stop") {
      const auto bars = make_bars({{100, 101, 99, 100}, {100, 103, 99, 102}});
      auto o = buy(5, OT::stop_limit);
      o.stop_price = 102.0;
      o.limit_price = 102.5;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      CHECK(qk::test::fills_of(r)[0].price == 102.0);
    }
    SUBCASE("gapped beyond the limit: no fill, then works as a limit") {
      // open 104 > limit 102.5: triggered, not filled; next bar trades down to 102: fill at 102.5
      const auto bars =
          make_bars({{100, 101, 99, 100}, {104, 105, 103.5, 104}, {103, 103.5, 102, 102.5}});
      auto o = buy(5, OT::stop_limit);
      o.stop_price = 102.0;
      o.limit_price = 102.5;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      const auto fills = qk::test::fills_of(r);
      REQUIRE(fills.size() == 1);
      CHECK(fills[0].index == 2);
      CHECK(fills[0].price == 102.5);
    }
  }

  TEST_CASE("engine: a trailing stop follows the highest high and exits on the pullback") {
    // Long 10 from the open of bar 1 (100). Trailing sell stop of 5% placed at close 1:
    // watermark 102 (bar 1 high), 110 (bar 2), level 104.5 in bar 3 whose low 104 touches it.
    const auto bars = make_bars(
        {{100, 100, 100, 100}, {100, 102, 99, 101}, {101, 110, 100, 109}, {108, 108.5, 104, 105}});
    auto trail = sell(10, OT::trailing_stop);
    trail.trail_percent = 0.05;
    const auto r =
        bt::run(bars, scripted{{{0, buy(10)}, {1, trail}}}, qk::costs::zero_cost{}, no_frills());
    const auto fills = qk::test::fills_of(r);
    REQUIRE(fills.size() == 2);
    CHECK(fills[1].index == 3);
    CHECK(fills[1].price == approx(104.5));
    REQUIRE(r.trades.size() == 1);
    CHECK(r.trades[0].pnl == approx(45.0));
  }

  TEST_CASE("engine: a bracket's stop wins when a bar touches both legs, unless asked otherwise") {
    // Entry at the open of bar 1 (100) with take-profit 110 and stop-loss 95; bar 2 touches both.
    const auto bars = make_bars({{100, 100, 100, 100}, {100, 101, 99, 100}, {100, 111, 94, 100}});
    auto entry = buy(10);
    entry.take_profit = 110.0;
    entry.stop_loss = 95.0;
    auto run_with = [&](bt::intrabar_path p) {
      auto opt = no_frills();
      opt.path = p;
      return bt::run(bars, scripted{{{0, entry}}}, qk::costs::zero_cost{}, opt);
    };
    auto r = run_with(bt::intrabar_path::stop_first);
    REQUIRE(r.trades.size() == 1);
    CHECK(r.trades[0].exit_price == 95.0);
    CHECK(r.trades[0].reason == bt::exit_reason::stop_loss);
    CHECK(r.trades[0].pnl == approx(-50.0));
    r = run_with(bt::intrabar_path::target_first);
    CHECK(r.trades[0].exit_price == 110.0);
    CHECK(r.trades[0].reason == bt::exit_reason::take_profit);
    r = run_with(bt::intrabar_path::open_high_low_close);  // up first: the target
    CHECK(r.trades[0].exit_price == 110.0);
    r = run_with(bt::intrabar_path::open_low_high_close);  // down first: the stop
    CHECK(r.trades[0].exit_price == 95.0);
    r = run_with(bt::intrabar_path::close_direction);  // close == open: treated as an up bar
    CHECK(r.trades[0].exit_price == 95.0);
    // OCO: the other leg was cancelled, nothing is left working or open.
    CHECK(r.final_position == 0.0);
    std::size_t cancels = 0;
    for (const auto& e : r.orders) cancels += e.status == bt::order_status::cancelled ? 1u : 0u;
    CHECK(cancels == 1);
  }

  TEST_CASE("engine: bracket legs are active in the entry bar only after an open fill") {
    // Limit entry 99 fills inside bar 1 (low 98); bar 1 also touches the stop 97 but the order
    // of events inside the bar is unknown, so the stop works from bar 2 (low 96): exit at 97.
    const auto bars = make_bars({{100, 100, 100, 100}, {100, 101, 96.5, 100}, {99, 99.5, 96, 97}});
    auto entry = buy(10, OT::limit);
    entry.limit_price = 99.0;
    entry.stop_loss = 97.0;
    entry.take_profit = 105.0;
    const auto r = bt::run(bars, scripted{{{0, entry}}}, qk::costs::zero_cost{}, no_frills());
    REQUIRE(r.trades.size() == 1);
    CHECK(r.trades[0].entry_index == 1);
    CHECK(r.trades[0].exit_index == 2);
    CHECK(r.trades[0].exit_price == 97.0);
  }

  TEST_CASE("engine: time in force expires orders") {
    SUBCASE("bars") {
      const auto bars = make_bars(
          {{100, 101, 99, 100}, {100, 101, 99.5, 100}, {100, 101, 99.5, 100}, {100, 101, 98, 99}});
      auto o = buy(5, OT::limit);
      o.limit_price = 99.0;
      o.tif = qs::time_in_force::bars;
      o.tif_bars = 2;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      CHECK(qk::test::fills_of(r).empty());  // would have filled in bar 3, expired after bar 2
      const auto ev = qk::test::events_of(r, 1);
      REQUIRE(ev.size() == 2);
      CHECK(ev[1].status == bt::order_status::expired);
      CHECK(ev[1].index == 2);
    }
    SUBCASE("day: cancelled when a new UTC day starts") {
      qk::bar_series bars;
      const auto d0 = qk::make_timestamp(2024, 3, 4, 14, 30);
      bars.push_back({d0, 100, 101, 99.5, 100, 1000});
      bars.push_back({d0 + qk::hours(1), 100, 101, 99.5, 100, 1000});
      bars.push_back({d0 + qk::days(1), 100, 101, 98, 99, 1000});
      auto o = buy(5, OT::limit);
      o.limit_price = 99.0;
      o.tif = qs::time_in_force::day;
      const auto r = bt::run(bars, scripted{{{0, o}}}, qk::costs::zero_cost{}, no_frills());
      CHECK(qk::test::fills_of(r).empty());
      CHECK(qk::test::events_of(r, 1).back().status == bt::order_status::expired);
    }
  }

  TEST_CASE("engine: a time exit closes the position after N bars") {
    const auto bars = make_bars({{100, 100, 100, 100},
                                 {100, 101, 99, 100},
                                 {101, 102, 100, 101},
                                 {102, 103, 101, 102},
                                 {103, 104, 102, 103},
                                 {104, 105, 103, 104}});
    auto entry = buy(10);
    entry.exit_after_bars = 3;
    const auto r = bt::run(bars, scripted{{{0, entry}}}, qk::costs::zero_cost{}, no_frills());
    // entered at the open of bar 1; after 3 bars (close of bar 4) the exit fills at open 5 (104)
    REQUIRE(r.trades.size() == 1);
    CHECK(r.trades[0].exit_index == 5);
    CHECK(r.trades[0].exit_price == 104.0);
    CHECK(r.trades[0].reason == bt::exit_reason::time_exit);
    CHECK(r.trades[0].bars_held == 4);
  }

  TEST_CASE(
      "engine: partial fills are capped at a fraction of bar volume, the rest keeps working") {
    const auto bars = make_bars(
        {{100, 100, 100, 100}, {100, 101, 99, 100}, {101, 102, 100, 101}, {102, 103, 101, 102}});
    auto opt = no_frills();
    opt.max_volume_fraction = 0.1;  // 100 of each bar's 1000
    const auto r = bt::run(bars, scripted{{{0, buy(25)}}}, qk::costs::zero_cost{}, opt);
    auto opt2 = opt;
    opt2.max_volume_fraction = 0.01;  // 10 per bar: 25 = 10 + 10 + 5
    const auto r2 = bt::run(bars, scripted{{{0, buy(25)}}}, qk::costs::zero_cost{}, opt2);
    CHECK(qk::test::fills_of(r).size() == 1);
    const auto fills = qk::test::fills_of(r2);
    REQUIRE(fills.size() == 3);
    CHECK(fills[0].quantity == 10.0);
    CHECK(fills[0].status == bt::order_status::partially_filled);
    CHECK(fills[1].quantity == 10.0);
    CHECK(fills[2].quantity == 5.0);
    CHECK(fills[2].status == bt::order_status::filled);
    CHECK(fills[2].price == 102.0);
    // average entry (10 x 100 + 10 x 101 + 5 x 102) / 25 = 100.8
    REQUIRE(r2.open_trade.has_value());
    CHECK(r2.open_trade->entry_price == approx(100.8));
  }

  TEST_CASE(
      "engine: short sales and their P&L, and a reversal closes one trade and opens another") {
    const auto bars = make_bars({{100, 100, 100, 100},
                                 {100, 101, 99, 100},
                                 {90, 91, 89, 90},
                                 {95, 96, 94, 95},
                                 {96, 97, 95, 96}});
    // short 10 at 100, buy 20 at 90 (closes the short: +100, opens long 10), sell 10 at 96 (+60)
    const auto r = bt::run(bars, scripted{{{0, sell(10)}, {1, buy(20)}, {3, sell(10)}}},
                           qk::costs::zero_cost{}, no_frills());
    REQUIRE(r.trades.size() == 2);
    CHECK(r.trades[0].direction == -1);
    CHECK(r.trades[0].pnl == approx(100.0));
    CHECK(r.trades[0].reason == bt::exit_reason::reversal);
    CHECK(r.trades[1].direction == 1);
    CHECK(r.trades[1].entry_price == 90.0);
    CHECK(r.trades[1].pnl == approx(60.0));
    CHECK(r.final_equity == approx(10'160.0));
    auto opt = no_frills();
    opt.allow_short = false;
    const auto no_short = bt::run(bars, scripted{{{0, sell(10)}}}, qk::costs::zero_cost{}, opt);
    CHECK(no_short.final_position == 0.0);
    CHECK(no_short.rejections == 1);
    bool rejected = false;
    for (const auto& e : no_short.orders) {
      rejected = rejected || e.reason == bt::reject_reason::short_selling_disabled;
    }
    CHECK(rejected);
  }

  TEST_CASE("engine: costs are charged by component and appear in the trade log") {
    const auto bars = make_bars({{100, 100, 100, 100}, {100, 101, 99, 100}, {110, 111, 109, 110}});
    // 10 units: entry notional 1,000, exit 1,100. 10 bp commission: 1.00 + 1.10;
    // half-spread of 0.20: 10 x 0.10 = 1.00 per fill.
    const auto model = qk::costs::percentage(10.0) + qk::costs::half_spread(0.2);
    auto opt = no_frills();
    const auto r = bt::run(bars, scripted{{{0, buy(10)}, {1, sell(10)}}}, model, opt);
    REQUIRE(r.trades.size() == 1);
    CHECK(r.trades[0].costs.commission == approx(2.1));
    CHECK(r.trades[0].costs.spread == approx(2.0));
    CHECK(r.trades[0].gross_pnl == approx(100.0));
    CHECK(r.trades[0].pnl == approx(95.9));
    CHECK(r.trades[0].return_ == approx(95.9 / 1000.0));
    CHECK(r.total_costs.total() == approx(4.1));
    CHECK(r.final_equity == approx(10'095.9));
  }

  TEST_CASE("engine: excursions measure the worst and best price against the entry") {
    const auto bars = make_bars(
        {{100, 100, 100, 100}, {100, 104, 97, 101}, {101, 108, 95, 106}, {106, 107, 105, 106}});
    const auto r =
        bt::run(bars, scripted{{{0, buy(1)}, {2, sell(1)}}}, qk::costs::zero_cost{}, no_frills());
    REQUIRE(r.trades.size() == 1);
    // held from the open of bar 1 (100) to the open of bar 3 (106): low 95, high 108
    CHECK(r.trades[0].mae == approx(-0.05));
    CHECK(r.trades[0].mfe == approx(0.08));
  }

  TEST_CASE("engine: risk rules trim or reject and record why") {
    const auto bars = make_bars({{100, 100, 100, 100}, {100, 101, 99, 100}, {100, 101, 99, 100}});
    SUBCASE("max position") {
      auto opt = no_frills();
      opt.risk.max_position = 30.0;
      const auto r = bt::run(bars, scripted{{{0, buy(50)}}}, qk::costs::zero_cost{}, opt);
      CHECK(r.final_position == 30.0);
      bool trimmed = false;
      for (const auto& e : r.orders) {
        trimmed = trimmed || (e.status == bt::order_status::trimmed &&
                              e.reason == bt::reject_reason::max_position);
      }
      CHECK(trimmed);
    }
    SUBCASE("max gross exposure") {
      auto opt = no_frills();
      opt.risk.max_gross_exposure = 1.0;  // no leverage: at most 10,000 / 100 = 100 units
      const auto r = bt::run(bars, scripted{{{0, buy(150)}}}, qk::costs::zero_cost{}, opt);
      CHECK(r.final_position == approx(100.0));
    }
    SUBCASE("turnover per bar") {
      auto opt = no_frills();
      opt.risk.max_turnover_per_bar = 0.25;  // 2,500 of notional = 25 units
      const auto r = bt::run(bars, scripted{{{0, buy(40)}}}, qk::costs::zero_cost{}, opt);
      CHECK(r.final_position == approx(25.0));
    }
    SUBCASE("entries rejected, exits still allowed under the circuit breaker") {
      // Two losing round trips trigger a 5-bar cool-off; the third entry is rejected.
      const auto lose = make_bars({{100, 100, 100, 100},
                                   {100, 100, 99, 99},
                                   {98, 98, 97, 97},
                                   {97, 97, 96, 96},
                                   {95, 95, 94, 94},
                                   {93, 93, 92, 92},
                                   {91, 91, 90, 90}});
      auto opt = no_frills();
      opt.risk.max_consecutive_losses = 2;
      opt.risk.cooloff_bars = 5;
      const auto r = bt::run(
          lose, scripted{{{0, buy(1)}, {1, sell(1)}, {2, buy(1)}, {3, sell(1)}, {4, buy(1)}}},
          qk::costs::zero_cost{}, opt);
      CHECK(r.trades.size() == 2);
      CHECK(r.final_position == 0.0);
      bool breaker = false;
      for (const auto& e : r.orders)
        breaker = breaker || e.reason == bt::reject_reason::circuit_breaker;
      CHECK(breaker);
    }
  }

  TEST_CASE("engine: the daily loss limit flattens and blocks until the next day") {
    qk::bar_series bars;
    const auto d0 = qk::make_timestamp(2024, 3, 4, 14, 30);
    bars.push_back({d0, 100, 100, 100, 100, 1000});
    bars.push_back({d0 + qk::minutes(1), 100, 100, 100, 100, 1000});
    bars.push_back({d0 + qk::minutes(2), 90, 90, 89, 89, 1000});  // -11%: limit 5% breached
    bars.push_back({d0 + qk::minutes(3), 88, 89, 87, 88, 1000});  // flattened at this open
    bars.push_back({d0 + qk::minutes(4), 88, 89, 87, 88, 1000});  // new entries rejected
    bars.push_back({d0 + qk::days(1), 88, 89, 87, 88, 1000});     // a new day: allowed again
    bars.push_back({d0 + qk::days(1) + qk::minutes(1), 88, 89, 87, 88, 1000});
    auto opt = no_frills();
    opt.risk.daily_loss_limit = 0.05;
    const auto r = bt::run(bars, scripted{{{0, buy(100)}, {3, buy(10)}, {5, buy(10)}}},
                           qk::costs::zero_cost{}, opt);
    REQUIRE(r.trades.size() == 1);
    CHECK(r.trades[0].reason == bt::exit_reason::risk);
    CHECK(r.trades[0].exit_index == 3);
    CHECK(r.trades[0].exit_price == 88.0);
    CHECK(r.final_position == 10.0);  // only the next day's entry went through
    bool kill = false;
    for (const auto& e : r.orders) kill = kill || e.reason == bt::reject_reason::kill_switch;
    CHECK(kill);
  }

  TEST_CASE("engine: invalid orders are rejected and recorded, never filled") {
    const auto bars = make_bars({{100, 100, 100, 100}, {100, 101, 99, 100}});
    auto negative = buy(-5);
    auto no_limit = buy(5, OT::limit);
    auto bad_stop_limit = buy(5, OT::stop_limit);
    bad_stop_limit.stop_price = 102.0;
    bad_stop_limit.limit_price = 101.0;  // a buy stop-limit's limit below its stop
    auto bad_bracket = buy(5);
    bad_bracket.take_profit = 95.0;
    bad_bracket.stop_loss = 105.0;  // inverted for a long
    auto two_trails = sell(5, OT::trailing_stop);
    two_trails.trail_amount = 1.0;
    two_trails.trail_percent = 0.01;
    auto nan_qty = buy(qnan);
    const auto r = bt::run(bars,
                           scripted{{{0, negative},
                                     {0, no_limit},
                                     {0, bad_stop_limit},
                                     {0, bad_bracket},
                                     {0, two_trails},
                                     {0, nan_qty}}},
                           qk::costs::zero_cost{}, no_frills());
    CHECK(r.rejections == 6);
    CHECK(qk::test::fills_of(r).empty());
    CHECK(r.final_position == 0.0);
    CHECK(qk::test::events_of(r, 1)[0].reason == bt::reject_reason::invalid_quantity);
    CHECK(qk::test::events_of(r, 2)[0].reason == bt::reject_reason::missing_price);
    CHECK(qk::test::events_of(r, 3)[0].reason == bt::reject_reason::invalid_price_relation);
    CHECK(qk::test::events_of(r, 4)[0].reason == bt::reject_reason::invalid_price_relation);
    CHECK(qk::test::events_of(r, 5)[0].reason == bt::reject_reason::missing_price);
    CHECK(qk::test::events_of(r, 6)[0].reason == bt::reject_reason::invalid_quantity);
  }

  TEST_CASE("engine: cancelling by id, and an unknown id is recorded") {
    const auto bars = make_bars({{100, 100, 100, 100}, {100, 101, 99.5, 100}, {100, 101, 98, 99}});
    auto o = buy(5, OT::limit);
    o.limit_price = 99.0;
    const auto r =
        bt::run(bars, scripted{{{0, o}}, {{1, 1}, {1, 42}}}, qk::costs::zero_cost{}, no_frills());
    CHECK(qk::test::fills_of(r).empty());
    CHECK(qk::test::events_of(r, 1).back().status == bt::order_status::cancelled);
    CHECK(qk::test::events_of(r, 42).back().reason == bt::reject_reason::unknown_order);
  }

  TEST_CASE("engine: target strategies, NaN holds, an infinite target is rejected") {
    const auto bars = make_bars({{100, 100, 100, 100},
                                 {100, 101, 99, 100},
                                 {110, 111, 109, 110},
                                 {110, 111, 109, 110},
                                 {120, 121, 119, 120}});
    auto opt = no_frills();
    // exposure 0.5 at close 0 -> 50 units at the open of bar 1 (100); NaN keeps them; inf rejected;
    // 0 at close 3 -> sold at 120
    const auto r =
        bt::run(bars, scripted_target{{0.5, qnan, std::numeric_limits<double>::infinity(), 0.0}},
                qk::costs::zero_cost{}, opt);
    REQUIRE(r.trades.size() == 1);
    CHECK(r.trades[0].quantity == approx(50.0));
    CHECK(r.trades[0].exit_price == 120.0);
    CHECK(r.rejections == 1);
    CHECK(r.final_equity == approx(11'000.0));
  }

  TEST_CASE("engine: close_at_end closes the open position at the last close") {
    const auto bars = make_bars({{100, 100, 100, 100}, {100, 101, 99, 100}, {110, 113, 109, 112}});
    auto opt = no_frills();
    opt.close_at_end = true;
    const auto r = bt::run(bars, scripted{{{0, buy(10)}}}, qk::costs::zero_cost{}, opt);
    REQUIRE(r.trades.size() == 1);
    CHECK_FALSE(r.open_trade.has_value());
    CHECK(r.trades[0].reason == bt::exit_reason::end_of_data);
    CHECK(r.trades[0].exit_price == 112.0);
    CHECK(r.final_position == 0.0);
    CHECK(r.final_equity == approx(10'120.0));
  }

  TEST_CASE("engine: streaming bar by bar gives the batch result exactly") {
    const auto bars = make_bars({{100, 100, 100, 100},
                                 {100, 104, 97, 101},
                                 {101, 108, 95, 106},
                                 {106, 107, 105, 106},
                                 {105, 106, 100, 101}});
    auto entry = buy(10);
    entry.stop_loss = 96.0;
    entry.take_profit = 107.0;
    const scripted plan{{{0, entry}, {3, sell(5, OT::market)}}};
    const auto batch = bt::run(bars, plan, qk::costs::percentage(5.0), no_frills());
    bt::engine live(plan, qk::costs::percentage(5.0), no_frills());
    for (const qk::bar b : bars) live.update(b);
    const auto streamed = live.finish();
    CHECK(streamed.final_equity == batch.final_equity);
    CHECK(streamed.equity == batch.equity);
    CHECK(streamed.trades.size() == batch.trades.size());
    CHECK(streamed.orders.size() == batch.orders.size());
  }

  TEST_CASE("engine: bad data and bad options are clear errors") {
    auto bars = make_bars({{100, 100, 100, 100}, {100, 101, 99, 100}});
    bars.closes_mut()[1] = -1.0;
    CHECK_THROWS_AS(bt::run(bars, scripted{}, qk::costs::zero_cost{}, no_frills()),
                    quantkit::data_error);
    try {
      bt::run(bars, scripted{}, qk::costs::zero_cost{}, no_frills());
    } catch (const quantkit::data_error& e) {
      CHECK(e.row() == 1);
      CHECK(e.field() == "close");
    }
    bt::engine live(scripted{}, qk::costs::zero_cost{}, no_frills());
    live.update({qk::days(1), 100, 100, 100, 100, 1});
    CHECK_THROWS_AS(live.update({qk::days(1), 100, 100, 100, 100, 1}), quantkit::data_error);
    CHECK_THROWS_AS(live.update({qk::days(2), 100, 99, 100, 100, 1}), quantkit::data_error);
    auto opt = no_frills();
    opt.initial_cash = 0.0;
    CHECK_THROWS_WITH_AS(bt::engine(scripted{}, qk::costs::zero_cost{}, opt),
                         "quantkit::backtest::options: initial_cash must be finite and > 0 (got 0)",
                         quantkit::invalid_argument);
    opt = no_frills();
    opt.max_volume_fraction = 1.5;
    CHECK_THROWS_AS(bt::engine(scripted{}, qk::costs::zero_cost{}, opt),
                    quantkit::invalid_argument);
    opt = no_frills();
    opt.risk.daily_loss_limit = -0.1;
    CHECK_THROWS_AS(bt::engine(scripted{}, qk::costs::zero_cost{}, opt),
                    quantkit::invalid_argument);
  }
}
