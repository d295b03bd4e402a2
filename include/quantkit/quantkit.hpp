// SPDX-License-Identifier: MIT
// quantkit/quantkit.hpp - umbrella header: every layer (convenience; prefer the layer headers,
// which compile faster)
#pragma once

#include "backtest.hpp"
#include "core.hpp"
#include "costs.hpp"
#include "data.hpp"
#include "indicators.hpp"
#include "montecarlo.hpp"
#include "regression.hpp"
#include "samplers.hpp"
#include "stats.hpp"
#include "strategies.hpp"
#include "tuning.hpp"
