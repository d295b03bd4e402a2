// SPDX-License-Identifier: MIT
// quantkit/backtest/fused_run.hpp - the fused single-run kernel behind run_fast (strategies that
// declare their indicator inputs) and run_targets: blocks of bars, each a pass per stage over
// cache-resident data, with the result of the per-bar loop to the last bit
#pragma once

#include "../core/bar_series.hpp"
#include "../core/detail/prefetch.hpp"
#include "../core/detail/simd2.hpp"
#include "../core/validate.hpp"
#include "../costs/concepts.hpp"
#include "../strategies/indicator_target.hpp"
#include "account.hpp"
#include "fused_columns.hpp"
#include "records.hpp"
#include "summary.hpp"
#include "target_rules.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::backtest::detail {

/// Bars per block of the single-run kernel: the block's indicator readings, targets and planned
/// fills (under 100 KiB) stay in L2 between the stages.
inline constexpr std::size_t kFusedRunBlock = 2048;

/// Whether x[0], ..., x[len - 1] are all finite (branch-free, two per SSE2 operation).
inline bool all_finite(const double* x, std::size_t len) noexcept {
  std::size_t i = 0;
  bool ok = true;
#if defined(QUANTKIT_SIMD2)
  const ::quantkit::detail::v2d zero = {0.0, 0.0};
  ::quantkit::detail::v2i mask = {-1, -1};
  for (; i + 2 <= len; i += 2) {
    const ::quantkit::detail::v2d v = ::quantkit::detail::load2(x + i);
    mask &= (v - v == zero);
  }
  ok = ::quantkit::detail::all2(mask);
#endif
  unsigned rest = 1;
  for (; i < len; ++i) rest &= static_cast<unsigned>(x[i] - x[i] == 0.0);
  return ok && rest != 0;
}

/// The per-bar hook of the single-run kernel's indicator pass (indicator_columns::compute): one
/// cache line every eight bars of the block's opens, which the fills read (sparse: the hardware
/// does not stream them in), and of the block's slots of the recorded curve, which the curve pass
/// writes (`curve`: the opens again when the curve is not recorded; a test for that in this loop
/// measured 0.4 ms slower). Fetched here, the curve's first writes (std::vector::resize's zeroing)
/// find their lines in the cache instead of waiting for them block by block: 0.2 ms less per
/// million bars. These loads hide in the latency of the indicators' running sums. The times, read
/// only by the fills, are prefetched a few fills ahead by the fill loop instead: as a third column
/// here they measured slower (this pass then asks for more bandwidth than one core has), as did
/// the highs and lows.
struct block_touch {
  const double* open = nullptr;
  const double* curve = nullptr;
  void operator()([[maybe_unused]] std::size_t t) const noexcept {
    // __builtin_prefetch here, not detail::prefetch: GCC 12 and Clang 14 keep these (checked in
    // the disassembly), and the asm statement measured 0.06 ms slower in this loop.
#if defined(__GNUC__)
    if ((t & 7) == 0) {
      __builtin_prefetch(open + t);
      __builtin_prefetch(curve + t, 1);
    }
#endif
  }
};

/// Fills ahead at which the single-run kernel's fill loop prefetches a fill's time.
inline constexpr std::size_t kFillPrefetchAhead = 4;

/// The targets of an IndicatorTargetStrategy, block by block: its indicators as columns
/// (indicator_columns: the sma specialization assumes finite closes), then target_from.
template <strategies::IndicatorTargetStrategy S>
class indicator_target_source {
  using inputs = std::remove_cvref_t<decltype(std::declval<const S&>().close_indicators())>;
  static constexpr std::size_t K = std::tuple_size_v<inputs>;

 public:
  /// The columns skip nothing, as an indicator skips a non-finite close: such closes need the
  /// per-bar loop (closes_finite says whether there were any).
  static constexpr bool needs_finite_closes = true;

