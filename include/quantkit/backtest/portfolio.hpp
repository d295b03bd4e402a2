// SPDX-License-Identifier: MIT
// quantkit/backtest/portfolio.hpp - multi-asset backtests: aligned series, target-weight
// rebalancing
#pragma once

#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "../core/validate.hpp"
#include "../costs/concepts.hpp"
#include "../strategies/concepts.hpp"
#include "account.hpp"
#include "options.hpp"
#include "records.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace quantkit::backtest {

/// Options of the portfolio engine.
struct portfolio_options {
  double initial_cash = 100'000.0;
  fill_timing market_fills = fill_timing::next_open;
  rebalance_policy rebalance = rebalance_policy::on_change;
  bool fractional = true;
  double lot_size = 1.0;
  bool allow_short = true;
  /// Sum of |weights| allowed; larger target vectors are scaled down to it (and counted in
  /// `scaled_rebalances`). Infinity disables the limit.
  double max_gross_exposure = std::numeric_limits<double>::infinity();
  /// Trades smaller than this notional are skipped (drift rebalancing without dust trades).
  double min_trade_value = 0.0;
  std::size_t volatility_window = 20;
  bool close_at_end = false;
  bool record_equity = true;
};

/// Everything a portfolio run produces. Per-asset vectors are indexed like the input series.
struct portfolio_result {
  std::vector<double> equity;              ///< cash + sum of position x close, per bar
  std::vector<std::vector<trade>> trades;  ///< closed trades per asset
  std::vector<double> final_positions;
  std::vector<costs::cost_breakdown> costs;  ///< per asset
  double initial_cash = 0.0;
  double final_equity = 0.0;
  double final_cash = 0.0;
  double turnover = 0.0;  ///< total traded notional
  std::size_t bars = 0;
  std::size_t fills = 0;
  std::size_t rebalances = 0;
  std::size_t scaled_rebalances = 0;
};

namespace detail {

/// Throws data_error unless every series has the same length and the same timestamps as the
/// first, naming the asset and the first differing row; validates each series.
inline void check_aligned(std::span<const bar_series_view> assets, const char* fn) {
  if (assets.empty()) throw_invalid_argument(fn, "assets", "at least one series is required");
  for (std::size_t k = 0; k < assets.size(); ++k) {
    validate(assets[k], std::string(fn) + ": asset " + std::to_string(k));
    if (assets[k].size() != assets[0].size()) {
      const std::size_t row = std::min(assets[k].size(), assets[0].size());
      QUANTKIT_THROW(data_error(row, "time",
                                std::string(fn) + ": asset " + std::to_string(k) + " has " +
                                    std::to_string(assets[k].size()) + " bars, asset 0 has " +
                                    std::to_string(assets[0].size()) + ": series must be aligned"));
    }
    const auto a = assets[0].times();
    const auto b = assets[k].times();
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) {
        QUANTKIT_THROW(data_error(i, "time",
                                  std::string(fn) + ": asset " + std::to_string(k) + " row " +
                                      std::to_string(i) + " is at " + format_timestamp(b[i]) +
                                      ", asset 0 at " + format_timestamp(a[i]) +
                                      ": series must be aligned"));
      }
    }
  }
}

}  // namespace detail

