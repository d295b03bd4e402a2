// SPDX-License-Identifier: MIT
// tests/backtest/bt_support.hpp - small bar series and a scripted order strategy for engine tests
#pragma once

#include <quantkit/backtest/engine.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/strategies/concepts.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

namespace quantkit::test {

/// n one-minute bars of a seeded random walk from 50: open gaps of 0.2 %, moves of 1 %, wicks up
/// to 0.3 % beyond the body, volumes in [1e4, 1.1e5).
inline bar_series random_walk_bars(std::size_t n, std::uint64_t seed) {
  rng g(seed);
  bar_series out;
  double close = 50.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double open = close * std::exp(0.002 * normal(g));
    close = open * std::exp(0.01 * normal(g));
    out.push_back({minutes(static_cast<std::int64_t>(i)), open,
                   std::max(open, close) * (1 + 0.003 * uniform01(g)),
                   std::min(open, close) * (1 - 0.003 * uniform01(g)), close,
                   1e4 + 1e5 * uniform01(g)});
  }
  return out;
}

struct ohlc {
  double o, h, l, c;
};

/// Daily bars from (open, high, low, close) rows, volume 1000, times 2024-01-01 + i days.
inline bar_series make_bars(std::initializer_list<ohlc> rows, double volume = 1000.0) {
  bar_series s;
  std::int64_t i = 0;
  for (const auto& r : rows) {
    s.push_back({make_timestamp(2024, 1, 1) + days(i++), r.o, r.h, r.l, r.c, volume});
  }
  return s;
}

/// Submits the planned orders at the close of the planned bars (and cancels planned ids).
struct scripted {
  std::vector<std::pair<std::size_t, strategies::order>> plan{};
  std::vector<std::pair<std::size_t, std::uint64_t>> cancels{};
  void on_bar(const bar&, const strategies::context& ctx, strategies::order_sink& out) {
    for (const auto& [i, o] : plan) {
      if (i == ctx.index) out.submit(o);
    }
    for (const auto& [i, id] : cancels) {
      if (i == ctx.index) out.cancel(id);
    }
  }
  void reset() {}
};

/// Returns the planned target at each bar (NaN = hold).
struct scripted_target {
  std::vector<double> targets{};
  double on_bar(const bar&, const strategies::context& ctx) {
    return ctx.index < targets.size() ? targets[ctx.index]
                                      : std::numeric_limits<double>::quiet_NaN();
  }
  void reset() {}
};

/// The order-log events of one order id.
inline std::vector<backtest::order_event> events_of(const backtest::result& r, std::uint64_t id) {
  std::vector<backtest::order_event> out;
  for (const auto& e : r.orders) {
    if (e.order_id == id) out.push_back(e);
  }
  return out;
}

/// The fills (filled or partially filled events) of a result, in order.
inline std::vector<backtest::order_event> fills_of(const backtest::result& r) {
  std::vector<backtest::order_event> out;
  for (const auto& e : r.orders) {
    if (e.status == backtest::order_status::filled ||
        e.status == backtest::order_status::partially_filled) {
      out.push_back(e);
    }
  }
  return out;
}

}  // namespace quantkit::test
