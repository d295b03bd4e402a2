// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/mavp.hpp>
#include <quantkit/indicators/sma.hpp>

#include "support/approx.hpp"
#include "support/indicator_contract.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;
using quantkit::test::approx;

namespace {
std::vector<double> run(ind::mavp m, std::span<const double> x, std::span<const double> p) {
  return ind::apply(m, x, p);
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("mavp: matches TA-Lib MAVP at default and non-default parameters on ttrc") {
    const auto in = qt::ttrc_inputs<ind::mavp_input>();
    std::vector<double> x;
    std::vector<double> p;
    for (const auto& v : in) {
      x.push_back(v.value);
      p.push_back(v.period);
    }
    qt::check_talib("MAVP", "outReal", run(ind::mavp{}, x, p), ind::mavp{}.warmup());
    const ind::mavp e(5, 20, ind::ma_type::ema);
    qt::check_talib_call("MAVP(5 20 1)", "outReal", run(e, x, p), e.warmup());
    const ind::mavp k(3, 12, ind::ma_type::kama);
    qt::check_talib_call("MAVP(3 12 6)", "outReal", run(k, x, p), k.warmup());
  }

  TEST_CASE("mavp: a constant period is that average, started at TA-Lib's common first output") {
    // EMA, periods 2..10: lookback 9; the period-4 EMA starts 9 - 3 = 6 inputs late, so it is
    // seeded with the mean of inputs 6..9 (bit-identical to an ema(4) fed from input 6 on).
    const auto c = qt::ttrc().closes();
    const std::vector<double> four(c.size(), 4.0);
    const auto out = run(ind::mavp(2, 10, ind::ma_type::ema), c, four);
    ind::ema late(4);
    for (std::size_t i = 0; i < c.size(); ++i) {
      const double v = i >= 6 ? late.update(c[i]) : std::numeric_limits<double>::quiet_NaN();
      if (i >= 9) CHECK(qt::same_bits(out[i], v));
    }
    CHECK(std::isnan(out[8]));
    // SMA: the window is the window, whatever the start (to rounding of the running sum).
    const auto s = run(ind::mavp(2, 10), c, four);
    const auto ref = ind::apply(ind::sma(4), c);
    for (std::size_t i = 9; i < c.size(); ++i) CHECK(s[i] == approx(ref[i], 1e-12));
  }

  TEST_CASE("mavp: periods are truncated and clamped into [min_period, max_period]") {
    // By hand with SMA, periods 2..4 on 1, 2, 4, 8, 16, 32: outputs from input 3.
    // period 9.5 -> 4: (1+2+4+8)/4 = 15/4; 2.9 -> 2: (8+16)/2 = 12; -3 -> 2: (16+32)/2 = 24.
    const std::vector<double> x{1, 2, 4, 8, 16, 32};
    const std::vector<double> p{2, 2, 2, 9.5, 2.9, -3};
    const auto out = run(ind::mavp(2, 4), x, p);
    CHECK(std::isnan(out[2]));
    CHECK(out[3] == approx(15.0 / 4.0));
    CHECK(out[4] == approx(12.0));
    CHECK(out[5] == approx(24.0));
  }

  TEST_CASE("mavp: a non-finite period is a missing input, warm-up is the max period's lookback") {
    ind::mavp m(2, 3, ind::ma_type::dema);
    CHECK(m.warmup() == 4);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (int i = 0; i < 4; ++i) CHECK(std::isnan(m.update({1.0, 3.0})));
    CHECK(std::isnan(m.update({1.0, nan})));
    CHECK_FALSE(m.ready());
    CHECK(m.update({1.0, 3.0}) == approx(1.0));
    CHECK(m.ready());
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::mavp(4, 9, ind::ma_type::trima));
  }

  TEST_CASE("mavp: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::mavp(1, 30); }, "quantkit::indicators::mavp", "min_period");
    qt::check_invalid_param([] { ind::mavp(2, 100001); }, "quantkit::indicators::mavp",
                            "max_period");
    qt::check_invalid_param([] { ind::mavp(10, 5); }, "quantkit::indicators::mavp", "max_period");
    qt::check_invalid_param([] { ind::mavp(2, 5, static_cast<ind::ma_type>(-1)); },
                            "quantkit::indicators::mavp", "type");
  }
}
