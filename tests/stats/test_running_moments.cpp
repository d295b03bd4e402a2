// SPDX-License-Identifier: MIT
#include <quantkit/stats/descriptive.hpp>
#include <quantkit/stats/running_moments.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace st = quantkit::stats;
using quantkit::test::approx;

TEST_SUITE("stats") {
  TEST_CASE("running_moments: streaming moments equal the two-pass statistics") {
    const auto x = quantkit::test::load_csv("stats/inputs/returns.csv").numbers("returns");
    st::running_moments r;
    for (double v : x) r.update(v);
    CHECK(r.count() == x.size());
    CHECK(r.mean() == approx(st::mean(x), 1e-13));
    CHECK(r.variance(1) == approx(st::variance(x, 1), 1e-12));
    CHECK(r.stddev(0) == approx(st::stddev(x, 0), 1e-12));
    CHECK(r.skewness() == approx(st::skewness(x), 1e-10));
    CHECK(r.kurtosis() == approx(st::kurtosis(x), 1e-10));
    CHECK(r.min() == st::min(x));
    CHECK(r.max() == st::max(x));
    CHECK(r.value() == r.mean());
  }

  TEST_CASE("running_moments: merging chunks equals one pass, in any chunking") {
    const auto x = quantkit::test::load_csv("stats/inputs/trades.csv").numbers("return");
    st::running_moments whole;
    for (double v : x) whole.update(v);
    for (std::size_t chunk : {1u, 7u, 64u, 399u}) {
      CAPTURE(chunk);
      st::running_moments merged;
      for (std::size_t i = 0; i < x.size(); i += chunk) {
        st::running_moments part;
        for (std::size_t j = i; j < std::min(x.size(), i + chunk); ++j) part.update(x[j]);
        merged.merge(part);
      }
      CHECK(merged.count() == whole.count());
      CHECK(merged.mean() == approx(whole.mean(), 1e-13));
      CHECK(merged.variance(1) == approx(whole.variance(1), 1e-12));
      CHECK(merged.skewness() == approx(whole.skewness(), 1e-10));
      CHECK(merged.kurtosis() == approx(whole.kurtosis(), 1e-10));
      CHECK(merged.min() == whole.min());
      CHECK(merged.max() == whole.max());
    }
  }

  TEST_CASE("running_moments: stable far from zero (no catastrophic cancellation)") {
    // 1e9 + {4, 7, 13, 16}: variance 22.5 (population), the offset must not matter.
    st::running_moments r;
    for (double v : {4.0, 7.0, 13.0, 16.0}) r.update(1e9 + v);
    CHECK(r.variance(0) == approx(22.5, 1e-12));
    CHECK(r.mean() == approx(1e9 + 10.0, 1e-15));
  }

  TEST_CASE("running_moments: NaN is skipped and counted, empty gives NaN, reset clears") {
    st::running_moments r;
    CHECK(std::isnan(r.mean()));
    CHECK(std::isnan(r.variance()));
    CHECK(std::isnan(r.skewness()));
    CHECK(std::isnan(r.min()));
    r.update(1.0);
    r.update(std::nan(""));
    r.update(3.0);
    CHECK(r.count() == 2);
    CHECK(r.nan_count() == 1);
    CHECK(r.mean() == 2.0);
    CHECK(std::isnan(r.variance(2)));
    st::running_moments empty;
    empty.merge(r);
    CHECK(empty.mean() == 2.0);
    CHECK(empty.nan_count() == 1);
    r.reset();
    CHECK(r.count() == 0);
    CHECK(r.nan_count() == 0);
    st::running_moments flat;
    for (int i = 0; i < 5; ++i) flat.update(2.0);
    CHECK(flat.variance() == 0.0);
    CHECK(std::isnan(flat.skewness()));
  }
}
