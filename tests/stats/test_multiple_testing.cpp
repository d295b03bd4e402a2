// SPDX-License-Identifier: MIT
#include <quantkit/stats/multiple_testing.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace stats_test_multiple_testing {  // own scope for unity builds

namespace st = quantkit::stats;
namespace ti = quantkit::test::inference;
using ti::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

const quantkit::test::json& mt_ref() {
  static const auto j = quantkit::test::load_json("stats/multitest.json");
  return j;
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("multiple_testing: every method matches statsmodels multipletests") {
    const auto p = quantkit::test::load_csv("stats/inputs/pvalues.csv").numbers("pvalue");
    REQUIRE(p == mt_ref()["pvalues"].numbers());
    struct one_method {
      std::string key;
      st::multitest_method method;
    };
    const std::vector<one_method> methods = {
        {"holm", st::multitest_method::holm},
        {"fdr_bh", st::multitest_method::fdr_bh},
        {"bonferroni", st::multitest_method::bonferroni},
        {"sidak", st::multitest_method::sidak},
        {"holm-sidak", st::multitest_method::holm_sidak},
        {"simes-hochberg", st::multitest_method::simes_hochberg},
        {"hommel", st::multitest_method::hommel},
        {"fdr_by", st::multitest_method::fdr_by},
    };
    for (const auto& mth : methods) {
      CAPTURE(mth.key);
      const auto& ref = mt_ref()["adjusted"][mth.key];
      for (const double alpha : {0.05, 0.10}) {
        const auto r = st::multipletests(p, alpha, mth.method);
        const auto expected = ref["pvals_corrected"].numbers();
        REQUIRE(r.pvals_corrected.size() == expected.size());
        for (std::size_t i = 0; i < p.size(); ++i) {
          check_rel(r.pvals_corrected[i], expected[i], 1e-14, mth.key + " " + std::to_string(i));
        }
        const auto& rej = ref[alpha == 0.05 ? "reject_alpha_0.05" : "reject_alpha_0.10"].items();
        for (std::size_t i = 0; i < p.size(); ++i) CHECK(r.reject[i] == rej[i].boolean());
      }
      const auto r = st::multipletests(p, 0.05, mth.method);
      check_rel(r.alpha_sidak, ref["alphacSidak"].num(), 1e-15);
      check_rel(r.alpha_bonferroni, ref["alphacBonf"].num(), 1e-15);
    }
    // Entries 3 and 11 are an exact tie: equal adjusted values in their input positions.
    const auto bh = st::multipletests(p, 0.05, st::multitest_method::fdr_bh);
    CHECK(p[3] == p[11]);
    CHECK(bh.pvals_corrected[3] == bh.pvals_corrected[11]);
  }

  TEST_CASE("multiple_testing: hand calculations") {
    const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
    auto check_all = [](const std::vector<double>& got, const std::vector<double>& want) {
      REQUIRE(got.size() == want.size());
      for (std::size_t i = 0; i < got.size(); ++i) check_rel(got[i], want[i], 1e-15);
    };
    const auto bonf = st::multipletests(p, 0.05, st::multitest_method::bonferroni);
    check_all(bonf.pvals_corrected, {0.04, 0.16, 0.12, 0.02});
    CHECK(bonf.reject == std::vector<bool>{true, false, false, true});
    // Holm: sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04, running max.
    const auto holm = st::multipletests(p, 0.05, st::multitest_method::holm);
    check_all(holm.pvals_corrected, {0.03, 0.06, 0.06, 0.02});
    // Levels 0.0125, 0.0167, 0.025, 0.05: 0.03 > 0.025 stops the step-down.
    CHECK(holm.reject == std::vector<bool>{true, false, false, true});
    // BH: p m / i = 0.02, 0.02, 0.04, 0.04 (running min from the top); all below their i/m alpha.
    const auto bh = st::multipletests(p, 0.05, st::multitest_method::fdr_bh);
    check_all(bh.pvals_corrected, {0.02, 0.04, 0.04, 0.02});
    CHECK(bh.reject == std::vector<bool>{true, true, true, true});
    // Hochberg: k p = 0.02, 0.03, 0.06, 0.04 with a running min from the top.
    const auto sh = st::multipletests(p, 0.05, st::multitest_method::simes_hochberg);
    check_all(sh.pvals_corrected, {0.03, 0.04, 0.04, 0.02});
    CHECK(sh.reject == std::vector<bool>{true, true, true, true});
    // BY: BH times 1 + 1/2 + 1/3 + 1/4 = 25/12.
    const auto by = st::multipletests(p, 0.05, st::multitest_method::fdr_by);
    check_all(by.pvals_corrected, {0.02 * 25 / 12, 0.04 * 25 / 12, 0.04 * 25 / 12, 0.02 * 25 / 12});
    // Sidak: 1 - (1 - p)^4.
    const auto sd = st::multipletests(p, 0.05, st::multitest_method::sidak);
    check_rel(sd.pvals_corrected[0], 1.0 - std::pow(0.99, 4), 1e-14);
    check_rel(sd.alpha_sidak, 1.0 - std::pow(0.95, 0.25), 1e-15);
    CHECK(sd.alpha_bonferroni == 0.0125);
    // A single p-value is unchanged by every method.
    for (auto m : {st::multitest_method::holm, st::multitest_method::hommel,
                   st::multitest_method::fdr_bh, st::multitest_method::holm_sidak}) {
      CHECK(st::multipletests(std::vector<double>{0.3}, 0.05, m).pvals_corrected[0] ==
            quantkit::test::approx(0.3, 1e-15));
    }
    // Capped at 1.
    CHECK(st::multipletests(std::vector<double>{0.6, 0.9}, 0.05, st::multitest_method::bonferroni)
              .pvals_corrected[0] == 1.0);
  }

  TEST_CASE("multiple_testing: bad input throws and empty input is empty") {
    CHECK_THROWS_WITH_AS(static_cast<void>(st::multipletests(std::vector<double>{0.1, 1.2})),
                         "quantkit::stats::multipletests: pvalues must be in [0, 1] (got 1.2)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::multipletests(std::vector<double>{-0.1})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::multipletests(std::vector<double>{qnan})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::multipletests(std::vector<double>{0.1}, 0.0)),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::multipletests(std::vector<double>{0.1}, 1.0)),
                    quantkit::invalid_argument);
    const auto e = st::multipletests(std::vector<double>{});
    CHECK(e.pvals_corrected.empty());
    CHECK(e.reject.empty());
    CHECK(std::isnan(e.alpha_sidak));
  }
}

}  // namespace stats_test_multiple_testing
