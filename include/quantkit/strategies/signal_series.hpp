// SPDX-License-Identifier: MIT
// quantkit/strategies/signal_series.hpp - a strategy that replays a precomputed signal array
#pragma once

#include "concepts.hpp"
#include "signal.hpp"

#include <cstddef>
#include <span>

namespace quantkit::strategies {

/// Replays precomputed targets: at bar i it returns `signals[i]` (NaN = hold), e.g. the output of
/// a vectorized research step or a model scored offline. The span must outlive the strategy and
/// be at least as long as the bars run; beyond its end the strategy holds (NaN). Because the value
/// for bar i is read at bar i's close, a signal computed with information after bar i would leak
/// the future: that is the caller's responsibility here. O(1) per bar.
class signal_series {
 public:
  signal_series() = default;
  explicit signal_series(std::span<const double> signals) : signals_(signals) {}
  double on_bar(const bar&, const context& ctx) const noexcept {
    return ctx.index < signals_.size() ? signals_[ctx.index] : detail::nan;
  }
  void reset() noexcept {}

 private:
  std::span<const double> signals_{};
};

static_assert(TargetStrategy<signal_series>);

}  // namespace quantkit::strategies
