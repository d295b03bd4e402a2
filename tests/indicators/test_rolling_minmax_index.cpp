// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/rolling_max_index.hpp>
#include <quantkit/indicators/rolling_min_index.hpp>
#include <quantkit/indicators/rolling_minmax_index.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("rolling_minmax_index: matches TA-Lib MINMAXINDEX(30) on ttrc") {
    const auto out = ind::apply(ind::rolling_minmax_index{}, quantkit::test::ttrc().closes());
    std::vector<double> lo, hi;
    for (const auto& v : out) {
      lo.push_back(v.minidx);
      hi.push_back(v.maxidx);
    }
    const std::size_t w = ind::rolling_minmax_index{}.warmup();
    quantkit::test::check_talib("MINMAXINDEX", "outMinIdx", lo, w);
    quantkit::test::check_talib("MINMAXINDEX", "outMaxIdx", hi, w);
  }

  TEST_CASE("rolling_minmax_index: the two tie rules are those of MININDEX and MAXINDEX") {
    // 2, 2, 1, 1, 2, 1, 2 with period 3: maxima at 0 (first scan: earliest), 1 (the tracked 0
    // left, rescan of {2, 1, 1}), 4 (rescan after 1 left: {1, 1, 2}), 4, 6 (a new 2 equals the
    // tracked one: the latest); minima at 2 (first scan), 3 (a new 1 equals it), 3, 5, 5.
    const std::vector<double> x{2, 2, 1, 1, 2, 1, 2};
    const auto out = ind::apply(ind::rolling_minmax_index(3), std::span<const double>(x));
    const std::vector<double> maxidx{0, 1, 4, 4, 6};
    const std::vector<double> minidx{2, 3, 3, 5, 5};
    for (std::size_t i = 2; i < x.size(); ++i) {
      CAPTURE(i);
      CHECK(out[i].maxidx == maxidx[i - 2]);
      CHECK(out[i].minidx == minidx[i - 2]);
    }
  }

  TEST_CASE("rolling_minmax_index: agrees with rolling_min_index and rolling_max_index") {
    std::vector<double> x;
    std::uint64_t s = 11;
    for (int i = 0; i < 2000; ++i) {
      s = s * 6364136223846793005ULL + 1442695040888963407ULL;
      x.push_back(static_cast<double>((s >> 33) % 5));  // many ties
    }
    for (std::size_t n : {2u, 3u, 7u, 30u}) {
      CAPTURE(n);
      const auto both = ind::apply(ind::rolling_minmax_index(n), std::span<const double>(x));
      const auto mn = ind::apply(ind::rolling_min_index(n), std::span<const double>(x));
      const auto mx = ind::apply(ind::rolling_max_index(n), std::span<const double>(x));
      std::size_t bad = 0;
      for (std::size_t i = n - 1; i < x.size(); ++i) {
        if (both[i].minidx != mn[i] || both[i].maxidx != mx[i]) ++bad;
      }
      CHECK(bad == 0);
    }
  }

  TEST_CASE("rolling_minmax_index: NaN inputs take a position, fewer inputs leave it not ready") {
    ind::rolling_minmax_index s(2);
    CHECK(std::isnan(s.update(3.0).minidx));
    CHECK(std::isnan(s.update(std::nan("")).maxidx));
    CHECK_FALSE(s.ready());
    const auto v = s.update(1.0);
    CHECK(v.minidx == 2.0);
    CHECK(v.maxidx == 0.0);
  }

  TEST_CASE("rolling_minmax_index: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(
        ind::rolling_minmax_index(1),
        "quantkit::indicators::rolling_minmax_index: period must be in 2..100000 (got 1)",
        quantkit::invalid_argument);
  }
}
