// SPDX-License-Identifier: MIT
#include <quantkit/stats/correlation.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

namespace stats_test_correlation {  // own scope for unity builds

namespace st = quantkit::stats;
namespace ti = quantkit::test::inference;
using ti::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double pi = 3.141592653589793;
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("correlation: pearsonr, spearmanr, kendalltau and linregress match scipy.stats") {
    const auto r = ti::returns();
    const auto f = ti::benchmark();
    const auto& ref = ti::scipy()["correlation"];
    const auto p = st::pearsonr(r, f);
    check_rel(p.statistic, ref["pearsonr"]["statistic"].num(), 1e-14);
    check_rel(p.pvalue, ref["pearsonr"]["pvalue"].num(), 1e-12);
    const auto s = st::spearmanr(r, f);
    check_rel(s.statistic, ref["spearmanr"]["statistic"].num(), 1e-14);
    check_rel(s.pvalue, ref["spearmanr"]["pvalue"].num(), 1e-12);
    const auto k = st::kendalltau(r, f);
    CHECK(k.method == st::kendall_method::asymptotic);  // n = 1500 > 33
    check_rel(k.statistic, ref["kendalltau"]["statistic"].num(), 1e-14);
    check_rel(k.pvalue, ref["kendalltau"]["pvalue"].num(), 1e-12);
    const auto l = st::linregress(f, r);
    const auto& rl = ref["linregress"];
    check_rel(l.slope, rl["slope"].num(), 1e-13);
    check_rel(l.intercept, rl["intercept"].num(), 1e-12);
    check_rel(l.rvalue, rl["rvalue"].num(), 1e-14);
    check_rel(l.pvalue, rl["pvalue"].num(), 1e-12);
    check_rel(l.slope_stderr, rl["stderr"].num(), 1e-13);
    check_rel(l.intercept_stderr, rl["intercept_stderr"].num(), 1e-13);
  }

  TEST_CASE("correlation: hand calculations for Pearson, Spearman and linregress") {
    // x = {1,2,3,4}, y = {1,3,2,4}: sxy = 4, sxx = syy = 5, r = 0.8. With n = 4 the null
    // distribution of r is uniform on [-1, 1] (Beta(1, 1)): p = 2 (1 - 0.9) = 0.2.
    const std::vector<double> x = {1, 2, 3, 4};
    const std::vector<double> y = {1, 3, 2, 4};
    const auto p = st::pearsonr(x, y);
    check_rel(p.statistic, 0.8, 1e-15);
    check_rel(p.pvalue, 0.2, 1e-14);
    CHECK(p.df == 2.0);
    check_rel(st::pearsonr(x, y, st::alternative::greater).pvalue, 0.1, 1e-14);
    check_rel(st::pearsonr(x, y, st::alternative::less).pvalue, 0.9, 1e-14);
    // Spearman on values with the same ranks: rho = 0.8, t = 0.8 sqrt(2 / (1.8 * 0.2)), df = 2,
    // p = 1 - t / sqrt(2 + t^2).
    const std::vector<double> y2 = {10, 30, 20, 40};
    const auto s = st::spearmanr(x, y2);
    const double t = 0.8 * std::sqrt(2.0 / (1.8 * 0.2));
    check_rel(s.statistic, 0.8, 1e-15);
    check_rel(s.pvalue, 1.0 - t / std::sqrt(2.0 + t * t), 1e-14);
    // Ties get average ranks: y3 ranks {1.5, 1.5, 3, 4}.
    const std::vector<double> y3 = {5, 5, 6, 7};
    const std::vector<double> ry3 = {1.5, 1.5, 3, 4};
    check_rel(st::spearmanr(x, y3).statistic, st::pearsonr(x, ry3).statistic, 1e-15);
    // n = 2: r = +-1, p = 1.
    CHECK(st::pearsonr(std::vector<double>{1, 2}, std::vector<double>{5, 3}).statistic == -1.0);
    CHECK(st::pearsonr(std::vector<double>{1, 2}, std::vector<double>{5, 3}).pvalue == 1.0);
    // linregress x = {0, 1, 2}, y = {1, 3, 2}: slope 1/2, intercept 3/2, r = 1/2; df = 1:
    // t = 1/sqrt(3), p = 1 - (2/pi) atan(t) = 2/3; slope se = sqrt(3/4), intercept se =
    // sqrt(3/4) sqrt(2/3 + 1).
    const std::vector<double> lx = {0, 1, 2};
    const std::vector<double> ly = {1, 3, 2};
    const auto l = st::linregress(lx, ly);
    check_rel(l.slope, 0.5, 1e-15);
    check_rel(l.intercept, 1.5, 1e-15);
    check_rel(l.rvalue, 0.5, 1e-15);
    check_rel(l.pvalue, 1.0 - 2.0 / pi * std::atan(1.0 / std::sqrt(3.0)), 1e-13);
    check_rel(l.slope_stderr, std::sqrt(0.75), 1e-15);
    check_rel(l.intercept_stderr, std::sqrt(0.75) * std::sqrt(2.0 / 3.0 + 1.0), 1e-15);
    const auto l2 = st::linregress(std::vector<double>{0, 1}, std::vector<double>{1, 3});
    check_rel(l2.slope, 2.0, 1e-15);
    CHECK(l2.pvalue == 0.0);
    CHECK(l2.slope_stderr == 0.0);
    // Constant y: r = 0, slope 0, p = 1.
    const auto l3 = st::linregress(lx, std::vector<double>{2, 2, 2});
    CHECK(l3.rvalue == 0.0);
    CHECK(l3.slope == 0.0);
    check_rel(l3.pvalue, 1.0, 1e-15);
  }

