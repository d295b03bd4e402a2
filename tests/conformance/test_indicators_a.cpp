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
    quantkit::test::check_indicator_contract(I{});
  }

  TEST_CASE_TEMPLATE("indicator contract: group A cycle indicators at default parameters", I,
                     ind::ht_trendline, ind::ht_dcperiod, ind::ht_dcphase, ind::ht_phasor,
                     ind::ht_sine, ind::ht_trendmode) {
    quantkit::test::check_indicator_contract(I{});
  }

  TEST_CASE_TEMPLATE("indicator contract: group A bands and oscillators at default parameters", I,
                     ind::bbands, ind::accbands, ind::apo, ind::ppo, ind::macd, ind::macdext,
                     ind::macdfix, ind::trix, ind::stoch, ind::stochf, ind::stochrsi, ind::zscore) {
    quantkit::test::check_indicator_contract(I{});
  }

  TEST_CASE("indicator contract: group A at non-default parameters") {
    namespace qt = quantkit::test;
    for (int t = 0; t <= 8; ++t) {
      CAPTURE(t);
      const auto type = static_cast<T>(t);
      qt::check_indicator_contract(ind::ma(7, type));
      qt::check_indicator_contract(ind::mavp(3, 12, type));
      qt::check_indicator_contract(ind::bbands(9, 1.5, 2.5, type));
      qt::check_indicator_contract(ind::apo(4, 9, type));
      qt::check_indicator_contract(ind::stochf(6, 4, type));
      qt::check_indicator_contract(ind::macdext({.fast_period = 5,
                                                 .fast_type = type,
                                                 .slow_period = 13,
                                                 .slow_type = T::ema,
                                                 .signal_period = 4,
                                                 .signal_type = type}));
    }
    qt::check_indicator_contract(ind::ma(1));
    qt::check_indicator_contract(ind::dema(2));
    qt::check_indicator_contract(ind::tema(3));
    qt::check_indicator_contract(ind::trima(2));
    qt::check_indicator_contract(ind::trima(9));
    qt::check_indicator_contract(ind::kama(2));
    qt::check_indicator_contract(ind::mama(0.3, 0.1));
    qt::check_indicator_contract(ind::t3(2, 0.0));
    qt::check_indicator_contract(ind::bbands(40, 2.0, 2.0, T::mama));
    qt::check_indicator_contract(ind::accbands(2));
    qt::check_indicator_contract(ind::ppo(26, 12, T::dema));
    qt::check_indicator_contract(ind::macd(26, 12, 1));
    qt::check_indicator_contract(ind::macdfix(1));
    qt::check_indicator_contract(ind::trix(1));
    qt::check_indicator_contract(ind::stoch(
        {.fastk_period = 1, .slowk_period = 2, .slowk_type = T::kama, .slowd_period = 1}));
    qt::check_indicator_contract(ind::stochrsi(2, 1, 1));
    qt::check_indicator_contract(ind::hull_ma(2));
    qt::check_indicator_contract(ind::hull_ma(50));
    qt::check_indicator_contract(ind::zlema(1));
    qt::check_indicator_contract(ind::zlema(10));
    qt::check_indicator_contract(
        ind::alma({.period = 20, .offset = 0.1, .sigma = 2.0, .floor = true}));
    qt::check_indicator_contract(ind::zscore(2));
    // Composition: a z-score of MACD's histogram.
    qt::check_indicator_contract(
        ind::chain(ind::macd{}, ind::zscore(20), [](const ind::macd_value& m) { return m.hist; }));
  }
}
