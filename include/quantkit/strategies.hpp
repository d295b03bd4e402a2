// SPDX-License-Identifier: MIT
// quantkit/strategies.hpp - the strategies layer: concepts, built-ins, combinators, sizing
// (standard library and the indicators layer only)
#pragma once

#include "strategies/bollinger.hpp"
#include "strategies/concepts.hpp"
#include "strategies/consensus.hpp"
#include "strategies/context.hpp"
#include "strategies/donchian_breakout.hpp"
#include "strategies/filters.hpp"
#include "strategies/indicator_target.hpp"
#include "strategies/logic.hpp"
#include "strategies/macd_cross.hpp"
#include "strategies/ma_crossover.hpp"
#include "strategies/model_head.hpp"
#include "strategies/order.hpp"
#include "strategies/rsi_reversion.hpp"
#include "strategies/signal.hpp"
#include "strategies/signal_series.hpp"
#include "strategies/sizing.hpp"