  TEST_CASE("correlation: Kendall's exact null distribution equals permutation enumeration") {
    // For n = 6, count the permutations by number of inversions; the two-sided p-value of c
    // concordant pairs is 2 P(inversions <= min(c, 15 - c)) (capped at 1), the one-sided ones
    // P(concordant >= c) (greater) and P(concordant <= c) (less).
    const int n = 6;
    std::vector<int> perm(6);
    std::iota(perm.begin(), perm.end(), 0);
    std::vector<double> count(16, 0.0);
    do {
      int inv = 0;
      for (std::size_t i = 0; i < perm.size(); ++i) {
        for (std::size_t j = i + 1; j < perm.size(); ++j) inv += perm[i] > perm[j] ? 1 : 0;
      }
      count[static_cast<std::size_t>(inv)] += 1.0;
    } while (std::next_permutation(perm.begin(), perm.end()));
    for (int c = 0; c <= 15; ++c) {
      CAPTURE(c);
      const int lo = std::min(c, 15 - c);
      double tail = 0.0;
      for (int i = 0; i <= lo; ++i) tail += count[static_cast<std::size_t>(i)];
      const double two = std::min(1.0, 2.0 * tail / 720.0);
      CHECK(st::detail::kendall_p_exact(n, c, st::alternative::two_sided) ==
            quantkit::test::approx(two, 1e-14));
      // concordant = 15 - inversions.
      double ge = 0.0;
      double le = 0.0;
      for (int i = 0; i <= 15; ++i) {
        if (15 - i >= c) ge += count[static_cast<std::size_t>(i)];
        if (15 - i <= c) le += count[static_cast<std::size_t>(i)];
      }
      CHECK(st::detail::kendall_p_exact(n, c, st::alternative::greater) ==
            quantkit::test::approx(ge / 720.0, 1e-14));
      CHECK(st::detail::kendall_p_exact(n, c, st::alternative::less) ==
            quantkit::test::approx(le / 720.0, 1e-14));
    }
    // x = {1,2,3,4}, y = {1,3,2,4}: C = 5, D = 1, tau = 4/6; exact two-sided p = 2 * 4 / 24.
    const std::vector<double> x = {1, 2, 3, 4};
    const std::vector<double> y = {1, 3, 2, 4};
    const auto k = st::kendalltau(x, y);
    CHECK(k.method == st::kendall_method::exact);
    check_rel(k.statistic, 4.0 / 6.0, 1e-15);
    check_rel(k.pvalue, 1.0 / 3.0, 1e-14);
    // n = 200 uses the scaled recursion path when forced (n >= 171): compare with the normal
    // approximation loosely and check symmetry of the one-sided p-values.
    std::vector<double> bx(200);
    std::vector<double> by(200);
    for (std::size_t i = 0; i < 200; ++i) {
      bx[i] = static_cast<double>(i);
      by[i] = static_cast<double>((i * 37) % 200);
    }
    const auto ke = st::kendalltau(bx, by, st::alternative::two_sided, st::kendall_method::exact);
    const auto ka =
        st::kendalltau(bx, by, st::alternative::two_sided, st::kendall_method::asymptotic);
    CHECK(std::fabs(ke.pvalue - ka.pvalue) < 0.01);
  }