/// Runs a portfolio strategy over N aligned series (same timestamps; checked, data_error names the
/// asset and row otherwise). At each close the strategy writes a target weight per asset (signed
/// fraction of equity, NaN = leave that asset alone); when the weights change (or every bar with
/// rebalance_policy::every_bar) the portfolio is rebalanced at the next open (or this close):
/// units_k = w_k x E / price_k with E the equity at the fill prices net of the rebalance's costs
/// (a short fixed-point iteration), sells and buys alike at the fill prices. Each asset keeps its
/// own trade log (round trips, as in the single-asset engine). O(N) per bar plus the trades.
template <strategies::PortfolioStrategy S, costs::CostModel C = costs::zero_cost>
portfolio_result run_portfolio(std::span<const bar_series_view> assets, S strategy,
                               C cost_model = {}, const portfolio_options& opt = {}) {
  constexpr const char* fn = "quantkit::backtest::run_portfolio";
  require(opt.initial_cash > 0.0 && std::isfinite(opt.initial_cash), fn, "initial_cash",
          opt.initial_cash, "must be finite and > 0");
  require(opt.lot_size > 0.0 && std::isfinite(opt.lot_size), fn, "lot_size", opt.lot_size,
          "must be finite and > 0");
  require(opt.max_gross_exposure > 0.0, fn, "max_gross_exposure", opt.max_gross_exposure,
          "must be > 0");
  require(opt.min_trade_value >= 0.0, fn, "min_trade_value", opt.min_trade_value, "must be >= 0");
  require(opt.volatility_window >= 2, fn, "volatility_window", opt.volatility_window,
          "must be >= 2");
  detail::check_aligned(assets, fn);

  const std::size_t m = assets.size();
  const std::size_t n = assets[0].size();
  portfolio_result res;
  res.initial_cash = opt.initial_cash;
  if (opt.record_equity) res.equity.reserve(n);
  std::vector<account> books(m, account(0.0));  // each asset's cash flows; the cash is shared
  std::vector<bar_series_view> history(assets.begin(), assets.end());
  std::vector<double> positions(m, 0.0);
  std::vector<double> weights(m, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> last_weights(m, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> pending(m, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> desired(m, 0.0);
  std::vector<bar> now(m);
  bool has_pending = false;
  strategies::portfolio_context ctx;

  auto cash = [&] {
    double c = opt.initial_cash;
    for (const auto& a : books) c += a.cash();
    return c;
  };
  auto equity_at = [&](auto&& price_of) {
    double e = cash();
    for (std::size_t k = 0; k < m; ++k) e += books[k].position() * price_of(k);
    return e;
  };
  auto vol_of = [&](std::size_t k, std::size_t t) {
    if constexpr (!costs::uses_volatility<C>()) {
      return std::numeric_limits<double>::quiet_NaN();
    } else {
      return t == 0
                 ? std::numeric_limits<double>::quiet_NaN()
                 : detail::volatility_estimate(assets[k].closes().first(t), opt.volatility_window);
    }
  };

  // Rebalances to `w` at the given fill prices (open or close of bar t).
  auto rebalance = [&](const std::vector<double>& w, std::size_t t, bool at_open) {
    auto price_of = [&](std::size_t k) { return at_open ? now[k].open : now[k].close; };
    double gross = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
      if (!std::isnan(w[k])) gross += std::fabs(w[k]);
    }
    const double scale = gross > opt.max_gross_exposure ? opt.max_gross_exposure / gross : 1.0;
    if (scale < 1.0) ++res.scaled_rebalances;
    const double equity = equity_at(price_of);
    double budget = equity;
    for (int it = 0; it < 8; ++it) {
      double total_cost = 0.0;
      for (std::size_t k = 0; k < m; ++k) {
        const double p = price_of(k);
        if (std::isnan(w[k])) {
          desired[k] = books[k].position();
          continue;
        }
        double wk = w[k] * scale;
        if (!opt.allow_short && wk < 0.0) wk = 0.0;
        double u = wk * budget / p;
        if (!opt.fractional) u = std::trunc(u / opt.lot_size) * opt.lot_size;
        desired[k] = u;
        const double q = u - books[k].position();
        if (q != 0.0) {
          total_cost +=
              cost_model
                  .breakdown(detail::make_fill(now[k], std::fabs(q), p, q > 0.0, vol_of(k, t)))
                  .total();
        }
      }
      const double next = equity - total_cost;
      const bool converged = std::fabs(next - budget) <= 1e-13 * std::max(1.0, std::fabs(equity));
      budget = next;
      if (converged) break;
    }
    bool traded = false;
    for (std::size_t k = 0; k < m; ++k) {
      const double p = price_of(k);
      const double q = desired[k] - books[k].position();
      if (q == 0.0 || std::fabs(q) * p < opt.min_trade_value ||
          std::fabs(q) <= 1e-12 * std::max(std::fabs(desired[k]), std::fabs(books[k].position()))) {
        continue;
      }
      const auto c =
          cost_model.breakdown(detail::make_fill(now[k], std::fabs(q), p, q > 0.0, vol_of(k, t)));
      books[k].apply(q, p, c, t, now[k].time, at_open, exit_reason::signal, 0);
      res.turnover += std::fabs(q) * p;
      traded = true;
    }
    if (traded) ++res.rebalances;
  };

  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t k = 0; k < m; ++k) now[k] = assets[k][t];
    if (has_pending) {
      rebalance(pending, t, true);
      has_pending = false;
    }
    for (std::size_t k = 0; k < m; ++k) {
      books[k].mark(now[k], t);
      positions[k] = books[k].position();
      history[k].unchecked_resize(t + 1);
    }
    const double eq = equity_at([&](std::size_t k) { return now[k].close; });
    ctx.index = t;
    ctx.time = now[0].time;
    ctx.positions = positions;
    ctx.cash = cash();
    ctx.equity = eq;
    ctx.history = history;
    for (auto& x : weights) x = std::numeric_limits<double>::quiet_NaN();
    strategy.on_bars(now, ctx, weights);
    bool changed = opt.rebalance == rebalance_policy::every_bar;
    bool any = false;
    for (std::size_t k = 0; k < m; ++k) {
      if (!std::isnan(weights[k])) any = true;
      if (!detail::same_bits(weights[k], last_weights[k])) changed = true;
    }
    if (any && changed) {
      last_weights = weights;
      if (opt.market_fills == fill_timing::same_close) {
        rebalance(weights, t, false);
      } else {
        pending = weights;
        has_pending = true;
      }
    }
    if (opt.record_equity)
      res.equity.push_back(equity_at([&](std::size_t k) { return now[k].close; }));
  }
  if (opt.close_at_end && n > 0) {
    for (std::size_t k = 0; k < m; ++k) {
      const double q = -books[k].position();
      if (q == 0.0) continue;
      const auto c = cost_model.breakdown(
          detail::make_fill(now[k], std::fabs(q), now[k].close, q > 0.0, vol_of(k, n - 1)));
      books[k].apply(q, now[k].close, c, n - 1, now[k].time, false, exit_reason::end_of_data, 0);
    }
    if (opt.record_equity)
      res.equity.back() = equity_at([&](std::size_t k) { return now[k].close; });
  }
  res.final_cash = cash();
  res.final_equity =
      n > 0 ? equity_at([&](std::size_t k) { return now[k].close; }) : opt.initial_cash;
  res.bars = n;
  for (auto& a : books) {
    res.trades.push_back(a.trades());
    res.final_positions.push_back(a.position());
    res.costs.push_back(a.total_costs());
    res.fills += a.fills();
  }
  return res;
}

}  // namespace quantkit::backtest
