// SPDX-License-Identifier: MIT
// stats/test_result.hpp: the result types and the p-value helpers every test uses, against scipy
// 1.10 on this machine:
//   scipy.stats.t.cdf(t, df), t.sf(t, df), 2 * t.sf(|t|, df) for (t, df) in
//     (2.1, 7), (-0.4, 3.5), (12, 30)
//   scipy.stats.norm.cdf(z), norm.sf(z), 2 * norm.sf(|z|) for z in (1.96, -2.5, 9)
#include <quantkit/stats/test_result.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

namespace stats_test_test_result {  // own scope for unity builds

namespace st = quantkit::stats;
namespace sd = quantkit::stats::detail;
using quantkit::test::inference::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

struct t_case {
  double t, df, less, greater, two_sided;
};
struct z_case {
  double z, less, greater, two_sided;
};
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("test_result: default values are NaN, the default alternative is two-sided") {
    const st::test_result r;
    CHECK(std::isnan(r.statistic));
    CHECK(std::isnan(r.pvalue));
    CHECK(std::isnan(r.df));
    const st::interval i;
    CHECK(std::isnan(i.lower));
    CHECK(std::isnan(i.upper));
    CHECK(st::alternative{} == st::alternative::two_sided);
  }

  TEST_CASE("test_result: t p-values equal scipy's t.cdf and t.sf") {
    const t_case cases[] = {
        {2.1, 7.0, 0.9630644018935387, 0.036935598106461298, 0.073871196212922596},
        {-0.4, 3.5, 0.35617244676722193, 0.64382755323277807, 0.71234489353444386},
        {12.0, 30.0, 0.999999999999721, 2.7900927075996303e-13, 5.5801854151992606e-13},
    };
    for (const auto& c : cases) {
      CAPTURE(c.t);
      CAPTURE(c.df);
      check_rel(sd::t_pvalue(c.t, c.df, st::alternative::less), c.less, 1e-13, "less");
      check_rel(sd::t_pvalue(c.t, c.df, st::alternative::greater), c.greater, 1e-12, "greater");
      check_rel(sd::t_pvalue(c.t, c.df, st::alternative::two_sided), c.two_sided, 1e-12,
                "two_sided");
    }
    // two-sided is symmetric in t
    CHECK(sd::t_pvalue(-2.1, 7.0, st::alternative::two_sided) ==
          sd::t_pvalue(2.1, 7.0, st::alternative::two_sided));
    CHECK(sd::t_pvalue(0.0, 5.0, st::alternative::two_sided) == 1.0);
  }

  TEST_CASE("test_result: normal p-values equal scipy's norm.cdf and norm.sf") {
    const z_case cases[] = {
        {1.96, 0.97500210485177952, 0.024997895148220435, 0.04999579029644087},
        {-2.5, 0.0062096653257761323, 0.99379033467422384, 0.012419330651552265},
        {9.0, 1.0, 1.1285884059538324e-19, 2.2571768119076647e-19},
    };
    for (const auto& c : cases) {
      CAPTURE(c.z);
      check_rel(sd::normal_pvalue(c.z, st::alternative::less), c.less, 1e-14, "less");
      check_rel(sd::normal_pvalue(c.z, st::alternative::greater), c.greater, 1e-13, "greater");
      check_rel(sd::normal_pvalue(c.z, st::alternative::two_sided), c.two_sided, 1e-13,
                "two_sided");
    }
    CHECK(sd::normal_pvalue(0.0, st::alternative::two_sided) == 1.0);  // 2 x 0.5, not above 1
    CHECK(sd::normal_pvalue(inf, st::alternative::two_sided) == 0.0);
    CHECK(sd::normal_pvalue(-inf, st::alternative::less) == 0.0);
  }

  TEST_CASE("test_result: NaN statistics and invalid degrees of freedom give NaN p-values") {
    CHECK(std::isnan(sd::t_pvalue(qnan, 5.0, st::alternative::two_sided)));
    CHECK(std::isnan(sd::t_pvalue(1.0, 0.0, st::alternative::less)));
    CHECK(std::isnan(sd::t_pvalue(1.0, -3.0, st::alternative::greater)));
    CHECK(std::isnan(sd::t_pvalue(1.0, qnan, st::alternative::two_sided)));
    CHECK(std::isnan(sd::normal_pvalue(qnan, st::alternative::greater)));
    CHECK(sd::clip01(1.5) == 1.0);
    CHECK(sd::clip01(-0.25) == 0.0);
    CHECK(sd::clip01(0.25) == 0.25);
    CHECK(std::isnan(sd::clip01(qnan)));
  }
}

}  // namespace stats_test_test_result
