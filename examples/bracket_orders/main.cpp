// SPDX-License-Identifier: MIT
// examples/bracket_orders - an order strategy: breakout entries protected by brackets
// (take-profit and stop-loss, one-cancels-other) and a time exit.
//
// A starting template for strategies that manage their own orders: see how the order log and the
// trade log tell what happened to every order and why each trade ended.
#include <quantkit/backtest.hpp>
#include <quantkit/core.hpp>
#include <quantkit/costs.hpp>
#include <quantkit/indicators/sma.hpp>
#include <quantkit/strategies.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace qs = quantkit::strategies;

// 1,500 daily bars of a geometric random walk (seed 7).
qk::bar_series make_bars() {
  qk::rng g(7);
  qk::bar_series s;
  double close = 50.0;
  for (int i = 0; i < 1500; ++i) {
    const double open = close * std::exp(0.004 * qk::normal(g));
    close = open * std::exp(0.0003 + 0.015 * qk::normal(g));
    s.push_back({qk::make_timestamp(2018, 1, 1) + qk::days(i), open,
                 std::max(open, close) * (1.0 + 0.006 * qk::uniform01(g)),
                 std::min(open, close) * (1.0 - 0.006 * qk::uniform01(g)), close, 5e5});
  }
  return s;
}

// When flat, buy a breakout above the 20-bar high with a stop order; the entry carries a bracket
// (take-profit +6%, stop-loss -3% from the breakout level) and a 15-bar time exit. Unfilled
// entries expire after 5 bars.
struct breakout_with_bracket {
  qk::indicators::sma trend{50};
  double highest = 0.0;
  int bars_seen = 0;

  void on_bar(const qk::bar& b, const qs::context& ctx, qs::order_sink& out) {
    trend.update(b.close);
    const double level = highest;  // the high of the previous 20 bars (kept below)
    highest = 0.0;
    const auto h = ctx.history.highs();
    for (std::size_t i = h.size() > 20 ? h.size() - 20 : 0; i < h.size(); ++i) {
      highest = std::max(highest, h[i]);
    }
    if (++bars_seen < 50 || ctx.position != 0.0 || !ctx.open_orders.empty()) return;
    if (b.close < trend.value()) return;  // trade with the trend only
    out.submit({.type = qs::order_type::stop,
                .direction = qs::side::buy,
                .quantity = std::floor(0.5 * ctx.equity / level),
                .stop_price = level,
                .tif = qs::time_in_force::bars,
                .tif_bars = 5,
                .take_profit = level * 1.06,
                .stop_loss = level * 0.97,
                .exit_after_bars = 15});
  }
  void reset() { *this = breakout_with_bracket{}; }
};

const char* reason(bt::exit_reason r) {
  switch (r) {
    case bt::exit_reason::take_profit:
      return "take-profit";
    case bt::exit_reason::stop_loss:
      return "stop-loss";
    case bt::exit_reason::time_exit:
      return "time exit";
    case bt::exit_reason::end_of_data:
      return "end of data";
    default:
      return "other";
  }
}

int main() {
  const qk::bar_series bars = make_bars();
  bt::options opt;
  opt.initial_cash = 50'000.0;
  opt.close_at_end = true;
  // When a bar reaches both the target and the stop, assume the worst: the stop (the default).
  opt.path = bt::intrabar_path::stop_first;
  const bt::result r =
      bt::run(bars, breakout_with_bracket{}, quantkit::costs::per_share(0.005, 1.0), opt);

  std::map<std::string, int> exits;
  double pnl = 0.0;
  for (const bt::trade& t : r.trades) {
    ++exits[reason(t.reason)];
    pnl += t.pnl;
  }
  std::size_t expired = 0;
  std::size_t cancelled = 0;
  for (const bt::order_event& e : r.orders) {
    expired += e.status == bt::order_status::expired ? 1u : 0u;
    cancelled += e.status == bt::order_status::cancelled ? 1u : 0u;
  }
  std::printf("trades %zu, net pnl %.2f, final equity %.2f\n", r.trades.size(), pnl,
              r.final_equity);
  for (const auto& [why, n] : exits) std::printf("  %-12s %d\n", why.c_str(), n);
  std::printf(
      "orders: %zu events, %zu entries expired unfilled, %zu bracket legs cancelled (OCO)\n",
      r.orders.size(), expired, cancelled);
  std::printf("\nfirst trades:\n");
  for (std::size_t i = 0; i < std::min<std::size_t>(4, r.trades.size()); ++i) {
    const bt::trade& t = r.trades[i];
    std::printf("  %s  %4.0f units  in %7.2f  out %7.2f  %2zu bars  %-11s pnl %8.2f\n",
                qk::format_date(t.entry_time).c_str(), t.quantity, t.entry_price, t.exit_price,
                t.bars_held, reason(t.reason), t.pnl);
  }
  return 0;
}
