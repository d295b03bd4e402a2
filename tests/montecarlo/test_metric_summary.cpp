// SPDX-License-Identifier: MIT
// montecarlo::summarize_metric / summarize_batch / find_summary on a hand-built batch: ok, failed,
// not-run and NaN runs, tied values. Reference values from scipy 1.10 / numpy 1.24 on this machine:
//   x = [0.12, -0.05, 0.30, 0.07, -0.20, 0.07, 0.01, -0.02, 0.18]   (ok, non-NaN runs 0 1 2 4 6 8 9 10 11)
//   a = [1, 2, 3, 5, 7, 9, 10, 11, 12], b = [0, 2, 4, 3, 2, 1, 3, 0, 2]
//   scipy.stats.t.interval(0.99, 8, loc=x.mean(), scale=scipy.stats.sem(x)) (0.95: see the test)
//   numpy.quantile(x, [0.005, 0.025, 0.975, 0.995]); numpy.percentile(x, 5), (x, 1)
//   scipy.stats.pearsonr(a, x), spearmanr(a, x), and the same for b
#include <quantkit/montecarlo/metric_summary.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace montecarlo_test_metric_summary {  // own scope for unity builds

namespace mc = quantkit::montecarlo;
using quantkit::test::approx;
using quantkit::test::check_invalid_param;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

// 12 runs with parameters a = 1 + i, b = 7i mod 5 and metrics (ret, twice): run 3 failed, run 7
// not run, run 5 ok with a NaN return.
mc::batch_result sample_batch() {
  const double ret[12] = {0.12, -0.05, 0.30, 0.0, 0.07, qnan, -0.20, 0.0, 0.07, 0.01, -0.02, 0.18};
  mc::batch_result b;
  b.parameter_names = {"a", "b"};
  b.metric_names = {"ret", "twice"};
  for (std::size_t i = 0; i < 12; ++i) {
    mc::run_record r;
    r.index = i;
    r.parameters = {1.0 + static_cast<double>(i), static_cast<double>((i * 7) % 5)};
    if (i == 3) {
      r.state = mc::run_state::failed;
      r.error = "boom";
      ++b.failed;
    } else if (i == 7) {
      r.state = mc::run_state::not_run;
      ++b.not_run;
    } else {
      r.state = mc::run_state::ok;
      r.metrics = {ret[i], 2.0 * ret[i]};
      ++b.ok;
    }
    b.runs.push_back(r);
  }
  return b;
}
}  // namespace

