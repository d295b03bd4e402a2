// SPDX-License-Identifier: MIT
// quantkit/backtest/fused_sweep.hpp - the fused sweep kernel: many target strategies over the same
// bars, sharing the indicator columns they declare, with online summaries
#pragma once

#include "../core/bar_series.hpp"
#include "../core/parallel.hpp"
#include "../costs/concepts.hpp"
#include "../indicators/sma.hpp"
#include "../strategies/concepts.hpp"
#include "../strategies/indicator_target.hpp"
#include "account.hpp"
#include "fused_columns.hpp"
#include "options.hpp"
#include "summary.hpp"
#include "vectorized.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::backtest::detail {

/// Everything one configuration carries through the fused kernel: its strategy (for
/// target_from), cost model, account and target state. Its curve statistics live in a
/// group_curve (vectorized across configurations).
template <class S, class C, std::size_t K>
struct fused_config {
  S strategy;
  C cost_model;
  account acct;
  std::array<std::uint32_t, K> column{};
  target_state state;
  std::size_t trades = 0;
  std::size_t wins = 0;
  fused_config(S s, C c, double cash)
      : strategy(std::move(s)), cost_model(std::move(c)), acct(cash) {}
};

/// Configurations processed together in the curve-statistics pass (the divisions of kFusedGroup
/// independent streams are pipelined, two per SSE2 operation).
inline constexpr std::size_t kFusedGroup = 8;
/// Bars per block: the indicator readings of a block stay cache-resident while every
/// configuration reads them.
inline constexpr std::size_t kFusedBlock = 2048;

/// A fill of one configuration in the fused kernel: trade_to_target, then the closed trades
/// counted (and dropped, so memory stays bounded). Out of line (fills are rare next to bars) and
/// flattened, as fused_run_fill.
template <class S, class C, std::size_t K>
[[gnu::noinline, gnu::flatten]] void fused_fill(fused_config<S, C, K>& c, const bar_columns& cols,
                                                const vectorized_options& opt, double target,
                                                double price, std::size_t t, bool at_open) {
  trade_to_target(c.acct, c.cost_model, cols, opt, target, price, t, at_open);
  auto& closed = c.acct.trades();
  for (const auto& tr : closed) c.wins += tr.pnl > 0.0 ? 1u : 0u;
  c.trades += closed.size();
  closed.clear();
}

/// One configuration over bars [first, first + len): the block's targets first (into `targets`,
/// len doubles: target_from reads nothing but the readings, so calling it ahead of the fills
/// changes nothing), then the shared bar step over known targets (step_known_targets: only the
/// bars where the target changes are visited) with fused_fill. Writes a fill_event for every bar
/// with a fill (at most len, then a sentinel with bar = kNoEvent).
template <bool AllReady, class S, class C, std::size_t K>
[[gnu::noinline]] void advance_config(fused_config<S, C, K>& c,
                                      const std::array<const double*, K>& val,
                                      const std::array<const unsigned char*, K>& rdy,
                                      const bar_columns& cols, const vectorized_options& opt,
                                      std::size_t first, std::size_t len, fill_event* events,
                                      double* targets) {
  {
    const S& strategy = c.strategy;
    const std::array<const double*, K> value = val;
    const std::array<const unsigned char*, K> ready = rdy;
    for (std::size_t i = 0; i < len; ++i) {
      targets[i] = [&]<std::size_t... J>(std::index_sequence<J...>) {
        return static_cast<double>(strategy.target_from(
            strategies::indicator_reading{value[J][i], AllReady || ready[J][i] != 0}...));
      }(std::make_index_sequence<K>{});
    }
  }
  fill_event* ev = events;
  step_known_targets(c.state, targets, cols.open.data() + first, cols.close.data() + first, opt,
                     len, [&](double target, double price, std::size_t i, bool at_open) {
                       fused_fill(c, cols, opt, target, price, first + i, at_open);
                       *ev++ = fill_event{static_cast<std::uint32_t>(i), c.acct.cash(),
                                          c.acct.position()};
                     });
  ev->bar = kNoEvent;
}

