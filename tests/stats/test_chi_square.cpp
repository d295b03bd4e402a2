// SPDX-License-Identifier: MIT
#include <quantkit/stats/binomial_test.hpp>
#include <quantkit/stats/chi_square.hpp>
#include <quantkit/stats/normality.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace stats_test_chi_square {  // own scope for unity builds

namespace st = quantkit::stats;
namespace ti = quantkit::test::inference;
using ti::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

double choose(int n, int k) {
  double c = 1.0;
  for (int i = 1; i <= k; ++i) c = c * (n - k + i) / i;
  return c;
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("chi_square: goodness of fit matches scipy.stats.chisquare") {
    const auto t = quantkit::test::load_csv("stats/inputs/chisquare.csv");
    const auto obs = t.numbers("observed");
    const auto prob = t.numbers("expected_prob");
    const auto& ref = ti::scipy()["chisquare"];
    const auto u = st::chisquare(obs);
    check_rel(u.statistic, ref["uniform"]["statistic"].num(), 1e-14);
    check_rel(u.pvalue, ref["uniform"]["pvalue"].num(), 1e-13);
    CHECK(u.df == 5.0);
    const auto u1 = st::chisquare(obs, {}, 1);
    check_rel(u1.statistic, ref["uniform_ddof1"]["statistic"].num(), 1e-14);
    check_rel(u1.pvalue, ref["uniform_ddof1"]["pvalue"].num(), 1e-13);
    CHECK(u1.df == 4.0);
    double total = 0.0;
    for (double o : obs) total += o;
    std::vector<double> fexp(obs.size());
    for (std::size_t i = 0; i < obs.size(); ++i) fexp[i] = prob[i] * total;
    const auto ref_fexp = ref["f_exp"]["f_exp"].numbers();
    for (std::size_t i = 0; i < fexp.size(); ++i) CHECK(fexp[i] == ref_fexp[i]);
    const auto f = st::chisquare(obs, fexp);
    check_rel(f.statistic, ref["f_exp"]["statistic"].num(), 1e-14);
    check_rel(f.pvalue, ref["f_exp"]["pvalue"].num(), 1e-13);
  }

  TEST_CASE("chi_square: contingency tables match scipy.stats.chi2_contingency") {
    struct shape {
      std::string name;
      std::size_t rows;
      std::size_t cols;
    };
    for (const auto& s : {shape{"2x2", 2, 2}, shape{"2x3", 2, 3}, shape{"3x4", 3, 4}}) {
      CAPTURE(s.name);
      const auto csv = quantkit::test::load_csv("stats/inputs/contingency_" + s.name + ".csv");
      std::vector<double> table;
      for (std::size_t i = 0; i < s.rows; ++i) {
        for (std::size_t j = 0; j < s.cols; ++j) {
          table.push_back(csv.numbers("c" + std::to_string(j))[i]);
        }
      }
      const auto& ref = ti::scipy()["chi2_contingency"][s.name];
      const auto ref_table = ref["table"];
      for (std::size_t i = 0; i < s.rows; ++i) {
        CHECK(ref_table[i].numbers() ==
              std::vector<double>(table.begin() + static_cast<std::ptrdiff_t>(i * s.cols),
                                  table.begin() + static_cast<std::ptrdiff_t>((i + 1) * s.cols)));
      }
      for (const bool corr : {true, false}) {
        const auto& rc = ref[corr ? "correction_true" : "correction_false"];
        const auto r = st::chi2_contingency(table, s.rows, s.cols, {.correction = corr});
        check_rel(r.statistic, rc["statistic"].num(), 1e-13);
        check_rel(r.pvalue, rc["pvalue"].num(), 1e-12);
        CHECK(r.df == rc["dof"].num());
        for (std::size_t i = 0; i < s.rows; ++i) {
          const auto row = rc["expected_freq"][i].numbers();
          for (std::size_t j = 0; j < s.cols; ++j) {
            check_rel(r.expected_freq[i * s.cols + j], row[j], 1e-15);
          }
        }
      }
      const auto g = st::chi2_contingency(
          table, s.rows, s.cols, {.correction = false, .lambda = st::log_likelihood_lambda});
      check_rel(g.statistic, ref["g_test_no_correction"]["statistic"].num(), 1e-13);
      check_rel(g.pvalue, ref["g_test_no_correction"]["pvalue"].num(), 1e-12);
      CHECK(g.df == ref["g_test_no_correction"]["dof"].num());
    }
  }

  TEST_CASE("chi_square: hand calculations") {
    // {10, 20, 30}: expected 20 each, X2 = (100 + 0 + 100) / 20 = 10, df = 2: p = exp(-5).
    const std::vector<double> o = {10, 20, 30};
    const auto r = st::chisquare(o);
    check_rel(r.statistic, 10.0, 1e-15);
    check_rel(r.pvalue, std::exp(-5.0), 1e-14);
    // G = 2 (10 ln(1/2) + 0 + 30 ln(3/2)).
    const auto g = st::power_divergence(o, {}, 0, st::log_likelihood_lambda);
    check_rel(g.statistic, 2.0 * (10.0 * std::log(0.5) + 30.0 * std::log(1.5)), 1e-15);
    // Cressie-Read lambda = 2/3: 2 / (l (l + 1)) sum o ((o / e)^l - 1).
    const double l = 2.0 / 3.0;
    double cr = 0.0;
    for (double v : o) cr += v * (std::pow(v / 20.0, l) - 1.0);
    check_rel(st::power_divergence(o, {}, 0, l).statistic, cr / (0.5 * l * (l + 1.0)), 1e-14);
    // 2 x 2 table [[10, 20], [20, 10]]: expected 15 everywhere. Yates moves each count 0.5 towards
    // 15: X2 = 4 * 4.5^2 / 15 = 5.4; without correction 4 * 25 / 15. df = 1: p = erfc(sqrt(X2/2)).
    const std::vector<double> t = {10, 20, 20, 10};
    const auto y = st::chi2_contingency(t, 2, 2);
    check_rel(y.statistic, 5.4, 1e-15);
    check_rel(y.pvalue, std::erfc(std::sqrt(2.7)), 1e-13);
    check_rel(st::chi2_contingency(t, 2, 2, {.correction = false}).statistic, 100.0 / 15.0, 1e-15);
    // A 1 x 3 table has df = 0: statistic 0, p-value 1.
    const auto d0 = st::chi2_contingency(o, 1, 3);
    CHECK(d0.statistic == 0.0);
    CHECK(d0.pvalue == 1.0);
    CHECK(d0.df == 0.0);
  }

  TEST_CASE("chi_square: bad input throws as documented") {
    const std::vector<double> o = {10, 20, 30};
    const std::vector<double> neg = {10, -1, 30};
    const std::vector<double> with_nan = {10, qnan, 30};
    const std::vector<double> with_inf = {10, inf, 30};
    CHECK_THROWS_WITH_AS(static_cast<void>(st::chisquare(neg)),
                         "quantkit::stats::power_divergence: observed must hold finite "
                         "non-negative counts (got -1)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::chisquare(with_nan)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::chisquare(with_inf)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::chisquare(std::vector<double>{})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::chisquare(o, std::vector<double>{20, 40})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::chisquare(o, std::vector<double>{20, 20, 21})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::chisquare(o, std::vector<double>{0, 30, 30})),
                    quantkit::invalid_argument);
    // ddof >= k - 1 leaves no degrees of freedom: NaN p-value.
    CHECK(std::isnan(st::chisquare(o, {}, 2).pvalue));
    CHECK(std::isnan(st::chisquare(o, {}, 5).pvalue));
    const std::vector<double> t = {10, 20, 20, 10};
    CHECK_THROWS_AS(static_cast<void>(st::chi2_contingency(t, 2, 3)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::chi2_contingency(t, 0, 4)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::chi2_contingency(std::vector<double>{1, -2, 3, 4}, 2, 2)),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(
        static_cast<void>(st::chi2_contingency(std::vector<double>{1, inf, 3, 4}, 2, 2)),
        quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(
        static_cast<void>(st::chi2_contingency(std::vector<double>{0, 0, 3, 4}, 2, 2)),
        "quantkit::stats::chi2_contingency: table has a zero expected frequency (an all-zero row "
        "or column) (got 0)",
        quantkit::invalid_argument);
  }

  TEST_CASE("binomial_test: binomtest and proportion_ci match scipy.stats.binomtest") {
    const auto& ref = ti::scipy()["binomtest"];
    const auto t = ti::trades();
    std::size_t k = 0;
    for (double v : t) k += v > 0.0 ? 1 : 0;
    const std::size_t n = t.size();
    REQUIRE(static_cast<double>(k) == ref["k"].num());
    REQUIRE(static_cast<double>(n) == ref["n"].num());
    struct one_case {
      std::string key;
      double p;
      st::alternative alt;
    };
    for (const auto& c : {one_case{"p0.5_two_sided", 0.5, st::alternative::two_sided},
                          one_case{"p0.5_greater", 0.5, st::alternative::greater},
                          one_case{"p0.55_less", 0.55, st::alternative::less},
                          one_case{"p0.3_two_sided", 0.3, st::alternative::two_sided}}) {
      const auto r = st::binomtest(k, n, c.p, c.alt);
      CHECK(r.statistic == ref[c.key]["statistic"].num());
      check_rel(r.pvalue, ref[c.key]["pvalue"].num(), 1e-12, c.key);
    }
    // scipy finds the Clopper-Pearson bounds with brentq (xtol 2e-12 absolute), quantkit with
    // Boost's beta quantile: agreement to ~1e-11 relative, hence 1e-10.
    const auto ex = st::proportion_ci(k, n, 0.95, st::proportion_ci_method::exact);
    check_rel(ex.lower, ref["ci_exact"].numbers()[0], 1e-10);
    check_rel(ex.upper, ref["ci_exact"].numbers()[1], 1e-10);
    const auto w = st::proportion_ci(k, n, 0.95, st::proportion_ci_method::wilson);
    check_rel(w.lower, ref["ci_wilson"].numbers()[0], 1e-14);
    check_rel(w.upper, ref["ci_wilson"].numbers()[1], 1e-14);
    const auto wc = st::proportion_ci(k, n, 0.95, st::proportion_ci_method::wilsoncc);
    check_rel(wc.lower, ref["ci_wilsoncc"].numbers()[0], 1e-14);
    check_rel(wc.upper, ref["ci_wilsoncc"].numbers()[1], 1e-14);
  }

  TEST_CASE("binomial_test: hand calculations") {
    // n = 10, k = 2, p = 1/2 (symmetric): two-sided = P(X <= 2) + P(X >= 8) = 2 * 56 / 1024.
    check_rel(st::binomtest(2, 10).pvalue, 112.0 / 1024.0, 1e-14);
    check_rel(st::binomtest(2, 10, 0.5, st::alternative::less).pvalue, 56.0 / 1024.0, 1e-14);
    check_rel(st::binomtest(2, 10, 0.5, st::alternative::greater).pvalue, 1013.0 / 1024.0, 1e-14);
    CHECK(st::binomtest(5, 10).pvalue == 1.0);  // k = n p
    // n = 10, k = 6, p = 0.3: outcomes at most as likely as pmf(6) = 0.0368 are x >= 6 and x = 0
    // (pmf(0) = 0.7^10 = 0.0282; pmf(1) = 0.121 is larger).
    auto pmf = [](int x) { return choose(10, x) * std::pow(0.3, x) * std::pow(0.7, 10 - x); };
    double upper = 0.0;
    for (int x = 6; x <= 10; ++x) upper += pmf(x);
    check_rel(st::binomtest(6, 10, 0.3).pvalue, pmf(0) + upper, 1e-13);
    // And k = 0 from the other side: pmf(0) = 0.0282; on the right x >= 6 have pmf <= 0.0368...
    // only x >= 7 (pmf(6) = 0.0368 > 0.0282): p = pmf(0) + P(X >= 7).
    check_rel(st::binomtest(0, 10, 0.3).pvalue, pmf(0) + upper - pmf(6), 1e-13);
    // Clopper-Pearson ends: k = 0 gives [0, 1 - (alpha/2)^(1/n)], k = n gives [(alpha/2)^(1/n), 1].
    const auto c0 = st::proportion_ci(0, 20, 0.9);
    CHECK(c0.lower == 0.0);
    check_rel(c0.upper, 1.0 - std::pow(0.05, 1.0 / 20.0), 1e-13);
    const auto cn = st::proportion_ci(20, 20, 0.9);
    check_rel(cn.lower, std::pow(0.05, 1.0 / 20.0), 1e-13);
    CHECK(cn.upper == 1.0);
    const auto c1 =
        st::proportion_ci(0, 20, 0.9, st::proportion_ci_method::exact, st::alternative::less);
    check_rel(c1.upper, 1.0 - std::pow(0.1, 1.0 / 20.0), 1e-13);
    // Wilson at phat = 1/2: center 1/2, half-width z / (2 sqrt(n + z^2)).
    const double z = st::normal_ppf(0.975);
    const auto w = st::proportion_ci(5, 10, 0.95, st::proportion_ci_method::wilson);
    check_rel(w.lower, 0.5 - z / (2.0 * std::sqrt(10.0 + z * z)), 1e-14);
    check_rel(w.upper, 0.5 + z / (2.0 * std::sqrt(10.0 + z * z)), 1e-14);
    const auto wg =
        st::proportion_ci(5, 10, 0.95, st::proportion_ci_method::wilson, st::alternative::greater);
    CHECK(wg.upper == 1.0);
    const auto wcc = st::proportion_ci(0, 10, 0.95, st::proportion_ci_method::wilsoncc);
    CHECK(wcc.lower == 0.0);
  }

  TEST_CASE("binomial_test: bad input throws") {
    CHECK_THROWS_WITH_AS(static_cast<void>(st::binomtest(3, 0)),
                         "quantkit::stats::binomtest: n must be >= 1 (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::binomtest(11, 10)), quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::binomtest(3, 10, 1.5)),
                         "quantkit::stats::binomtest: p must be in [0, 1] (got 1.5)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::binomtest(3, 10, qnan)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::proportion_ci(3, 10, 1.0)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::proportion_ci(3, 10, -0.5)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::proportion_ci(12, 10)), quantkit::invalid_argument);
    // p = 0 or 1 are valid: all mass at 0 (or n).
    CHECK(st::binomtest(0, 10, 0.0).pvalue == 1.0);
    CHECK(st::binomtest(3, 10, 0.0).pvalue == 0.0);
  }

  TEST_CASE("normality: jarque_bera matches scipy.stats.jarque_bera and a hand calculation") {
    const auto& ref = ti::scipy()["jarque_bera"];
    const auto t = st::jarque_bera(ti::trades());
    check_rel(t.statistic, ref["trades"]["statistic"].num(), 1e-13);
    // p = 1 - cdf as scipy: one ulp of the cdf (Boost vs cephes) is 7e-11 of this p = 1.6e-6
    // (seen: 1.3e-11), hence 1e-10.
    check_rel(t.pvalue, ref["trades"]["pvalue"].num(), 1e-10);
    CHECK(t.df == 2.0);
    const auto r = st::jarque_bera(ti::returns());
    check_rel(r.statistic, ref["returns"]["statistic"].num(), 1e-13);
    CHECK(r.pvalue == ref["returns"]["pvalue"].num());  // 0.0: the cdf rounds to 1
    // {1, 2, 3, 4}: skew 0, m2 = 1.25, m4 = 2.5625, K = 1.64, JB = 4/6 * 1.36^2 / 4; df = 2 so
    // p = exp(-JB / 2).
    const std::vector<double> x = {1, 2, 3, 4};
    const double jb = 4.0 / 6.0 * 1.36 * 1.36 / 4.0;
    const auto h = st::jarque_bera(x);
    check_rel(h.statistic, jb, 1e-14);
    check_rel(h.pvalue, std::exp(-jb / 2.0), 1e-14);
    CHECK(std::isnan(st::jarque_bera(std::vector<double>{}).statistic));
    CHECK(std::isnan(st::jarque_bera(std::vector<double>{1, qnan, 3}).pvalue));
    CHECK(std::isnan(st::jarque_bera(std::vector<double>{2, 2, 2}).statistic));
  }
}

}  // namespace stats_test_chi_square
