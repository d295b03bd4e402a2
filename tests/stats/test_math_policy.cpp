// SPDX-License-Identifier: MIT
// quantkit/math_policy.hpp: double evaluation, Boost's throwing error policies.
#include <quantkit/math_policy.hpp>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <type_traits>

namespace bm = boost::math;
using quantkit::test::approx;

TEST_SUITE("stats") {
  TEST_CASE("math_policy: evaluates in double and matches scipy") {
    static_assert(!bm::policies::promote_double<false>::value);
    static_assert(std::is_same_v<bm::policies::evaluation<double, quantkit::math_policy>::type,
                                 double>);
    // scipy 1.10.1: stats.norm.cdf(1.0), stats.t.ppf(0.975, 10), special.gammaln(10.5)
    const bm::normal_distribution<double, quantkit::math_policy> n;
    CHECK(bm::cdf(n, 1.0) == approx(0.8413447460685429, 1e-15));
    const bm::students_t_distribution<double, quantkit::math_policy> t(10.0);
    // Boost inverts the t CDF by an iterative series (here within 1e-11 of scipy's value).
    CHECK(bm::quantile(t, 0.975) == approx(2.2281388519649385, 1e-10));
    CHECK(bm::lgamma(10.5, quantkit::math_policy()) == approx(13.940625219403763, 1e-15));
  }

  TEST_CASE("math_policy: domain errors and poles throw") {
    const bm::normal_distribution<double, quantkit::math_policy> n;
    CHECK_THROWS_AS(bm::quantile(n, 1.5), std::domain_error);
    CHECK_THROWS_AS(bm::tgamma(0.0, quantkit::math_policy()), std::domain_error);
    CHECK_THROWS_AS(bm::tgamma(-2.0, quantkit::math_policy()), std::domain_error);
  }
}