/// The online curve statistics of kFusedGroup configurations (lane k = configuration k of the
/// group): equity_tracker's state, one array per field.
struct group_curve {
  alignas(16) double prev[kFusedGroup];
  alignas(16) double count[kFusedGroup];
  alignas(16) double mean[kFusedGroup];
  alignas(16) double m2[kFusedGroup];
  alignas(16) double peak[kFusedGroup];
  alignas(16) double low[kFusedGroup];
  alignas(16) double mdd[kFusedGroup];
  alignas(16) double cash[kFusedGroup];
  alignas(16) double position[kFusedGroup];
  explicit group_curve(double initial) noexcept {
    for (std::size_t k = 0; k < kFusedGroup; ++k) {
      cash[k] = initial;
      position[k] = 0.0;
      prev[k] = initial;
      count[k] = 0.0;
      mean[k] = 0.0;
      m2[k] = 0.0;
      peak[k] = initial;
      low[k] = initial;
      mdd[k] = 0.0;
    }
  }
  /// equity_tracker::add for lane k.
  void add(std::size_t k, double e) noexcept {
    welford_step::apply(e / prev[k] - 1.0, count[k], mean[k], m2[k]);
    prev[k] = e;
    drawdown_state dd(peak[k]);
    dd.low = low[k];
    dd.mdd = mdd[k];
    dd.add(e);
    peak[k] = dd.peak;
    low[k] = dd.low;
    mdd[k] = dd.mdd;
  }
  [[nodiscard]] curve_statistics statistics(std::size_t k, std::size_t bars) const noexcept {
    curve_statistics st;
    st.bars = bars;
    st.count = count[k];
    st.mean = mean[k];
    st.m2 = m2[k];
    st.drawdown = drawdown_state(peak[k]);
    st.drawdown.low = low[k];
    st.drawdown.mdd = mdd[k];
    return st;
  }
  /// Adds the equity of bars [0, len) of a block (`close` its closes) to every lane, the cash and
  /// position of lane k changing at its fill events (`events[k]`, ending with kNoEvent); then
  /// applies the lanes' remaining events (bars of the block past `len`).
  void add_block(const double* close, std::size_t len,
                 const std::array<const fill_event*, kFusedGroup>& events) noexcept {
    std::array<const fill_event*, kFusedGroup> ev = events;
#if defined(__GNUC__) && defined(__SSE2__)
    if (!add_block_pairs(close, len, ev)) {
      ev = events;
#endif
      for (std::size_t i = 0; i < len; ++i) {
        for (std::size_t k = 0; k < kFusedGroup; ++k) {
          for (; ev[k]->bar == i; ++ev[k]) {
            cash[k] = ev[k]->cash;
            position[k] = ev[k]->position;
          }
          add(k, cash[k] + position[k] * close[i]);
        }
      }
#if defined(__GNUC__) && defined(__SSE2__)
    }
#endif
    for (std::size_t k = 0; k < kFusedGroup; ++k) {
      for (; ev[k]->bar != kNoEvent; ++ev[k]) {
        cash[k] = ev[k]->cash;
        position[k] = ev[k]->position;
      }
    }
  }

