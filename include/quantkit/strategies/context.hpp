// SPDX-License-Identifier: MIT
// quantkit/strategies/context.hpp - what a strategy may see when it decides (never the future)
#pragma once

#include "../core/bar_series.hpp"
#include "../core/time.hpp"
#include "order.hpp"

#include <cstddef>
#include <limits>
#include <span>

namespace quantkit::strategies {

/// The read-only state a single-instrument strategy sees at the close of bar `index`.
/// `history` holds bars [0, index] and nothing later: look-ahead is impossible by construction.
/// Positions are signed units (negative = short); `equity` = cash + position * close of this bar.
struct context {
  std::size_t index = 0;
  timestamp time = 0;
  double position = 0.0;
  double avg_price = std::numeric_limits<double>::quiet_NaN();  ///< of the open position
  double cash = 0.0;
  double equity = 0.0;
  std::span<const order> open_orders{};  ///< working orders (with their engine ids)
  bar_series_view history{};
};

/// The read-only state a portfolio strategy sees at the close of bar `index` of N aligned series.
/// `positions[k]`, `history[k]` refer to instrument k; `history[k]` holds bars [0, index].
struct portfolio_context {
  std::size_t index = 0;
  timestamp time = 0;
  std::span<const double> positions{};
  double cash = 0.0;
  double equity = 0.0;
  std::span<const bar_series_view> history{};
};

}  // namespace quantkit::strategies
