// SPDX-License-Identifier: MIT
// quantkit/costs/concepts.hpp - the CostModel concept, the fill it prices, and the breakdown
#pragma once

#include <concepts>
#include <limits>

namespace quantkit::costs {

/// Everything a cost model may use to price one fill. The engine fills it; `volatility` is the
/// engine's per-bar estimate of the return standard deviation (NaN when unknown) and `spread` a
/// quoted spread in price units when the data has one (NaN otherwise).
struct fill {
  int side = 1;           ///< +1 buy, -1 sell
  double quantity = 0.0;  ///< units, > 0
  double price = 0.0;     ///< fill price (the reference price; costs are charged in currency)
  double bar_open = std::numeric_limits<double>::quiet_NaN();
  double bar_high = std::numeric_limits<double>::quiet_NaN();
  double bar_low = std::numeric_limits<double>::quiet_NaN();
  double bar_close = std::numeric_limits<double>::quiet_NaN();
  double bar_volume = std::numeric_limits<double>::quiet_NaN();
  double volatility = std::numeric_limits<double>::quiet_NaN();
  double spread = std::numeric_limits<double>::quiet_NaN();
  [[nodiscard]] constexpr double notional() const noexcept { return quantity * price; }
};

/// The cost of one fill in account currency, by component. Every component is >= 0.
struct cost_breakdown {
  double commission = 0.0;  ///< fixed, per-share and percentage fees
  double spread = 0.0;      ///< half-spread paid crossing the book
  double slippage = 0.0;    ///< execution slippage
  double impact = 0.0;      ///< market impact (square-root, Almgren-Chriss)
  /// commission + spread + slippage + impact, added in that order; a component equal to zero is
  /// skipped (x + 0 == x), so that for a model whose other components are always zero the sum
  /// is its one component, with no addition on the chain of dependent operations that sizes a
  /// fill. The same value as adding every component, except that a total of zeros keeps the
  /// commission's sign of zero.
  [[nodiscard]] constexpr double total() const noexcept {
    double t = commission;
    if (spread != 0.0) t += spread;
    if (slippage != 0.0) t += slippage;
    if (impact != 0.0) t += impact;
    return t;
  }
  constexpr cost_breakdown& operator+=(const cost_breakdown& o) noexcept {
    commission += o.commission;
    spread += o.spread;
    slippage += o.slippage;
    impact += o.impact;
    return *this;
  }
  friend constexpr cost_breakdown operator+(cost_breakdown a, const cost_breakdown& b) noexcept {
    return a += b;
  }
  friend constexpr bool operator==(const cost_breakdown&, const cost_breakdown&) = default;
};

/// A cost model prices a fill: `breakdown(fill)` returns the cost by component, pure and
/// non-negative. Models compose with `+` (see composite.hpp).
template <class C>
concept CostModel = std::copyable<C> && requires(const C& c, const fill& f) {
  { c.breakdown(f) } -> std::same_as<cost_breakdown>;
};

/// Whether a model reads `fill.volatility`. A model says so with
/// `static constexpr bool uses_volatility = ...;`; models that do not say are assumed to (correct,
/// but the engine then computes the estimate for every fill). The engines skip the O(window)
/// estimate when no model needs it.
template <class C>
constexpr bool uses_volatility() noexcept {
  if constexpr (requires { C::uses_volatility; }) {
    return C::uses_volatility;
  } else {
    return true;
  }
}

/// Total cost of a fill under a model.
template <CostModel C>
constexpr double cost(const C& model, const fill& f) {
  return model.breakdown(f).total();
}

/// The free model: no cost at all.
struct zero_cost {
  static constexpr bool uses_volatility = false;
  [[nodiscard]] constexpr cost_breakdown breakdown(const fill&) const noexcept { return {}; }
};
static_assert(CostModel<zero_cost>);

}  // namespace quantkit::costs
