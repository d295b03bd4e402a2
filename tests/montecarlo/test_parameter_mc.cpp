// SPDX-License-Identifier: MIT
#include <quantkit/montecarlo/parameter_mc.hpp>
#include <quantkit/samplers/lhs.hpp>
#include <quantkit/samplers/sampler.hpp>
#include <quantkit/samplers/sobol.hpp>
#include <quantkit/samplers/space.hpp>
#include <quantkit/stats/correlation.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace montecarlo_test_parameter_mc {  // own scope for unity builds

namespace qk = quantkit;
namespace mc = quantkit::montecarlo;
namespace sm = quantkit::samplers;
using quantkit::test::approx;

namespace {
sm::space unit_square() {
  sm::space sp;
  sp.add_real("x", 0.0, 1.0).add_real("y", 0.0, 1.0);
  return sp;
}
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
}  // namespace

TEST_SUITE("montecarlo") {
  TEST_CASE("parameter MC: a uniform parameter as the metric has its closed-form summary") {
    // metric = x, x ~ U(0, 1): mean 1/2, variance 1/12, P(x > 0.3) = 0.7, percentile p = p / 100.
    // Tolerances are 4 Monte Carlo standard errors for n = 4000: mean sqrt(1/12/n) = 0.0046,
    // a proportion sqrt(0.21/n) = 0.0072, a quantile near the middle sqrt(p(1-p)/n) <= 0.0079.
    const std::size_t n = 4000;
    mc::monte_carlo_options o;
    o.summary.profit_threshold = 0.3;
    o.metric_name = "x";
    const auto r = mc::monte_carlo(unit_square(), sm::random_sampler{}, n, 5,
                                   [](const sm::point& p) { return p[0]; }, o);
    REQUIRE(r.runs.ok == n);
    const auto& s = r.summary("x");
    CHECK(std::fabs(s.distribution.mean - 0.5) < 4 * 0.0046);
    CHECK(std::fabs(s.distribution.variance - 1.0 / 12.0) < 0.004);
    CHECK(std::fabs(s.probability_of_profit - 0.7) < 4 * 0.0073);
    CHECK(std::fabs(s.distribution.percentile(25) - 0.25) < 4 * 0.0069);
    CHECK(std::fabs(s.var95 - 0.05) < 4 * 0.0035);
    // CVaR at 5% of U(0,1): mean of the lowest 5% = 0.025.
    CHECK(std::fabs(s.cvar95 - 0.025) < 0.004);
    CHECK(std::fabs(s.range95.lower - 0.025) < 0.01);
    CHECK(std::fabs(s.range95.upper - 0.975) < 0.01);
    CHECK(s.mean_ci95.lower < s.distribution.mean);
    CHECK(s.mean_ci99.lower < s.mean_ci95.lower);
    // The metric is the parameter x itself: both correlations are exactly 1, and y's are noise.
    REQUIRE(s.impact.size() == 2);
    CHECK(s.impact[0].parameter == "x");
    CHECK(s.impact[0].pearson == approx(1.0, 1e-12));
    CHECK(s.impact[0].spearman == approx(1.0, 1e-12));
    CHECK(std::fabs(s.impact[1].spearman) < 4.0 / std::sqrt(static_cast<double>(n)));
    // Histogram of 20 bins of 0.05: each holds about n / 20 = 200 runs.
    std::size_t total = 0;
    for (auto c : s.bins.counts) total += c;
    CHECK(total == n);
    // Best / worst runs carry their parameters, which reproduce the metric.
    REQUIRE(s.best.size() == 5);
    for (const auto& b : s.best) CHECK(b.parameters[0] == b.value);
    CHECK(s.best[0].value == s.distribution.max);
    CHECK(s.worst[0].value == s.distribution.min);
    CHECK(s.best[0].value >= s.best[1].value);
    CHECK(s.worst[0].value <= s.worst[1].value);
  }

  TEST_CASE("parameter MC: any sampler; quasi-random designs estimate the mean more precisely") {
    // metric = x on [0, 1]: random points miss 1/2 by ~sqrt(1/12/n) = 0.009 at n = 1024;
    // a stratified design (LHS: one point per 1/n stratum of x) or scrambled Sobol misses it
    // by O(1/n) ~ 0.001.
    auto f = [](const sm::point& p) { return p[0]; };
    const auto sob = mc::monte_carlo(unit_square(), sm::sobol_sampler{}, 1024, 3, f);
    const auto lhs = mc::monte_carlo(unit_square(), sm::lhs_sampler{}, 1024, 3, f);
    CHECK(std::fabs(sob.summaries[0].distribution.mean - 0.5) < 0.002);
    CHECK(std::fabs(lhs.summaries[0].distribution.mean - 0.5) < 0.002);
    CHECK(sob.runs.ok == 1024);
    CHECK(lhs.runs.ok == 1024);
  }

  TEST_CASE("parameter MC: named metrics, Spearman -1 for a decreasing metric, wiring to stats") {
    const auto r = mc::monte_carlo(unit_square(), sm::random_sampler{}, 300, 9,
                                   [](const sm::point& p) {
                                     return std::map<std::string, double>{
                                         {"neg_sq", -p[0] * p[0]}, {"sum", p[0] + p[1]}};
                                   });
    REQUIRE(r.runs.metric_names == std::vector<std::string>{"neg_sq", "sum"});
    const auto& s = r.summary("neg_sq");
    CHECK(s.impact[0].spearman == approx(-1.0, 1e-12));
    // The impact is stats::pearsonr of the parameter column with the metric column.
    std::vector<double> x;
    std::vector<double> y;
    for (const auto& run : r.runs.runs) {
      x.push_back(run.parameters[1]);
      y.push_back(run.metrics[1]);
    }
    const auto pr = qk::stats::pearsonr(x, y);
    CHECK(r.summary("sum").impact[1].pearson == pr.statistic);
    CHECK(r.summary("sum").impact[1].pearson_pvalue == pr.pvalue);
    CHECK_THROWS_AS((void)r.summary("nope"), qk::invalid_argument);
  }

  TEST_CASE("parameter MC: results are bit-identical for 1, 2 and 4 threads") {
    auto objective = [](const sm::point& p) {
      // Some floating-point work whose result depends only on the point.
      double acc = 0.0;
      for (int k = 1; k < 200; ++k) acc += std::sin(p[0] * k) / (k + p[1]);
      return qk::named_values{{"a", acc}, {"b", p[0] - p[1]}};
    };
    std::vector<mc::monte_carlo_result> res;
    for (std::size_t t : {1u, 2u, 4u}) {
      mc::monte_carlo_options o;
      o.execution.threads = t;
      res.push_back(mc::monte_carlo(unit_square(), sm::random_sampler{}, 500, 77, objective, o));
    }
    for (std::size_t k = 1; k < res.size(); ++k) {
      for (std::size_t i = 0; i < 500; ++i) {
        CHECK(same_bits(res[0].runs.runs[i].metrics[0], res[k].runs.runs[i].metrics[0]));
      }
      CHECK(same_bits(res[0].summaries[0].distribution.mean, res[k].summaries[0].distribution.mean));
      CHECK(same_bits(res[0].summaries[0].impact[1].spearman, res[k].summaries[0].impact[1].spearman));
    }
  }

  TEST_CASE("parameter MC: failing runs are recorded with error and parameters, others kept") {
    mc::monte_carlo_options o;
    o.execution.threads = 2;
    const auto r = mc::monte_carlo(unit_square(), sm::random_sampler{}, 200, 3,
                                   [](const sm::point& p) {
                                     if (p[0] > 0.75) throw std::runtime_error("x too large");
                                     return p[0];
                                   },
                                   o);
    CHECK(r.runs.ok + r.runs.failed == 200);
    CHECK(r.runs.failed > 20);
    for (const auto& run : r.runs.runs) {
      if (run.parameters[0] > 0.75) {
        CHECK(run.state == mc::run_state::failed);
        CHECK(run.error == "x too large");
        CHECK(run.metrics.empty());
      } else {
        CHECK(run.state == mc::run_state::ok);
      }
    }
    CHECK(r.summaries[0].distribution.count == r.runs.ok);
    CHECK(r.summaries[0].distribution.max <= 0.75);
  }

  TEST_CASE("parameter MC: max_attempts retries a run that fails transiently") {
    std::vector<std::atomic<int>> calls(100);
    mc::monte_carlo_options o;
    o.execution.max_attempts = 3;
    o.execution.threads = 2;
    const auto pts = sm::random_sampler{}.sample(unit_square(), 100, 1);
    const auto r = mc::monte_carlo(unit_square(), sm::random_sampler{}, 100, 1,
                                   [&](const sm::point& p) {
                                     std::size_t i = 0;
                                     while (!(pts[i] == p)) ++i;
                                     if (calls[i].fetch_add(1) == 0) throw std::runtime_error("flaky");
                                     return p[1];
                                   },
                                   o);
    CHECK(r.runs.ok == 100);
    for (const auto& run : r.runs.runs) CHECK(run.attempts == 2);
  }

  TEST_CASE("parameter MC: a metric-name mismatch fails that run, NaN metrics are counted") {
    const auto r = mc::monte_carlo(unit_square(), sm::random_sampler{}, 50, 2,
                                   [](const sm::point& p) {
                                     if (p[0] < 0.2) return qk::named_values{{"other", 1.0}};
                                     return qk::named_values{
                                         {"m", p[0] < 0.4 ? std::nan("") : p[0]}};
                                   });
    std::size_t mismatched = 0;
    for (const auto& run : r.runs.runs) {
      if (run.state == mc::run_state::failed) {
        ++mismatched;
        CHECK(run.error.find("other metric names") != std::string::npos);
      }
    }
    CHECK(mismatched > 0);
    const auto& s = r.summary("m");
    CHECK(s.distribution.nan_count > 0);
    CHECK(s.distribution.count + s.distribution.nan_count == r.runs.ok);
  }

  TEST_CASE("parameter MC: progress reaches (n, n) and cancellation leaves runs not_run") {
    mc::monte_carlo_options o;
    std::size_t last = 0;
    o.execution.threads = 1;
    o.execution.progress = [&](std::size_t d, std::size_t t) {
      CHECK(t == 64);
      last = d;
    };
    (void)mc::monte_carlo(unit_square(), sm::random_sampler{}, 64, 1,
                          [](const sm::point& p) { return p[0]; }, o);
    CHECK(last == 64);
    qk::cancel_token tok;
    mc::monte_carlo_options c;
    c.execution.threads = 1;
    c.execution.cancel = tok;
    std::size_t calls = 0;
    const auto r = mc::monte_carlo(unit_square(), sm::random_sampler{}, 64, 1,
                                   [&](const sm::point& p) {
                                     if (++calls == 10) tok.cancel();
                                     return p[0];
                                   },
                                   c);
    CHECK(r.runs.cancelled);
    CHECK(r.runs.ok == 10);
    CHECK(r.runs.not_run == 54);
    CHECK(r.summaries[0].distribution.count == 10);
  }

  TEST_CASE("parameter MC: bad input throws invalid_argument naming the parameter") {
    auto f = [](const sm::point& p) { return p[0]; };
    CHECK_THROWS_WITH_AS(mc::monte_carlo(unit_square(), sm::random_sampler{}, 0, 1, f),
                         "quantkit::montecarlo::monte_carlo: n must be >= 1 (got 0)",
                         qk::invalid_argument);
    mc::monte_carlo_options o;
    o.execution.max_attempts = 0;
    CHECK_THROWS_WITH_AS(mc::monte_carlo(unit_square(), sm::random_sampler{}, 5, 1, f, o),
                         "quantkit::montecarlo::monte_carlo: max_attempts must be >= 1 (got 0)",
                         qk::invalid_argument);
    o = {};
    o.summary.histogram_bins = 0;
    CHECK_THROWS_AS(mc::monte_carlo(unit_square(), sm::random_sampler{}, 5, 1, f, o),
                    qk::invalid_argument);
    o = {};
    o.summary.percentiles = {120.0};
    CHECK_THROWS_AS(mc::monte_carlo(unit_square(), sm::random_sampler{}, 5, 1, f, o),
                    qk::invalid_argument);
    // An infeasible space: the sampler's error reaches the caller.
    sm::space sp = unit_square();
    sp.add_constraint("x > 2", [](const sm::point& p) { return p[0] > 2.0; });
    CHECK_THROWS_AS(mc::monte_carlo(sp, sm::random_sampler{}, 5, 1, f), qk::invalid_argument);
    mc::batch_result empty;
    CHECK_THROWS_AS(mc::summarize_metric(empty, 0), qk::invalid_argument);
  }
}

}  // namespace montecarlo_test_parameter_mc