 private:
  static std::size_t next_event(const std::array<const fill_event*, kFusedGroup>& ev) noexcept {
    std::uint32_t next = kNoEvent;
    for (const fill_event* e : ev) next = e->bar < next ? e->bar : next;
    return next;
  }

#if defined(__GNUC__) && defined(__SSE2__)
  /// add_block two lanes per SSE2 operation, lane by lane the operations of welford_step and
  /// drawdown_state. Returns false, with nothing changed, when a return is NaN (an equity of 0
  /// or not finite), which welford_step skips: the caller then takes the one-lane path.
  bool add_block_pairs(const double* close, std::size_t len,
                       std::array<const fill_event*, kFusedGroup>& ev) noexcept {
    constexpr std::size_t Q = kFusedGroup / 2;
    // The counts of non-NaN returns are equal in every lane unless a lane skipped one: then the
    // one-lane path.
    for (std::size_t k = 1; k < kFusedGroup; ++k) {
      if (!(count[k] == count[0])) return false;
    }
    fused_v2d pv[Q], mu[Q], s2[Q], pk[Q], lo[Q], md[Q];
    alignas(16) double cs[kFusedGroup], ps[kFusedGroup];
    for (std::size_t q = 0; q < Q; ++q) {
      pv[q] = load2(prev + 2 * q);
      mu[q] = load2(mean + 2 * q);
      s2[q] = load2(m2 + 2 * q);
      pk[q] = load2(peak + 2 * q);
      lo[q] = load2(low + 2 * q);
      md[q] = load2(mdd + 2 * q);
    }
    for (std::size_t k = 0; k < kFusedGroup; ++k) {
      cs[k] = cash[k];
      ps[k] = position[k];
    }
    const fused_v2d one = {1.0, 1.0};
    double cnt = count[0];
    std::size_t next = next_event(ev);
    for (std::size_t i = 0; i < len; ++i) {
      if (i == next) [[unlikely]] {
        for (std::size_t k = 0; k < kFusedGroup; ++k) {
          for (; ev[k]->bar == i; ++ev[k]) {
            cs[k] = ev[k]->cash;
            ps[k] = ev[k]->position;
          }
        }
        next = next_event(ev);
      }
      const fused_v2d price = {close[i], close[i]};
      const fused_v2d n1 = {cnt, cnt};
      cnt += 1.0;
      const fused_v2d n = {cnt, cnt};
      for (std::size_t q = 0; q < Q; ++q) {
        const fused_v2d e = load2(cs + 2 * q) + load2(ps + 2 * q) * price;
        // welford_step::apply (a NaN return makes the mean NaN for good: checked at the end)
        const fused_v2d x = e / pv[q] - one;
        const fused_v2d delta = x - mu[q];
        const fused_v2d delta_n = delta / n;
        const fused_v2d term1 = delta * delta_n * n1;
        mu[q] += delta_n;
        s2[q] += term1;
        pv[q] = e;
        // drawdown_state::add
        const fused_v2i new_peak = e > pk[q];
        if (any2(new_peak)) [[unlikely]] {
          const fused_v2i close_segment = new_peak & (lo[q] < pk[q]);
          for (int l = 0; l < 2; ++l) {
            if (close_segment[l] == 0) continue;
            const double dd = lo[q][l] / pk[q][l] - 1.0;
            md[q][l] = dd < md[q][l] ? dd : md[q][l];
          }
        }
        // maxpd(a, b) is a > b ? a : b and minpd(a, b) is a < b ? a : b: drawdown_state's
        // selections exactly.
        pk[q] = max2(e, pk[q]);
        lo[q] = select2(new_peak, e, min2(e, lo[q]));
      }
    }
    // A NaN mean: some return was NaN (or infinite equity met its opposite): the one-lane path,
    // which skips NaN returns as welford_step does, from the untouched state.
    fused_v2i nan_seen = {0, 0};
    for (std::size_t q = 0; q < Q; ++q) nan_seen |= mu[q] != mu[q];
    if (any2(nan_seen)) return false;
    for (std::size_t q = 0; q < Q; ++q) {
      store2(prev + 2 * q, pv[q]);
      store2(mean + 2 * q, mu[q]);
      store2(m2 + 2 * q, s2[q]);
      store2(peak + 2 * q, pk[q]);
      store2(low + 2 * q, lo[q]);
      store2(mdd + 2 * q, md[q]);
    }
    for (std::size_t k = 0; k < kFusedGroup; ++k) {
      cash[k] = cs[k];
      position[k] = ps[k];
      count[k] = cnt;
    }
    return true;
  }
#endif
};

