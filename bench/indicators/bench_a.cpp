// SPDX-License-Identifier: MIT
// bench/indicators/bench_a.cpp - group A: MACD(12,26,9), BBANDS(20,2,2), STOCH(5,3,3), KAMA(30),
// T3(5,0.7), MAMA(0.5,0.05), TEMA(30): ns/bar on 1M bars
#include <quantkit/indicators/bbands.hpp>
#include <quantkit/indicators/kama.hpp>
#include <quantkit/indicators/macd.hpp>
#include <quantkit/indicators/mama.hpp>
#include <quantkit/indicators/stoch.hpp>
#include <quantkit/indicators/t3.hpp>
#include <quantkit/indicators/tema.hpp>

#include "indicators/bench_common.hpp"

namespace ind = quantkit::indicators;

QUANTKIT_BENCH_INDICATOR(macd_12_26_9, ind::macd(12, 26, 9));
QUANTKIT_BENCH_INDICATOR(bbands_20_2_2, ind::bbands(20, 2.0, 2.0));
QUANTKIT_BENCH_INDICATOR(stoch_5_3_3, ind::stoch{});
QUANTKIT_BENCH_INDICATOR(kama_30, ind::kama(30));
QUANTKIT_BENCH_INDICATOR(t3_5, ind::t3(5, 0.7));
QUANTKIT_BENCH_INDICATOR(mama, ind::mama{});
QUANTKIT_BENCH_INDICATOR(tema_30, ind::tema(30));