  explicit indicator_target_source(const S& strategy) : strategy_(strategy) {
    inputs ind = strategy_.close_indicators();
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      ((column_[J] = std::get<canonical_slot<inputs, J>()>(columns_).add(std::get<J>(ind))), ...);
    }(std::make_index_sequence<K>{});
  }
  void allocate(std::size_t block) {
    std::apply([&](auto&... c) { (c.allocate(block), ...); }, columns_);
    target_.assign(block, 0.0);
  }
  /// Computes the readings of bars [first, first + len) from the closes `all` of the whole series,
  /// calling touch(t) once for every bar t.
  template <class Touch>
  void compute(const double* all, std::size_t first, std::size_t len, const Touch& touch) noexcept {
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      std::get<0>(columns_).compute(all, first, len, touch);
      (std::get<J + 1>(columns_).compute(all, first, len), ...);
    }(std::make_index_sequence<std::tuple_size_v<decltype(columns_)> - 1>{});
  }
  /// Whether the closes given so far (the block [first, first + len) of `all` the last) were all
  /// finite: O(1) from the running sums when every column is of averages
  /// (indicator_columns<sma>::inputs_finite), else a pass over the block's closes.
  [[nodiscard]] bool closes_finite(const double* all, std::size_t first,
                                   std::size_t len) const noexcept {
    return std::apply(
        [&](const auto&... c) {
          if constexpr ((std::remove_cvref_t<decltype(c)>::tracks_finite_inputs && ...)) {
            return (c.inputs_finite() && ...);
          } else {
            return all_finite(all + first, len);
          }
        },
        columns_);
  }
  /// step_block over the block just computed.
  template <class Fill>
  void step(target_state& state, const double* open, const double* close,
            const vectorized_options& opt, std::size_t /*first*/, std::size_t len, Fill&& fill) {
    std::array<const double*, K> val{};
    std::array<const unsigned char*, K> rdy{};
    bool all_ready = true;
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      ((val[J] = std::get<canonical_slot<inputs, J>()>(columns_).values(column_[J]),
        rdy[J] = std::get<canonical_slot<inputs, J>()>(columns_).ready(column_[J]),
        all_ready = all_ready &&
                    std::get<canonical_slot<inputs, J>()>(columns_).all_ready(column_[J])),
       ...);
    }(std::make_index_sequence<K>{});
    // The block's targets first (a loop the compiler can vectorize for a simple target_from),
    // then the bars where they change.
    double* target = target_.data();
    if (all_ready) {
      fill_targets<true>(val, rdy, len, target);
    } else {
      fill_targets<false>(val, rdy, len, target);
    }
    step_known_targets(state, target, open, close, opt, len, fill);
  }

 private:
  template <bool AllReady>
  void fill_targets(const std::array<const double*, K>& value,
                    const std::array<const unsigned char*, K>& ready, std::size_t len,
                    double* target) const noexcept {
    const S& s = strategy_;
    for (std::size_t i = 0; i < len; ++i) {
      target[i] = [&]<std::size_t... J>(std::index_sequence<J...>) {
        return static_cast<double>(s.target_from(
            strategies::indicator_reading{value[J][i], AllReady || ready[J][i] != 0}...));
      }(std::make_index_sequence<K>{});
    }
  }

  const S& strategy_;
  typename columns_of<inputs>::type columns_;
  std::array<std::uint32_t, K> column_{};
  std::vector<double> target_;
};

/// Precomputed targets (run_targets), block by block.
class span_target_source {
 public:
  static constexpr bool needs_finite_closes = false;
  explicit span_target_source(std::span<const double> targets) noexcept : targets_(targets) {}
  void allocate(std::size_t /*block*/) noexcept {}
  template <class Touch>
  void compute(const double* /*all*/, std::size_t /*first*/, std::size_t /*len*/,
               const Touch& /*touch*/) noexcept {}
  template <class Fill>
  void step(target_state& state, const double* open, const double* close,
            const vectorized_options& opt, std::size_t first, std::size_t len, Fill&& fill) {
    step_known_targets(state, targets_.data() + first, open, close, opt, len, fill);
  }

 private:
  std::span<const double> targets_;
};

/// A fill the bar step decided: at bar `bar` of the block, to `target`, at the open or the close.
struct planned_fill {
  std::uint32_t bar = 0;
  bool at_open = false;
  double target = 0.0;
};

