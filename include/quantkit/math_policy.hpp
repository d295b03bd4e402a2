// SPDX-License-Identifier: MIT
// quantkit/math_policy.hpp - the Boost.Math policy quantkit uses (needs Boost.Math headers)
#pragma once

#include <boost/math/policies/policy.hpp>

namespace quantkit {

/// Boost.Math policy for every distribution and special function quantkit calls: evaluate in
/// double (Boost's default `promote_double<true>` evaluates in long double, slower on x86-64 and
/// different where long double == double, e.g. MSVC); domain, pole and overflow errors throw
/// (Boost's defaults). Passed explicitly, never through BOOST_MATH_* macros (an ODR hazard).
using math_policy = boost::math::policies::policy<boost::math::policies::promote_double<false>,
                                                  boost::math::policies::promote_float<false>>;

}  // namespace quantkit
