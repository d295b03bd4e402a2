// SPDX-License-Identifier: MIT
#include <quantkit/stats/mann_whitney.hpp>
#include <quantkit/stats/rank.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace stats_test_mann_whitney {  // own scope for unity builds

namespace st = quantkit::stats;
namespace ti = quantkit::test::inference;
using ti::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

// Brute force: the U statistic of every subset of size m of {0, ..., m + n - 1} (the positions of
// the first sample in the pooled order), U = number of (first, second) pairs with first > second.
std::vector<double> brute_force_u_counts(std::size_t m, std::size_t n) {
  const std::size_t total = m + n;
  std::vector<double> counts(m * n + 1, 0.0);
  for (unsigned mask = 0; mask < (1u << total); ++mask) {
    if (static_cast<std::size_t>(std::popcount(mask)) != m) continue;
    std::size_t u = 0;
    std::size_t seconds_below = 0;
    for (std::size_t pos = 0; pos < total; ++pos) {
      if ((mask >> pos) & 1u) {
        u += seconds_below;
      } else {
        ++seconds_below;
      }
    }
    counts[u] += 1.0;
  }
  return counts;
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("rank: rankdata gives average ranks to ties and propagates NaN") {
    const std::vector<double> x = {10.0, 20.0, 10.0, 30.0, 20.0, 20.0};
    const auto r = st::rankdata(x);
    const std::vector<double> expected = {1.5, 4.0, 1.5, 6.0, 4.0, 4.0};
    CHECK(r == expected);
    CHECK(st::rankdata(std::vector<double>{}).empty());
    const auto rn = st::rankdata(std::vector<double>{1.0, qnan});
    CHECK((std::isnan(rn[0]) && std::isnan(rn[1])));
  }

  TEST_CASE("mann_whitney: matches scipy.stats.mannwhitneyu with and without ties") {
    for (const bool ticks : {false, true}) {
      CAPTURE(ticks);
      const auto a = ti::sample("a", ticks);
      const auto b = ti::sample("b", ticks);
      const auto& ref = ti::scipy()[ticks ? "two_sample_ticks" : "two_sample"];
      const auto r = st::mann_whitney_u(a, b);
      CHECK(r.method == st::mwu_method::asymptotic);  // both n > 8
      CHECK(r.statistic == ref["mannwhitneyu_two_sided"]["statistic"].num());
      check_rel(r.pvalue, ref["mannwhitneyu_two_sided"]["pvalue"].num(), 1e-13);
      CHECK(std::isnan(r.df));
      const auto nc =
          st::mann_whitney_u(a, b, {.method = st::mwu_method::asymptotic, .use_continuity = false});
      const auto& ref_nc = ref["mannwhitneyu_two_sided_asymptotic_no_continuity"];
      CHECK(nc.statistic == ref_nc["statistic"].num());
      check_rel(nc.pvalue, ref_nc["pvalue"].num(), 1e-13);
    }
  }

  TEST_CASE("mann_whitney: exact null distribution equals brute-force enumeration") {
    for (std::size_t m = 1; m <= 5; ++m) {
      for (std::size_t n = 1; n <= 7; ++n) {
        const auto counts = brute_force_u_counts(m, n);
        double total = 0.0;
        for (double c : counts) total += c;
        double cum = 0.0;
        for (std::size_t k = 0; k <= m * n; ++k) {
          cum += counts[k];
          CAPTURE(m);
          CAPTURE(n);
          CAPTURE(k);
          CHECK(st::detail::mwu_exact_cdf(k, m, n) == quantkit::test::approx(cum / total, 1e-14));
        }
      }
    }
  }

  TEST_CASE("mann_whitney: scipy's documented example, exact and asymptotic") {
    // scipy.stats.mannwhitneyu docstring (diabetes ages, Shier 2004): U1 = 17, exact two-sided
    // p = 0.1111111111111111 (= 2 * 7 / 126: U2 = 3 and #{U <= 3} = 1 + 1 + 2 + 3 = 7 of
    // C(9, 4) = 126 arrangements), asymptotic p = 0.11134688653314041.
    const std::vector<double> males = {19, 22, 16, 29, 24};
    const std::vector<double> females = {20, 11, 17, 12};
    const auto ex = st::mann_whitney_u(males, females);
    CHECK(ex.method == st::mwu_method::exact);
    CHECK(ex.statistic == 17.0);
    check_rel(ex.pvalue, 14.0 / 126.0, 1e-15);
    const auto as = st::mann_whitney_u(males, females, {.method = st::mwu_method::asymptotic});
    check_rel(as.pvalue, 0.11134688653314041, 1e-14);
    // Without continuity: z = (17 - 10) / sqrt(20 * 10 / 12), p = 2 sf(z).
    const auto nc = st::mann_whitney_u(
        males, females, {.method = st::mwu_method::asymptotic, .use_continuity = false});
    check_rel(nc.pvalue, 2.0 * st::normal_sf(7.0 / std::sqrt(200.0 / 12.0)), 1e-15);
    // One-sided exact: greater uses U1 = 17: P(U >= 17) = 7 / 126; less uses U2 = 3:
    // P(U >= 3) = 1 - P(U <= 2) = 1 - 4 / 126.
    check_rel(st::mann_whitney_u(males, females, {.alt = st::alternative::greater}).pvalue,
              7.0 / 126.0, 1e-15);
    check_rel(st::mann_whitney_u(males, females, {.alt = st::alternative::less}).pvalue,
              122.0 / 126.0, 1e-15);
    // A tie switches 'automatic' to the asymptotic method.
    const std::vector<double> tied = {19, 22, 16, 29, 20};
    CHECK(st::mann_whitney_u(tied, females).method == st::mwu_method::asymptotic);
    // Large second sample, small first: exact (min(n1, n2) <= 8); all of x below y gives U1 = 0
    // and p = 2 / C(n1 + n2, n1).
    std::vector<double> big(40);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = 100.0 + static_cast<double>(i);
    const std::vector<double> small = {1.0, 2.0, 3.0};
    const auto lo = st::mann_whitney_u(small, big);
    CHECK(lo.method == st::mwu_method::exact);
    CHECK(lo.statistic == 0.0);
    check_rel(lo.pvalue, 2.0 / (43.0 * 42.0 * 41.0 / 6.0), 1e-14);
  }

  TEST_CASE("mann_whitney: bad input gives NaN") {
    const std::vector<double> x = {1.0, 2.0, 3.0};
    const std::vector<double> empty;
    const std::vector<double> with_nan = {1.0, qnan};
    CHECK(std::isnan(st::mann_whitney_u(x, empty).pvalue));
    CHECK(std::isnan(st::mann_whitney_u(empty, x).statistic));
    CHECK(std::isnan(st::mann_whitney_u(x, with_nan).pvalue));
    CHECK(std::isnan(st::mann_whitney_u(std::vector<double>{qnan}, x).statistic));
  }
}

}  // namespace stats_test_mann_whitney
