// SPDX-License-Identifier: MIT
// quantkit/strategies/concepts.hpp - the Strategy concepts pipelines are written against
#pragma once

#include "../core/bar.hpp"
#include "context.hpp"
#include "order.hpp"

#include <concepts>
#include <span>

namespace quantkit::strategies {

/// How the value a target strategy returns is read.
enum class target_kind {
  exposure,  ///< signed fraction of equity to hold (1 = fully invested long, -0.5 = half short)
  units,     ///< signed number of units to hold
};

/// A strategy that returns, once per bar, the position it wants: `on_bar(bar, context)` returns a
/// target (exposure by default; declare `static constexpr target_kind target = target_kind::units;`
/// for units). NaN means "no opinion: keep the current position". The engine turns the difference
/// between target and position into a market order. Also the shape of a "head" in a consensus.
template <class S>
concept TargetStrategy = std::copyable<S> && requires(S& s, const bar& b, const context& ctx) {
  { s.on_bar(b, ctx) } -> std::convertible_to<double>;
  s.reset();
};

/// A strategy that issues orders: `on_bar(bar, context, sink)` submits or cancels orders through
/// the sink (limits, stops, brackets, time-in-force...).
template <class S>
concept OrderStrategy = std::copyable<S> &&
    requires(S& s, const bar& b, const context& ctx, order_sink& out) {
  s.on_bar(b, ctx, out);
  s.reset();
};

/// Anything the single-instrument engine can run.
template <class S>
concept Strategy = TargetStrategy<S> || OrderStrategy<S>;

/// A multi-asset strategy: `on_bars(bars, context, weights)` writes the target weight of each
/// instrument (signed fractions of equity) into `weights` (size N); NaN keeps an instrument as is.
template <class S>
concept PortfolioStrategy = std::copyable<S> &&
    requires(S& s, std::span<const bar> bars, const portfolio_context& ctx,
             std::span<double> weights) {
  s.on_bars(bars, ctx, weights);
  s.reset();
};

/// The target kind a strategy declares (exposure unless it says units).
template <class S>
constexpr target_kind target_kind_of() noexcept {
  if constexpr (requires { S::target; }) {
    return S::target;
  } else {
    return target_kind::exposure;
  }
}

}  // namespace quantkit::strategies
