// SPDX-License-Identifier: MIT
#include <quantkit/backtest/records.hpp>
#include <quantkit/montecarlo/trade_bootstrap.hpp>
#include <quantkit/samplers/resample.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace montecarlo_test_trade_bootstrap {  // own scope for unity builds

namespace qk = quantkit;
namespace mc = quantkit::montecarlo;
using quantkit::test::approx;

namespace {
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
const std::vector<double> sample_trades{0.021, -0.013, 0.035, -0.02,  0.004,  -0.008, 0.012,
                                        -0.031, 0.017, 0.009,  -0.004, 0.026, -0.015, 0.002};
}  // namespace

TEST_SUITE("montecarlo") {
  TEST_CASE("trade bootstrap: mean final equity is (1 + mean)^M within the Monte Carlo error") {
    // iid draws are independent, so E[prod (1 + r_k)] = (1 + mean(r))^M exactly and
    // Var = (mean((1 + r)^2))^M - (1 + mean(r))^(2M). The sample mean of n paths must lie within
    // 4 standard errors sqrt(Var / n) (a 4-sigma band: fails by chance with p ~ 6e-5).
    const std::size_t m = 200;
    const std::size_t n = 20000;
    double mean = 0.0;
    double mean_sq = 0.0;
    for (double r : sample_trades) {
      mean += r;
      mean_sq += (1.0 + r) * (1.0 + r);
    }
    mean /= static_cast<double>(sample_trades.size());
    mean_sq /= static_cast<double>(sample_trades.size());
    const double expected = std::pow(1.0 + mean, static_cast<double>(m));
    const double var = std::pow(mean_sq, static_cast<double>(m)) - expected * expected;
    const double se = std::sqrt(var / static_cast<double>(n));
    mc::trade_bootstrap_options o;
    o.trades_per_path = m;
    o.ruin_level = 0.0;  // compounded returns > -1 never reach 0: no ruin stops a path
    const auto r = mc::bootstrap_trades(sample_trades, n, 7, o);
    CAPTURE(expected);
    CAPTURE(se);
    CHECK(std::fabs(r.final_equity_summary.mean - expected) < 4.0 * se);
    // The path variance estimates Var: its relative error is about sqrt(kurtosis / n) ~ 2-5% here.
    CHECK(r.final_equity_summary.variance == approx(var, 0.15));
    CHECK(r.mean_final_equity_se == approx(r.final_equity_summary.stddev / std::sqrt(20000.0), 1e-15));
    CHECK(r.risk_of_ruin == 0.0);

    // Additive P&L: E[final] = e0 + M mean(x), Var = M var(x) (population variance of the trades).
    mc::trade_bootstrap_options a;
    a.model = mc::equity_model::additive;
    a.initial_equity = 100.0;
    a.ruin_level = -1e9;
    a.trades_per_path = m;
    const auto ra = mc::bootstrap_trades(sample_trades, n, 8, a);
    double pvar = 0.0;
    for (double x : sample_trades) pvar += (x - mean) * (x - mean);
    pvar /= static_cast<double>(sample_trades.size());
    const double se_a = std::sqrt(static_cast<double>(m) * pvar / static_cast<double>(n));
    CHECK(std::fabs(ra.final_equity_summary.mean - (100.0 + static_cast<double>(m) * mean)) <
          4.0 * se_a);
  }

  TEST_CASE("trade bootstrap: gambler's ruin of a +-1 random walk with absorbing barriers") {
    // Start at k = 10 units, ruin at 0, stop at N = 20. Fair coin: P(ruin) = 1 - k/N = 0.5.
    // p = 0.6 (three +1 and two -1 trades), r = q/p: P(ruin) = (r^k - r^N) / (1 - r^N)
    // = 0.017045927454929825 (python). M = 5000 steps leaves P(not absorbed) ~ exp(-60).
    mc::trade_bootstrap_options o;
    o.model = mc::equity_model::additive;
    o.initial_equity = 10.0;
    o.ruin_level = 0.0;
    o.target_level = 2.0;
    o.trades_per_path = 5000;
    const std::size_t n = 20000;
    const auto fair = mc::bootstrap_trades(std::vector<double>{1.0, -1.0}, n, 11, o);
    const double se_fair = std::sqrt(0.25 / static_cast<double>(n));
    CHECK(std::fabs(fair.risk_of_ruin - 0.5) < 4.0 * se_fair);
    CHECK(fair.risk_of_ruin + fair.probability_of_target == 1.0);
    const auto biased =
        mc::bootstrap_trades(std::vector<double>{1.0, 1.0, 1.0, -1.0, -1.0}, n, 12, o);
    const double p = 0.017045927454929825;
    CHECK(std::fabs(biased.risk_of_ruin - p) < 4.0 * std::sqrt(p * (1 - p) / static_cast<double>(n)));
    // A ruined path stops at 0, a winning one at 20: final equity takes only those two values.
    for (double e : biased.final_equity) CHECK((e == 0.0 || e == 20.0));
  }

  TEST_CASE("trade bootstrap: finite-horizon ruin of a fair walk matches the reflection principle") {
    // P(min_{t <= 100} S_t <= -5) = P(S_100 >= 5) + P(S_100 > 5) = 2 P(Bin(100, 1/2) >= 53)
    // = 0.6172994135892521 (scipy.stats.binom.sf(52, 100, 0.5) * 2).
    mc::trade_bootstrap_options o;
    o.model = mc::equity_model::additive;
    o.initial_equity = 5.0;
    o.ruin_level = 0.0;
    o.trades_per_path = 100;
    const std::size_t n = 20000;
    const auto r = mc::bootstrap_trades(std::vector<double>{1.0, -1.0}, n, 3, o);
    const double p = 0.6172994135892521;
    CHECK(std::fabs(r.risk_of_ruin - p) < 4.0 * std::sqrt(p * (1 - p) / static_cast<double>(n)));
    for (std::size_t i = 0; i < r.ruin_trade.size(); ++i) {
      if (r.ruin_trade[i] != 0) {
        CHECK(r.final_equity[i] == 0.0);
        CHECK(r.ruin_trade[i] >= 5);  // the walk needs at least 5 steps down
        CHECK(r.ruin_trade[i] % 2 == 1);  // parity: -5 is reached at odd times only
      }
    }
  }

  TEST_CASE("trade bootstrap: a constant losing trade gives hand-computable paths") {
    // Every draw is -10%: equity 0.9^k, ruined at k = 7 (0.9^6 = 0.531 > 0.5 >= 0.9^7 = 0.478),
    // max drawdown 0.9^7 - 1, under water for all 7 trades.
    for (auto method : {mc::trade_resampling::iid, mc::trade_resampling::block}) {
      mc::trade_bootstrap_options o;
      o.method = method;
      o.trades_per_path = 20;
      o.block_length = 3;
      const auto r = mc::bootstrap_trades(std::vector<double>{-0.1}, 5, 1, o);
      for (std::size_t i = 0; i < 5; ++i) {
        CHECK(r.ruin_trade[i] == 7);
        CHECK(r.final_equity[i] == approx(std::pow(0.9, 7), 1e-14));
        CHECK(r.max_drawdown[i] == approx(std::pow(0.9, 7) - 1.0, 1e-14));
        CHECK(r.longest_under_water[i] == 7);
      }
      CHECK(r.risk_of_ruin == 1.0);
      CHECK(r.probability_of_profit == 0.0);
    }
  }

  TEST_CASE("trade bootstrap: permutation keeps the final equity and reorders the path") {
    // Additive integer P&L: every permutation sums to the same final equity exactly; drawdowns
    // differ between orders. Sum = 3 + 5 - 4 - 6 + 2 = 0 -> final 100.
    mc::trade_bootstrap_options o;
    o.method = mc::trade_resampling::permutation;
    o.model = mc::equity_model::additive;
    o.initial_equity = 100.0;
    const std::vector<double> pnl{3.0, 5.0, -4.0, -6.0, 2.0};
    const auto r = mc::bootstrap_trades(pnl, 200, 5, o);
    for (double e : r.final_equity) CHECK(e == 100.0);
    CHECK(r.max_drawdown_summary.min < r.max_drawdown_summary.max);
    // The deepest possible drawdown is the whole 10-point loss taken from the lowest peak, the
    // start: -4, -6 first gives -10/100. 1 order in 10 starts that way, so 200 paths show it.
    CHECK(r.max_drawdown_summary.min == approx(-0.1, 1e-15));
    o.trades_per_path = 6;
    CHECK_THROWS_AS(mc::bootstrap_trades(pnl, 10, 5, o), qk::invalid_argument);
  }

  TEST_CASE("trade bootstrap: results are bit-identical for 1, 2 and 4 threads") {
    for (auto method : {mc::trade_resampling::iid, mc::trade_resampling::block,
                        mc::trade_resampling::permutation}) {
      std::vector<mc::trade_bootstrap_result> runs;
      for (std::size_t t : {1u, 2u, 4u}) {
        mc::trade_bootstrap_options o;
        o.method = method;
        o.execution.threads = t;
        runs.push_back(mc::bootstrap_trades(sample_trades, 1000, 99, o));
      }
      for (std::size_t k = 1; k < runs.size(); ++k) {
        CHECK(same_bits(runs[0].final_equity, runs[k].final_equity));
        CHECK(same_bits(runs[0].max_drawdown, runs[k].max_drawdown));
        CHECK(runs[0].longest_under_water == runs[k].longest_under_water);
        CHECK(runs[0].risk_of_ruin == runs[k].risk_of_ruin);
      }
    }
  }

  TEST_CASE("trade bootstrap: a path's outcome does not depend on n (grouped or single walk)") {
    // Paths run four at a time when they can (bootstrap_trades' walk_group) and one at a time at
    // the end of a chunk: path 4 is single for n = 5 and grouped for n = 8, with equal results.
    for (auto method : {mc::trade_resampling::iid, mc::trade_resampling::block}) {
      mc::trade_bootstrap_options o;
      o.method = method;
      o.trades_per_path = 700;  // more than one 256-trade block
      o.ruin_level = 0.97;      // paths stop early at either barrier
      o.target_level = 1.15;
      const auto a = mc::bootstrap_trades(sample_trades, 5, 13, o);
      const auto b = mc::bootstrap_trades(sample_trades, 8, 13, o);
      for (std::size_t i = 0; i < 5; ++i) {
        CHECK(std::memcmp(&a.final_equity[i], &b.final_equity[i], sizeof(double)) == 0);
        CHECK(std::memcmp(&a.max_drawdown[i], &b.max_drawdown[i], sizeof(double)) == 0);
        CHECK(a.longest_under_water[i] == b.longest_under_water[i]);
        CHECK(a.ruin_trade[i] == b.ruin_trade[i]);
      }
      CHECK(b.risk_of_ruin > 0.0);
      CHECK(b.probability_of_target > 0.0);
    }
  }

  TEST_CASE("trade bootstrap: any samplers resampler drives the paths (stationary blocks)") {
    // Path i is the resampler's replicate i of the growth factors 1 + r (its documented stream,
    // rng(seed, i)), compounded in order from 1: recompute it here with the samplers API.
    std::vector<double> growth;
    for (double r : sample_trades) growth.push_back(1.0 + r);
    for (auto rs : {quantkit::samplers::resampler::stationary(3.0),
                    quantkit::samplers::resampler::moving_block(4.0)}) {
      mc::trade_bootstrap_options o;
      o.resampler = rs;
      o.ruin_level = 0.0;
      o.execution.threads = 2;
      const auto r = mc::bootstrap_trades(sample_trades, 50, 21, o);
      for (std::size_t i = 0; i < 50; ++i) {
        const auto path = rs.resample(growth, 21, i);
        double e = 1.0;
        for (double g : path) e = e * g;
        CHECK(std::memcmp(&e, &r.final_equity[i], sizeof e) == 0);
      }
    }
    mc::trade_bootstrap_options bad;
    bad.resampler = quantkit::samplers::resampler::moving_block(100.0);  // longer than 14 trades
    CHECK_THROWS_AS(mc::bootstrap_trades(sample_trades, 5, 1, bad), qk::invalid_argument);
  }

  TEST_CASE("trade bootstrap: a backtest trade log is read through a member pointer") {
    std::vector<qk::backtest::trade> log(sample_trades.size());
    for (std::size_t i = 0; i < log.size(); ++i) log[i].return_ = sample_trades[i];
    const auto a = mc::bootstrap_trades(sample_trades, 300, 4);
    const auto b = mc::bootstrap_trades(log, &qk::backtest::trade::return_, 300, 4);
    CHECK(same_bits(a.final_equity, b.final_equity));
    qk::backtest::result res;
    res.trades = log;
    const auto c = mc::bootstrap_trades(res, 300, 4);
    CHECK(same_bits(a.final_equity, c.final_equity));
    CHECK_THROWS_AS(mc::bootstrap_trades(qk::backtest::result{}, 300, 4), qk::invalid_argument);
  }

  TEST_CASE("trade bootstrap: progress, cancellation and percentiles") {
    mc::trade_bootstrap_options o;
    std::size_t last = 0;
    o.execution.threads = 1;
    o.execution.progress_interval = std::chrono::milliseconds(0);
    o.execution.progress = [&](std::size_t done, std::size_t total) {
      CHECK(total == 500);
      CHECK(done >= last);
      last = done;
    };
    const auto r = mc::bootstrap_trades(sample_trades, 500, 2, o);
    CHECK(last == 500);
    CHECK(r.report.completed == 500);
    CHECK(r.final_equity_summary.percentile(50) == r.final_equity_summary.median);
    qk::cancel_token tok;
    tok.cancel();
    mc::trade_bootstrap_options c;
    c.execution.cancel = tok;
    const auto rc = mc::bootstrap_trades(sample_trades, 500, 2, c);
    CHECK(rc.report.cancelled);
    CHECK(rc.report.completed == 0);
    CHECK(rc.final_equity.empty());
    CHECK(std::isnan(rc.risk_of_ruin));
  }

  TEST_CASE("trade bootstrap: bad input throws invalid_argument naming the parameter") {
    auto throws_param = [](auto&& call, const char* param) {
      try {
        call();
        FAIL("no exception");
      } catch (const qk::invalid_argument& e) {
        CHECK(e.parameter() == param);
        CHECK(std::string(e.what()).rfind("quantkit::montecarlo::bootstrap_trades: ", 0) == 0);
      }
    };
    const std::vector<double> t{0.01, -0.02};
    throws_param([&] { mc::bootstrap_trades(std::vector<double>{}, 10, 1); }, "trade_values");
    throws_param([&] { mc::bootstrap_trades(t, 0, 1); }, "n");
    throws_param(
        [&] { mc::bootstrap_trades(std::vector<double>{0.1, std::nan("")}, 10, 1); },
        "trade_values");
    throws_param([&] { mc::bootstrap_trades(std::vector<double>{-1.0}, 10, 1); }, "trade_values");
    mc::trade_bootstrap_options o;
    o.block_length = 0;
    o.method = mc::trade_resampling::block;
    throws_param([&] { mc::bootstrap_trades(t, 10, 1, o); }, "block_length");
    o = {};
    o.initial_equity = 0.0;
    throws_param([&] { mc::bootstrap_trades(t, 10, 1, o); }, "initial_equity");
    o = {};
    o.ruin_level = 1.0;
    throws_param([&] { mc::bootstrap_trades(t, 10, 1, o); }, "ruin_level");
    o = {};
    o.target_level = 1.0;
    throws_param([&] { mc::bootstrap_trades(t, 10, 1, o); }, "target_level");
    o = {};
    o.percentiles = {-1.0};
    throws_param([&] { mc::bootstrap_trades(t, 10, 1, o); }, "percentiles");
    o = {};
    o.histogram_bins = 0;
    throws_param([&] { mc::bootstrap_trades(t, 10, 1, o); }, "histogram_bins");
  }
}

}  // namespace montecarlo_test_trade_bootstrap
