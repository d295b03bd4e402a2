// SPDX-License-Identifier: MIT
// The Indicator contract (tests/support/indicator_contract.hpp) for the base indicators.
#include <quantkit/indicators/chain.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/rsi.hpp>
#include <quantkit/indicators/sma.hpp>
#include <quantkit/indicators/stddev.hpp>
#include <quantkit/indicators/variance.hpp>
#include <quantkit/indicators/wma.hpp>

#include "support/indicator_contract.hpp"

#include <doctest/doctest.h>

namespace ind = quantkit::indicators;

TEST_SUITE("conformance") {
  TEST_CASE_TEMPLATE("indicator contract: base indicators at default parameters", I, ind::sma,
                     ind::ema, ind::wma, ind::rsi, ind::variance, ind::stddev) {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(I{});
  }

  TEST_CASE("indicator contract: non-default parameters and composed indicators") {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::sma(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::ema({.period = 10, .seed = ind::ema_seed::first_value}));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::ema({.period = 5, .alpha = 0.15}));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::wma(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::rsi(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::stddev(20, 2.5));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::chain(ind::ema(10), ind::rsi(14)));
  }
}
