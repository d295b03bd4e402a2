// SPDX-License-Identifier: MIT
#include <quantkit/stats/ttest.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace stats_test_ttest {  // own scope for unity builds

namespace st = quantkit::stats;
namespace ti = quantkit::test::inference;
using ti::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double pi = 3.141592653589793;
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("ttest: two-sample Student and Welch tests match scipy.stats.ttest_ind") {
    for (const bool ticks : {false, true}) {
      CAPTURE(ticks);
      const auto a = ti::sample("a", ticks);
      const auto b = ti::sample("b", ticks);
      REQUIRE(a.size() == 180);
      REQUIRE(b.size() == 240);
      const auto& ref = ti::scipy()[ticks ? "two_sample_ticks" : "two_sample"];
      const auto student = st::ttest_ind(a, b, true);
      check_rel(student.statistic, ref["ttest_ind_equal_var_true"]["statistic"].num(), 1e-12);
      check_rel(student.pvalue, ref["ttest_ind_equal_var_true"]["pvalue"].num(), 1e-12);
      CHECK(student.df == ref["ttest_ind_equal_var_true"]["df"].num());
      const auto welch = st::ttest_ind(a, b, false);
      check_rel(welch.statistic, ref["ttest_ind_equal_var_false"]["statistic"].num(), 1e-12);
      check_rel(welch.pvalue, ref["ttest_ind_equal_var_false"]["pvalue"].num(), 1e-12);
      check_rel(welch.df, ref["ttest_ind_equal_var_false"]["df"].num(), 1e-12);
      const auto greater = st::welch_ttest(a, b, st::alternative::greater);
      const auto& g = ref["ttest_ind_equal_var_false_greater"];
      check_rel(greater.statistic, g["statistic"].num(), 1e-12);
      check_rel(greater.pvalue, g["pvalue"].num(), 1e-12);
      // less is the complement of greater for a continuous statistic.
      const auto less = st::welch_ttest(a, b, st::alternative::less);
      check_rel(less.pvalue, 1.0 - g["pvalue"].num(), 1e-12);
    }
  }

  TEST_CASE("ttest: paired and one-sample tests match scipy.stats.ttest_rel and ttest_1samp") {
    const auto a = ti::sample("a");
    const auto b = ti::sample("b");
    const std::vector<double> b180(b.begin(), b.begin() + 180);
    const auto rel = st::ttest_rel(a, b180);
    check_rel(rel.statistic, ti::scipy()["ttest_rel"]["statistic"].num(), 1e-12);
    check_rel(rel.pvalue, ti::scipy()["ttest_rel"]["pvalue"].num(), 1e-12);
    CHECK(rel.df == 179.0);

    const auto& ref = ti::scipy()["ttest_1samp"];
    const auto t = ti::trades();
    const auto r = ti::returns();
    struct one_case {
      std::string key;
      const std::vector<double>* x;
      double popmean;
      st::alternative alt;
    };
    const std::vector<one_case> cases = {
        {"trades_0_two_sided", &t, 0.0, st::alternative::two_sided},
        {"trades_0_greater", &t, 0.0, st::alternative::greater},
        {"trades_0.002_less", &t, 0.002, st::alternative::less},
        {"returns_0_two_sided", &r, 0.0, st::alternative::two_sided},
    };
    for (const auto& c : cases) {
      const auto res = st::ttest_1samp(*c.x, c.popmean, c.alt);
      check_rel(res.statistic, ref[c.key]["statistic"].num(), 1e-12, c.key);
      check_rel(res.pvalue, ref[c.key]["pvalue"].num(), 1e-12, c.key);
      CHECK(res.df == static_cast<double>(c.x->size() - 1));
    }
  }

  TEST_CASE("ttest: hand calculations with closed-form t distributions") {
    // x = {1, 2, 6}: mean 3, var (4 + 1 + 9) / 2 = 7, t = 3 / sqrt(7 / 3), df = 2, and the t(2)
    // cdf is 1/2 + t / (2 sqrt(2 + t^2)), so the two-sided p-value is 1 - t / sqrt(2 + t^2).
    const std::vector<double> x = {1.0, 2.0, 6.0};
    const double t = 3.0 / std::sqrt(7.0 / 3.0);
    const auto r = st::ttest_1samp(x);
    check_rel(r.statistic, t, 1e-15);
    check_rel(r.pvalue, 1.0 - t / std::sqrt(2.0 + t * t), 1e-14);
    CHECK(r.df == 2.0);
    check_rel(st::ttest_1samp(x, 0.0, st::alternative::greater).pvalue,
              0.5 - t / (2.0 * std::sqrt(2.0 + t * t)), 1e-14);
    // Two samples {0, 2} and {5, 7}: pooled var 2, t = -5 / sqrt(2 (1/2 + 1/2)) = -5 / sqrt(2),
    // df = 2. Welch: same t, df = (1 + 1)^2 / (1 + 1) = 2.
    const std::vector<double> a = {0.0, 2.0};
    const std::vector<double> b = {5.0, 7.0};
    const double t2 = -5.0 / std::sqrt(2.0);
    const double p2 = 1.0 - std::fabs(t2) / std::sqrt(2.0 + t2 * t2);
    for (const bool eq : {true, false}) {
      const auto s = st::ttest_ind(a, b, eq);
      check_rel(s.statistic, t2, 1e-15);
      check_rel(s.df, 2.0, 1e-15);
      check_rel(s.pvalue, p2, 1e-14);
    }
    // Paired with n = 2: d = {-1, -3}, t = -2 / sqrt(2 / 2) = -2, df = 1 (Cauchy):
    // p = 1 - (2 / pi) atan(2).
    const std::vector<double> c = {1.0, 2.0};
    const std::vector<double> d = {2.0, 5.0};
    const auto pr = st::ttest_rel(c, d);
    check_rel(pr.statistic, -2.0, 1e-15);
    check_rel(pr.pvalue, 1.0 - 2.0 / pi * std::atan(2.0), 1e-14);
  }

  TEST_CASE("ttest: t_interval is the mean plus or minus the t quantile times the sem") {
    // n = 2: {0, 2}, mean 1, sem = sqrt(2) / sqrt(2) = 1, df = 1: the 95% interval is
    // 1 -+ tan(0.475 pi) = 1 -+ 12.706204736174705.
    const std::vector<double> x = {0.0, 2.0};
    const auto ci = st::t_interval(x, 0.95);
    const double q = 1.0 / std::tan(0.025 * pi);
    check_rel(ci.lower, 1.0 - q, 1e-13);
    check_rel(ci.upper, 1.0 + q, 1e-13);
    // Consistency with the test: the (1 - p) interval of trades has popmean 0 as an end point.
    const auto t = ti::trades();
    const double p = ti::scipy()["ttest_1samp"]["trades_0_two_sided"]["pvalue"].num();
    const auto ci2 = st::t_interval(t, 1.0 - p);
    CHECK(std::fabs(ci2.lower) < 1e-12 * (ci2.upper - ci2.lower));
  }

  TEST_CASE("ttest: bad input gives NaN or throws as documented") {
    const std::vector<double> empty;
    const std::vector<double> one = {1.0};
    const std::vector<double> with_nan = {1.0, qnan, 3.0};
    const std::vector<double> all_nan = {qnan, qnan};
    const std::vector<double> flat = {2.0, 2.0, 2.0};
    const std::vector<double> flat3 = {3.0, 3.0, 3.0};
    const std::vector<double> x = {1.0, 2.0, 4.0};
    auto nan_result = [](const st::test_result& r) {
      return std::isnan(r.statistic) && std::isnan(r.pvalue);
    };
    CHECK(nan_result(st::ttest_1samp(empty)));
    CHECK(std::isnan(st::ttest_1samp(empty).df));
    CHECK(nan_result(st::ttest_1samp(one)));
    CHECK(nan_result(st::ttest_1samp(with_nan)));
    CHECK(nan_result(st::ttest_1samp(all_nan)));
    CHECK(nan_result(st::ttest_1samp(x, qnan)));
    CHECK(nan_result(st::ttest_ind(empty, x)));
    CHECK(nan_result(st::ttest_ind(x, with_nan, false)));
    CHECK(nan_result(st::ttest_ind(one, one)));
    // Zero variance: 0/0 = NaN when the means agree, +-inf with p-value 0 otherwise (scipy).
    CHECK(nan_result(st::ttest_1samp(flat, 2.0)));
    CHECK(nan_result(st::ttest_ind(flat, flat)));
    CHECK(nan_result(st::ttest_ind(flat, flat, false)));
    CHECK(st::ttest_ind(flat, flat, false).df == 1.0);
    const auto diff = st::ttest_ind(flat3, flat);
    CHECK(diff.statistic == inf);
    CHECK(diff.pvalue == 0.0);
    CHECK(st::ttest_1samp(flat, 0.0, st::alternative::less).pvalue == 1.0);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::ttest_rel(x, one)),
                         "quantkit::stats::ttest_rel: a and b must have the same length (got 3 "
                         "and 1)",
                         quantkit::invalid_argument);
    CHECK(nan_result(st::ttest_rel(empty, empty)));
    CHECK_THROWS_AS(static_cast<void>(st::t_interval(x, 1.0)), quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::t_interval(x, 0.0)),
                         "quantkit::stats::t_interval: confidence must be in (0, 1) (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::t_interval(x, qnan)), quantkit::invalid_argument);
    CHECK(std::isnan(st::t_interval(one).lower));
    CHECK(std::isnan(st::t_interval(with_nan).upper));
  }
}

}  // namespace stats_test_ttest
