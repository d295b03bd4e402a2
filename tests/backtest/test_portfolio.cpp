// SPDX-License-Identifier: MIT
#include <quantkit/backtest/portfolio.hpp>
#include <quantkit/costs/models.hpp>

#include "backtest/bt_support.hpp"
#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;
using qk::test::approx;
using qk::test::make_bars;

namespace {
// Fixed weights from bar `from` on.
struct fixed_weights {
  std::vector<double> w{};
  std::size_t from = 0;
  void on_bars(std::span<const qk::bar>, const qs::portfolio_context& ctx, std::span<double> out) {
    if (ctx.index < from) return;
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = w[k];
  }
  void reset() {}
};
}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("run_portfolio: target weights at the next open, equity marked to every close") {
    // A: 100 -> 110 -> 121, B: 50 -> 50 -> 40 (opens = closes of the previous bar here)
    const auto a = make_bars({{100, 100, 100, 100}, {100, 110, 100, 110}, {110, 121, 110, 121}});
    const auto b = make_bars({{50, 50, 50, 50}, {50, 50, 50, 50}, {50, 50, 40, 40}});
    const std::vector<qk::bar_series_view> assets{a, b};
    bt::portfolio_options opt;
    opt.initial_cash = 10'000.0;
    const auto r =
        bt::run_portfolio(assets, fixed_weights{{0.5, 0.5}}, qk::costs::zero_cost{}, opt);
    // at the open of bar 1: 5,000 / 100 = 50 A, 5,000 / 50 = 100 B
    CHECK(r.final_positions[0] == approx(50.0));
    CHECK(r.final_positions[1] == approx(100.0));
    CHECK(r.equity[1] == approx(50 * 110.0 + 100 * 50.0));
    CHECK(r.final_equity == approx(50 * 121.0 + 100 * 40.0));
    CHECK(r.rebalances == 1);
    CHECK(r.turnover == approx(10'000.0));
  }

  TEST_CASE("run_portfolio: every-bar rebalancing restores the weights, costs reduce the budget") {
    const auto a = make_bars(
        {{100, 100, 100, 100}, {100, 110, 100, 110}, {110, 110, 110, 110}, {110, 110, 110, 110}});
    const auto b =
        make_bars({{50, 50, 50, 50}, {50, 50, 50, 50}, {50, 50, 50, 50}, {50, 50, 50, 50}});
    const std::vector<qk::bar_series_view> assets{a, b};
    bt::portfolio_options opt;
    opt.initial_cash = 10'000.0;
    opt.rebalance = bt::rebalance_policy::every_bar;
    const auto r =
        bt::run_portfolio(assets, fixed_weights{{0.5, 0.5}}, qk::costs::zero_cost{}, opt);
    // after bar 1: A worth 5,500, B 5,000, equity 10,500 -> at open 2: A 5,250 / 110, B 5,250 / 50
    CHECK(r.final_positions[0] == approx(5250.0 / 110.0));
    CHECK(r.final_positions[1] == approx(105.0));
    CHECK(r.final_equity == approx(10'500.0));
    // With 10 bp costs, weights 0.5/0.5 from flat: 2 x 0.5 x B x 1.001 = 10,000 -> B = 9,990.01
    bt::portfolio_options costly;
    costly.initial_cash = 10'000.0;
    const auto c =
        bt::run_portfolio(assets, fixed_weights{{0.5, 0.5}}, qk::costs::percentage(10.0), costly);
    const double budget = 10'000.0 / 1.001;
    CHECK(c.final_positions[0] == approx(0.5 * budget / 100.0, 1e-12));
    CHECK(c.costs[0].commission + c.costs[1].commission == approx(10'000.0 - budget, 1e-9));
  }

  TEST_CASE("run_portfolio: NaN weights leave an asset alone, gross exposure is capped") {
    const auto a = make_bars({{100, 100, 100, 100}, {100, 100, 100, 100}, {100, 100, 100, 100}});
    const auto b = make_bars({{50, 50, 50, 50}, {50, 50, 50, 50}, {50, 50, 50, 50}});
    const std::vector<qk::bar_series_view> assets{a, b};
    bt::portfolio_options opt;
    opt.initial_cash = 10'000.0;
    opt.max_gross_exposure = 1.0;
    const auto r =
        bt::run_portfolio(assets, fixed_weights{{1.5, -0.5}}, qk::costs::zero_cost{}, opt);
    // scaled by 1 / 2: 0.75 and -0.25 of 10,000
    CHECK(r.final_positions[0] == approx(75.0));
    CHECK(r.final_positions[1] == approx(-50.0));
    CHECK(r.scaled_rebalances == 1);
    const auto h =
        bt::run_portfolio(assets, fixed_weights{{0.5, std::nan("")}}, qk::costs::zero_cost{}, opt);
    CHECK(h.final_positions[0] == approx(50.0));
    CHECK(h.final_positions[1] == 0.0);
    bt::portfolio_options no_short = opt;
    no_short.allow_short = false;
    CHECK(bt::run_portfolio(assets, fixed_weights{{0.5, -0.5}}, qk::costs::zero_cost{}, no_short)
              .final_positions[1] == 0.0);
  }

  TEST_CASE("run_portfolio: per-asset trade logs and close_at_end") {
    const auto a = make_bars({{100, 100, 100, 100}, {100, 100, 100, 100}, {120, 120, 120, 120}});
    const auto b = make_bars({{50, 50, 50, 50}, {50, 50, 50, 50}, {45, 45, 45, 45}});
    const std::vector<qk::bar_series_view> assets{a, b};
    bt::portfolio_options opt;
    opt.initial_cash = 10'000.0;
    opt.close_at_end = true;
    const auto r =
        bt::run_portfolio(assets, fixed_weights{{0.5, 0.5}}, qk::costs::zero_cost{}, opt);
    REQUIRE(r.trades.size() == 2);
    REQUIRE(r.trades[0].size() == 1);
    CHECK(r.trades[0][0].pnl == approx(50 * 20.0));
    CHECK(r.trades[1][0].pnl == approx(-100 * 5.0));
    CHECK(r.trades[1][0].reason == bt::exit_reason::end_of_data);
    CHECK(r.final_equity == approx(10'500.0));
  }

  TEST_CASE("run_portfolio: unaligned series and bad options are clear errors") {
    const auto a = make_bars({{100, 100, 100, 100}, {100, 100, 100, 100}});
    auto b = make_bars({{50, 50, 50, 50}, {50, 50, 50, 50}});
    b.times_mut()[1] += qk::hours(1);
    const std::vector<qk::bar_series_view> assets{a, b};
    try {
      bt::run_portfolio(assets, fixed_weights{{0.5, 0.5}});
      FAIL("no throw");
    } catch (const qk::data_error& e) {
      CHECK(e.row() == 1);
      CHECK(std::string(e.what()).find("asset 1 row 1") != std::string::npos);
    }
    const auto shorter = make_bars({{50, 50, 50, 50}});
    const std::vector<qk::bar_series_view> uneven{a, shorter};
    CHECK_THROWS_AS(bt::run_portfolio(uneven, fixed_weights{{0.5, 0.5}}), qk::data_error);
    const std::vector<qk::bar_series_view> none;
    CHECK_THROWS_AS(bt::run_portfolio(none, fixed_weights{}), qk::invalid_argument);
    bt::portfolio_options opt;
    opt.max_gross_exposure = 0.0;
    const std::vector<qk::bar_series_view> one{a};
    CHECK_THROWS_AS(bt::run_portfolio(one, fixed_weights{{1.0}}, qk::costs::zero_cost{}, opt),
                    qk::invalid_argument);
  }
}
