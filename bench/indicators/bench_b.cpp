// SPDX-License-Identifier: MIT
// bench/indicators/bench_b.cpp - group B: ATR, ADX, DX, CCI, MFI, OBV, SAR, WILLR, ULTOSC (ns/bar)
#include <quantkit/indicators/adx.hpp>
#include <quantkit/indicators/atr.hpp>
#include <quantkit/indicators/cci.hpp>
#include <quantkit/indicators/dx.hpp>
#include <quantkit/indicators/mfi.hpp>
#include <quantkit/indicators/obv.hpp>
#include <quantkit/indicators/sar.hpp>
#include <quantkit/indicators/ultosc.hpp>
#include <quantkit/indicators/willr.hpp>

#include "indicators/bench_common.hpp"

namespace ind = quantkit::indicators;

QUANTKIT_BENCH_INDICATOR(atr_14, ind::atr(14));
QUANTKIT_BENCH_INDICATOR(adx_14, ind::adx(14));
QUANTKIT_BENCH_INDICATOR(dx_14, ind::dx(14));
QUANTKIT_BENCH_INDICATOR(cci_14, ind::cci(14));
QUANTKIT_BENCH_INDICATOR(mfi_14, ind::mfi(14));
QUANTKIT_BENCH_INDICATOR(obv, ind::obv{});
QUANTKIT_BENCH_INDICATOR(sar, ind::sar{});
QUANTKIT_BENCH_INDICATOR(willr_14, ind::willr(14));
QUANTKIT_BENCH_INDICATOR(ultosc, ind::ultosc{});
