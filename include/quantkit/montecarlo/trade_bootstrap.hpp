// SPDX-License-Identifier: MIT
// quantkit/montecarlo/trade_bootstrap.hpp - trade-sequence bootstrap: equity, drawdown and ruin
// distributions from resampled trade sequences
#pragma once

#include "../backtest/records.hpp"
#include "../core/error.hpp"
#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "../samplers/resample.hpp"
#include "../stats/trades.hpp"
#include "summary.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace quantkit::montecarlo {

/// How a simulated trade sequence is drawn from the observed trades.
enum class trade_resampling {
  iid,          ///< each trade drawn uniformly with replacement (Efron's bootstrap)
  block,        ///< circular blocks of `block_length` consecutive trades, start uniform (Politis
                ///< & Romano 1992): keeps streaks and short-range dependence
  permutation,  ///< the observed trades in a random order (without replacement; M <= trades)
};

/// How a trade's value moves equity.
enum class equity_model {
  compound,  ///< values are returns on equity: E <- E (1 + r)
  additive,  ///< values are P&L in the unit of initial_equity: E <- E + x (fixed stake)
};

/// Options of bootstrap_trades.
struct trade_bootstrap_options {
  std::size_t trades_per_path = 0;  ///< M; 0 = the number of observed trades
  trade_resampling method = trade_resampling::iid;
  std::size_t block_length = 5;  ///< for trade_resampling::block
  /// Any resampler of the samplers layer (moving / circular block, stationary with geometric
  /// block lengths, iid, permutation) instead of `method`: path i is
  /// `resampler.resample_into(trades, path, rng(seed, i))` (its documented stream layout), then
  /// walked. Slower than the built-in methods (one buffer pass more, 64-bit index draws).
  std::optional<samplers::resampler> resampler{};
  equity_model model = equity_model::compound;
  double initial_equity = 1.0;
  /// Ruin: a path is ruined at the first trade after which equity <= ruin_level x
  /// initial_equity; it then stops trading (equity stays where it fell). Default 0.5: losing half.
  double ruin_level = 0.5;
  /// Optional absorbing target: a path stops trading once equity >= target_level x
  /// initial_equity (infinity, the default, disables it). With ruin_level this is the classic
  /// gambler's-ruin setting.
  double target_level = std::numeric_limits<double>::infinity();
  std::vector<double> percentiles = default_percentiles();
  std::size_t histogram_bins = 20;  ///< bins of the drawdown histogram
  bool keep_paths = true;           ///< keep the per-path vectors in the result
  parallel_options execution{};     ///< threads, progress (in paths), cancellation
};

/// Per-path outcomes (structure of arrays, path order) and their summaries.
struct trade_bootstrap_result {
  std::size_t paths = 0;
  std::size_t trades_per_path = 0;
  // Per path (empty unless keep_paths):
  std::vector<double> final_equity{};
  std::vector<double> max_drawdown{};                ///< <= 0, fraction of the running peak
  std::vector<std::uint32_t> longest_under_water{};  ///< trades in the longest spell below a peak
  std::vector<std::uint32_t> ruin_trade{};  ///< 1-based trade that ruined the path, 0 = never
  // Summaries over the paths:
  distribution_summary final_equity_summary{};
  distribution_summary total_return_summary{};  ///< final_equity / initial_equity - 1
  distribution_summary max_drawdown_summary{};
  distribution_summary under_water_summary{};
  histogram drawdown_histogram{};
  double risk_of_ruin = std::numeric_limits<double>::quiet_NaN();  ///< share of ruined paths
  double probability_of_profit =
      std::numeric_limits<double>::quiet_NaN();  ///< share with final equity > initial
  double probability_of_target =
      std::numeric_limits<double>::quiet_NaN();  ///< share that reached target_level
  /// Monte Carlo standard error of the mean final equity: stddev / sqrt(paths).
  double mean_final_equity_se = std::numeric_limits<double>::quiet_NaN();
  parallel_report report{};  ///< cancellation and errors (paths not run are left out)
};

