// SPDX-License-Identifier: MIT
// quantkit/backtest/walk_forward.hpp - walk-forward analysis: optimize in sample, evaluate out of
// sample, stitch the out-of-sample equity
#pragma once

#include "../core/error.hpp"
#include "../core/parallel.hpp"
#include "../costs/concepts.hpp"
#include "../strategies/concepts.hpp"
#include "engine.hpp"
#include "options.hpp"
#include "summary.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::backtest {

/// Window layout and evaluation options of a walk-forward analysis.
struct walk_forward_options {
  std::size_t in_sample = 0;      ///< bars per in-sample window (> 0)
  std::size_t out_of_sample = 0;  ///< bars per out-of-sample window (> 0; the last may be shorter)
  std::size_t step = 0;           ///< bars between window starts; 0 = out_of_sample (no overlap)
  bool anchored = false;          ///< in-sample windows all start at bar 0 and grow
  /// Bars before each out-of-sample window that the strategy sees without trading, so that its
  /// indicators are warm when trading starts (0 = start cold).
  std::size_t warmup = 0;
  double periods_per_year = 252.0;
  parallel_options parallel{};  ///< windows run in parallel; results do not depend on threads
};

/// One walk-forward window: where it lies, the parameters the optimizer chose on its in-sample
/// bars, and the summaries of those parameters in and out of sample.
template <class Params>
struct walk_forward_window {
  std::size_t is_begin = 0;
  std::size_t is_end = 0;  ///< one past the last in-sample bar
  std::size_t oos_begin = 0;
  std::size_t oos_end = 0;
  Params params{};
  run_summary in_sample{};
  run_summary out_of_sample{};
  std::vector<trade> oos_trades{};
};

/// A walk-forward analysis. `equity` stitches the out-of-sample equity curves end to end (each
/// window compounds from where the previous ended, starting at the initial cash), one value per
/// out-of-sample bar; `efficiency` is Pardo's walk-forward efficiency: the annualized return of the
/// stitched out-of-sample curve divided by the mean annualized in-sample return (NaN when that mean
/// is not positive).
template <class Params>
struct walk_forward_result {
  std::vector<walk_forward_window<Params>> windows;
  std::vector<double> equity;
  std::vector<timestamp> times;
  run_summary out_of_sample{};  ///< of the stitched curve
  double efficiency = std::numeric_limits<double>::quiet_NaN();
};

namespace detail {

/// A strategy that sees every bar but cannot trade before bar `start` (its target is flat, its
/// orders are discarded): the warm-up of an out-of-sample window.
template <strategies::Strategy S>
class gated {
 public:
  gated(S s, std::size_t start) : s_(std::move(s)), start_(start) {}
  double on_bar(const bar& b,
                const strategies::context& ctx) requires strategies::TargetStrategy<S> {
    const double v = static_cast<double>(s_.on_bar(b, ctx));
    return ctx.index < start_ ? 0.0 : v;
  }
  void on_bar(const bar& b, const strategies::context& ctx,
              strategies::order_sink& out) requires(!strategies::TargetStrategy<S>) {
    if (ctx.index < start_) {
      scratch_.clear();
      s_.on_bar(b, ctx, scratch_);
      return;
    }
    s_.on_bar(b, ctx, out);
  }
  void reset() { s_.reset(); }
  static constexpr strategies::target_kind target = strategies::target_kind_of<S>();

 private:
  S s_;
  std::size_t start_;
  strategies::order_sink scratch_{};
};

/// The part of a result from bar `from` on, as a result of its own (for summaries).
inline result tail_of(const result& r, std::size_t from) {
  result out;
  out.initial_cash = r.initial_cash;
  out.equity.assign(r.equity.begin() + static_cast<std::ptrdiff_t>(from), r.equity.end());
  out.trades = r.trades;
  out.final_equity = r.final_equity;
  out.final_cash = r.final_cash;
  out.final_position = r.final_position;
  out.total_costs = r.total_costs;
  out.bars = r.bars - from;
  out.fills = r.fills;
  return out;
}

}  // namespace detail

