// SPDX-License-Identifier: MIT
// tests/strategies/test_indicator_target.cpp - the IndicatorTargetStrategy hook: which types
// satisfy the concept, and ma_crossover's contract (on_bar = target_from of its own fresh
// indicators fed the close), by hand and on a random walk
#include <quantkit/core/random.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/sma.hpp>
#include <quantkit/strategies/indicator_target.hpp>
#include <quantkit/strategies/ma_crossover.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <tuple>
#include <utility>
#include <vector>

namespace strategies_test_indicator_target {  // own scope for unity builds

namespace qk = quantkit;
namespace qs = quantkit::strategies;
namespace ind = quantkit::indicators;

// A target strategy without the hook, and one whose target_from has the wrong arity.
struct plain_target {
  double on_bar(const qk::bar&, const qs::context&) { return 1.0; }
};
struct wrong_arity {
  double on_bar(const qk::bar&, const qs::context&) { return 1.0; }
  [[nodiscard]] std::tuple<ind::sma, ind::sma> close_indicators() const { return {ind::sma(2), ind::sma(3)}; }
  [[nodiscard]] double target_from(const qs::indicator_reading&) const { return 1.0; }
};

static_assert(qs::IndicatorTargetStrategy<qs::ma_crossover<>>);
static_assert(qs::IndicatorTargetStrategy<qs::ma_crossover<ind::ema, ind::sma>>);
static_assert(!qs::IndicatorTargetStrategy<plain_target>);
static_assert(!qs::IndicatorTargetStrategy<wrong_arity>);

TEST_SUITE("strategies") {
  TEST_CASE("indicator_target: target_from by hand, warm-up readings give 0") {
    const qs::ma_crossover<> ls({.fast = 2, .slow = 3, .side = qs::direction::long_short});
    CHECK(ls.target_from({2.5, true}, {2.0, true}) == 1.0);
    CHECK(ls.target_from({1.5, true}, {2.0, true}) == -1.0);
    CHECK(ls.target_from({2.0, true}, {2.0, true}) == 0.0);
    CHECK(ls.target_from({2.5, false}, {2.0, true}) == 0.0);  // fast still warming up
    CHECK(ls.target_from({2.5, true}, {2.0, false}) == 0.0);  // slow still warming up
    const qs::ma_crossover<> lo({.fast = 2, .slow = 3});
    CHECK(lo.target_from({1.5, true}, {2.0, true}) == 0.0);  // long-only: no short
    // Every side against the definition: restrict_to(sign(fast - slow), side), 0 while either
    // average warms up; a NaN reading compares false both ways (0). The same bits (+0, not -0).
    const double qnan = std::numeric_limits<double>::quiet_NaN();
    for (const auto side :
         {qs::direction::long_only, qs::direction::short_only, qs::direction::long_short}) {
      const qs::ma_crossover<> m({.fast = 2, .slow = 3, .side = side});
      for (const auto& fs : std::initializer_list<std::pair<double, double>>{
               {2.5, 2.0}, {1.5, 2.0}, {2.0, 2.0}, {-0.0, 0.0}, {qnan, 2.0}, {2.0, qnan}}) {
        const double f = fs.first;  // not a structured binding: CAPTURE's lambda names it
        const double s = fs.second;
        for (const bool ready : {true, false}) {
          const double sign = f > s ? 1.0 : (f < s ? -1.0 : 0.0);
          const double want = ready ? qs::detail::restrict_to(sign, side) : 0.0;
          const double got = m.target_from({f, ready}, {s, true});
          CAPTURE(static_cast<int>(side));
          CAPTURE(f);
          CAPTURE(s);
          CHECK(std::memcmp(&want, &got, sizeof want) == 0);
        }
      }
    }
    // close_indicators() gives fresh indicators with the strategy's periods.
    auto [f, s] = ls.close_indicators();
    CHECK(f.warmup() + 1 == 2);
    CHECK(s.warmup() + 1 == 3);
    CHECK_FALSE(f.ready());
  }

  TEST_CASE("indicator_target: ma_crossover's on_bar is target_from of its indicators fed the close") {
    // What the fused sweep relies on: feeding close_indicators() the closes and mapping the
    // readings through target_from gives exactly on_bar's targets.
    qk::rng g(17);
    std::vector<double> closes;
    double c = 100.0;
    for (int i = 0; i < 500; ++i) {
      c *= std::exp(0.01 * qk::normal(g));
      closes.push_back(c);
    }
    const auto bars = quantkit::test::bars_from_closes(closes);
    const qs::ma_crossover<ind::ema, ind::sma> strat({.fast = 5, .slow = 20, .side = qs::direction::long_short});
    const auto via_on_bar = quantkit::test::signals(strat, bars);
    auto [f, s] = strat.close_indicators();
    REQUIRE(via_on_bar.size() == closes.size());
    int nonzero = 0;
    for (std::size_t i = 0; i < closes.size(); ++i) {
      const double fv = f.update(closes[i]);
      const double sv = s.update(closes[i]);
      const double t = strat.target_from({fv, f.ready()}, {sv, s.ready()});
      CAPTURE(i);
      CHECK(t == via_on_bar[i]);
      nonzero += t != 0.0 ? 1 : 0;
    }
    CHECK(nonzero > 400);  // past the 20-bar warm-up the long-short crossover is never flat here
  }
}

}  // namespace strategies_test_indicator_target
