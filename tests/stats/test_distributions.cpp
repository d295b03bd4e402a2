// SPDX-License-Identifier: MIT
#include <quantkit/stats/distributions.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace stats_test_distributions {  // own scope for unity builds

namespace st = quantkit::stats;
using quantkit::test::close;

namespace {
const quantkit::test::json& dist() {
  static const auto j = quantkit::test::load_json("stats/scipy_stats.json");
  return j["distributions"];
}
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

// Relative error with an absolute floor for values that are rounding residue around 0 or 1.
void check_grid(double got, double expected, double rel, const std::string& what) {
  CAPTURE(what);
  CAPTURE(got);
  CAPTURE(expected);
  const double relerr = std::fabs(got - expected) / std::fabs(expected);
  CAPTURE(relerr);
  CHECK(close(got, expected, rel, 1e-300));
}

// The python repr of a df used as a JSON key ("7.5", "10.0").
std::string df_key(double df) {
  std::string s = std::to_string(df);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.push_back('0');
  return s;
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("distributions: normal cdf, sf, pdf and ppf reproduce scipy.stats.norm on its grid") {
    const auto x = dist()["x"].numbers();
    const auto probs = dist()["probs"].numbers();
    const auto cdf = dist()["norm_cdf"].numbers();
    const auto sf = dist()["norm_sf"].numbers();
    const auto pdf = dist()["norm_pdf"].numbers();
    const auto ppf = dist()["norm_ppf"].numbers();
    for (std::size_t i = 0; i < x.size(); ++i) {
      const std::string w = "x = " + std::to_string(x[i]);
      // 5e-14: at |x| = 10 (Phi = 7.6e-24) Boost's erfc and cephes' ndtr differ by 1.6e-14.
      check_grid(st::normal_cdf(x[i]), cdf[i], 5e-14, w);
      check_grid(st::normal_sf(x[i]), sf[i], 5e-14, w);
      check_grid(st::normal_pdf(x[i]), pdf[i], 1e-14, w);
    }
    for (std::size_t i = 0; i < probs.size(); ++i) {
      check_grid(st::normal_ppf(probs[i]), ppf[i], 1e-14, "p = " + std::to_string(probs[i]));
      check_grid(st::normal_isf(probs[i]), -ppf[i], 1e-14, "isf");
    }
  }

  TEST_CASE("distributions: Student t cdf, sf and ppf reproduce scipy.stats.t for every df") {
    const auto x = dist()["x"].numbers();
    const auto probs = dist()["probs"].numbers();
    for (double df : dist()["t_dfs"].numbers()) {
      const std::string key = df_key(df);
      const auto cdf = dist()["t_cdf"][key].numbers();
      const auto sf = dist()["t_sf"][key].numbers();
      const auto ppf = dist()["t_ppf"][key].numbers();
      for (std::size_t i = 0; i < x.size(); ++i) {
        const std::string w = "df = " + key + ", x = " + std::to_string(x[i]);
        check_grid(st::t_cdf(x[i], df), cdf[i], 1e-13, w);
        check_grid(st::t_sf(x[i], df), sf[i], 1e-13, w);
      }
      // scipy's t.ppf is cdflib's stdtrit, a bracketing root search that stops at ~1e-8 relative
      // (it returns 8e-17 for the median): compare to 1e-8, with an absolute 1e-15 at the median.
      // Boost's quantile is checked to 1e-14 against closed forms in the next test case.
      for (std::size_t i = 0; i < probs.size(); ++i) {
        const std::string w = "df = " + key + ", p = " + std::to_string(probs[i]);
        CAPTURE(w);
        CHECK(close(st::t_ppf(probs[i], df), ppf[i], 1e-8, 1e-15));
      }
    }
  }

  TEST_CASE("distributions: chi-square cdf, sf and ppf reproduce scipy.stats.chi2 for every df") {
    const auto x = dist()["chi2_x"].numbers();
    const auto probs = dist()["probs"].numbers();
    for (double df : dist()["chi2_dfs"].numbers()) {
      const std::string key = df_key(df);
      const auto cdf = dist()["chi2_cdf"][key].numbers();
      const auto sf = dist()["chi2_sf"][key].numbers();
      const auto ppf = dist()["chi2_ppf"][key].numbers();
      for (std::size_t i = 0; i < x.size(); ++i) {
        const std::string w = "df = " + key + ", x = " + std::to_string(x[i]);
        check_grid(st::chi2_cdf(x[i], df), cdf[i], 1e-13, w);
        check_grid(st::chi2_sf(x[i], df), sf[i], 1e-13, w);
      }
      for (std::size_t i = 0; i < probs.size(); ++i) {
        check_grid(st::chi2_ppf(probs[i], df), ppf[i], 1e-13,
                   "df = " + key + ", p = " + std::to_string(probs[i]));
      }
    }
  }

  TEST_CASE("distributions: edges follow scipy and bad parameters throw") {
    CHECK(std::isnan(st::normal_cdf(qnan)));
    CHECK(std::isnan(st::t_cdf(qnan, 3.0)));
    CHECK(std::isnan(st::t_cdf(1.0, qnan)));
    CHECK(std::isnan(st::chi2_sf(qnan, 2.0)));
    CHECK(std::isnan(st::normal_ppf(qnan)));
    CHECK(st::normal_cdf(-inf) == 0.0);
    CHECK(st::normal_sf(-inf) == 1.0);
    CHECK(st::t_cdf(inf, 2.0) == 1.0);
    CHECK(st::t_sf(inf, 2.0) == 0.0);
    CHECK(st::chi2_cdf(-1.0, 2.0) == 0.0);
    CHECK(st::chi2_sf(inf, 2.0) == 0.0);
    CHECK(st::normal_ppf(0.0) == -inf);
    CHECK(st::normal_ppf(1.0) == inf);
    CHECK(st::t_ppf(1.0, 4.0) == inf);
    CHECK(st::chi2_ppf(0.0, 4.0) == 0.0);
    CHECK(st::chi2_ppf(1.0, 4.0) == inf);
    // Closed forms: t with 1 df is Cauchy, chi-square with 2 df is exponential with mean 2.
    CHECK(st::t_cdf(1.0, 1.0) == quantkit::test::approx(0.75, 1e-15));
    CHECK(st::chi2_sf(3.0, 2.0) == quantkit::test::approx(std::exp(-1.5), 1e-15));
    for (double p : dist()["probs"].numbers()) {
      CAPTURE(p);
      // t with 1 df: tan(pi (p - 1/2)) = -1 / tan(pi p), written so that p near 0 or 1 stays
      // well conditioned; with 2 df: (2p - 1) / sqrt(2 p (1 - p)).
      const double pi = 3.141592653589793;
      const double cauchy = p < 0.5 ? -1.0 / std::tan(pi * p) : 1.0 / std::tan(pi * (1.0 - p));
      CHECK(close(st::t_ppf(p, 1.0), cauchy, 1e-13, 1e-15));
      CHECK(
          close(st::t_ppf(p, 2.0), (2.0 * p - 1.0) / std::sqrt(2.0 * p * (1.0 - p)), 1e-13, 1e-15));
    }
    CHECK(st::t_cdf(0.7, inf) == quantkit::test::approx(st::normal_cdf(0.7), 1e-15));
    CHECK_THROWS_AS(static_cast<void>(st::normal_ppf(1.5)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::t_ppf(-0.1, 3.0)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::t_cdf(0.0, 0.0)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::chi2_cdf(1.0, -2.0)), quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::chi2_ppf(2.0, 1.0)),
                         "quantkit::stats::chi2_ppf: p must be in [0, 1] (got 2)",
                         quantkit::invalid_argument);
  }
}

}  // namespace stats_test_distributions
