// SPDX-License-Identifier: MIT
// Group-C indicators at NON-default parameters against TA-Lib's C functions on ttrc
// (tests/data/talib_ttrc_calls_c.csv; how it was produced: tests/data/PROVENANCE.md).
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/avgdev.hpp>
#include <quantkit/indicators/beta.hpp>
#include <quantkit/indicators/correl.hpp>
#include <quantkit/indicators/linearreg.hpp>
#include <quantkit/indicators/linearreg_angle.hpp>
#include <quantkit/indicators/linearreg_intercept.hpp>
#include <quantkit/indicators/linearreg_slope.hpp>
#include <quantkit/indicators/midpoint.hpp>
#include <quantkit/indicators/midprice.hpp>
#include <quantkit/indicators/rolling_max.hpp>
#include <quantkit/indicators/rolling_max_index.hpp>
#include <quantkit/indicators/rolling_min.hpp>
#include <quantkit/indicators/rolling_min_index.hpp>
#include <quantkit/indicators/rolling_minmax.hpp>
#include <quantkit/indicators/rolling_minmax_index.hpp>
#include <quantkit/indicators/rolling_sum.hpp>
#include <quantkit/indicators/tsf.hpp>

#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

namespace ind = quantkit::indicators;

namespace {

const quantkit::test::talib_calls& calls_c() {
  return quantkit::test::talib_calls::get("talib_ttrc_calls_c.csv");
}

// One scalar-output indicator over the closes against TA-Lib at each listed period; returns the
// disagreements (empty when all match).
template <class I>
std::string close_period_mismatches(const std::string& name,
                                    std::initializer_list<std::size_t> periods) {
  std::string bad;
  for (const std::size_t p : periods) {
    const I indicator(p);
    const auto out = ind::apply(indicator, quantkit::test::ttrc().closes());
    bad += calls_c().mismatches(name + "(" + std::to_string(p) + ")", "outReal", out,
                                indicator.warmup());
  }
  return bad;
}

}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("talib non-default: beta and correl of high on low, periods 2, 9 and 10") {
    const auto& bars = quantkit::test::ttrc();
    for (const std::size_t p : {2U, 9U}) {
      const ind::beta b(p);
      const auto bad = calls_c().mismatches("BETA(" + std::to_string(p) + ")", "outReal",
                                            ind::apply(b, bars.highs(), bars.lows()), b.warmup());
      CHECK_MESSAGE(bad.empty(), bad);
    }
    for (const std::size_t p : {2U, 10U}) {
      const ind::correl c(p);
      const auto bad = calls_c().mismatches("CORREL(" + std::to_string(p) + ")", "outReal",
                                            ind::apply(c, bars.highs(), bars.lows()), c.warmup());
      CHECK_MESSAGE(bad.empty(), bad);
    }
  }

  TEST_CASE("talib non-default: linear regression family and TSF") {
    {
      const auto bad = close_period_mismatches<ind::linearreg>("LINEARREG", {5, 30});
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad = close_period_mismatches<ind::linearreg_angle>("LINEARREG_ANGLE", {7});
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad =
          close_period_mismatches<ind::linearreg_intercept>("LINEARREG_INTERCEPT", {9});
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad = close_period_mismatches<ind::linearreg_slope>("LINEARREG_SLOPE", {21});
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad = close_period_mismatches<ind::tsf>("TSF", {6, 40});
      CHECK_MESSAGE(bad.empty(), bad);
    }
  }

  TEST_CASE("talib non-default: avgdev, midpoint, midprice, sum, max, min") {
    {
      const auto bad = close_period_mismatches<ind::avgdev>("AVGDEV", {5, 30});
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad = close_period_mismatches<ind::midpoint>("MIDPOINT", {7});
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad = close_period_mismatches<ind::rolling_sum>("SUM", {5, 63});
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad = close_period_mismatches<ind::rolling_max>("MAX", {7, 50});
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad = close_period_mismatches<ind::rolling_min>("MIN", {7, 50});
      CHECK_MESSAGE(bad.empty(), bad);
    }
    const ind::midprice mp(9);
    {
      const auto bad = calls_c().mismatches("MIDPRICE(9)", "outReal",
                                            ind::apply(mp, quantkit::test::ttrc()), mp.warmup());
      CHECK_MESSAGE(bad.empty(), bad);
    }
  }

  TEST_CASE("talib non-default: index outputs and min/max pairs") {
    const auto closes = quantkit::test::ttrc().closes();
    const ind::rolling_max_index mx(9);
    {
      const auto bad =
          calls_c().mismatches("MAXINDEX(9)", "outInteger", ind::apply(mx, closes), mx.warmup());
      CHECK_MESSAGE(bad.empty(), bad);
    }
    const ind::rolling_min_index mn(9);
    {
      const auto bad =
          calls_c().mismatches("MININDEX(9)", "outInteger", ind::apply(mn, closes), mn.warmup());
      CHECK_MESSAGE(bad.empty(), bad);
    }

    const ind::rolling_minmax mm(11);
    std::vector<double> lo, hi;
    for (const auto& v : ind::apply(mm, closes)) {
      lo.push_back(v.min);
      hi.push_back(v.max);
    }
    {
      const auto bad = calls_c().mismatches("MINMAX(11)", "outMin", lo, mm.warmup());
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad = calls_c().mismatches("MINMAX(11)", "outMax", hi, mm.warmup());
      CHECK_MESSAGE(bad.empty(), bad);
    }

    const ind::rolling_minmax_index mmi(13);
    std::vector<double> loi, hii;
    for (const auto& v : ind::apply(mmi, closes)) {
      loi.push_back(v.minidx);
      hii.push_back(v.maxidx);
    }
    {
      const auto bad = calls_c().mismatches("MINMAXINDEX(13)", "outMinIdx", loi, mmi.warmup());
      CHECK_MESSAGE(bad.empty(), bad);
    }
    {
      const auto bad = calls_c().mismatches("MINMAXINDEX(13)", "outMaxIdx", hii, mmi.warmup());
      CHECK_MESSAGE(bad.empty(), bad);
    }
  }
}
