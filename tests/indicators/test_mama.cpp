// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/mama.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("mama: matches TA-Lib MAMA(0.5, 0.05) and MAMA(0.3, 0.1) on ttrc") {
    const auto c = qt::ttrc().closes();
    const auto out = ind::apply(ind::mama{}, c);
    qt::check_talib("MAMA", "outMAMA", qt::field(out, &ind::mama_value::mama), 32);
    qt::check_talib("MAMA", "outFAMA", qt::field(out, &ind::mama_value::fama), 32);
    const auto nd = ind::apply(ind::mama(0.3, 0.1), c);
    qt::check_talib_call("MAMA(0.3 0.1)", "outMAMA", qt::field(nd, &ind::mama_value::mama), 32);
    qt::check_talib_call("MAMA(0.3 0.1)", "outFAMA", qt::field(nd, &ind::mama_value::fama), 32);
  }

  TEST_CASE("mama: equal limits make MAMA and FAMA plain exponential smoothers") {
    // With fast = slow = a, alpha = a whatever the phase: from the first Hilbert step (input 12,
    // after 3 + 9 WMA inputs) MAMA = a x + (1 - a) MAMA and FAMA = a/2 MAMA + (1 - a/2) FAMA,
    // both starting from 0.
    const auto c = qt::ttrc().closes();
    const auto out = ind::apply(ind::mama(0.25, 0.25), c);
    double m = 0.0;
    double f = 0.0;
    for (std::size_t i = 12; i < 200; ++i) {
      m = 0.25 * c[i] + 0.75 * m;
      f = 0.125 * m + 0.875 * f;
      if (i >= 32) {
        CHECK(out[i].mama == approx(m, 1e-13));
        CHECK(out[i].fama == approx(f, 1e-13));
      }
    }
    CHECK(std::isnan(out[31].mama));
    CHECK(std::isnan(out[31].fama));
  }

  TEST_CASE("mama: warm-up is 32 inputs whatever the limits, short input stays NaN") {
    ind::mama m(0.9, 0.01);
    CHECK(m.warmup() == 32);
    for (int i = 0; i < 32; ++i) CHECK(std::isnan(m.update(10.0).mama));
    CHECK_FALSE(m.ready());
    const auto v = m.update(10.0);
    CHECK(m.ready());
    CHECK(std::isfinite(v.mama));
    CHECK(std::isfinite(v.fama));
    CHECK(m.params().fast_limit == 0.9);
  }

  TEST_CASE("mama: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::mama(1.0, 0.05); }, "quantkit::indicators::mama",
                            "fast_limit");
    qt::check_invalid_param([] { ind::mama(0.5, 0.0); }, "quantkit::indicators::mama",
                            "slow_limit");
  }
}
