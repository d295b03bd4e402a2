// SPDX-License-Identifier: MIT
// bench/indicators/bench_c.cpp - statistic, price-transform, rolling-window and beyond-TA-Lib
// indicators: ns/bar on 1M bars
#include <quantkit/indicators/linearreg.hpp>

#include "indicators/bench_common.hpp"

namespace ind = quantkit::indicators;

QUANTKIT_BENCH_INDICATOR(linearreg_14, ind::linearreg(14));