/// Runs a list of configurations of an IndicatorTargetStrategy S over the bars in one pass, in
/// blocks of bars: each distinct indicator is computed once per block, then every configuration's
/// targets, fills and accounting advance over the block (the loop of run_target_loop, with the
/// same target rule, cost model and account), and the online curve statistics follow. Returns one
/// summary per configuration, bit-identical to run_fast + summarize (the trade excursions, which
/// a summary does not use, are not tracked). Memory: the readings of one block per distinct
/// indicator, and per configuration its state (closed trades are counted, not kept).
template <strategies::IndicatorTargetStrategy S, costs::CostModel C>
std::vector<run_summary> fused_run(bar_series_view bars, std::vector<S>&& strategies,
                                   const C& cost_model, const vectorized_options& opt,
                                   double periods_per_year) {
  using inputs = std::remove_cvref_t<decltype(std::declval<const S&>().close_indicators())>;
  constexpr std::size_t K = std::tuple_size_v<inputs>;
  using columns_t = typename columns_of<inputs>::type;
  constexpr std::size_t G = kFusedGroup;

  const std::size_t n = bars.size();
  const std::size_t m = strategies.size();
  const bar_columns cols(bars);
  const double* close = cols.close.data();
  const std::size_t block = std::min(kFusedBlock, std::max<std::size_t>(n, 1));

  columns_t columns;
  std::vector<fused_config<S, C, K>> cfg;
  cfg.reserve(m);
  for (auto& s : strategies) {
    cfg.emplace_back(std::move(s), cost_model, opt.initial_cash);
    auto& c = cfg.back();
    c.strategy.reset();
    inputs ind = c.strategy.close_indicators();
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      ((c.column[J] = std::get<canonical_slot<inputs, J>()>(columns).add(std::get<J>(ind))), ...);
    }(std::make_index_sequence<K>{});
  }
  std::apply([&](auto&... c) { (c.allocate(block), ...); }, columns);

  // Curve statistics: lane k of group g is configuration g * G + k.
  const std::size_t groups = (m + G - 1) / G;
  std::vector<group_curve> curves(groups, group_curve(opt.initial_cash));
  std::vector<fill_event> events(G * (block + 1));
  std::vector<double> targets(block);
  for (std::size_t k = 0; k < G; ++k) events[k * (block + 1)].bar = kNoEvent;
  std::array<const fill_event*, G> lane_events{};
  for (std::size_t k = 0; k < G; ++k) lane_events[k] = events.data() + k * (block + 1);

  // With close_at_end, the last bar's equity enters the statistics after the closing fill.
  const std::size_t tracked = opt.close_at_end && n > 0 ? n - 1 : n;
  for (std::size_t b0 = 0; b0 < n; b0 += block) {
    const std::size_t len = std::min(block, n - b0);
    std::apply([&](auto&... c) { (c.compute(close, b0, len), ...); }, columns);
    const std::size_t len_tracked = b0 + len <= tracked ? len : tracked - b0;

    for (std::size_t g = 0; g < groups; ++g) {
      const std::size_t lanes = std::min(G, m - g * G);
      for (std::size_t k = 0; k < lanes; ++k) {
        auto& c = cfg[g * G + k];
        std::array<const double*, K> val{};
        std::array<const unsigned char*, K> rdy{};
        bool all_ready = true;
        [&]<std::size_t... J>(std::index_sequence<J...>) {
          ((val[J] = std::get<canonical_slot<inputs, J>()>(columns).values(c.column[J]),
            rdy[J] = std::get<canonical_slot<inputs, J>()>(columns).ready(c.column[J]),
            all_ready = all_ready &&
                        std::get<canonical_slot<inputs, J>()>(columns).all_ready(c.column[J])),
           ...);
        }(std::make_index_sequence<K>{});
        fill_event* ev = events.data() + k * (block + 1);
        // Indicators ready at every bar of the block (all but the first blocks, usually): the
        // readiness is a constant for the strategy's target_from.
        if (all_ready) {
          advance_config<true>(c, val, rdy, cols, opt, b0, len, ev, targets.data());
        } else {
          advance_config<false>(c, val, rdy, cols, opt, b0, len, ev, targets.data());
        }
      }
      for (std::size_t k = lanes; k < G; ++k) events[k * (block + 1)].bar = kNoEvent;
      curves[g].add_block(close + b0, len_tracked, lane_events);
    }
  }

  std::vector<run_summary> out(m);
  for (std::size_t j = 0; j < m; ++j) {
    auto& c = cfg[j];
    group_curve& curve = curves[j / G];
    if (opt.close_at_end && n > 0) {
      if (c.acct.position() != 0.0) {
        close_at_last_bar(c.acct, c.cost_model, cols, opt);
        for (const auto& tr : c.acct.trades()) c.wins += tr.pnl > 0.0 ? 1u : 0u;
        c.trades += c.acct.trades().size();
        c.acct.trades().clear();
      }
      curve.add(j % G, c.acct.equity(close[n - 1]));
    }
    const curve_statistics st = curve.statistics(j % G, n);
    const double final_equity = n > 0 ? c.acct.equity(close[n - 1]) : opt.initial_cash;
    out[j] = summarize_totals(opt.initial_cash, final_equity, n, c.trades, c.wins,
                              c.acct.total_costs().total(), st, periods_per_year);
  }
  return out;
}

