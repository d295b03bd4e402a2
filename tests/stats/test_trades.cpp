// SPDX-License-Identifier: MIT
#include <quantkit/stats/trades.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace stats_test_trades {  // own scope for unity builds

namespace st = quantkit::stats;
using quantkit::test::approx;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("trades: statistics of a hand-computed trade list") {
    // Outcomes W W L B W L L W (B = breakeven):
    //   wins {1, 2, 3, 4}: 4, gross profit 10, average 2.5; losses {-1, -2, -1}: 3, gross -4,
    //   average -4/3; N = 8, W = 0.5; payoff R = 2.5 / (4/3) = 1.875; profit factor 10 / 4 = 2.5;
    //   mean 6 / 8 = 0.75; sum x^2 = 36, var = (36 - 8 * 0.75^2) / 7 = 4.5;
    //   SQN = sqrt(8) 0.75 / sqrt(4.5) = 0.75 * 4 / 3 = 1; Kelly = 0.5 - 0.5 / 1.875 = 7 / 30;
    //   longest streaks: wins 2 (1, 2), losses 2 (-2, -1).
    const std::vector<double> x = {1.0, 2.0, -1.0, 0.0, 3.0, -2.0, -1.0, 4.0};
    const auto s = st::trade_stats(x);
    CHECK(s.count == 8);
    CHECK(s.wins == 4);
    CHECK(s.losses == 3);
    CHECK(s.breakeven == 1);
    CHECK(s.win_rate == 0.5);
    CHECK(s.gross_profit == 10.0);
    CHECK(s.gross_loss == -4.0);
    CHECK(s.average_win == 2.5);
    CHECK(s.average_loss == approx(-4.0 / 3.0, 1e-15));
    CHECK(s.largest_win == 4.0);
    CHECK(s.largest_loss == -2.0);
    CHECK(s.payoff_ratio == approx(1.875, 1e-15));
    CHECK(s.profit_factor == 2.5);
    CHECK(s.expectancy == 0.75);
    CHECK(s.stddev == approx(std::sqrt(4.5), 1e-15));
    CHECK(s.sqn == approx(1.0, 1e-15));
    CHECK(s.kelly == approx(7.0 / 30.0, 1e-15));
    CHECK(s.longest_win_streak == 2);
    CHECK(s.longest_loss_streak == 2);
    // SQN with N capped at 4: sqrt(4) 0.75 / sqrt(4.5) = 1 / sqrt(2).
    CHECK(st::trade_stats(x, {.sqn_max_trades = 4}).sqn == approx(1.0 / std::sqrt(2.0), 1e-15));
    CHECK(st::trade_stats(x, {.sqn_max_trades = 100}).sqn == approx(1.0, 1e-15));
    // NaN outcomes are skipped and do not break a streak.
    const std::vector<double> with_nan = {1.0, qnan, 2.0, -1.0, 0.0, 3.0, -2.0, -1.0, 4.0, qnan};
    const auto t = st::trade_stats(with_nan);
    CHECK(t.count == 8);
    CHECK(t.sqn == s.sqn);
    CHECK(t.longest_win_streak == 2);
  }

  TEST_CASE("trades: the 400 trade returns against scipy's descriptive statistics") {
    const auto r = quantkit::test::load_csv("stats/inputs/trades.csv").numbers("return");
    const auto j = quantkit::test::load_json("stats/scipy_stats.json");
    const auto& d = j["descriptive"]["trades"];
    const auto s = st::trade_stats(r);
    CHECK(static_cast<double>(s.count) == d["n"].num());
    CHECK(static_cast<double>(s.wins) == j["binomtest"]["k"].num());  // k = #(trades > 0)
    CHECK(s.expectancy == approx(d["mean"].num(), 1e-13));
    CHECK(s.stddev == approx(d["std_ddof1"].num(), 1e-13));
    CHECK(s.largest_win == d["max"].num());
    CHECK(s.largest_loss == d["min"].num());
    CHECK(s.sqn == approx(std::sqrt(400.0) * d["mean"].num() / d["std_ddof1"].num(), 1e-12));
    CHECK(s.sqn == approx(d["mean"].num() / d["sem"].num(), 1e-12));  // sqrt(N) mean / sd
    // Independent computation of the rest: plain loops over the sample.
    double gp = 0.0;
    double gl = 0.0;
    std::size_t w = 0;
    std::size_t l = 0;
    std::size_t run_w = 0;
    std::size_t run_l = 0;
    std::size_t best_w = 0;
    std::size_t best_l = 0;
    for (double v : r) {
      if (v > 0) {
        gp += v;
        ++w;
        run_l = 0;
        best_w = std::max(best_w, ++run_w);
      } else if (v < 0) {
        gl += v;
        ++l;
        run_w = 0;
        best_l = std::max(best_l, ++run_l);
      } else {
        run_w = run_l = 0;
      }
    }
    CHECK(s.losses == l);
    CHECK(s.breakeven == 400 - w - l);
    CHECK(s.gross_profit == approx(gp, 1e-13));
    CHECK(s.gross_loss == approx(gl, 1e-13));
    CHECK(s.profit_factor == approx(gp / -gl, 1e-13));
    const double payoff = (gp / static_cast<double>(w)) / (-gl / static_cast<double>(l));
    CHECK(s.payoff_ratio == approx(payoff, 1e-13));
    const double win_rate = static_cast<double>(w) / 400.0;
    CHECK(s.kelly == approx(win_rate - (1.0 - win_rate) / payoff, 1e-12));
    CHECK(s.longest_win_streak == best_w);
    CHECK(s.longest_loss_streak == best_l);
  }

  TEST_CASE("trades: a trade log is read in place through double_view") {
    struct fill {
      int id = 0;
      double pnl = 0.0;
      char side = 'L';
      double mae = 0.0;
      double mfe = 0.0;
    };
    const std::vector<fill> log = {
        {1, 150.0, 'L', -0.02, 0.03}, {2, -50.0, 'S', -0.05, 0.01}, {3, 75.0, 'L', -0.01, 0.06}};
    const auto s = st::trade_stats(st::double_view(log, &fill::pnl));
    CHECK(s.count == 3);
    CHECK(s.gross_profit == 225.0);
    CHECK(s.profit_factor == 4.5);
    std::vector<st::trade_record> trades(2);
    trades[0].return_ = 0.01;
    trades[1].return_ = -0.02;
    const auto r = st::trade_stats(st::double_view(trades, &st::trade_record::return_));
    CHECK(r.wins == 1);
    CHECK(r.average_loss == -0.02);
    // MAE / MFE as signed returns: mean, median, worst (minimum), best (maximum).
    const auto mae = st::excursion_stats(st::double_view(log, &fill::mae));
    CHECK(mae.count == 3);
    CHECK(mae.mean == approx(-0.08 / 3.0, 1e-15));
    CHECK(mae.median == -0.02);
    CHECK(mae.worst == -0.05);
    CHECK(mae.best == -0.01);
    const std::vector<double> mfe = {0.03, 0.01, qnan, 0.06, 0.02};
    const auto fe = st::excursion_stats(mfe);
    CHECK(fe.count == 4);
    CHECK(fe.mean == approx(0.03, 1e-15));
    CHECK(fe.median == approx(0.025, 1e-15));  // (0.02 + 0.03) / 2
    CHECK(fe.worst == 0.01);
    CHECK(fe.best == 0.06);
  }

  TEST_CASE("trades: degenerate samples") {
    // Empty and all-NaN: nothing to count.
    for (const auto& x : {std::vector<double>{}, std::vector<double>{qnan, qnan}}) {
      const auto s = st::trade_stats(x);
      CHECK(s.count == 0);
      CHECK(std::isnan(s.win_rate));
      CHECK(std::isnan(s.expectancy));
      CHECK(std::isnan(s.sqn));
      CHECK(std::isnan(s.kelly));
      CHECK(std::isnan(s.profit_factor));
      CHECK(s.gross_profit == 0.0);
      CHECK(s.longest_win_streak == 0);
      const auto e = st::excursion_stats(x);
      CHECK(e.count == 0);
      CHECK(std::isnan(e.mean));
      CHECK(std::isnan(e.median));
    }
    // Only wins: no loss, so profit factor +inf, payoff and Kelly NaN (no average loss).
    const std::vector<double> wins = {0.01, 0.02, 0.03};
    const auto w = st::trade_stats(wins);
    CHECK(w.profit_factor == inf);
    CHECK(std::isnan(w.payoff_ratio));
    CHECK(std::isnan(w.kelly));
    CHECK(w.longest_win_streak == 3);
    CHECK(std::isnan(w.largest_loss));
    // Identical trades: zero dispersion, SQN NaN (like a Sharpe ratio).
    const auto same = st::trade_stats(std::vector<double>(5, 0.01));
    CHECK(same.stddev == 0.0);
    CHECK(std::isnan(same.sqn));
    // One trade: no standard deviation.
    const auto one = st::trade_stats(std::vector<double>{-0.01});
    CHECK(std::isnan(one.stddev));
    CHECK(std::isnan(one.sqn));
    CHECK(one.win_rate == 0.0);
    // Only breakeven trades: 0 / 0 profit factor.
    const auto flat = st::trade_stats(std::vector<double>(3, 0.0));
    CHECK(flat.breakeven == 3);
    CHECK(std::isnan(flat.profit_factor));
    CHECK(flat.win_rate == 0.0);
    CHECK(flat.longest_win_streak == 0);
  }
}

}  // namespace stats_test_trades
