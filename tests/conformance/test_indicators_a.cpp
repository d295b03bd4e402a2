// SPDX-License-Identifier: MIT
// The Indicator contract (tests/support/indicator_contract.hpp) for group A: the moving-average
// family, MA-type oscillators, bands and the Hilbert-transform cycle indicators.
#include <quantkit/indicators/accbands.hpp>
#include <quantkit/indicators/alma.hpp>
#include <quantkit/indicators/apo.hpp>
#include <quantkit/indicators/bbands.hpp>
#include <quantkit/indicators/chain.hpp>
#include <quantkit/indicators/dema.hpp>
#include <quantkit/indicators/ht_dcperiod.hpp>
#include <quantkit/indicators/ht_dcphase.hpp>
#include <quantkit/indicators/ht_phasor.hpp>
#include <quantkit/indicators/ht_sine.hpp>
#include <quantkit/indicators/ht_trendline.hpp>
#include <quantkit/indicators/ht_trendmode.hpp>
#include <quantkit/indicators/hull_ma.hpp>
#include <quantkit/indicators/kama.hpp>
#include <quantkit/indicators/ma.hpp>
#include <quantkit/indicators/macd.hpp>
#include <quantkit/indicators/macdext.hpp>
#include <quantkit/indicators/macdfix.hpp>
#include <quantkit/indicators/mama.hpp>
#include <quantkit/indicators/mavp.hpp>
#include <quantkit/indicators/ppo.hpp>
#include <quantkit/indicators/stoch.hpp>
#include <quantkit/indicators/stochf.hpp>
#include <quantkit/indicators/stochrsi.hpp>
#include <quantkit/indicators/t3.hpp>
#include <quantkit/indicators/tema.hpp>
#include <quantkit/indicators/trima.hpp>
#include <quantkit/indicators/trix.hpp>
#include <quantkit/indicators/zlema.hpp>
#include <quantkit/indicators/zscore.hpp>

#include "support/indicator_contract.hpp"

#include <doctest/doctest.h>

namespace ind = quantkit::indicators;
using T = ind::ma_type;

TEST_SUITE("conformance") {
  TEST_CASE_TEMPLATE("indicator contract: group A moving averages at default parameters", I,
                     ind::dema, ind::tema, ind::trima, ind::kama, ind::mama, ind::t3, ind::ma,
                     ind::mavp, ind::hull_ma, ind::zlema, ind::alma) {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(I{});
  }

  TEST_CASE_TEMPLATE("indicator contract: group A cycle indicators at default parameters", I,
                     ind::ht_trendline, ind::ht_dcperiod, ind::ht_dcphase, ind::ht_phasor,
                     ind::ht_sine, ind::ht_trendmode) {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(I{});
  }

  TEST_CASE_TEMPLATE("indicator contract: group A bands and oscillators at default parameters", I,
                     ind::bbands, ind::accbands, ind::apo, ind::ppo, ind::macd, ind::macdext,
                     ind::macdfix, ind::trix, ind::stoch, ind::stochf, ind::stochrsi, ind::zscore) {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(I{});
  }

  TEST_CASE("indicator contract: group A at non-default parameters") {
    for (int t = 0; t <= 8; ++t) {
      CAPTURE(t);
      const auto type = static_cast<T>(t);
      QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::ma(7, type));
      QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::mavp(3, 12, type));
      QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::bbands(9, 1.5, 2.5, type));
      QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::apo(4, 9, type));
      QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::stochf(6, 4, type));
      QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::macdext({.fast_period = 5,
                                                 .fast_type = type,
                                                 .slow_period = 13,
                                                 .slow_type = T::ema,
                                                 .signal_period = 4,
                                                 .signal_type = type}));
    }
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::ma(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::dema(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::tema(3));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::trima(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::trima(9));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::kama(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::mama(0.3, 0.1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::t3(2, 0.0));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::bbands(40, 2.0, 2.0, T::mama));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::accbands(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::ppo(26, 12, T::dema));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::macd(26, 12, 1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::macdfix(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::trix(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::stoch(
        {.fastk_period = 1, .slowk_period = 2, .slowk_type = T::kama, .slowd_period = 1}));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::stochrsi(2, 1, 1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::hull_ma(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::hull_ma(50));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::zlema(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::zlema(10));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(
        ind::alma({.period = 20, .offset = 0.1, .sigma = 2.0, .floor = true}));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::zscore(2));
    // Composition: a z-score of MACD's histogram.
    QUANTKIT_CHECK_INDICATOR_CONTRACT(
        ind::chain(ind::macd{}, ind::zscore(20), [](const ind::macd_value& m) { return m.hist; }));
  }
}
