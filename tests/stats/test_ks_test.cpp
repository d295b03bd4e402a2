// SPDX-License-Identifier: MIT
#include <quantkit/stats/descriptive.hpp>
#include <quantkit/stats/kolmogorov.hpp>
#include <quantkit/stats/ks_test.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace stats_test_ks_test {  // own scope for unity builds

namespace st = quantkit::stats;
namespace ti = quantkit::test::inference;
using ti::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

// Two-sided and one-sided (D+) statistics of a pooled arrangement, as integers scaled by n1 n2:
// bit `pos` of mask set = the pos-th smallest pooled value belongs to x.
void lattice_stats(unsigned mask, int n1, int n2, int& d_two, int& d_plus) {
  int i = 0;
  int j = 0;
  d_two = 0;
  d_plus = 0;
  for (int pos = 0; pos < n1 + n2; ++pos) {
    if ((mask >> pos) & 1u) {
      ++i;
    } else {
      ++j;
    }
    const int diff = i * n2 - j * n1;
    d_two = std::max(d_two, std::abs(diff));
    d_plus = std::max(d_plus, diff);
  }
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("ks_test: one-sample tests match scipy.stats.kstest on trades and returns") {
    const auto& ref = ti::scipy()["kstest"];
    for (const std::string name : {"trades", "returns"}) {
      CAPTURE(name);
      const auto x = name == "trades" ? ti::trades() : ti::returns();
      const double m = st::mean(x);
      const double s = st::stddev(x, 1);
      const auto fitted = st::ks_1samp_normal(x, m, s);
      const auto& rf = ref[name + "_norm_fitted"];
      check_rel(fitted.statistic, rf["statistic"].num(), 1e-13);
      // trades: n = 400 goes through the Pelz-Good series, returns: n = 1500 through 2 smirnov.
      check_rel(fitted.pvalue, rf["pvalue"].num(), 1e-12);
      CHECK(fitted.statistic_location == rf["statistic_location"].num());
      CHECK(fitted.statistic_sign == static_cast<int>(rf["statistic_sign"].num()));
      CHECK(fitted.method == st::ks_method::exact);
      const auto asym = st::ks_1samp_normal(x, m, s, {.method = st::ks_method::asymptotic});
      const auto& ra = ref[name + "_norm_fitted_asymp"];
      check_rel(asym.statistic, ra["statistic"].num(), 1e-13);
      check_rel(asym.pvalue, ra["pvalue"].num(), 1e-12);
      CHECK(asym.statistic_location == ra["statistic_location"].num());
      // The standardized sample against N(0, 1) through a caller-supplied cdf.
      std::vector<double> z(x.size());
      for (std::size_t i = 0; i < x.size(); ++i) z[i] = (x[i] - m) / s;
      const auto std_res = st::ks_1samp(z, [](double v) { return st::normal_cdf(v); });
      const auto& rs = ref[name + "_standard_normal"];
      check_rel(std_res.statistic, rs["statistic"].num(), 1e-13);
      check_rel(std_res.pvalue, rs["pvalue"].num(), 1e-12);
      check_rel(std_res.statistic_location, rs["statistic_location"].num(), 1e-15);
      CHECK(std_res.statistic_sign == static_cast<int>(rs["statistic_sign"].num()));
    }
  }

  TEST_CASE("ks_test: two-sample tests match scipy.stats.ks_2samp exact and asymptotic") {
    for (const bool ticks : {false, true}) {
      CAPTURE(ticks);
      const auto a = ti::sample("a", ticks);
      const auto b = ti::sample("b", ticks);
      const auto& ref = ti::scipy()[ticks ? "two_sample_ticks" : "two_sample"];
      const auto ex = st::ks_2samp(a, b);
      CHECK(ex.method == st::ks_method::exact);
      check_rel(ex.statistic, ref["ks_2samp_auto"]["statistic"].num(), 1e-15);
      check_rel(ex.pvalue, ref["ks_2samp_auto"]["pvalue"].num(), 1e-12);
      CHECK(ex.statistic_location == ref["ks_2samp_auto"]["statistic_location"].num());
      CHECK(ex.statistic_sign == static_cast<int>(ref["ks_2samp_auto"]["statistic_sign"].num()));
      const auto as = st::ks_2samp(a, b, {.method = st::ks_method::asymptotic});
      CHECK(as.method == st::ks_method::asymptotic);
      check_rel(as.statistic, ref["ks_2samp_asymp"]["statistic"].num(), 1e-15);
      check_rel(as.pvalue, ref["ks_2samp_asymp"]["pvalue"].num(), 1e-12);
      CHECK(as.statistic_location == ref["ks_2samp_asymp"]["statistic_location"].num());
    }
  }

  TEST_CASE("ks_test: exact two-sample p-values equal brute-force lattice enumeration") {
    for (int n1 = 1; n1 <= 6; ++n1) {
      for (int n2 = 1; n2 <= 7; ++n2) {
        const int total = n1 + n2;
        std::vector<unsigned> masks;
        for (unsigned mask = 0; mask < (1u << total); ++mask) {
          if (std::popcount(mask) == n1) masks.push_back(mask);
        }
        const double count = static_cast<double>(masks.size());
        // Check every fifth arrangement as the observed one (all of them for tiny sizes).
        for (std::size_t k = 0; k < masks.size();
             k += (masks.size() > 20 ? std::size_t{5} : std::size_t{1})) {
          std::vector<double> x;
          std::vector<double> y;
          for (int pos = 0; pos < total; ++pos) {
            ((masks[k] >> pos) & 1u ? x : y).push_back(static_cast<double>(pos));
          }
          int obs_two = 0;
          int obs_plus = 0;
          lattice_stats(masks[k], n1, n2, obs_two, obs_plus);
          double ge_two = 0.0;
          double ge_plus = 0.0;
          for (unsigned mm : masks) {
            int d2 = 0;
            int dp = 0;
            lattice_stats(mm, n1, n2, d2, dp);
            if (d2 >= obs_two) ge_two += 1.0;
            if (dp >= obs_plus) ge_plus += 1.0;
          }
          CAPTURE(n1);
          CAPTURE(n2);
          CAPTURE(masks[k]);
          const auto two = st::ks_2samp(x, y, {.method = st::ks_method::exact});
          // When every path is outside (p = 1), the n1 = n2 product can round to 1 + 2^-52 and
          // scipy (and quantkit) then fall back to the asymptotic p-value, which is also 1.
          if (ge_two < count) CHECK(two.method == st::ks_method::exact);
          CHECK(two.statistic == static_cast<double>(obs_two) / (n1 * n2));
          CHECK(two.pvalue == quantkit::test::approx(ge_two / count, 1e-13));
          const auto gr = st::ks_2samp(x, y, {.alt = st::alternative::greater});
          CHECK(gr.method == st::ks_method::exact);
          CHECK(gr.pvalue == quantkit::test::approx(ge_plus / count, 1e-13));
          // less for (x, y) is greater for (y, x).
          const auto ls = st::ks_2samp(y, x, {.alt = st::alternative::less});
          CHECK(ls.pvalue == quantkit::test::approx(ge_plus / count, 1e-13));
        }
      }
    }
  }

  TEST_CASE("kolmogorov: limiting distribution against its series and the branch cutover") {
    for (double x : {0.3, 0.5, 0.82, 0.83, 1.0, 1.36, 2.0, 3.0}) {
      CAPTURE(x);
      // 2 sum (-1)^(k-1) exp(-2 k^2 x^2), 200 terms (converges for every x > 0.1).
      double s = 0.0;
      for (int k = 200; k >= 1; --k) {
        s += (k % 2 == 1 ? 1.0 : -1.0) * std::exp(-2.0 * k * k * x * x);
      }
      // Below the cutover the sf is 1 - cdf, so compare absolutely there.
      CHECK(quantkit::test::close(st::kolmogorov_sf(x), 2.0 * s, 1e-14, 2e-16));
      CHECK(st::kolmogorov_cdf(x) == quantkit::test::approx(1.0 - 2.0 * s, 1e-14));
    }
    CHECK(st::kolmogorov_sf(0.0) == 1.0);
    CHECK(st::kolmogorov_sf(0.01) == 1.0);
    CHECK(st::kolmogorov_cdf(-1.0) == 0.0);
    CHECK(std::isnan(st::kolmogorov_sf(qnan)));
    // The 5% critical value of the Kolmogorov distribution is 1.3581: sf ~ 0.05.
    CHECK(std::fabs(st::kolmogorov_sf(1.3581) - 0.05) < 1e-4);
  }

  TEST_CASE("kolmogorov: smirnov and kstwo closed forms and agreement of the exact algorithms") {
    // n = 1: P(D+ >= d) = 1 - d; P(D_1 > d) = 2 (1 - d) for d >= 1/2.
    check_rel(st::smirnov_sf(1, 0.3), 0.7, 1e-15);
    check_rel(st::kstwo_sf(0.7, 1), 0.6, 1e-15);
    // n = 2, d = 0.3 (Birnbaum-Tingey by hand): (0.7)^2 + 0.3 * 2 * 0.2 = 0.61.
    check_rel(st::smirnov_sf(2, 0.3), 0.61, 1e-15);
    // n = 3, d = 0.4: 0.6^3 + 0.4 * 3 * (0.6 - 1/3)^2 = 0.216 + 1.2 * (4/15)^2.
    check_rel(st::smirnov_sf(3, 0.4), 0.216 + 1.2 * (4.0 / 15.0) * (4.0 / 15.0), 1e-14);
    // n = 5, d = 0.3: four terms j = 0..3.
    {
      const double d = 0.3;
      double s = 0.0;
      const double c[] = {1, 5, 10, 10};
      for (int j = 0; j <= 3; ++j) {
        s += c[j] * std::pow(1.0 - d - j / 5.0, 5 - j) * std::pow(d + j / 5.0, j - 1);
      }
      check_rel(st::smirnov_sf(5, d), d * s, 1e-14);
    }
    // Ruben-Gambino: P(D_n <= d) = n! (2d - 1/n)^n for 1/(2n) <= d <= 1/n; sf = 2 (1 - d)^n for
    // d >= 1 - 1/n.
    check_rel(st::kstwo_cdf(0.15, 5), 120.0 * std::pow(0.1, 5), 1e-14);
    check_rel(st::kstwo_sf(0.85, 5), 2.0 * std::pow(0.15, 5), 1e-13);
    // For d >= 1/2 the events D+ >= d and D- >= d are disjoint: P(D_n >= d) = 2 P(D+_n >= d).
    check_rel(st::kstwo_sf(0.55, 12), 2.0 * st::smirnov_sf(12, 0.55), 1e-15);
    // The Durbin matrix and Pomeranz's recursion are both exact: they agree wherever they apply.
    for (std::size_t n :
         {std::size_t{5}, std::size_t{20}, std::size_t{57}, std::size_t{100}, std::size_t{140}}) {
      for (double nd2 : {0.3, 0.75, 1.5, 3.0}) {
        const double d = std::sqrt(nd2 / static_cast<double>(n));
        CAPTURE(n);
        CAPTURE(d);
        const double a = st::detail::kolmogn_dmtw_cdf(n, d);
        const double b = st::detail::kolmogn_pomeranz_cdf(n, d);
        CHECK(a == quantkit::test::approx(b, 1e-12));
      }
    }
    // Pelz-Good is asymptotic: within 1e-4 of the exact Durbin value at n = 1000.
    CHECK(std::fabs(st::detail::kolmogn_pelz_good_cdf(1000, 0.03) -
                    st::detail::kolmogn_dmtw_cdf(1000, 0.03)) < 1e-4);
    CHECK(st::kstwo_sf(0.0, 10) == 1.0);
    CHECK(st::kstwo_sf(1.0, 10) == 0.0);
    CHECK(st::kstwo_sf(0.04, 10) == 1.0);  // below 1/(2n)
    CHECK(std::isnan(st::kstwo_sf(qnan, 10)));
    CHECK(std::isnan(st::smirnov_sf(10, 1.5)));
    CHECK_THROWS_AS(static_cast<void>(st::kstwo_sf(0.1, 0)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::smirnov_sf(0, 0.1)), quantkit::invalid_argument);
  }

  TEST_CASE("ks_test: one-sided one-sample tests and small two-sample cases by hand") {
    // x = {0.5} against U(0, 1): D+ = 1 - 0.5, D- = 0.5 - 0 (tie: D- reported, as scipy).
    const std::vector<double> one = {0.5};
    auto uniform = [](double v) { return std::clamp(v, 0.0, 1.0); };
    const auto r = st::ks_1samp(one, uniform);
    CHECK(r.statistic == 0.5);
    CHECK(r.statistic_sign == -1);
    check_rel(r.pvalue, 1.0, 1e-15);  // P(D_1 > 1/2) = 2 (1 - 1/2)
    // x = {0.1, 0.2, 0.7} vs U(0,1): D+ = max(1/3 - 0.1, 2/3 - 0.2, 1 - 0.7) = 0.4666...,
    // D- = max(0.1, 0.2 - 1/3, 0.7 - 2/3) = 0.1.
    const std::vector<double> x = {0.7, 0.1, 0.2};
    const auto g = st::ks_1samp(x, uniform, {.alt = st::alternative::greater});
    check_rel(g.statistic, 2.0 / 3.0 - 0.2, 1e-15);
    CHECK(g.statistic_location == 0.2);
    check_rel(g.pvalue, st::smirnov_sf(3, 2.0 / 3.0 - 0.2), 1e-15);
    const auto l = st::ks_1samp(x, uniform, {.alt = st::alternative::less});
    check_rel(l.statistic, 0.1, 1e-15);
    CHECK(l.statistic_sign == -1);
    // Disjoint samples of equal size 3: D = 1, P = 2 / C(6, 3) = 0.1 (outside-square formula);
    // sizes 2 and 3: P = 2 / C(5, 2) = 0.2 (inside method); one-sided: half of it.
    const std::vector<double> a3 = {1, 2, 3};
    const std::vector<double> b3 = {4, 5, 6};
    check_rel(st::ks_2samp(a3, b3).pvalue, 0.1, 1e-15);
    const std::vector<double> a2 = {1, 2};
    check_rel(st::ks_2samp(a2, b3).pvalue, 0.2, 1e-15);
    check_rel(st::ks_2samp(a2, b3, {.alt = st::alternative::greater}).pvalue, 0.1, 1e-15);
    check_rel(st::ks_2samp(a3, b3, {.alt = st::alternative::greater}).pvalue, 0.05, 1e-15);
    // The general path counting (binomials by the beta function above k = 20) agrees with the
    // n1 = n2 product C(2n, n - h) / C(2n, n) = prod_{j<h} (n - j) / (n + j + 1).
    for (std::int64_t h : {3, 7, 12}) {
      double prod = 1.0;
      for (std::int64_t j = 0; j < h; ++j) {
        prod *= static_cast<double>(40 - j) / static_cast<double>(40 + j + 1);
      }
      const double paths = st::detail::ks2_count_paths_outside(40, 40, 40, h);
      CHECK(paths / st::detail::binom_double(80, 40) == quantkit::test::approx(prod, 1e-12));
    }
    CHECK(st::detail::binom_double(80, 40) ==
          quantkit::test::approx(1.0750720873333618e23, 1e-14));  // C(80, 40)
    CHECK(st::detail::binom_double(10, 3) == 120.0);
    // Asymptotic one-sided: Hodges' formula with m = 3, n = 2, D = 1.
    {
      const double z = std::sqrt(6.0 / 5.0);
      const double expect = std::exp(-2.0 * z * z - 2.0 * z * (3.0 + 4.0) / std::sqrt(30.0) / 3.0);
      check_rel(st::ks_2samp(a2, b3,
                             {.alt = st::alternative::greater, .method = st::ks_method::asymptotic})
                    .pvalue,
                expect, 1e-15);
    }
  }

  TEST_CASE("ks_test: bad input gives NaN or throws") {
    const std::vector<double> empty;
    const std::vector<double> x = {1.0, 2.0};
    const std::vector<double> with_nan = {1.0, qnan};
    CHECK(std::isnan(st::ks_1samp_normal(empty).pvalue));
    CHECK(std::isnan(st::ks_1samp_normal(with_nan).statistic));
    CHECK(std::isnan(st::ks_1samp(x, [](double) { return qnan; }).pvalue));
    CHECK(std::isnan(st::ks_2samp(x, empty).pvalue));
    CHECK(std::isnan(st::ks_2samp(with_nan, x).statistic));
    CHECK_THROWS_WITH_AS(static_cast<void>(st::ks_1samp_normal(x, 0.0, 0.0)),
                         "quantkit::stats::ks_1samp_normal: sd must be finite and > 0 (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::ks_1samp_normal(x, qnan, 1.0)),
                    quantkit::invalid_argument);
  }
}

}  // namespace stats_test_ks_test
