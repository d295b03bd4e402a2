// SPDX-License-Identifier: MIT
// quantkit/backtest/sweep.hpp - many backtests over a parameter grid, in parallel, deterministic
#pragma once

#include "../core/parallel.hpp"
#include "../costs/concepts.hpp"
#include "../strategies/concepts.hpp"
#include "engine.hpp"
#include "fused_sweep.hpp"
#include "options.hpp"
#include "summary.hpp"
#include "vectorized.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::backtest {

namespace detail {

/// Whether a strategy and options can take the fast path with the same result as the engine:
/// a target strategy and no rule that needs the order machinery (risk limits, partial fills, a
/// short-selling ban).
template <class S>
bool fast_path_applies(const options& o) noexcept {
  if constexpr (!strategies::TargetStrategy<S>) {
    return false;
  } else {
    const risk_limits& r = o.risk;
    const double unlimited = std::numeric_limits<double>::infinity();
    return o.allow_short && o.max_volume_fraction == 0.0 && r.max_position == unlimited &&
           r.max_gross_exposure == unlimited && r.max_turnover_per_bar == unlimited &&
           r.max_turnover_per_day == unlimited && r.daily_loss_limit == unlimited &&
           r.max_consecutive_losses == 0;
  }
}

/// The engine options as fast-path options.
inline vectorized_options fast_options(const options& o) {
  vectorized_options v;
  v.initial_cash = o.initial_cash;
  v.market_fills = o.market_fills;
  v.rebalance = o.rebalance;
  v.fractional = o.fractional;
  v.lot_size = o.lot_size;
  v.volatility_window = o.volatility_window;
  v.close_at_end = o.close_at_end;
  v.validate_bars = o.validate_bars;
  return v;
}

}  // namespace detail

/// Options of a sweep.
struct sweep_options {
  parallel_options parallel{};      ///< threads, progress, cancellation
  double periods_per_year = 252.0;  ///< for the summaries
  bool keep_results = false;  ///< keep every run's full result (memory: one equity curve each)
  /// Use the fused kernel when it applies (see sweep): the same numbers, computed faster. false
  /// runs every configuration alone.
  bool fused = true;
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

namespace detail {

/// The fused path of sweep: in batches of 8,192 grid points, every point's strategy made on the
/// calling thread (a point whose make() throws is recorded with its error), then
/// fused_run_parallel. A point the kernel could
/// not do (an exception inside it, rare) is run alone on the per-run path. Returns false (nothing
/// written) when the options are invalid, so that the per-run path reports them as usual.
template <class Params, class Make, costs::CostModel C>
bool fused_sweep(bar_series_view bars, std::span<const Params> grid, Make& make,
                 const C& cost_model, const vectorized_options& vo, const sweep_options& so,
                 std::vector<sweep_run<Params>>& out) {
  using S = std::invoke_result_t<Make&, const Params&>;
  try {
    check_vectorized_options(vo, "quantkit::backtest::sweep");
    (void)summarize_totals(1.0, 1.0, 0, 0, 0, 0.0, curve_statistics{}, so.periods_per_year);
  } catch (const error&) {
    return false;
  }
  // Batches of grid points, so that memory stays bounded for any grid size (the kernel keeps
  // every point of a batch in flight: its strategy, account and curve state).
  constexpr std::size_t batch = 8192;
  for (std::size_t first = 0; first < grid.size(); first += batch) {
    const std::size_t last = std::min(grid.size(), first + batch);
    std::vector<S> strategies;
    std::vector<std::size_t> index;
    strategies.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
      out[i].params = grid[i];
      try {
        strategies.push_back(make(grid[i]));
        index.push_back(i);
      } catch (...) {
        out[i].error = quantkit::detail::exception_message(std::current_exception());
      }
    }
    parallel_report report;
    const auto sums = fused_run_parallel(bars, std::move(strategies), cost_model, vo,
                                         so.periods_per_year, so.parallel, &report);
    for (std::size_t j = 0; j < index.size(); ++j) {
      const std::size_t i = index[j];
      if (sums[j].has_value()) {
        out[i].summary = *sums[j];
        out[i].ok = true;
      } else if (!report.cancelled) {
        // The per-run path for what the kernel could not do.
        try {
          vectorized_options v = vo;
          detail::equity_tracker curve(v.initial_cash);
          result r = run_fast(bars, make(grid[i]), cost_model, v, &curve);
          out[i].summary = summarize(r, curve, so.periods_per_year);
          out[i].ok = true;
        } catch (...) {
          out[i].error = quantkit::detail::exception_message(std::current_exception());
        }
      }
    }
    if (report.cancelled) break;  // the points not run keep ok = false
  }
  return true;
}

}  // namespace detail

/// Runs `make(params)` (any callable returning a Strategy) over `bars` for every point of `grid`,
/// in parallel on the core executor. Runs are independent and results are written in grid order,
/// so the output is identical for any thread count; memory stays bounded (one result per worker
/// at a time) unless keep_results is set. A run that throws is recorded with its error and the
/// others are kept. The bars are validated once, not per run. Target strategies run on the fast
/// path (run_fast, the same numbers as the engine) unless an option needs the order machinery;
/// results kept from the fast path have no order log.
template <class Params, class Make, costs::CostModel C = costs::zero_cost>
requires strategies::Strategy<std::invoke_result_t<Make&, const Params&>>
    std::vector<sweep_run<Params>> sweep(bar_series_view bars, std::span<const Params> grid,
                                         Make make, C cost_model = {}, const options& opt = {},
                                         const sweep_options& so = {}) {
  validate(bars, "quantkit::backtest::sweep");  // once, not per run
  options run_opt = opt;
  run_opt.validate_bars = false;
  std::vector<sweep_run<Params>> out(grid.size());
  using S = std::invoke_result_t<Make&, const Params&>;
  if constexpr (strategies::IndicatorTargetStrategy<S>) {
    if (so.fused && !so.keep_results && detail::fast_path_applies<S>(opt)) {
      vectorized_options vo = detail::fast_options(run_opt);
      vo.record_equity = false;
      vo.units = strategies::target_kind_of<S>() == strategies::target_kind::units;
      if (detail::fused_sweep(bars, grid, make, cost_model, vo, so, out)) return out;
    }
  }
  const auto report = parallel_for(
      grid.size(),
      [&](std::size_t i) {
        out[i].params = grid[i];
        if (detail::fast_path_applies<S>(opt)) {
          // Memory-light: the summary is computed online, the curve is kept only on request.
          vectorized_options vo = detail::fast_options(run_opt);
          vo.record_equity = so.keep_results;
          detail::equity_tracker curve(vo.initial_cash);
          result r = run_fast(bars, make(grid[i]), cost_model, vo, &curve);
          out[i].summary = detail::summarize(r, curve, so.periods_per_year);
          if (so.keep_results) out[i].full = std::move(r);
          out[i].ok = true;
          return;
        }
        options engine_opt = run_opt;
        engine_opt.record_equity = true;  // the summary needs the curve (dropped unless kept)
        engine<S, C> e(make(grid[i]), cost_model, engine_opt);
        e.run_all(bars);
        result r = std::move(e).finish();
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