namespace detail {

struct path_stats {
  double final_equity;
  double max_drawdown;
  std::uint32_t under_water;
  std::uint32_t ruin_trade;
  bool hit_target;
};

/// Walks one path. `next(k)` returns the k-th trade's value (a growth factor 1 + r when
/// compounding); everything stays in registers. The hot loop has no division: the deepest
/// drawdown is tracked as the smallest ratio equity / peak, tested by a multiplication
/// (e < ratio x peak, peak > 0) and divided only when a new deepest point is found.
template <class Next>
path_stats walk_path(std::size_t m, double e0, double ruin, double target, bool compound,
                     Next&& next) {
  double e = e0;
  double peak = e0;
  double ratio = 1.0;  // min over steps of equity / running peak
  std::uint32_t run = 0;
  std::uint32_t longest = 0;
  std::uint32_t ruined_at = 0;
  bool hit = false;
  for (std::size_t k = 0; k < m; ++k) {
    const double x = next(k);
    e = compound ? e * x : e + x;
    // Branch-free bookkeeping (being under water is a coin flip the predictor cannot learn).
    const auto under = static_cast<std::uint32_t>(e < peak);
    peak = std::max(peak, e);
    run = (run + 1) & (0u - under);
    longest = std::max(longest, run);
    if (e < ratio * peak) ratio = e / peak;
    if (e <= ruin || e >= target) {
      ruined_at = e <= ruin ? static_cast<std::uint32_t>(k + 1) : 0;
      hit = e > ruin;
      break;
    }
  }
  return {e, ratio - 1.0, longest, ruined_at, hit};
}

/// walk_path for `Lanes` independent paths at once, in two phases per block of 256 trades: each
/// lane's next values are drawn into a buffer (random-number work with short dependency chains),
/// then the lanes walk their buffers in lockstep, so the latency-bound equity chains of
/// independent paths overlap. Each lane performs exactly walk_path's arithmetic on its own
/// draws, so its outcome is bit-identical to walk_path's (a path's outcome does not depend on
/// whether it ran in a group). A stopped lane may draw a few values past its stop (from its own
/// stream); its outcome is frozen at the stop.
/// `fill(lane, dst, count)` writes the lane's next `count` values.
template <std::size_t Lanes, class Fill>
void walk_group(std::size_t m, double e0, double ruin, double target, bool compound, Fill&& fill,
                path_stats* out) {
  constexpr std::size_t block = 256;
  double buf[Lanes][block];
  double e[Lanes];
  double peak[Lanes];
  double ratio[Lanes];
  std::uint32_t run[Lanes];
  std::uint32_t longest[Lanes];
  bool active[Lanes];
  for (std::size_t l = 0; l < Lanes; ++l) {
    e[l] = e0;
    peak[l] = e0;
    ratio[l] = 1.0;
    run[l] = 0;
    longest[l] = 0;
    active[l] = true;
  }
  std::size_t alive = Lanes;
  auto step = [&](std::size_t l, double x, std::size_t k) {
    e[l] = compound ? e[l] * x : e[l] + x;
    const auto under = static_cast<std::uint32_t>(e[l] < peak[l]);
    peak[l] = std::max(peak[l], e[l]);
    run[l] = (run[l] + 1) & (0u - under);
    longest[l] = std::max(longest[l], run[l]);
    if (e[l] < ratio[l] * peak[l]) ratio[l] = e[l] / peak[l];
    if ((e[l] <= ruin || e[l] >= target) && active[l]) {
      out[l] = {e[l], ratio[l] - 1.0, longest[l],
                e[l] <= ruin ? static_cast<std::uint32_t>(k + 1) : 0u, e[l] > ruin};
      active[l] = false;
      --alive;
    }
  };
  for (std::size_t k0 = 0; k0 < m && alive > 0; k0 += block) {
    const std::size_t count = std::min(block, m - k0);
    for (std::size_t l = 0; l < Lanes; ++l) {
      if (active[l]) {
        fill(l, buf[l], count);
      } else {
        std::fill_n(buf[l], count, compound ? 1.0 : 0.0);  // a stopped lane stands still
      }
    }
    for (std::size_t j = 0; j < count; ++j) {
      [&]<std::size_t... L>(std::index_sequence<L...>) {
        // A stopped lane finishes its block on its own draws, then on neutral values; its
        // outcome is already recorded.
        (step(L, buf[L][j], k0 + j), ...);
      }(std::make_index_sequence<Lanes>{});
    }
  }
  for (std::size_t l = 0; l < Lanes; ++l) {
    if (active[l]) out[l] = {e[l], ratio[l] - 1.0, longest[l], 0u, false};
  }
}

/// One unbiased index in [0, n), n < 2^32, from 32 random bits: Lemire's multiply-shift with
/// rejection (one 64-bit product; the rejection branch is taken with probability < n / 2^32).
/// `bits` yields 32-bit words (two per engine output).
template <class Bits>
inline std::uint32_t index32(Bits& bits, std::uint32_t n) {
  std::uint64_t m = static_cast<std::uint64_t>(bits()) * n;
  auto l = static_cast<std::uint32_t>(m);
  if (l < n) {
    const std::uint32_t t = static_cast<std::uint32_t>(-n) % n;
    while (l < t) {
      m = static_cast<std::uint64_t>(bits()) * n;
      l = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

/// 32-bit words from a quantkit::rng (owned): the low half of each output, then the high half.
struct word_stream {
  rng g;
  std::uint64_t buf = 0;
  bool have = false;
  std::uint32_t operator()() noexcept {
    if (have) {
      have = false;
      return static_cast<std::uint32_t>(buf >> 32);
    }
    buf = g();
    have = true;
    return static_cast<std::uint32_t>(buf);
  }
};

inline constexpr std::size_t paths_per_chunk = 64;

}  // namespace detail

/// Trade-sequence bootstrap: `n` simulated sequences of M trades drawn from the observed trade
/// values (returns with equity_model::compound, P&L with additive) by iid resampling, circular
/// block resampling or permutation (or any samplers::resampler, options.resampler); per path the final equity, the maximum drawdown (fraction of
/// the running peak, <= 0), the longest time under water (in trades) and ruin; summaries of each,
/// the drawdown histogram, risk of ruin and probability of profit.
/// Answers "how bad could this trade list have turned out by luck of the order and draw?".
/// Path i draws from quantkit::rng(seed, i): each index (per trade; per block for blocks) is
/// Lemire's unbiased multiply-shift on 32 random bits, two per engine output, so the result is
/// bit-identical for any thread count. NaN trade values throw (they would poison every
/// path). Throws invalid_argument for empty trades, n == 0, block_length 0, M larger than the
/// trades for permutation, a block length the resampler rejects, initial_equity <= 0, ruin_level >= 1 or target_level <= 1, a trade
/// return <= -1 (compound), more than 2^32 - 1 trades per path. O(n M).
inline trade_bootstrap_result bootstrap_trades(stats::double_view trade_values, std::size_t n,
                                               std::uint64_t seed,
                                               const trade_bootstrap_options& o = {}) {
  constexpr const char* fn = "quantkit::montecarlo::bootstrap_trades";
  const std::size_t count = trade_values.size();
  require(count >= 1, fn, "trade_values", count, "must hold at least one trade (size)");
  require(count <= std::numeric_limits<std::uint32_t>::max(), fn, "trade_values", count,
          "must hold fewer than 2^32 trades (size)");
  require(n >= 1, fn, "n", n, "must be >= 1");
  const std::size_t m = o.trades_per_path == 0 ? count : o.trades_per_path;
  require(m <= std::numeric_limits<std::uint32_t>::max(), fn, "trades_per_path", m,
          "must be < 2^32");
  require(o.method != trade_resampling::block || o.block_length >= 1, fn, "block_length",
          o.block_length, "must be >= 1");
  require(o.method != trade_resampling::permutation || m <= count, fn, "trades_per_path", m,
          "must be <= the number of trades for permutation");
  require(o.initial_equity > 0.0 && std::isfinite(o.initial_equity), fn, "initial_equity",
          o.initial_equity, "must be finite and > 0");
  require(o.ruin_level < 1.0 && !std::isnan(o.ruin_level), fn, "ruin_level", o.ruin_level,
          "must be < 1");
  require(o.target_level > 1.0, fn, "target_level", o.target_level, "must be > 1");
  require(o.histogram_bins >= 1, fn, "histogram_bins", o.histogram_bins, "must be >= 1");
  detail::check_percentiles(o.percentiles, fn);
  if (o.resampler) o.resampler->validate(count, m, fn);
  const bool compound = o.model == equity_model::compound;
  // Compound paths multiply by growth factors 1 + r (one multiplication per trade).
  std::vector<double> values(count);
  for (std::size_t i = 0; i < count; ++i) {
    const double v = trade_values[i];
    if (!std::isfinite(v)) {
      throw_invalid_argument(fn, "trade_values",
                             "must be finite (trade " + std::to_string(i) + ")", v);
    }
    if (compound && !(v > -1.0)) {
      throw_invalid_argument(fn, "trade_values",
                             "must be > -1 for compounded returns (trade " + std::to_string(i) + ")",
                             v);
    }
    values[i] = compound ? 1.0 + v : v;
  }
  const double e0 = o.initial_equity;
  const double ruin = o.ruin_level * e0;
  const double target = o.target_level * e0;

  trade_bootstrap_result res;
  res.paths = n;
  res.trades_per_path = m;
  std::vector<double> fe(n);
  std::vector<double> mdd(n);
  std::vector<std::uint32_t> uw(n);
  std::vector<std::uint32_t> ruin_at(n);
  std::vector<std::uint8_t> target_hit(n);
  std::vector<std::uint8_t> done(n, 0);
  const double* v = values.data();
  const std::size_t chunks = (n + detail::paths_per_chunk - 1) / detail::paths_per_chunk;

  auto body = [&](std::size_t c) {
    std::vector<double> perm;
    if (o.method == trade_resampling::permutation) perm.resize(count);
    std::vector<double> path_values;
    if (o.resampler) path_values.resize(m);
    const std::size_t end = std::min(n, (c + 1) * detail::paths_per_chunk);
    const auto cnt = static_cast<std::uint32_t>(count);
    auto store = [&](std::size_t p, const detail::path_stats& s) {
      fe[p] = s.final_equity;
      mdd[p] = s.max_drawdown;
      uw[p] = s.under_water;
      ruin_at[p] = s.ruin_trade;
      target_hit[p] = s.hit_target ? 1 : 0;
      done[p] = 1;
    };
    std::size_t p = c * detail::paths_per_chunk;
    // iid and block paths run four at a time (same results as one at a time, see walk_group).
    constexpr std::size_t lanes = 4;
    if (o.method != trade_resampling::permutation && !o.resampler) {
      for (; p + lanes <= end; p += lanes) {
        if (o.execution.cancel && o.execution.cancel->cancelled()) return;
        detail::word_stream bits[lanes] = {{rng(seed, p)}, {rng(seed, p + 1)},
                                           {rng(seed, p + 2)}, {rng(seed, p + 3)}};
        detail::path_stats s[lanes];
        if (o.method == trade_resampling::iid) {
          detail::walk_group<lanes>(
              m, e0, ruin, target, compound,
              [&](std::size_t l, double* dst, std::size_t k) {
                detail::word_stream w = bits[l];
                for (std::size_t j = 0; j < k; ++j) dst[j] = v[detail::index32(w, cnt)];
                bits[l] = w;
              },
              s);
        } else {
          std::size_t at[lanes] = {0, 0, 0, 0};
          std::size_t left[lanes] = {0, 0, 0, 0};
          detail::walk_group<lanes>(
              m, e0, ruin, target, compound,
              [&](std::size_t l, double* dst, std::size_t k) {
                detail::word_stream w = bits[l];
                for (std::size_t j = 0; j < k; ++j) {
                  if (left[l] == 0) {
                    at[l] = detail::index32(w, cnt);
                    left[l] = o.block_length;
                  } else {
                    at[l] = at[l] + 1 == count ? 0 : at[l] + 1;
                  }
                  --left[l];
                  dst[j] = v[at[l]];
                }
                bits[l] = w;
              },
              s);
        }
        for (std::size_t l = 0; l < lanes; ++l) store(p + l, s[l]);
      }
    }
    for (; p < end; ++p) {
      if (o.execution.cancel && o.execution.cancel->cancelled()) return;
      detail::path_stats s{};
      if (o.resampler) {
        rng g(seed, p);
        o.resampler->resample_into(std::span<const double>(values), std::span<double>(path_values),
                                   g);
        s = detail::walk_path(m, e0, ruin, target, compound,
                              [&](std::size_t k) { return path_values[k]; });
        store(p, s);
        continue;
      }
      detail::word_stream bits{rng(seed, p)};
      switch (o.method) {
        case trade_resampling::iid:
          s = detail::walk_path(m, e0, ruin, target, compound, [&](std::size_t) {
            return v[detail::index32(bits, cnt)];
          });
          break;
        case trade_resampling::block: {
          std::size_t at = 0;
          std::size_t left = 0;
          s = detail::walk_path(m, e0, ruin, target, compound, [&](std::size_t) {
            if (left == 0) {
              at = detail::index32(bits, cnt);
              left = o.block_length;
            } else {
              at = at + 1 == count ? 0 : at + 1;
            }
            --left;
            return v[at];
          });
          break;
        }
        case trade_resampling::permutation: {
          // Partial Fisher-Yates: position k takes a uniform pick from the not-yet-used trades.
          std::copy(values.begin(), values.end(), perm.begin());
          s = detail::walk_path(m, e0, ruin, target, compound, [&](std::size_t k) {
            const auto j = k + detail::index32(bits, static_cast<std::uint32_t>(count - k));
            std::swap(perm[k], perm[j]);
            return perm[k];
          });
          break;
        }
      }
      store(p, s);
    }
  };
  // Progress and cancellation are per chunk of paths; the report is translated back to paths.
  parallel_options po = o.execution;
  if (o.execution.progress) {
    po.progress = [&](std::size_t d, std::size_t) {
      o.execution.progress(std::min(n, d * detail::paths_per_chunk), n);
    };
  }
  const parallel_report chunk_report = parallel_for(chunks, body, po);
  chunk_report.rethrow_first_error();  // only allocation failures can throw here

  // Keep the paths that ran (all of them unless cancelled), in path order.
  std::size_t kept = 0;
  for (std::size_t p = 0; p < n; ++p) {
    if (!done[p]) continue;
    fe[kept] = fe[p];
    mdd[kept] = mdd[p];
    uw[kept] = uw[p];
    ruin_at[kept] = ruin_at[p];
    target_hit[kept] = target_hit[p];
    ++kept;
  }
  fe.resize(kept);
  mdd.resize(kept);
  uw.resize(kept);
  ruin_at.resize(kept);
  target_hit.resize(kept);
  res.report.total = n;
  res.report.completed = kept;
  res.report.cancelled = kept < n;

  std::size_t ruined = 0;
  std::size_t profit = 0;
  std::size_t hits = 0;
  std::vector<double> ret(kept);
  std::vector<double> uwd(kept);
  for (std::size_t p = 0; p < kept; ++p) {
    ruined += ruin_at[p] != 0 ? 1u : 0u;
    profit += fe[p] > e0 ? 1u : 0u;
    hits += target_hit[p];
    ret[p] = fe[p] / e0 - 1.0;
    uwd[p] = static_cast<double>(uw[p]);
  }
  if (kept > 0) {
    const double k = static_cast<double>(kept);
    res.risk_of_ruin = static_cast<double>(ruined) / k;
    res.probability_of_profit = static_cast<double>(profit) / k;
    res.probability_of_target = static_cast<double>(hits) / k;
  }
  res.final_equity_summary = summarize_distribution(fe, o.percentiles);
  res.total_return_summary = summarize_distribution(ret, o.percentiles);
  res.max_drawdown_summary = summarize_distribution(mdd, o.percentiles);
  res.under_water_summary = summarize_distribution(uwd, o.percentiles);
  res.drawdown_histogram = make_histogram(mdd, o.histogram_bins);
  res.mean_final_equity_se =
      res.final_equity_summary.stddev / std::sqrt(static_cast<double>(kept));
  if (o.keep_paths) {
    res.final_equity = std::move(fe);
    res.max_drawdown = std::move(mdd);
    res.longest_under_water = std::move(uw);
    res.ruin_trade = std::move(ruin_at);
  }
  return res;
}

/// bootstrap_trades over one double member of a trade log (no copy), e.g. a backtest's trades:
/// `bootstrap_trades(result.trades, &backtest::trade::return_, n, seed)` (returns, compounded) or
/// `&backtest::trade::pnl` with equity_model::additive and initial_equity = the starting cash.
template <class Record>
trade_bootstrap_result bootstrap_trades(const std::vector<Record>& trades, double Record::*member,
                                        std::size_t n, std::uint64_t seed,
                                        const trade_bootstrap_options& o = {}) {
  return bootstrap_trades(stats::double_view(trades, member), n, seed, o);
}

/// bootstrap_trades over a backtest's closed trades, by their returns (trade::return_ = pnl /
/// (entry price x quantity), compounded: right for a strategy that commits its whole equity per
/// trade; for fixed-size trades use `&backtest::trade::pnl` with equity_model::additive).
/// Throws invalid_argument for a result without closed trades, and as bootstrap_trades.
inline trade_bootstrap_result bootstrap_trades(const backtest::result& r, std::size_t n,
                                               std::uint64_t seed,
                                               const trade_bootstrap_options& o = {}) {
  return bootstrap_trades(stats::double_view(r.trades, &backtest::trade::return_), n, seed, o);
}

}  // namespace quantkit::montecarlo
