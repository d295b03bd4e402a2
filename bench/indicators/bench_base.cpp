// SPDX-License-Identifier: MIT
// bench/indicators/bench_base.cpp - SMA(30), EMA(30), WMA(30), RSI(14), STDDEV(20): ns/bar on 1M bars
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/rsi.hpp>
#include <quantkit/indicators/sma.hpp>
#include <quantkit/indicators/stddev.hpp>
#include <quantkit/indicators/wma.hpp>

#include "indicators/bench_common.hpp"

namespace ind = quantkit::indicators;

QUANTKIT_BENCH_INDICATOR(sma_30, ind::sma(30));
QUANTKIT_BENCH_INDICATOR(ema_30, ind::ema(30));
QUANTKIT_BENCH_INDICATOR(wma_30, ind::wma(30));
QUANTKIT_BENCH_INDICATOR(rsi_14, ind::rsi(14));
QUANTKIT_BENCH_INDICATOR(stddev_20, ind::stddev(20, 1.0));
