// SPDX-License-Identifier: MIT
// quantkit/backtest/fused_sweep.hpp - the fused sweep kernel: many target strategies over the same
// bars, sharing the indicator columns they declare, with online summaries
#pragma once

#include "../core/bar_series.hpp"
#include "../costs/concepts.hpp"
#include "../strategies/concepts.hpp"
#include "../strategies/indicator_target.hpp"
#include "account.hpp"
#include "options.hpp"
#include "summary.hpp"
#include "vectorized.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace quantkit::backtest::detail {

/// Whether two indicator parameter sets are known to be equal (then the two indicators, of the
/// same type, produce the same values): operator== when the type has one, the bytes when the type
/// has no padding, otherwise never (no sharing).
template <class P>
bool same_params(const P& a, const P& b) noexcept {
  if constexpr (std::equality_comparable<P>) {
    return a == b;
  } else if constexpr (std::has_unique_object_representations_v<P>) {
    return std::memcmp(&a, &b, sizeof(P)) == 0;
  } else {
    return false;
  }
}

/// The distinct indicators of one type over a grid, and their readings for the current block of
/// bars: each distinct indicator is updated once per bar, in bar order, by its own update() (the
/// very arithmetic a single run performs), its state carried from block to block.
template <class I>
class indicator_columns {
 public:
  /// The column of `ind` (an existing one if an equal indicator is already there).
  std::uint32_t add(const I& ind) {
    for (std::size_t j = 0; j < ind_.size(); ++j) {
      if (same_params<typename I::params_type>(ind_[j].params(), ind.params())) {
        return static_cast<std::uint32_t>(j);
      }
    }
    ind_.push_back(ind);
    ind_.back().reset();
    return static_cast<std::uint32_t>(ind_.size() - 1);
  }
  void allocate(std::size_t block) {
    block_ = block;
    value_.assign(ind_.size() * block, 0.0);
    ready_.assign(ind_.size() * block, 0);
  }
  /// Updates every indicator with closes [first, first + len).
  void compute(const double* close, std::size_t len) noexcept {
    for (std::size_t j = 0; j < ind_.size(); ++j) {
      I& ind = ind_[j];
      double* v = value_.data() + j * block_;
      unsigned char* r = ready_.data() + j * block_;
      for (std::size_t i = 0; i < len; ++i) {
        v[i] = static_cast<double>(ind.update(close[i]));
        r[i] = ind.ready() ? 1 : 0;
      }
    }
  }
  [[nodiscard]] std::size_t size() const noexcept { return ind_.size(); }
  [[nodiscard]] const double* values(std::uint32_t j) const noexcept {
    return value_.data() + j * block_;
  }
  [[nodiscard]] const unsigned char* ready(std::uint32_t j) const noexcept {
    return ready_.data() + j * block_;
  }

 private:
  std::vector<I> ind_;
  std::vector<double> value_;
  std::vector<unsigned char> ready_;
  std::size_t block_ = 0;
};

/// The slot of the first indicator in `Tuple` with the same type as slot J (columns of one type
/// are shared across slots).
template <class Tuple, std::size_t J, std::size_t I = 0>
constexpr std::size_t canonical_slot() noexcept {
  if constexpr (std::is_same_v<std::tuple_element_t<I, Tuple>, std::tuple_element_t<J, Tuple>>) {
    return I;
  } else {
    return canonical_slot<Tuple, J, I + 1>();
  }
}

template <class Tuple>
struct columns_of;
template <class... I>
struct columns_of<std::tuple<I...>> {
  using type = std::tuple<indicator_columns<I>...>;
};

/// Everything one configuration carries through the fused kernel: its strategy (for
/// target_from), cost model, account, target state and the drawdown part of its curve statistics.
/// The return statistics live in the group arrays of fused_chunk (vectorized across
/// configurations).
template <class S, class C, std::size_t K>
struct fused_config {
  S strategy;
  C cost_model;
  account acct;
  std::array<std::uint32_t, K> column{};
  double last_target = std::numeric_limits<double>::quiet_NaN();
  double pending = std::numeric_limits<double>::quiet_NaN();
  bool has_pending = false;
  std::size_t trades = 0;
  std::size_t wins = 0;
  drawdown_state drawdown;
  fused_config(S s, C c, double cash)
      : strategy(std::move(s)), cost_model(std::move(c)), acct(cash), drawdown(cash) {}
};

