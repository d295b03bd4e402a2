// SPDX-License-Identifier: MIT
// montecarlo/summary.hpp: distribution summaries and histograms against numpy.
#include <quantkit/core/error.hpp>
#include <quantkit/montecarlo/summary.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace qk = quantkit;
namespace mc = quantkit::montecarlo;
using quantkit::test::approx;

TEST_SUITE("montecarlo") {
  TEST_CASE("summary: histogram and percentiles match numpy") {
    // numpy 1.24.2: np.histogram(x, 5); np.percentile(x, [1, 5, 25, 50, 90, 99]);
    // x.mean(), x.std(ddof=1), x.var(ddof=1) on the x below (plus a NaN that the summary drops).
    const std::vector<double> x{0.3, -1.2, 2.5, 0.0, 0.7, 0.7, 1.9, -0.4, 3.1, 2.5, 1.0, 0.1,
                                std::numeric_limits<double>::quiet_NaN()};
    const auto h = mc::make_histogram(x, 5);
    const std::vector<double> edges{-1.2, -0.33999999999999997, 0.52, 1.3800000000000001, 2.24, 3.1};
    REQUIRE(h.edges.size() == 6);
    for (std::size_t i = 0; i < 6; ++i) CHECK(h.edges[i] == edges[i]);
    CHECK(h.counts == std::vector<std::size_t>{2, 3, 3, 1, 3});
    const std::vector<double> ps{1, 5, 25, 50, 90, 99};
    const auto s = mc::summarize_distribution(x, ps);
    CHECK(s.count == 12);
    CHECK(s.nan_count == 1);
    CHECK(s.mean == approx(0.9333333333333332, 1e-15));
    CHECK(s.stddev == approx(1.312411613185529, 1e-15));
    CHECK(s.variance == approx(1.7224242424242426, 1e-15));
    CHECK(s.median == approx(0.7, 1e-15));
    CHECK(s.min == -1.2);
    CHECK(s.max == 3.1);
    CHECK(s.percentile(1) == approx(-1.1119999999999999, 1e-15));
    CHECK(s.percentile(5) == approx(-0.76, 1e-15));
    CHECK(s.percentile(25) == approx(0.07500000000000001, 1e-15));
    CHECK(s.percentile(90) == approx(2.5, 1e-15));
    CHECK(s.percentile(99) == approx(3.0340000000000003, 1e-15));
    CHECK(std::isnan(s.percentile(42)));
    // np.histogram([2, 2, 2], 4): range widened to [1.5, 2.5]; the value sits on the middle edge.
    const auto c = mc::make_histogram(std::vector<double>{2.0, 2.0, 2.0}, 4);
    CHECK(c.edges == std::vector<double>{1.5, 1.75, 2.0, 2.25, 2.5});
    CHECK(c.counts == std::vector<std::size_t>{0, 0, 3, 0});
    CHECK(mc::make_histogram(std::vector<double>{}, 3).counts.empty());
    CHECK_THROWS_AS(mc::make_histogram(x, 0), qk::invalid_argument);
    CHECK_THROWS_AS(mc::summarize_distribution(x, std::vector<double>{101.0}), qk::invalid_argument);
  }
}
