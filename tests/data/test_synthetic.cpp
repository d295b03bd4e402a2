// SPDX-License-Identifier: MIT
#include <quantkit/core/validate.hpp>
#include <quantkit/data/csv.hpp>
#include <quantkit/data/synthetic.hpp>
#include <quantkit/stats/descriptive.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace qk = quantkit;
namespace st = quantkit::stats;

namespace {
std::vector<double> log_returns(qk::bar_series_view b) {
  std::vector<double> r;
  for (std::size_t i = 1; i < b.size(); ++i)
    r.push_back(std::log(b.closes()[i] / b.closes()[i - 1]));
  return r;
}
}  // namespace

TEST_SUITE("data") {
  TEST_CASE("gbm_series: log returns have the GBM mean and variance (within 5 standard errors)") {
    const qk::gbm_params p{.s0 = 50, .mu = 0.1, .sigma = 0.3, .periods_per_year = 252};
    const auto bars = qk::gbm_series(50'000, p, 1);
    CHECK_NOTHROW(qk::validate(bars));
    const auto r = log_returns(bars);
    const double dt = 1.0 / 252;
    const double var = 0.09 * dt;
    const double n = static_cast<double>(r.size());
    CHECK(std::fabs(st::mean(r) - (0.1 - 0.045) * dt) < 5.0 * std::sqrt(var / n));
    CHECK(std::fabs(st::variance(r, 1) - var) < 5.0 * var * std::sqrt(2.0 / n));
    CHECK(bars.times()[1] - bars.times()[0] == qk::days(1));
    CHECK(bars.opens()[1] == bars.closes()[0]);  // no overnight gap by default
  }

  TEST_CASE("gbm_series: deterministic, prefix-stable, overnight gaps, valid highs and lows") {
    const qk::gbm_params p{.overnight_fraction = 0.3};
    const auto a = qk::gbm_series(500, p, 9);
    const auto b = qk::gbm_series(500, p, 9);
    CHECK(a == b);
    CHECK(qk::gbm_series(100, p, 9) == qk::bar_series(a.view().first(100)));
    CHECK(qk::gbm_series(500, p, 10) != a);
    CHECK(a.opens()[1] != a.closes()[0]);
    CHECK_NOTHROW(qk::validate(a));
    // The bridge maximum: E[max - max(open, close)] > 0, and highs never below the body.
    for (const auto& x : a) {
      REQUIRE(x.high >= std::max(x.open, x.close));
      REQUIRE(x.low <= std::min(x.open, x.close));
    }
  }

  TEST_CASE("merton_series: jump frequency and compensated drift") {
    // 10 jumps a year of fixed size -0.2 (jump_sd 0): daily moves below -0.15 are jumps.
    const qk::merton_params p{.s0 = 100,
                              .mu = 0.05,
                              .sigma = 0.1,
                              .lambda = 10,
                              .jump_mean = -0.2,
                              .jump_sd = 0.0,
                              .periods_per_year = 252};
    const auto bars = qk::merton_series(25'200, p, 4);  // 100 years
    CHECK_NOTHROW(qk::validate(bars));
    const auto r = log_returns(bars);
    std::size_t jumps = 0;
    for (double x : r) jumps += x < -0.15 ? 1u : 0u;
    // Poisson(10 x 100 years): mean 1000, sd ~31.6.
    CHECK(std::fabs(static_cast<double>(jumps) - 10.0 * static_cast<double>(r.size()) / 252.0) <
          5.0 * std::sqrt(1000.0));
    // E[S_t] = S_0 e^{mu t}: the mean of exp(daily log return) is e^{mu dt}.
    double m = 0.0;
    for (double x : r) m += std::exp(x);
    m /= static_cast<double>(r.size());
    const double sd_of_mean =
        std::sqrt((0.01 * 0.01 / 252 + 10.0 / 252 * 0.04) / static_cast<double>(r.size()));
    CHECK(std::fabs(m - std::exp(0.05 / 252)) < 5.0 * sd_of_mean);
  }

  TEST_CASE("garch_series: unconditional variance omega / (1 - alpha - beta), Student-t too") {
    // 200,000 one-minute bars (at one bar a day they would run past year 2262).
    const qk::synthetic_clock minute_clock{.interval = qk::minutes(1)};
    const qk::garch_params p{
        .mu = 0.0, .omega = 1e-5, .alpha = 0.1, .beta = 0.8, .clock = minute_clock};
    const auto g = qk::garch_series(200'000, p, 3);
    CHECK_NOTHROW(qk::validate(g.bars));
    REQUIRE(g.returns.size() == 200'000);
    const double uncond = 1e-5 / (1.0 - 0.1 - 0.8);
    // GARCH returns are dependent and heavy-tailed: allow 5% (the estimate's sd here is ~1.5%).
    CHECK(std::fabs(st::variance(g.returns) / uncond - 1.0) < 0.05);
    CHECK(g.sigma[0] == quantkit::test::approx(std::sqrt(uncond)));
    // Volatility clustering: squared returns are positively autocorrelated.
    std::vector<double> sq;
    for (double x : g.returns) sq.push_back(x * x);
    const double mean_sq = st::mean(sq);
    double num = 0.0, den = 0.0;
    for (std::size_t i = 1; i < sq.size(); ++i) num += (sq[i] - mean_sq) * (sq[i - 1] - mean_sq);
    for (double x : sq) den += (x - mean_sq) * (x - mean_sq);
    CHECK(num / den > 0.05);
    const qk::garch_params tp{.omega = 1e-5,
                              .alpha = 0.1,
                              .beta = 0.8,
                              .innovation = qk::garch_innovation::student_t,
                              .nu = 6,
                              .clock = minute_clock};
    const auto gt = qk::garch_series(200'000, tp, 3);
    CHECK(std::fabs(st::variance(gt.returns) / uncond - 1.0) < 0.08);
    CHECK(st::kurtosis(gt.returns) > st::kurtosis(g.returns));
  }

  TEST_CASE("block_bootstrap_series: OHLC-consistent chains of real moves, all block schemes") {
    const auto ttrc = qk::read_csv(quantkit::test::example_data_path("ttrc.csv")).bars;
    for (auto scheme : {qk::bootstrap_blocks::moving, qk::bootstrap_blocks::circular,
                        qk::bootstrap_blocks::stationary}) {
      const auto s =
          qk::block_bootstrap_series(ttrc, 3000, {.block_length = 10, .blocks = scheme}, 5);
      REQUIRE(s.size() == 3000);
      CHECK_NOTHROW(qk::validate(s));
      CHECK(s.opens()[0] / ttrc.closes()[0] > 0.5);
      CHECK(s.times()[1] - s.times()[0] == qk::days(1));  // the median spacing of ttrc
      // Every generated close-to-close move is one of ttrc's moves.
      const auto r = log_returns(s);
      const auto src = log_returns(ttrc);
      std::vector<double> sorted = src;
      std::sort(sorted.begin(), sorted.end());
      for (std::size_t i = 0; i < 50; ++i) {
        // The chained ratio is the source's up to rounding: a match within 1e-12.
        const auto it = std::lower_bound(sorted.begin(), sorted.end(), r[i] - 1e-12);
        REQUIRE(it != sorted.end());
        REQUIRE(std::fabs(*it - r[i]) < 1e-12);
      }
    }
    CHECK(qk::block_bootstrap_series(ttrc, 100, {}, 1) ==
          qk::block_bootstrap_series(ttrc, 100, {}, 1));
  }

  TEST_CASE("synthetic: bad parameters throw invalid_argument") {
    CHECK_THROWS_AS(qk::gbm_series(10, {.s0 = 0}, 1), qk::invalid_argument);
    CHECK_THROWS_AS(qk::gbm_series(10, {.sigma = -0.1}, 1), qk::invalid_argument);
    CHECK_THROWS_AS(qk::gbm_series(10, {.overnight_fraction = 1.5}, 1), qk::invalid_argument);
    CHECK_THROWS_AS(qk::merton_series(10, {.lambda = -1}, 1), qk::invalid_argument);
    CHECK_THROWS_WITH_AS(qk::garch_series(10, {.alpha = 0.2, .beta = 0.8}, 1),
                         "quantkit::garch_series: beta must satisfy alpha + beta < 1 (covariance "
                         "stationarity) (got 0.8)",
                         qk::invalid_argument);
    CHECK_THROWS_AS(
        qk::garch_series(10, {.innovation = qk::garch_innovation::student_t, .nu = 2}, 1),
        qk::invalid_argument);
    qk::bar_series two;
    two.push_back({0, 1, 1, 1, 1, 1});
    two.push_back({1, 1, 1, 1, 1, 1});
    CHECK_THROWS_AS(qk::block_bootstrap_series(two, 10, {}, 1), qk::invalid_argument);
    const auto ok = qk::gbm_series(50, {}, 1);
    CHECK_THROWS_AS(qk::block_bootstrap_series(ok, 10, {.block_length = 0}, 1),
                    qk::invalid_argument);
    CHECK_THROWS_AS(qk::block_bootstrap_series(
                        ok, 10, {.block_length = 60, .blocks = qk::bootstrap_blocks::moving}, 1),
                    qk::invalid_argument);
    CHECK(qk::gbm_series(0, {}, 1).empty());
    CHECK_THROWS_WITH_AS(qk::gbm_series(200'000, {}, 1),
                         "quantkit::gbm_series: n bars at this interval would run past the "
                         "representable time range (year 2262) (got 200000)",
                         qk::invalid_argument);
  }
}
