// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ht_dcphase.hpp>
#include <quantkit/indicators/ht_sine.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;

TEST_SUITE("indicators") {
  TEST_CASE("ht_sine: matches TA-Lib HT_SINE on ttrc") {
    const auto out = ind::apply(ind::ht_sine{}, qt::ttrc().closes());
    qt::check_talib("HT_SINE", "outSine", qt::field(out, &ind::ht_sine_value::sine), 63);
    qt::check_talib("HT_SINE", "outLeadSine", qt::field(out, &ind::ht_sine_value::leadsine), 63);
  }

  TEST_CASE("ht_sine: the sines of ht_dcphase's phase and of the phase plus 45 degrees") {
    const auto c = qt::ttrc().closes();
    const auto out = ind::apply(ind::ht_sine{}, c);
    const auto phase = ind::apply(ind::ht_dcphase{}, c);
    const double deg = std::numbers::pi / 180.0;
    for (std::size_t i = 63; i < c.size(); ++i) {
      CHECK(out[i].sine == qt::approx(std::sin(phase[i] * deg), 1e-12));
      CHECK(out[i].leadsine == qt::approx(std::sin((phase[i] + 45.0) * deg), 1e-12));
    }
    CHECK(std::isnan(out[62].sine));
  }
}