/// Configurations processed together in the return-statistics pass (the Welford divisions of
/// kGroup independent streams are pipelined / vectorized).
inline constexpr std::size_t kFusedGroup = 8;
/// Bars per block: the indicator readings of a block and one group's equity stay cache-resident.
inline constexpr std::size_t kFusedBlock = 2048;

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
  const double* open = cols.open.data();
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

  // Return statistics, group-major: lane k of group g is configuration g * G + k.
  const std::size_t groups = (m + G - 1) / G;
  std::vector<double> prev(groups * G, opt.initial_cash);
  std::vector<double> count(groups * G, 0.0);
  std::vector<double> mean(groups * G, 0.0);
  std::vector<double> m2(groups * G, 0.0);
  std::vector<double> eq(block * G, opt.initial_cash);

  // With close_at_end, the last bar's equity enters the statistics after the closing fill.
  const std::size_t tracked = opt.close_at_end && n > 0 ? n - 1 : n;
  const bool every_bar = opt.rebalance == rebalance_policy::every_bar;
  const bool same_close = opt.market_fills == fill_timing::same_close;

  for (std::size_t b0 = 0; b0 < n; b0 += block) {
    const std::size_t len = std::min(block, n - b0);
    std::apply([&](auto&... c) { (c.compute(close + b0, len), ...); }, columns);
    const std::size_t len_tracked = b0 + len <= tracked ? len : tracked - b0;

    for (std::size_t g = 0; g < groups; ++g) {
      const std::size_t lanes = std::min(G, m - g * G);
      for (std::size_t k = 0; k < lanes; ++k) {
        auto& c = cfg[g * G + k];
        std::array<const double*, K> val{};
        std::array<const unsigned char*, K> rdy{};
        [&]<std::size_t... J>(std::index_sequence<J...>) {
          ((val[J] = std::get<canonical_slot<inputs, J>()>(columns).values(c.column[J]),
            rdy[J] = std::get<canonical_slot<inputs, J>()>(columns).ready(c.column[J])),
           ...);
        }(std::make_index_sequence<K>{});
        // The state in locals for the block (stores into `eq` could alias members otherwise).
        double cash = c.acct.cash();
        double pos = c.acct.position();
        double last_target = c.last_target;
        double pending = c.pending;
        bool has_pending = c.has_pending;
        drawdown_state dd = c.drawdown;
        auto fill = [&](double target, double price, std::size_t t, bool at_open) {
          trade_to_target(c.acct, c.cost_model, cols, opt, target, price, t, at_open);
          auto& closed = c.acct.trades();
          for (const auto& tr : closed) c.wins += tr.pnl > 0.0 ? 1u : 0u;
          c.trades += closed.size();
          closed.clear();
          cash = c.acct.cash();
          pos = c.acct.position();
        };
        for (std::size_t i = 0; i < len; ++i) {
          const std::size_t t = b0 + i;
          if (has_pending) {
            fill(pending, open[t], t, true);
            has_pending = false;
          }
          const double target = [&]<std::size_t... J>(std::index_sequence<J...>) {
            return static_cast<double>(c.strategy.target_from(
                strategies::indicator_reading{val[J][i], rdy[J][i] != 0}...));
          }(std::make_index_sequence<K>{});
          if (!std::isnan(target) && std::isfinite(target) &&
              (every_bar || !same_bits(target, last_target))) {
            last_target = target;
            if (same_close) {
              fill(target, close[t], t, false);
            } else {
              pending = target;
              has_pending = true;
            }
          }
          const double e = cash + pos * close[t];
          eq[i * G + k] = e;
          if (i < len_tracked) dd.add(e);
        }
        c.last_target = last_target;
        c.pending = pending;
        c.has_pending = has_pending;
        c.drawdown = dd;
      }
      // Returns and Welford moments of the group's lanes, bar by bar (lanes are independent).
      double* pv = prev.data() + g * G;
      double* cn = count.data() + g * G;
      double* mu = mean.data() + g * G;
      double* s2 = m2.data() + g * G;
      for (std::size_t i = 0; i < len_tracked; ++i) {
        const double* e = eq.data() + i * G;
        for (std::size_t k = 0; k < G; ++k) {
          welford_step::apply(e[k] / pv[k] - 1.0, cn[k], mu[k], s2[k]);
          pv[k] = e[k];
        }
      }
    }
  }

  std::vector<run_summary> out(m);
  for (std::size_t j = 0; j < m; ++j) {
    auto& c = cfg[j];
    curve_statistics st;
    if (opt.close_at_end && n > 0) {
      if (c.acct.position() != 0.0) {
        close_at_last_bar(c.acct, c.cost_model, cols, opt);
        for (const auto& tr : c.acct.trades()) c.wins += tr.pnl > 0.0 ? 1u : 0u;
        c.trades += c.acct.trades().size();
        c.acct.trades().clear();
      }
      const double e = c.acct.equity(close[n - 1]);
      welford_step::apply(e / prev[j] - 1.0, count[j], mean[j], m2[j]);
      c.drawdown.add(e);
    }
    st.bars = n;
    st.count = count[j];
    st.mean = mean[j];
    st.m2 = m2[j];
    st.drawdown = c.drawdown;
    const double final_equity = n > 0 ? c.acct.equity(close[n - 1]) : opt.initial_cash;
    out[j] = summarize_totals(opt.initial_cash, final_equity, n, c.trades, c.wins,
                              c.acct.total_costs().total(), st, periods_per_year);
  }
  return out;
}

}  // namespace quantkit::backtest::detail
