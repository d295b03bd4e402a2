// SPDX-License-Identifier: MIT
// quantkit/montecarlo.hpp - the Monte Carlo layer: trade-sequence bootstrap, parameter-randomized
// and synthetic-path Monte Carlo, robustness score, deterministic resumable execution
#pragma once

#include "montecarlo/execution.hpp"
#include "montecarlo/metric_summary.hpp"
#include "montecarlo/parameter_mc.hpp"
#include "montecarlo/robustness.hpp"
#include "montecarlo/summary.hpp"
#include "montecarlo/synthetic_paths.hpp"
#include "montecarlo/trade_bootstrap.hpp"
