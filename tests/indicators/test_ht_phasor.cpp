// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ht_phasor.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;

TEST_SUITE("indicators") {
  TEST_CASE("ht_phasor: matches TA-Lib HT_PHASOR on ttrc") {
    const auto out = ind::apply(ind::ht_phasor{}, qt::ttrc().closes());
    qt::check_talib("HT_PHASOR", "outInPhase", qt::field(out, &ind::ht_phasor_value::inphase), 32);
    qt::check_talib("HT_PHASOR", "outQuadrature", qt::field(out, &ind::ht_phasor_value::quadrature),
                    32);
  }

  TEST_CASE("ht_phasor: a constant series has no cycle") {
    // The WMA of a constant is constant and the FIR filters' taps cancel exactly on it.
    ind::ht_phasor h;
    for (int i = 0; i < 80; ++i) {
      const auto v = h.update(2.5);
      if (i >= 40) {
        CHECK(v.inphase == qt::approx(0.0, 1e-15));
        CHECK(v.quadrature == qt::approx(0.0, 1e-15));
      }
    }
  }

  TEST_CASE("ht_phasor: on a pure cycle the components are in quadrature") {
    // For 10 + sin(2 pi t / 20), I and Q are sinusoids a quarter period apart: their amplitude
    // sqrt(I^2 + Q^2) is nearly constant (within 10% after the transient).
    ind::ht_phasor h;
    double lo = 1e300;
    double hi = 0.0;
    for (int t = 0; t < 400; ++t) {
      const auto v = h.update(10.0 + std::sin(2.0 * std::numbers::pi * t / 20.0));
      if (t >= 200) {
        const double a = std::hypot(v.inphase, v.quadrature);
        lo = std::min(lo, a);
        hi = std::max(hi, a);
      }
    }
    CHECK(lo > 0.0);
    CHECK(hi / lo < 1.1);
  }
}