/// Walk-forward analysis of `make(params)` over `bars`. For each window, `optimize(in_sample)`
/// (any callable from a bar_series_view to parameters: a grid search, the tuning layer, ...)
/// chooses the parameters on the in-sample bars only; the strategy built from them is then run
/// out of sample (after `warmup` bars it sees but cannot trade on). Windows run in parallel and
/// the result does not depend on the thread count. Throws invalid_argument for empty windows or
/// when the bars do not hold one in-sample plus one out-of-sample window; data_error for bad bars.
template <class Optimize, class Make, costs::CostModel C = costs::zero_cost>
auto walk_forward(bar_series_view bars, Optimize optimize, Make make, C cost_model = {},
                  const options& opt = {}, const walk_forward_options& wf = {})
    -> walk_forward_result<std::decay_t<std::invoke_result_t<Optimize&, bar_series_view>>> {
  using Params = std::decay_t<std::invoke_result_t<Optimize&, bar_series_view>>;
  using S = std::invoke_result_t<Make&, const Params&>;
  static_assert(strategies::Strategy<S>, "make(params) must return a Strategy");
  constexpr const char* fn = "quantkit::backtest::walk_forward";
  require(wf.in_sample > 0, fn, "in_sample", wf.in_sample, "must be > 0");
  require(wf.out_of_sample > 0, fn, "out_of_sample", wf.out_of_sample, "must be > 0");
  require(wf.periods_per_year > 0.0 && std::isfinite(wf.periods_per_year), fn, "periods_per_year",
          wf.periods_per_year, "must be finite and > 0");
  require(bars.size() > wf.in_sample, fn, "in_sample", wf.in_sample,
          "must leave out-of-sample bars (series has " + std::to_string(bars.size()) + " bars)");
  validate(bars, fn);  // once, not per window
  options run_opt = opt;
  run_opt.validate_bars = false;
  run_opt.record_equity = true;  // summaries and the stitched curve need every window's equity

  const std::size_t step = wf.step == 0 ? wf.out_of_sample : wf.step;
  walk_forward_result<Params> res;
  for (std::size_t start = 0; start + wf.in_sample < bars.size(); start += step) {
    walk_forward_window<Params> w;
    w.is_begin = wf.anchored ? 0 : start;
    w.is_end = start + wf.in_sample;
    w.oos_begin = w.is_end;
    w.oos_end = std::min(bars.size(), w.oos_begin + wf.out_of_sample);
    res.windows.push_back(w);
  }

  std::vector<std::vector<double>> curves(res.windows.size());  // out-of-sample equity per window
  const auto report = parallel_for(
      res.windows.size(),
      [&](std::size_t i) {
        auto& w = res.windows[i];
        const bar_series_view is = bars.slice(w.is_begin, w.is_end - w.is_begin);
        w.params = optimize(is);
        w.in_sample = summarize(run(is, make(w.params), cost_model, run_opt), wf.periods_per_year);
        const std::size_t warm_begin = w.oos_begin > wf.warmup ? w.oos_begin - wf.warmup : 0;
        const std::size_t lead = w.oos_begin - warm_begin;
        const bar_series_view span = bars.slice(warm_begin, w.oos_end - warm_begin);
        engine<detail::gated<S>, C> e(detail::gated<S>(make(w.params), lead), cost_model, run_opt);
        e.run_all(span);
        const result r = detail::tail_of(std::move(e).finish(), lead);
        w.out_of_sample = summarize(r, wf.periods_per_year);
        w.oos_trades = r.trades;
        curves[i] = r.equity;
      },
      wf.parallel);
  report.rethrow_first_error();

  // Stitch the out-of-sample curves in window order.
  double level = opt.initial_cash;
  double is_cagr_sum = 0.0;
  for (std::size_t i = 0; i < res.windows.size(); ++i) {
    const auto& w = res.windows[i];
    for (std::size_t k = 0; k < curves[i].size(); ++k) {
      res.equity.push_back(level * curves[i][k] / opt.initial_cash);
      res.times.push_back(bars.times()[w.oos_begin + k]);
    }
    if (!curves[i].empty()) level = res.equity.back();
    is_cagr_sum += w.in_sample.cagr;
  }
  result stitched;
  stitched.initial_cash = opt.initial_cash;
  stitched.equity = res.equity;
  stitched.final_equity = res.equity.empty() ? opt.initial_cash : res.equity.back();
  stitched.bars = res.equity.size();
  for (const auto& w : res.windows) {
    stitched.trades.insert(stitched.trades.end(), w.oos_trades.begin(), w.oos_trades.end());
  }
  res.out_of_sample = summarize(stitched, wf.periods_per_year);
  const double is_mean = is_cagr_sum / static_cast<double>(res.windows.size());
  res.efficiency =
      is_mean > 0.0 ? res.out_of_sample.cagr / is_mean : std::numeric_limits<double>::quiet_NaN();
  return res;
}

}  // namespace quantkit::backtest
