// SPDX-License-Identifier: MIT
#include <quantkit/stats/descriptive.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace stats_test_descriptive {  // own scope for unity builds

namespace st = quantkit::stats;
using quantkit::test::approx;

namespace {
std::vector<double> trades() { return quantkit::test::load_csv("stats/inputs/trades.csv").numbers("return"); }
std::vector<double> returns() { return quantkit::test::load_csv("stats/inputs/returns.csv").numbers("returns"); }
const quantkit::test::json& scipy() {
  static const auto j = quantkit::test::load_json("stats/scipy_stats.json");
  return j;
}
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("descriptive: matches numpy and scipy.stats on the trades and returns samples") {
    for (const std::string name : {"trades", "returns"}) {
      CAPTURE(name);
      const auto x = name == "trades" ? trades() : returns();
      const auto& ref = scipy()["descriptive"][name];
      REQUIRE(static_cast<double>(x.size()) == ref["n"].num());
      CHECK(st::mean(x) == approx(ref["mean"].num(), 1e-12));
      CHECK(st::median(x) == approx(ref["median"].num(), 1e-15));
      CHECK(st::min(x) == ref["min"].num());
      CHECK(st::max(x) == ref["max"].num());
      CHECK(st::variance(x, 0) == approx(ref["var_ddof0"].num(), 1e-12));
      CHECK(st::variance(x, 1) == approx(ref["var_ddof1"].num(), 1e-12));
      CHECK(st::stddev(x, 0) == approx(ref["std_ddof0"].num(), 1e-12));
      CHECK(st::stddev(x, 1) == approx(ref["std_ddof1"].num(), 1e-12));
      CHECK(st::sem(x) == approx(ref["sem"].num(), 1e-12));
      CHECK(st::skewness(x, true) == approx(ref["skew_bias_true"].num(), 1e-12));
      CHECK(st::skewness(x, false) == approx(ref["skew_bias_false"].num(), 1e-12));
      CHECK(st::kurtosis(x, true, true) == approx(ref["kurtosis_fisher_bias_true"].num(), 1e-12));
      CHECK(st::kurtosis(x, true, false) == approx(ref["kurtosis_fisher_bias_false"].num(), 1e-12));
      CHECK(st::kurtosis(x, false, true) == approx(ref["kurtosis_pearson_bias_true"].num(), 1e-12));
      CHECK(st::kurtosis(x, false, false) ==
            approx(ref["kurtosis_pearson_bias_false"].num(), 1e-12));
    }
  }

  TEST_CASE("descriptive: all 13 numpy percentile methods agree with numpy.percentile") {
    const std::pair<const char*, st::quantile_method> methods[] = {
        {"inverted_cdf", st::quantile_method::inverted_cdf},
        {"averaged_inverted_cdf", st::quantile_method::averaged_inverted_cdf},
        {"closest_observation", st::quantile_method::closest_observation},
        {"interpolated_inverted_cdf", st::quantile_method::interpolated_inverted_cdf},
        {"hazen", st::quantile_method::hazen},
        {"weibull", st::quantile_method::weibull},
        {"linear", st::quantile_method::linear},
        {"median_unbiased", st::quantile_method::median_unbiased},
        {"normal_unbiased", st::quantile_method::normal_unbiased},
        {"lower", st::quantile_method::lower},
        {"higher", st::quantile_method::higher},
        {"midpoint", st::quantile_method::midpoint},
        {"nearest", st::quantile_method::nearest}};
    const auto q = scipy()["percentiles"]["q"].numbers();
    for (const std::string name : {"trades", "returns"}) {
      const auto x = name == "trades" ? trades() : returns();
      for (const auto& method_entry : methods) {
        const char* mname = method_entry.first;  // plain variables: clang 14 cannot capture bindings
        const st::quantile_method m = method_entry.second;
        const auto expected = scipy()["percentiles"][name][mname].numbers();
        REQUIRE(expected.size() == q.size());
        for (std::size_t i = 0; i < q.size(); ++i) {
          CAPTURE(name);
          const std::string& method_name = mname;  // clang 14 cannot capture a structured binding
          CAPTURE(method_name);
          CAPTURE(q[i]);
          // numpy's interpolation is replicated operation for operation: exact to 1e-15.
          CHECK(st::percentile(x, q[i], m) == approx(expected[i], 1e-15));
        }
        std::vector<double> ps;
        for (double qi : q) ps.push_back(qi / 100.0);
        const auto many = st::quantiles(x, ps, m);
        for (std::size_t i = 0; i < q.size(); ++i) CHECK(many[i] == approx(expected[i], 1e-15));
      }
    }
  }

