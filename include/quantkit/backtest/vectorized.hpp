// SPDX-License-Identifier: MIT
// quantkit/backtest/vectorized.hpp - the fast path: target positions per bar -> equity and trades
#pragma once

#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "../core/validate.hpp"
#include "../costs/concepts.hpp"
#include "../strategies/concepts.hpp"
#include "../strategies/indicator_target.hpp"
#include "account.hpp"
#include "fused_run.hpp"
#include "options.hpp"
#include "records.hpp"
#include "summary.hpp"
#include "target_rules.hpp"

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <span>
#include <vector>

namespace quantkit::backtest {

namespace detail {

/// The vectorized loop shared by run_targets and run_fast: `decide(t, bar, account, equity)`
/// returns the target decided at bar t's close (NaN = hold). Same accounting, cost model and target
/// rules as the event engine's target path.
template <costs::CostModel C, class Decide>
result run_target_loop(bar_series_view bars, C& cost_model, const vectorized_options& opt,
                       const char* fn, Decide&& decide, equity_tracker* tracker = nullptr) {
  check_vectorized_options(opt, fn);
  if (opt.validate_bars) validate(bars, fn);

  const std::size_t n = bars.size();
  const auto time = bars.times();
  const auto open = bars.opens();
  const auto high = bars.highs();
  const auto low = bars.lows();
  const auto close = bars.closes();
  const auto volume = bars.volumes();
  result res;
  res.initial_cash = opt.initial_cash;
  // A local curve (its end pointer stays in a register; the result's would be stored every bar),
  // filled by push_back: no 8 MB memset per million bars.
  std::vector<double> equity;
  if (opt.record_equity) equity.reserve(n);
  account acct(opt.initial_cash);
  double last_target = std::numeric_limits<double>::quiet_NaN();
  double pending = std::numeric_limits<double>::quiet_NaN();  // target to fill at the next open
  bool has_pending = false;

  const bar_columns cols(bars);
  auto trade_to = [&](double target, double price, std::size_t t, bool at_open) {
    trade_to_target(acct, cost_model, cols, opt, target, price, t, at_open);
  };

  for (std::size_t t = 0; t < n; ++t) {
    if (has_pending) {
      trade_to(pending, open[t], t, true);
      has_pending = false;
    }
    if (acct.has_open_trade()) acct.mark(high[t], low[t], close[t], t);  // only what is needed
    const bar b{time[t], open[t], high[t], low[t], close[t], volume[t]};
    const double target = decide(t, b, acct, acct.equity(close[t]));
    if (!std::isnan(target)) {
      if (!std::isfinite(target)) {
        ++res.rejections;
      } else if (opt.rebalance == rebalance_policy::every_bar || !same_bits(target, last_target)) {
        last_target = target;
        if (opt.market_fills == fill_timing::same_close) {
          trade_to(target, close[t], t, false);
        } else {
          pending = target;
          has_pending = true;
        }
      }
    }
    const double eq = acct.equity(close[t]);
    if (tracker != nullptr && !(opt.close_at_end && t + 1 == n)) tracker->add(eq);
    if (opt.record_equity) equity.push_back(eq);
  }
  finish_target_run(res, acct, cost_model, cols, opt, std::move(equity), tracker);
  return res;
}

}  // namespace detail

/// Runs a precomputed target per bar (decided at each bar's close: exposure as a signed fraction
/// of equity, or units; NaN = hold) through the same accounting, cost model and target rules as
/// the event engine, without the order machinery: for the same decisions, the equity curve and the
/// trades are the engine's (a test proves it). Targets are resolved at the fill price (the next
/// open, or this close with fill_timing::same_close); exposure targets are cash-inclusive;
/// an infinite target is skipped and counted in `rejections`. No order log.
/// Throws invalid_argument for mismatched lengths or bad options, data_error for invalid bars.
/// With `opt.fused` (the default) it runs block by block (detail::fused_target_loop: the bar step
/// writes fill events, then the curve and the trade excursions are computed over the block),
/// with the same result to the last bit as the per-bar loop (`opt.fused = false`).
/// O(n); on the benchmark (1,000,000 bars, 27,351 fills) about 3 ns per bar, the fills included,
/// plus 1.5–2 ns per bar for validation.
template <costs::CostModel C = costs::zero_cost>
result run_targets(bar_series_view bars, std::span<const double> targets, C cost_model = {},
                   const vectorized_options& opt = {}) {
  constexpr const char* fn = "quantkit::backtest::run_targets";
  require_same_length(fn, "bars", bars.size(), "targets", targets.size());
  if (opt.fused) {
    detail::span_target_source source(targets);
    result res;
    detail::fused_target_loop(bars, source, cost_model, opt, fn, nullptr, res);
    return res;
  }
  return detail::run_target_loop(
      bars, cost_model, opt, fn,
      [&](std::size_t t, const bar&, const account&, double) { return targets[t]; });
}

/// Runs a target strategy on the fast path: the strategy is called at every close exactly as the
/// event engine calls it (same context: index, time, position, average price, cash, equity,
/// history up to the bar; no working orders), and its targets go through run_targets' loop, with
/// everything inlined. For a target strategy and options the fast path supports (no risk rules, no
/// partial fills) the result equals backtest::run's to the last bit, without the order log.
/// The strategy's target kind (exposure or units) is honoured. `tracker`, when given, receives
/// the equity after every bar (used by sweep to summarize a run without storing its curve).
/// A strategy that declares its indicator inputs (strategies::IndicatorTargetStrategy, e.g.
/// ma_crossover) takes the fused kernel when `opt.fused` (the default): its indicators computed
/// as columns block by block, then the bar step, the curve and the excursions over the block
/// (detail::fused_target_loop); the same result to the last bit. Unvalidated bars with a
/// non-finite close fall back to the per-bar loop; `opt.fused = false` forces it. With a
/// `tracker` the per-bar loop is taken too: the tracker's two dependent divisions per bar set the
/// pace, and the per-bar loop hides everything else under them (the kernel, which feeds the
/// tracker block by block, measured 25 % slower there).
template <strategies::TargetStrategy S, costs::CostModel C = costs::zero_cost>
result run_fast(bar_series_view bars, S strategy, C cost_model = {}, vectorized_options opt = {},
                detail::equity_tracker* tracker = nullptr) {
  opt.units = strategies::target_kind_of<S>() == strategies::target_kind::units;
  strategy.reset();
  if constexpr (strategies::IndicatorTargetStrategy<S>) {
    if (opt.fused && tracker == nullptr) {
      detail::indicator_target_source<S> source(strategy);
      result res;
      if (detail::fused_target_loop(bars, source, cost_model, opt, "quantkit::backtest::run_fast",
                                    tracker, res)) {
        return res;
      }
    }
  }
  strategies::context ctx;
  ctx.history = bars;
  return detail::run_target_loop(
      bars, cost_model, opt, "quantkit::backtest::run_fast",
      [&](std::size_t t, const bar& b, const account& acct, double equity) {
        ctx.index = t;
        ctx.time = b.time;
        ctx.position = acct.position();
        ctx.avg_price = acct.avg_price();
        ctx.cash = acct.cash();
        ctx.equity = equity;
        ctx.history.unchecked_resize(t + 1);
        return static_cast<double>(strategy.on_bar(b, ctx));
      },
      tracker);
}

}  // namespace quantkit::backtest
