// SPDX-License-Identifier: MIT
#include <quantkit/backtest/summary.hpp>
#include <quantkit/backtest/vectorized.hpp>
#include <quantkit/data/synthetic.hpp>
#include <quantkit/montecarlo/synthetic_paths.hpp>
#include <quantkit/strategies/ma_crossover.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace montecarlo_test_synthetic_paths {  // own scope for unity builds

namespace qk = quantkit;
namespace mc = quantkit::montecarlo;
using quantkit::test::approx;

namespace {
qk::bar_series closes_to_bars(const std::vector<double>& closes) {
  qk::bar_series s;
  double prev = closes.front();
  for (std::size_t i = 0; i < closes.size(); ++i) {
    const double c = closes[i];
    s.push_back({qk::make_timestamp(2020, 1, 1) + qk::days(static_cast<std::int64_t>(i)), prev,
                 std::max(prev, c), std::min(prev, c), c, 1000.0});
    prev = c;
  }
  return s;
}
qk::bar_series source_bars() {
  qk::gbm_params p;
  p.mu = 0.08;
  p.sigma = 0.25;
  return qk::gbm_series(400, p, 2024);
}
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
}  // namespace

TEST_SUITE("montecarlo") {
  TEST_CASE("synthetic: fit_gbm by hand on three log returns") {
    // closes 100, 110, 99, 108.9: l = ln 1.1, ln 0.9, ln 1.1. numpy: sigma = sqrt(var(l, ddof=1)
    // * 252) = 1.8391773034294736, mu = mean(l) * 252 + sigma^2 / 2 = 8.853113468594241.
    const auto f = mc::fit_gbm(closes_to_bars({100.0, 110.0, 99.0, 108.9}), 252.0);
    CHECK(f.returns == 3);
    CHECK(f.sigma == approx(1.8391773034294736, 1e-13));
    CHECK(f.mu == approx(8.853113468594241, 1e-13));
  }

  TEST_CASE("synthetic: fit_gbm recovers GBM parameters within their standard errors") {
    // n = 20000 daily bars: SE(sigma) ~ sigma / sqrt(2 n) = 0.0015, SE(mu) ~ sigma sqrt(252 / n)
    // = 0.034. Bounds are 4 SE.
    qk::gbm_params p;
    p.mu = 0.1;
    p.sigma = 0.3;
    const auto f = mc::fit_gbm(qk::gbm_series(20000, p, 99), 252.0);
    CHECK(std::fabs(f.sigma - 0.3) < 4 * 0.0015);
    CHECK(std::fabs(f.mu - 0.1) < 4 * 0.034);
  }

  TEST_CASE("synthetic: fit_merton finds large rare jumps") {
    // lambda = 10 jumps a year of N(-0.08, 0.02^2) on a 0.2 diffusion (daily sd 0.0126): the 4
    // robust-sd threshold (~0.05) catches the ~90% of jump returns beyond it (a jump plus the
    // day's diffusion is N(-0.08, 0.0237^2); P(> -0.0504) = Phi(-1.25) = 0.106), so lambda lands
    // near 9 and the caught jumps are a truncated normal: mean -0.08 - 0.0237 phi(1.25) /
    // Phi(1.25) = -0.0848 (the threshold estimator's known bias), SE ~ 0.001.
    qk::merton_params p;
    p.mu = 0.05;
    p.sigma = 0.2;
    p.lambda = 10.0;
    p.jump_mean = -0.08;
    p.jump_sd = 0.02;
    const auto f = mc::fit_merton(qk::merton_series(20000, p, 5), 252.0);
    CHECK(f.lambda > 8.3);
    CHECK(f.lambda < 10.5);
    CHECK(std::fabs(f.jump_mean + 0.0848) < 0.004);
    CHECK(std::fabs(f.sigma - 0.2) < 0.01);
    CHECK(f.jumps > 600);
    // Without jumps in the data the fit is GBM's (no return beyond 4 robust sd... or a handful).
    const auto g = mc::fit_merton(source_bars(), 252.0);
    CHECK(g.jumps <= 2);
    CHECK_THROWS_AS(mc::fit_merton(source_bars(), 252.0, 0.0), qk::invalid_argument);
    CHECK_THROWS_AS(mc::fit_gbm(closes_to_bars({100.0, 101.0}), 252.0), qk::invalid_argument);
    CHECK_THROWS_AS(mc::fit_gbm(source_bars(), -1.0), qk::invalid_argument);
  }

  TEST_CASE("synthetic: the objective sees synthetic_path(i), identical for 1, 2 and 4 threads") {
    const auto src = source_bars();
    for (auto model : {mc::path_model::gbm, mc::path_model::merton,
                       mc::path_model::block_bootstrap, mc::path_model::stationary_bootstrap}) {
      CAPTURE(static_cast<int>(model));
      std::vector<mc::synthetic_result> res;
      for (std::size_t t : {1u, 2u, 4u}) {
        mc::synthetic_options o;
        o.model = model;
        o.bars = 250;
        o.execution.threads = t;
        res.push_back(mc::synthetic_monte_carlo(
            src, 40, 17,
            [](qk::bar_series_view path) {
              return qk::named_values{{"last", path.closes().back()},
                                      {"bars", static_cast<double>(path.size())}};
            },
            o));
      }
      mc::synthetic_options o;
      o.model = model;
      o.bars = 250;
      const auto gf = mc::fit_gbm(src);
      const auto mf = mc::fit_merton(src);
      for (std::size_t i = 0; i < 40; ++i) {
        const auto path = mc::synthetic_path(src, i, 17, o, gf, mf);
        CHECK(path.size() == 250);
        CHECK(same_bits(res[0].runs.runs[i].metrics[0], path.closes().back()));
        CHECK(same_bits(res[1].runs.runs[i].metrics[0], res[0].runs.runs[i].metrics[0]));
        CHECK(same_bits(res[2].runs.runs[i].metrics[0], res[0].runs.runs[i].metrics[0]));
        CHECK(res[0].runs.runs[i].metrics[1] == 250.0);
        CHECK(qk::find_invalid_bar(path) == std::nullopt);
      }
      // Paths differ from each other.
      CHECK(res[0].summary("last").distribution.stddev > 0.0);
    }
  }

  TEST_CASE("synthetic: bootstrap paths are chains of the source's own bar moves") {
    const auto src = source_bars();
    std::vector<double> moves;
    for (std::size_t i = 1; i < src.size(); ++i) moves.push_back(src.closes()[i] / src.closes()[i - 1]);
    mc::synthetic_options o;
    o.model = mc::path_model::block_bootstrap;
    o.block_length = 10;
    const auto path = mc::synthetic_path(src, 3, 1, o, {}, {});
    CHECK(path.size() == src.size());
    for (std::size_t i = 1; i < path.size(); ++i) {
      const double m = path.closes()[i] / path.closes()[i - 1];
      const bool found = std::any_of(moves.begin(), moves.end(),
                                     [&](double s) { return std::fabs(s - m) < 1e-12; });
      CHECK(found);
    }
  }

  TEST_CASE("synthetic: a backtest objective returns run_summary metrics") {
    const auto src = source_bars();
    mc::synthetic_options o;
    o.model = mc::path_model::gbm;
    const auto r = mc::synthetic_monte_carlo(
        src, 20, 4,
        [](qk::bar_series_view path) {
          return qk::backtest::summarize(qk::backtest::run_fast(
              path, qk::strategies::ma_crossover<>({.fast = 5, .slow = 20})));
        },
        o);
    CHECK(r.runs.ok == 20);
    CHECK(r.runs.metric_names.size() == 8);
    CHECK(r.summary("sharpe").distribution.count + r.summary("sharpe").distribution.nan_count == 20);
    CHECK(r.gbm.sigma == mc::fit_gbm(src).sigma);
    CHECK(r.summary("total_return").impact.empty());  // no parameters in a path MC
  }

  TEST_CASE("synthetic: bad input throws invalid_argument naming the parameter") {
    const auto src = source_bars();
    auto f = [](qk::bar_series_view p) { return p.closes().back(); };
    CHECK_THROWS_WITH_AS(mc::synthetic_monte_carlo(src, 0, 1, f),
                         "quantkit::montecarlo::synthetic_monte_carlo: n must be >= 1 (got 0)",
                         qk::invalid_argument);
    CHECK_THROWS_AS(mc::synthetic_monte_carlo(closes_to_bars({1.0, 2.0}), 5, 1, f),
                    qk::invalid_argument);
    mc::synthetic_options o;
    o.block_length = 0;
    CHECK_THROWS_AS(mc::synthetic_monte_carlo(src, 5, 1, f, o), qk::invalid_argument);
    o = {};
    o.periods_per_year = 0.0;
    CHECK_THROWS_AS(mc::synthetic_monte_carlo(src, 5, 1, f, o), qk::invalid_argument);
    auto bad = closes_to_bars({100.0, 101.0, 102.0, 103.0});
    bad.clear();
    bad.push_back({qk::make_timestamp(2020, 1, 1), 100.0, 99.0, 98.0, 100.0, 1.0});  // high < open
    bad.push_back({qk::make_timestamp(2020, 1, 2), 100.0, 101.0, 99.0, 100.0, 1.0});
    bad.push_back({qk::make_timestamp(2020, 1, 3), 100.0, 101.0, 99.0, 100.0, 1.0});
    CHECK_THROWS_AS(mc::synthetic_monte_carlo(bad, 5, 1, f), qk::data_error);
  }
}

}  // namespace montecarlo_test_synthetic_paths