/// Bars of the pilot run that estimates each configuration's work (see balanced_chunks).
inline constexpr std::size_t kFusedPilotBars = 4096;
/// The work of one fill in the fused kernel, in bar steps (sizing, booking, the scan stopping):
/// measured on the 174-pair benchmark, about 40 times a bar step without a fill.
inline constexpr double kFusedFillWork = 40.0;

/// Cuts configurations `order[0..m)` into `chunks` contiguous chunks, returned as m + 1
/// boundaries. Equal counts, unless the series is long (at least 16 pilot lengths): then the
/// configurations first run alone over the first kFusedPilotBars bars, and each chunk gets about
/// the same estimated work (bars plus kFusedFillWork per fill, two fills per closed trade of
/// the pilot), since configurations that trade more cost more. The chunking changes no number.
template <class S, class C>
std::vector<std::size_t> balanced_chunks(bar_series_view bars, const std::vector<S>& strategies,
                                         const std::vector<std::size_t>& order, std::size_t chunks,
                                         const C& cost_model, const vectorized_options& opt,
                                         double periods_per_year) {
  const std::size_t m = order.size();
  std::vector<std::size_t> bounds(chunks + 1);
  for (std::size_t c = 0; c <= chunks; ++c) bounds[c] = m * c / chunks;
  if (chunks < 2 || m < 2 * chunks || bars.size() < 16 * kFusedPilotBars) return bounds;
  std::vector<double> work(m);
  try {
    std::vector<S> pilot;
    pilot.reserve(m);
    for (const std::size_t j : order) pilot.push_back(strategies[j]);
    const std::vector<run_summary> sums = fused_run(bars.first(kFusedPilotBars), std::move(pilot),
                                                    cost_model, opt, periods_per_year);
    for (std::size_t j = 0; j < m; ++j) {
      work[j] = static_cast<double>(kFusedPilotBars) +
                kFusedFillWork * 2.0 * static_cast<double>(sums[j].trades);
    }
  } catch (...) {
    return bounds;  // equal counts; the real run reports the error
  }
  std::vector<double> prefix(m + 1, 0.0);  // prefix[j]: the work of order[0..j)
  for (std::size_t j = 0; j < m; ++j) prefix[j + 1] = prefix[j] + work[j];
  for (std::size_t c = 1; c < chunks; ++c) {
    const double share = prefix[m] * static_cast<double>(c) / static_cast<double>(chunks);
    auto j = static_cast<std::size_t>(std::lower_bound(prefix.begin(), prefix.end(), share) -
                                      prefix.begin());
    j = std::min(j, m);
    if (j > 0 && share - prefix[j - 1] < prefix[j] - share) --j;  // the nearer cut
    // At least one configuration per chunk.
    bounds[c] = std::clamp(j, bounds[c - 1] + 1, m - (chunks - c));
  }
  return bounds;
}