  TEST_CASE("correlation: Kendall's tau-b with ties against a brute-force pair count") {
    const std::vector<double> x = {1, 1, 2, 3, 3, 3, 4, 5, 5, 6};
    const std::vector<double> y = {2, 1, 2, 3, 5, 3, 3, 4, 6, 6};
    const std::size_t n = x.size();
    double con = 0.0;
    double dis = 0.0;
    double tx = 0.0;
    double ty = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        const double s = (x[i] - x[j]) * (y[i] - y[j]);
        if (s > 0) con += 1.0;
        if (s < 0) dis += 1.0;
        if (x[i] == x[j]) tx += 1.0;
        if (y[i] == y[j]) ty += 1.0;
      }
    }
    const double n0 = static_cast<double>(n * (n - 1) / 2);
    const double tau = (con - dis) / std::sqrt((n0 - tx) * (n0 - ty));
    // Tie groups: x sizes {2, 3, 2}, y sizes {2, 3, 2} (y: 2,2 / 3,3,3 / 6,6).
    auto v1 = [](double t) { return t * (t - 1) * (2 * t + 5); };
    auto v0 = [](double t) { return t * (t - 1) * (t - 2); };
    const double dn = static_cast<double>(n);
    const double m = dn * (dn - 1);
    const double sum1 = v1(2) + v1(3) + v1(2);
    const double sum0 = v0(2) + v0(3) + v0(2);
    const double var =
        (m * (2 * dn + 5) - sum1 - sum1) / 18 + 2 * tx * ty / m + sum0 * sum0 / (9 * m * (dn - 2));
    const double z = (con - dis) / std::sqrt(var);
    const auto k = st::kendalltau(x, y);
    CHECK(k.method == st::kendall_method::asymptotic);
    check_rel(k.statistic, tau, 1e-15);
    check_rel(k.pvalue, 2.0 * st::normal_sf(std::fabs(z)), 1e-14);
    check_rel(st::kendalltau(x, y, st::alternative::greater).pvalue, st::normal_sf(z), 1e-14);
    CHECK_THROWS_AS(static_cast<void>(st::kendalltau(x, y, st::alternative::two_sided,
                                                     st::kendall_method::exact)),
                    quantkit::invalid_argument);
  }

  TEST_CASE("correlation: bad input gives NaN or throws") {
    const std::vector<double> x = {1, 2, 3};
    const std::vector<double> flat = {2, 2, 2};
    const std::vector<double> with_nan = {1, qnan, 3};
    const std::vector<double> two = {1, 2};
    const std::vector<double> empty;
    CHECK_THROWS_WITH_AS(static_cast<void>(st::pearsonr(x, two)),
                         "quantkit::stats::pearsonr: x and y must have the same length (got 3 "
                         "and 2)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::spearmanr(x, two)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::kendalltau(x, two)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::linregress(x, two)), quantkit::invalid_argument);
    CHECK(std::isnan(st::pearsonr(x, flat).statistic));
    CHECK(std::isnan(st::pearsonr(x, with_nan).pvalue));
    CHECK(std::isnan(st::pearsonr(empty, empty).statistic));
    CHECK(std::isnan(st::spearmanr(flat, x).statistic));
    CHECK(std::isnan(st::spearmanr(with_nan, x).pvalue));
    CHECK(std::isnan(st::kendalltau(flat, x).statistic));
    CHECK(std::isnan(st::kendalltau(empty, empty).pvalue));
    CHECK(std::isnan(st::kendalltau(x, with_nan).statistic));
    CHECK(std::isnan(st::linregress(flat, x).slope));
    CHECK(std::isnan(st::linregress(x, with_nan).intercept));
    CHECK(std::isnan(st::linregress(std::vector<double>{1}, std::vector<double>{2}).slope));
  }
}

}  // namespace stats_test_correlation
