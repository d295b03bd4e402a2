// SPDX-License-Identifier: MIT
// quantkit/backtest/sweep.hpp - many backtests over a parameter grid, in parallel, deterministic
#pragma once

#include "../core/parallel.hpp"
#include "../costs/concepts.hpp"
#include "../strategies/concepts.hpp"
#include "engine.hpp"
#include "options.hpp"
#include "summary.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::backtest {

/// Options of a sweep.
struct sweep_options {
  parallel_options parallel{};      ///< threads, progress, cancellation
  double periods_per_year = 252.0;  ///< for the summaries
  bool keep_results = false;  ///< keep every run's full result (memory: one equity curve each)
};

/// One run of a sweep: its parameters, summary, and (on request) its full result. A run that
/// threw keeps its parameters and the error message instead.
template <class Params>
struct sweep_run {
  Params params{};
  run_summary summary{};
  std::optional<result> full{};
  bool ok = false;
  std::string error{};
};

/// Runs `make(params)` (any callable returning a Strategy) over `bars` for every point of `grid`,
/// in parallel on the core executor. Runs are independent and results are written in grid order,
/// so the output is identical for any thread count; memory stays bounded (one result per worker
/// at a time) unless keep_results is set. A run that throws is recorded with its error and the
/// others are kept. The bars are validated once, not per run.
template <class Params, class Make, costs::CostModel C = costs::zero_cost>
requires strategies::Strategy<std::invoke_result_t<Make&, const Params&>>
    std::vector<sweep_run<Params>> sweep(bar_series_view bars, std::span<const Params> grid,
                                         Make make, C cost_model = {}, const options& opt = {},
                                         const sweep_options& so = {}) {
  validate(bars, "quantkit::backtest::sweep");  // once, not per run
  options run_opt = opt;
  run_opt.validate_bars = false;
  std::vector<sweep_run<Params>> out(grid.size());
  const auto report = parallel_for(
      grid.size(),
      [&](std::size_t i) {
        out[i].params = grid[i];
        using S = std::invoke_result_t<Make&, const Params&>;
        engine<S, C> e(make(grid[i]), cost_model, run_opt);
        e.run_all(bars);
        result r = e.finish();
        out[i].summary = summarize(r, so.periods_per_year);
        if (so.keep_results) out[i].full = std::move(r);
        out[i].ok = true;
      },
      so.parallel);
  for (const auto& err : report.errors) {
    out[err.index].params = grid[err.index];
    out[err.index].ok = false;
    out[err.index].error = err.message;
  }
  return out;
}

}  // namespace quantkit::backtest
