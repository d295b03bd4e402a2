// SPDX-License-Identifier: MIT
// The Indicator contract (tests/support/indicator_contract.hpp) for the group-B indicators:
// directional movement, volatility, volume, momentum, SAR, Keltner and SuperTrend.
#include <quantkit/indicators/adosc.hpp>
#include <quantkit/indicators/adx.hpp>
#include <quantkit/indicators/adxr.hpp>
#include <quantkit/indicators/aroon.hpp>
#include <quantkit/indicators/aroonosc.hpp>
#include <quantkit/indicators/atr.hpp>
#include <quantkit/indicators/bop.hpp>
#include <quantkit/indicators/cci.hpp>
#include <quantkit/indicators/chaikin_ad.hpp>
#include <quantkit/indicators/chain.hpp>
#include <quantkit/indicators/cmo.hpp>
#include <quantkit/indicators/dx.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/imi.hpp>
#include <quantkit/indicators/keltner.hpp>
#include <quantkit/indicators/mfi.hpp>
#include <quantkit/indicators/minus_di.hpp>
#include <quantkit/indicators/minus_dm.hpp>
#include <quantkit/indicators/momentum.hpp>
#include <quantkit/indicators/natr.hpp>
#include <quantkit/indicators/obv.hpp>
#include <quantkit/indicators/plus_di.hpp>
#include <quantkit/indicators/plus_dm.hpp>
#include <quantkit/indicators/roc.hpp>
#include <quantkit/indicators/rocp.hpp>
#include <quantkit/indicators/rocr.hpp>
#include <quantkit/indicators/rocr100.hpp>
#include <quantkit/indicators/sar.hpp>
#include <quantkit/indicators/sarext.hpp>
#include <quantkit/indicators/supertrend.hpp>
#include <quantkit/indicators/true_range.hpp>
#include <quantkit/indicators/ultosc.hpp>
#include <quantkit/indicators/willr.hpp>

#include "support/indicator_contract.hpp"

#include <doctest/doctest.h>

namespace ind = quantkit::indicators;

TEST_SUITE("conformance") {
  TEST_CASE_TEMPLATE("indicator contract: directional and volatility indicators at defaults", I,
                     ind::plus_dm, ind::minus_dm, ind::plus_di, ind::minus_di, ind::dx, ind::adx,
                     ind::adxr, ind::true_range, ind::atr, ind::natr, ind::aroon, ind::aroonosc,
                     ind::sar, ind::sarext, ind::keltner, ind::supertrend) {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(I{});
  }

  TEST_CASE_TEMPLATE("indicator contract: momentum and volume indicators at defaults", I, ind::bop,
                     ind::cci, ind::cmo, ind::imi, ind::mfi, ind::momentum, ind::roc, ind::rocp,
                     ind::rocr, ind::rocr100, ind::willr, ind::ultosc, ind::chaikin_ad, ind::adosc,
                     ind::obv) {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(I{});
  }

  TEST_CASE("indicator contract: group-B indicators at non-default parameters") {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::plus_dm(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::minus_di(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::dx(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::adx(5));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::adxr(3));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::atr(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::natr(7));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::aroon(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::aroonosc(25));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::cci(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::cmo(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::mfi(3));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::momentum(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::roc(30));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::willr(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::ultosc(28, 2, 5));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::adosc(10, 3));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::sar(0.05, 0.5));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::sarext({.start_value = -40.0,
                                          .offset_on_reverse = 0.02,
                                          .acceleration_init_short = 0.03,
                                          .acceleration_max_short = 0.3}));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::keltner({.ema_period = 5,
                                           .atr_period = 12,
                                           .multiplier = 1.5,
                                           .price = ind::keltner_price::typical}));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::supertrend(7, 2.0));
    // IMI over 2 bars: ttrc has all-doji windows, where IMI is 50 (TA-Lib 0.6.4: NaN).
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::imi(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::chain(ind::ema(5), ind::cmo(9)));
  }
}