TEST_SUITE("montecarlo") {
  TEST_CASE("metric summary: distribution, intervals, tails and impact equal scipy and numpy") {
    const auto b = sample_batch();
    const mc::metric_summary s = mc::summarize_metric(b, 0);
    CHECK(s.name == "ret");
    CHECK(s.distribution.count == 9);
    CHECK(s.distribution.nan_count == 1);
    CHECK(s.distribution.mean == approx(0.05333333333333333, 1e-14));
    CHECK(s.distribution.min == -0.20);
    CHECK(s.distribution.max == 0.30);
    // scipy's t.ppf(0.975, 8) = 2.3060041350333704 is 7e-11 off the exact 2.306004135204166683
    // (mpmath, 40 digits: the root of betainc(4, 1/2, 0, 8 / (8 + t^2)) / 2 = 0.025); the ends
    // here are mean -+ sem x the exact quantile, computed in mpmath from the doubles of x.
    CHECK(s.mean_ci95.lower == approx(-0.056723181930095299, 1e-13));
    CHECK(s.mean_ci95.upper == approx(0.16338984859676196, 1e-13));
    CHECK(s.mean_ci99.lower == approx(-0.10680611802671976, 1e-12));
    CHECK(s.mean_ci99.upper == approx(0.21347278469338643, 1e-12));
    CHECK(s.range99.lower == approx(-0.19400000000000001, 1e-13));
    CHECK(s.range95.lower == approx(-0.17000000000000001, 1e-13));
    CHECK(s.range95.upper == approx(0.27599999999999997, 1e-13));
    CHECK(s.range99.upper == approx(0.29519999999999996, 1e-13));
    // empyrical: VaR is the 5th (1st) percentile; CVaR the mean of the worst floor(8 x 0.05) + 1 =
    // 1 runs, i.e. the minimum
    CHECK(s.var95 == approx(-0.14000000000000001, 1e-13));
    CHECK(s.var99 == approx(-0.188, 1e-13));
    CHECK(s.cvar95 == -0.20);
    CHECK(s.cvar99 == -0.20);
    CHECK(s.probability_of_profit == approx(6.0 / 9.0, 1e-15));  // 6 of 9 values are > 0
    CHECK(s.bins.counts.size() == 20);
    std::size_t binned = 0;
    for (const std::size_t c : s.bins.counts) binned += c;
    CHECK(binned == 9);

    // Best: 0.30 (run 2), 0.18 (11), 0.12 (0), then the tie 0.07 of runs 4 and 8 by index.
    REQUIRE(s.best.size() == 5);
    const std::size_t best_runs[5] = {2, 11, 0, 4, 8};
    for (std::size_t k = 0; k < 5; ++k) {
      CAPTURE(k);
      CHECK(s.best[k].index == best_runs[k]);
      CHECK(s.best[k].parameters == b.runs[best_runs[k]].parameters);
    }
    CHECK(s.best[0].value == 0.30);
    // Worst: -0.20 (6), -0.05 (1), -0.02 (10), 0.01 (9), 0.07 (4: the lower index of the tie).
    REQUIRE(s.worst.size() == 5);
    const std::size_t worst_runs[5] = {6, 1, 10, 9, 4};
    for (std::size_t k = 0; k < 5; ++k) {
      CAPTURE(k);
      CHECK(s.worst[k].index == worst_runs[k]);
    }

    REQUIRE(s.impact.size() == 2);
    CHECK(s.impact[0].parameter == "a");
    CHECK(s.impact[0].pearson == approx(-0.14078928790703585, 1e-12));
    CHECK(s.impact[0].pearson_pvalue == approx(0.71788185210886901, 1e-10));
    CHECK(s.impact[0].spearman == approx(-0.050209644525343385, 1e-12));
    CHECK(s.impact[0].spearman_pvalue == approx(0.89792839547032333, 1e-10));
    CHECK(s.impact[1].parameter == "b");
    CHECK(s.impact[1].pearson == approx(0.29651077301633305, 1e-12));
    CHECK(s.impact[1].pearson_pvalue == approx(0.43847659891708057, 1e-10));
    CHECK(s.impact[1].spearman == approx(0.23610587159909374, 1e-12));
    CHECK(s.impact[1].spearman_pvalue == approx(0.54079670974409455, 1e-10));
  }

  TEST_CASE("metric summary: options change top_n, bins and the profit threshold") {
    const auto b = sample_batch();
    mc::summary_options o;
    o.top_n = 2;
    o.histogram_bins = 3;
    o.profit_threshold = 0.1;  // 0.12, 0.30, 0.18
    o.percentiles = {50.0};
    const auto s = mc::summarize_metric(b, 0, o);
    CHECK(s.best.size() == 2);
    CHECK(s.worst.size() == 2);
    CHECK(s.bins.counts.size() == 3);
    CHECK(s.bins.edges.size() == 4);
    CHECK(s.probability_of_profit == approx(3.0 / 9.0, 1e-15));
    CHECK(s.distribution.percentile(50.0) == 0.07);  // the median of the nine values
    o.top_n = 50;  // more than there are runs: all of them
    CHECK(mc::summarize_metric(b, 0, o).best.size() == 9);
  }

  TEST_CASE("metric summary: summarize_batch keeps the metric order and find_summary looks up") {
    const auto b = sample_batch();
    const auto all = mc::summarize_batch(b);
    REQUIRE(all.size() == 2);
    CHECK(all[0].name == "ret");
    CHECK(all[1].name == "twice");
    // twice = 2 x ret: every location statistic doubles exactly, the correlations do not change
    CHECK(all[1].distribution.mean == approx(2.0 * all[0].distribution.mean, 1e-15));
    CHECK(all[1].var95 == approx(2.0 * all[0].var95, 1e-15));
    CHECK(all[1].impact[1].spearman == approx(all[0].impact[1].spearman, 1e-15));
    CHECK(&mc::find_summary(all, "twice") == &all[1]);
    check_invalid_param([&] { (void)mc::find_summary(all, "nope"); },
                        "quantkit::montecarlo::find_summary", "name");
  }

  TEST_CASE("metric summary: no usable runs give NaN statistics and empty rankings") {
    mc::batch_result b;
    b.metric_names = {"m"};
    mc::run_record r;
    r.state = mc::run_state::ok;
    r.metrics = {qnan};
    b.runs.push_back(r);
    b.ok = 1;
    const auto s = mc::summarize_metric(b, 0);
    CHECK(s.distribution.count == 0);
    CHECK(s.distribution.nan_count == 1);
    CHECK(std::isnan(s.distribution.mean));
    CHECK(std::isnan(s.var95));
    CHECK(std::isnan(s.probability_of_profit));
    CHECK(s.best.empty());
    CHECK(s.impact.empty());
  }

  TEST_CASE("metric summary: bad input throws invalid_argument naming the parameter") {
    const auto b = sample_batch();
    const std::string fn = "quantkit::montecarlo::summarize_metric";
    check_invalid_param([&] { (void)mc::summarize_metric(b, 2); }, fn, "j");
    mc::summary_options o;
    o.histogram_bins = 0;
    check_invalid_param([&] { (void)mc::summarize_metric(b, 0, o); }, fn, "histogram_bins");
    o = {};
    o.profit_threshold = qnan;
    check_invalid_param([&] { (void)mc::summarize_metric(b, 0, o); }, fn, "profit_threshold");
    o = {};
    o.percentiles = {101.0};
    CHECK_THROWS_AS((void)mc::summarize_metric(b, 0, o), quantkit::invalid_argument);
  }
}

}  // namespace montecarlo_test_metric_summary
