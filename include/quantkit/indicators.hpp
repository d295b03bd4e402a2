// SPDX-License-Identifier: MIT
// quantkit/indicators.hpp - the indicators layer: every indicator, apply(), chain, indicator_set
// (standard library only)
#pragma once

#include "indicators/apply.hpp"
#include "indicators/chain.hpp"
#include "indicators/concepts.hpp"
#include "indicators/ema.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "indicators/stddev.hpp"
#include "indicators/variance.hpp"
#include "indicators/wma.hpp"