/// Room in the trade log for the fills of the next block (each closes at most one trade), `done`
/// of the series' n bars decided: when it is short, the log is grown to the count projected over
/// the whole series from the rate so far (so that it is rarely moved: measured 0.15 ms per
/// million bars on the benchmark's 27,351 trades against doubling), up to n / 16 trades (about
/// the curve's memory: 9.5 bytes per bar), beyond which it doubles as usual.
inline void reserve_trade_log(std::vector<trade>& log, std::size_t fills, std::size_t done,
                              std::size_t n) {
  const std::size_t need = log.size() + fills;
  if (need <= log.capacity()) return;
  const double projected =
      static_cast<double>(need) * (static_cast<double>(n) / static_cast<double>(done)) * 1.125;
  const std::size_t cap = std::max(n / 16, 2 * log.capacity());
  const std::size_t target =
      projected < static_cast<double>(cap) ? static_cast<std::size_t>(projected) : cap;
  log.reserve(std::max(need, target));
}

/// A fill of the single-run kernel: the open trade's excursions brought up to the fill (marks of
/// the block's bars [*marked, upto)), then trade_to_target. Out of line (fills are rare next to
/// bars) and flattened: the sizing, the cost model and account::apply inlined into one body,
/// where the fill's unused outcome and the call boundaries' stores and reloads disappear
/// (measured 0.2 ms less per million bars on the benchmark's 27,351 fills).
template <costs::CostModel C>
[[gnu::noinline, gnu::flatten]] void fused_run_fill(account& acct, C& cost_model,
                                                    const bar_columns& cols,
                                                    const vectorized_options& opt, double target,
                                                    double price, std::size_t first, std::size_t i,
                                                    bool at_open, std::size_t& marked) {
  const std::size_t upto = at_open ? i : i + 1;
  const std::size_t t0 = first + marked;
  acct.mark_range(cols.high.data() + t0, cols.low.data() + t0, cols.close.data() + t0, t0,
                  upto - marked);
  marked = upto;
  trade_to_target(acct, cost_model, cols, opt, target, price, first + i, at_open);
}

