// SPDX-License-Identifier: MIT
// tests/strategies/strat_support.hpp - run a target strategy over closes and collect its signals
#pragma once

#include <quantkit/core/bar_series.hpp>
#include <quantkit/strategies/concepts.hpp>

#include <vector>

namespace quantkit::test {

/// Bars whose OHLC all equal the given closes (1 day apart).
inline bar_series bars_from_closes(const std::vector<double>& closes) {
  bar_series s;
  for (std::size_t i = 0; i < closes.size(); ++i) {
    s.push_back(
        {days(static_cast<std::int64_t>(i)), closes[i], closes[i], closes[i], closes[i], 1000.0});
  }
  return s;
}

/// Feeds every bar to a target strategy with a context carrying index and history; returns the
/// signals.
template <strategies::TargetStrategy S>
std::vector<double> signals(S s, bar_series_view bars, double equity = 10'000.0) {
  std::vector<double> out;
  strategies::context ctx;
  ctx.equity = equity;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    ctx.index = i;
    ctx.time = bars[i].time;
    ctx.history = bars.first(i + 1);
    out.push_back(static_cast<double>(s.on_bar(bars[i], ctx)));
  }
  return out;
}

}  // namespace quantkit::test