  TEST_CASE("descriptive: hand-computed small cases") {
    const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
    CHECK(st::mean(x) == 5.0);
    CHECK(st::variance(x) == 4.0);
    CHECK(st::variance(x, 1) == approx(32.0 / 7.0));
    CHECK(st::median(x) == 4.5);
    // linear quantile 0.25: index (8 - 1) * 0.25 = 1.75 -> 4 + 0.75 (4 - 4) = 4
    CHECK(st::quantile(x, 0.25) == 4.0);
    CHECK(st::quantile(x, 0.0) == 2.0);
    CHECK(st::quantile(x, 1.0) == 9.0);
    // symmetric data has zero skewness
    const std::vector<double> sym{1, 2, 3, 4, 5};
    CHECK(st::skewness(sym) == approx(0.0, 1e-15));
    // Pearson kurtosis of {1..5}: m2 = 2, m4 = (16 + 1 + 0 + 1 + 16) / 5 = 6.8 -> 6.8 / 4 = 1.7
    CHECK(st::kurtosis(sym, false) == approx(1.7));
    const auto m = st::moments(sym);
    CHECK(m.mean == 3.0);
    CHECK(m.m2 == 2.0);
    CHECK(m.m3 == 0.0);
    CHECK(m.m4 == approx(6.8));
    // one element
    const std::vector<double> one{3.0};
    CHECK(st::median(one) == 3.0);
    CHECK(st::variance(one) == 0.0);
    CHECK(std::isnan(st::variance(one, 1)));
  }

  TEST_CASE("descriptive: empty, NaN, constant and ddof >= n inputs give NaN") {
    const std::vector<double> empty;
    CHECK(std::isnan(st::mean(empty)));
    CHECK(std::isnan(st::variance(empty)));
    CHECK(std::isnan(st::median(empty)));
    CHECK(std::isnan(st::min(empty)));
    CHECK(std::isnan(st::max(empty)));
    CHECK(std::isnan(st::skewness(empty)));
    CHECK(std::isnan(st::kurtosis(empty)));
    CHECK(std::isnan(st::sem(empty)));
    const std::vector<double> with_nan{1.0, qnan, 3.0};
    CHECK(std::isnan(st::mean(with_nan)));
    CHECK(std::isnan(st::median(with_nan)));
    CHECK(std::isnan(st::max(with_nan)));
    CHECK(st::drop_nan(with_nan) == std::vector<double>{1.0, 3.0});
    CHECK(st::mean(st::drop_nan(with_nan)) == 2.0);
    const std::vector<double> all_nan{qnan, qnan};
    CHECK(std::isnan(st::mean(all_nan)));
    CHECK(st::drop_nan(all_nan).empty());
    const std::vector<double> flat{0.25, 0.25, 0.25, 0.25};
    CHECK(st::variance(flat) == 0.0);
    CHECK(std::isnan(st::skewness(flat)));  // scipy: constant data -> NaN
    CHECK(std::isnan(st::kurtosis(flat)));
    const std::vector<double> two{1.0, 2.0};
    CHECK(std::isnan(st::variance(two, 2)));
    CHECK(std::isnan(st::skewness(two, false)));     // needs n >= 3
    CHECK(std::isnan(st::kurtosis(two, true, false)));  // needs n >= 4
  }

  TEST_CASE("descriptive: invalid quantile arguments throw invalid_argument") {
    const std::vector<double> x{1, 2, 3};
    CHECK_THROWS_WITH_AS(st::quantile(x, 1.5), "quantkit::stats::quantile: p must be in [0, 1] (got 1.5)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(st::quantile(x, -0.1), quantkit::invalid_argument);
    CHECK_THROWS_AS(st::quantile(x, qnan), quantkit::invalid_argument);
    CHECK_THROWS_AS(st::percentile(x, 101.0), quantkit::invalid_argument);
    const std::vector<double> bad{0.5, 2.0};
    CHECK_THROWS_AS(st::quantiles(x, bad), quantkit::invalid_argument);
  }
}

}  // namespace stats_test_descriptive
