// SPDX-License-Identifier: MIT
// quantkit/backtest.hpp - the backtest layer: event engine, vectorized path, portfolios,
// summaries, sweeps, walk-forward
#pragma once

#include "backtest/account.hpp"
#include "backtest/engine.hpp"
#include "backtest/fused_columns.hpp"
#include "backtest/fused_run.hpp"
#include "backtest/fused_sweep.hpp"
#include "backtest/metrics.hpp"
#include "backtest/options.hpp"
#include "backtest/portfolio.hpp"
#include "backtest/records.hpp"
#include "backtest/summary.hpp"
#include "backtest/sweep.hpp"
#include "backtest/target_rules.hpp"
#include "backtest/vectorized.hpp"
#include "backtest/walk_forward.hpp"
