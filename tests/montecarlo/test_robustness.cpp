// SPDX-License-Identifier: MIT
#include <quantkit/montecarlo/robustness.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

namespace qk = quantkit;
namespace mc = quantkit::montecarlo;
using quantkit::test::approx;

namespace {
// Hand-built summaries: only the fields the score reads are set.
std::vector<mc::metric_summary> sample_summaries() {
  mc::metric_summary ret;
  ret.name = "total_return";
  ret.probability_of_profit = 0.625;
  ret.var95 = -0.05;
  mc::metric_summary sharpe;
  sharpe.name = "sharpe";
  sharpe.distribution.count = 100;
  sharpe.distribution.mean = 1.0;
  sharpe.distribution.stddev = 1.0;
  sharpe.impact = {{"fast", 0.0, 0.0, 0.1, 0.0}, {"slow", 0.0, 0.0, -0.5, 0.0}};
  mc::metric_summary dd;
  dd.name = "max_drawdown";
  dd.var95 = -0.10;
  return {ret, sharpe, dd};
}
}  // namespace

TEST_SUITE("montecarlo") {
  TEST_CASE("robustness: each criterion's points by hand") {
    // Linear between zero_at and full_at, 20 points each:
    //  probability of profit 0.625 in [0.5, 0.75]: 0.5 -> 10
    //  5th percentile of return -0.05 in [-0.2, 0]: 0.75 -> 15
    //  Sharpe dispersion 1 / 1 = 1 in [1.5, 0.5]: 0.5 -> 10
    //  5th percentile of drawdown -0.10, better than full_at -0.20: 20
    //  sensitivity max(|0.1|, |-0.5|) = 0.5 in [0.7, 0.3]: 0.5 -> 10
    // total 65 of 100: "fragile".
    const auto r = mc::robustness_score(sample_summaries());
    REQUIRE(r.criteria.size() == 5);
    CHECK(r.criteria[0].name == "probability_of_profit");
    CHECK(r.criteria[0].points == approx(10.0));
    CHECK(r.criteria[1].points == approx(15.0));
    CHECK(r.criteria[2].value == approx(1.0));
    CHECK(r.criteria[2].points == approx(10.0));
    CHECK(r.criteria[3].points == approx(20.0));
    CHECK(r.criteria[4].value == approx(0.5));
    CHECK(r.criteria[4].points == approx(10.0));
    CHECK(r.score == approx(65.0));
    CHECK(r.verdict == "fragile");
    const std::string text = r.to_text();
    CHECK(text.find("score 65.0 / 100: fragile") != std::string::npos);
    CHECK(text.find("probability_of_profit") != std::string::npos);
  }

  TEST_CASE("robustness: missing metrics are unavailable and the score is rescaled") {
    auto s = sample_summaries();
    s.erase(s.begin() + 1);  // no Sharpe: dispersion and sensitivity unavailable
    const auto r = mc::robustness_score(s);
    CHECK_FALSE(r.criteria[2].available);
    CHECK_FALSE(r.criteria[4].available);
    // (10 + 15 + 20) / 60 = 75%.
    CHECK(r.score == approx(75.0));
    CHECK(r.verdict == "robust");
    CHECK(r.to_text().find("n/a") != std::string::npos);
    const auto none = mc::robustness_score(std::vector<mc::metric_summary>{});
    CHECK(std::isnan(none.score));
    CHECK(none.verdict == "not available");
  }

  TEST_CASE("robustness: a non-positive mean Sharpe earns no dispersion points, thresholds move") {
    auto s = sample_summaries();
    s[1].distribution.mean = -0.2;
    auto r = mc::robustness_score(s);
    CHECK(std::isinf(r.criteria[2].value));
    CHECK(r.criteria[2].points == 0.0);
    mc::robustness_thresholds t;
    t.probability_of_profit = {0.6, 0.4};  // 0.625 now earns everything
    t.points_per_criterion = 10.0;
    r = mc::robustness_score(sample_summaries(), t);
    CHECK(r.criteria[0].points == approx(10.0));
    CHECK(r.criteria[0].max_points == 10.0);
    // (10 + 7.5 + 5 + 10 + 5) / 50 = 75%.
    CHECK(r.score == approx(75.0));
    t.sharpe_metric = "absent";
    r = mc::robustness_score(sample_summaries(), t);
    CHECK_FALSE(r.criteria[2].available);
  }

  TEST_CASE("robustness: bad thresholds throw invalid_argument naming the criterion") {
    mc::robustness_thresholds t;
    t.worst_drawdown = {-0.2, -0.2};
    try {
      (void)mc::robustness_score(sample_summaries(), t);
      FAIL("no exception");
    } catch (const qk::invalid_argument& e) {
      CHECK(e.parameter() == "worst_drawdown");
    }
    t = {};
    t.sharpe_dispersion.full_at = std::nan("");
    CHECK_THROWS_AS((void)mc::robustness_score(sample_summaries(), t), qk::invalid_argument);
    t = {};
    t.points_per_criterion = 0.0;
    CHECK_THROWS_AS((void)mc::robustness_score(sample_summaries(), t), qk::invalid_argument);
  }
}