/// The single-run kernel: run_target_loop's result (equity curve, trades with their excursions,
/// costs, fills, open trade, rejections; `tracker` fed the same values) computed in blocks of
/// kFusedRunBlock bars. Per block:
///  1. the source's readings (indicator columns), the opens the fills read and the curve's slots
///     prefetched meanwhile (block_touch);
///  2. the bars validated (options validate_bars; detail::bars_valid): an invalid block throws
///     validate's data_error, which names the series' first invalid row since every earlier block
///     is valid — nothing observable happened before; without validation, a non-finite close
///     makes a source that needs finite closes give up;
///  3. the bar step decides the fills (they depend on the targets only, not on the account);
///  4. the fills, in order (trade_to_target), each after the open trade's excursions are brought
///     up to it as extremes over the bars since the previous fill (account::mark_range), and the
///     equity of the bars between two fills written from the account's cash and position
///     (account::equity's expression, so its bits) — both in one loop over those bars
///     (account::mark_range_and_value) when the curve is kept and the fills are at the open:
///     independent of the next fill's sizing, a chain of divisions, it is computed meanwhile;
///  5. the block's curve fed to the tracker.
/// Returns false, with `tracker` restored, when the source gave up: the caller then runs the
/// per-bar loop. Memory: one block of readings, targets and planned fills besides the result.
template <class Source, costs::CostModel C>
bool fused_target_loop(bar_series_view bars, Source& source, const C& cost, const vectorized_options& opt,
                       const char* fn, equity_tracker* tracker, result& res) {
  check_vectorized_options(opt, fn);
  const std::size_t n = bars.size();
  const bar_columns cols(bars);
  const double* open = cols.open.data();
  const double* close = cols.close.data();
  const std::size_t block = std::min(kFusedRunBlock, std::max<std::size_t>(n, 1));
  C cost_model = cost;  // a copy: after a fallback the caller's model starts afresh
  source.allocate(block);
  std::vector<planned_fill> plan(block);  // at most one fill per bar
  std::vector<double> curve;              // the block's curve when it is not recorded
  if (!opt.record_equity && tracker != nullptr) curve.resize(block);
  const equity_tracker saved = tracker != nullptr ? *tracker : equity_tracker{};

  res = result{};
  res.initial_cash = opt.initial_cash;
  // Grown block by block: no 8 MB memset per million bars.
  std::vector<double> equity;
  if (opt.record_equity) equity.reserve(n);
  account acct(opt.initial_cash);
  target_state state;
  // With close_at_end, the last bar's equity enters the tracker after the closing fill.
  const std::size_t tracked = opt.close_at_end && n > 0 ? n - 1 : n;

  for (std::size_t b0 = 0; b0 < n; b0 += block) {
    const std::size_t len = std::min(block, n - b0);
    // The readings first (nothing observable happens before the checks below), with the opens and
    // the curve's slots prefetched meanwhile (equity has room for all n bars: reserved).
    const block_touch touch{open, opt.record_equity ? equity.data() : open};
    source.compute(close, b0, len, touch);
    if (opt.validate_bars) {
      if (!::quantkit::detail::bars_valid(bars, b0, len)) {
        if (tracker != nullptr) *tracker = saved;
        validate(bars, fn);  // throws: the first invalid row is in this block
        return false;
      }
    } else if constexpr (Source::needs_finite_closes) {
      if (!source.closes_finite(close, b0, len)) {
        if (tracker != nullptr) *tracker = saved;
        return false;
      }
    }

    // The bar step decides the fills (which depend on the targets only, not on the account);
    // then the fills are made in order.
    planned_fill* planned = plan.data();
    source.step(state, open + b0, close + b0, opt, b0, len,
                [&](double target, double /*price*/, std::size_t i, bool at_open) {
                  *planned++ = planned_fill{static_cast<std::uint32_t>(i), at_open, target};
                });
    reserve_trade_log(acct.trades(), static_cast<std::size_t>(planned - plan.data()), b0 + len, n);
    // The fills in order; between two fills, the curve of the bars since the previous one
    // (account::values: equity()'s expression with the cash and position after it), which the
    // processor computes while the next fill's sizing (a chain of divisions) is under way.
    double* out = nullptr;
    if (opt.record_equity) {
      equity.resize(b0 + len);
      out = equity.data() + b0;
    } else if (tracker != nullptr) {
      out = curve.data();
    }
    const double* cl = close + b0;
    std::size_t marked = 0;   // bars [0, marked) of the block are marked
    std::size_t written = 0;  // bars [0, written) of the block have their equity
    // The curve up to bar `to` of the block, with the marks in the same loop when they are at the
    // same bar (fills at the open; a fill at the close has marked its own bar).
    auto advance = [&](std::size_t to) {
      if (out != nullptr && marked == written) {
        acct.mark_range_and_value(cols.high.data() + b0 + marked, cols.low.data() + b0 + marked,
                                  cl + marked, b0 + marked, to - marked, out + marked);
        marked = to;
      } else if (out != nullptr) {
        acct.values(cl + written, to - written, out + written);
      }
      written = to;
    };
    // The fill's time is prefetched kFillPrefetchAhead fills ahead (the first ones here), with
    // detail::prefetch: GCC 12 deleted a __builtin_prefetch in this loop.
    const std::size_t fills = static_cast<std::size_t>(planned - plan.data());
    const timestamp* time = cols.time.data() + b0;
    auto prefetch_time = [&](std::size_t k) {
      if (k < fills) ::quantkit::detail::prefetch(time + plan[k].bar);
    };
    for (std::size_t k = 0; k < kFillPrefetchAhead; ++k) prefetch_time(k);
    for (std::size_t k = 0; k < fills; ++k) {
      const planned_fill& f = plan[k];
      const std::size_t t = b0 + f.bar;
      prefetch_time(k + kFillPrefetchAhead);
      advance(f.bar);
      fused_run_fill(acct, cost_model, cols, opt, f.target, f.at_open ? open[t] : close[t], b0,
                     f.bar, f.at_open, marked);
    }
    advance(len);
    acct.mark_range(cols.high.data() + b0 + marked, cols.low.data() + b0 + marked,
                    close + b0 + marked, b0 + marked, len - marked);
    if (tracker != nullptr) {
      const std::size_t m = b0 + len <= tracked ? len : tracked - b0;
      for (std::size_t i = 0; i < m; ++i) tracker->add(out[i]);
    }
  }
  finish_target_run(res, acct, cost_model, cols, opt, std::move(equity), tracker);
  res.rejections = state.rejections;
  return true;
}

}  // namespace quantkit::backtest::detail