/// fused_run over `strategies` on `par.threads` workers: the configurations are ordered so that
/// each worker's share needs as few distinct indicators as possible (sorted by their columns,
/// the input with the most distinct columns first) and cut into one contiguous chunk per worker
/// (balanced_chunks).
/// Every configuration's numbers are independent of the chunking, hence of the thread count.
/// Returns one summary per strategy, in the given order; nullopt where the chunk's kernel threw
/// or was cancelled (`report` says which).
template <strategies::IndicatorTargetStrategy S, costs::CostModel C>
std::vector<std::optional<run_summary>> fused_run_parallel(bar_series_view bars,
                                                           std::vector<S>&& strategies,
                                                           const C& cost_model,
                                                           const vectorized_options& opt,
                                                           double periods_per_year,
                                                           const parallel_options& par,
                                                           parallel_report* report = nullptr) {
  using inputs = std::remove_cvref_t<decltype(std::declval<const S&>().close_indicators())>;
  constexpr std::size_t K = std::tuple_size_v<inputs>;
  const std::size_t m = strategies.size();
  // Column ids over the whole grid (registration only: nothing is computed).
  typename columns_of<inputs>::type registry;
  std::vector<std::array<std::uint32_t, K>> ids(m);
  for (std::size_t i = 0; i < m; ++i) {
    inputs ind = strategies[i].close_indicators();
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      ((ids[i][J] = std::get<canonical_slot<inputs, J>()>(registry).add(std::get<J>(ind))), ...);
    }(std::make_index_sequence<K>{});
  }
  std::array<std::size_t, K> slot_order{};
  std::array<std::size_t, K> distinct{};
  for (std::size_t j = 0; j < K; ++j) {
    slot_order[j] = j;
    std::vector<std::uint32_t> v;
    for (const auto& id : ids) v.push_back(id[j]);
    std::sort(v.begin(), v.end());
    distinct[j] = static_cast<std::size_t>(std::unique(v.begin(), v.end()) - v.begin());
  }
  std::stable_sort(slot_order.begin(), slot_order.end(),
                   [&](std::size_t a, std::size_t b) { return distinct[a] > distinct[b]; });
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    for (const std::size_t j : slot_order) {
      if (ids[a][j] != ids[b][j]) return ids[a][j] < ids[b][j];
    }
    return false;
  });

  const std::size_t chunks = resolve_threads(par.threads, m);
  const std::vector<std::size_t> bounds =
      balanced_chunks(bars, strategies, order, chunks, cost_model, opt, periods_per_year);
  std::vector<std::optional<run_summary>> out(m);
  const parallel_report rep = parallel_for(
      chunks,
      [&](std::size_t ci) {
        const std::size_t lo = bounds[ci];
        const std::size_t hi = bounds[ci + 1];
        std::vector<S> mine;
        mine.reserve(hi - lo);
        for (std::size_t j = lo; j < hi; ++j) mine.push_back(strategies[order[j]]);
        std::vector<run_summary> sums =
            fused_run(bars, std::move(mine), cost_model, opt, periods_per_year);
        for (std::size_t j = lo; j < hi; ++j) out[order[j]] = sums[j - lo];
      },
      par);
  if (report != nullptr) *report = rep;
  return out;
}

}  // namespace quantkit::backtest::detail
