// SPDX-License-Identifier: MIT
// quantkit/costs/models.hpp - commission, spread, slippage and market-impact models
#pragma once

#include "../core/error.hpp"
#include "concepts.hpp"

#include <cmath>
#include <limits>

namespace quantkit::costs {

namespace detail {
inline void require_non_negative(double v, const char* function, const char* parameter) {
  require(v >= 0.0 && v - v == 0.0, function, parameter, v, "must be finite and >= 0");
}
inline bool finite(double x) noexcept { return x - x == 0.0; }
}  // namespace detail

/// A fixed fee per order fill, in account currency (e.g. 1.00 per fill). Component: commission.
struct fixed_per_order {
  static constexpr bool uses_volatility = false;
  double amount = 0.0;
  explicit fixed_per_order(double fee = 0.0) : amount(fee) {
    detail::require_non_negative(fee, "quantkit::costs::fixed_per_order", "amount");
  }
  [[nodiscard]] cost_breakdown breakdown(const fill& f) const noexcept {
    return {.commission = f.quantity > 0.0 ? amount : 0.0};
  }
};

/// A fee per unit traded with an optional minimum per fill (e.g. 0.005 per share, minimum 1.00).
/// Component: commission.
struct per_share {
  static constexpr bool uses_volatility = false;
  double rate = 0.0;
  double minimum = 0.0;
  explicit per_share(double per_unit = 0.0, double min_fee = 0.0)
      : rate(per_unit), minimum(min_fee) {
    detail::require_non_negative(per_unit, "quantkit::costs::per_share", "rate");
    detail::require_non_negative(min_fee, "quantkit::costs::per_share", "minimum");
  }
  [[nodiscard]] cost_breakdown breakdown(const fill& f) const noexcept {
    if (!(f.quantity > 0.0)) return {};
    const double fee = rate * f.quantity;
    return {.commission = fee > minimum ? fee : minimum};
  }
};

/// A percentage of notional in basis points with an optional minimum per fill
/// (e.g. `percentage(1.0)` = 1 bp = 0.01% of |quantity x price|). Component: commission.
struct percentage {
  static constexpr bool uses_volatility = false;
  double bps = 0.0;
  double minimum = 0.0;
  explicit percentage(double basis_points = 0.0, double min_fee = 0.0)
      : bps(basis_points), minimum(min_fee) {
    detail::require_non_negative(basis_points, "quantkit::costs::percentage", "bps");
    detail::require_non_negative(min_fee, "quantkit::costs::percentage", "minimum");
  }
  [[nodiscard]] cost_breakdown breakdown(const fill& f) const noexcept {
    if (!(f.quantity > 0.0)) return {};
    const double fee = f.notional() * bps * 1e-4;
    return {.commission = fee > minimum ? fee : minimum};
  }
};

/// Half the bid-ask spread paid on every fill: quantity x spread / 2. The spread is fixed in price
/// units (`fixed`), or a fraction of the fill price (`bps`), or, when the engine provides one,
/// the bar's quoted spread (`from_bar = true`, falling back to the fixed/bps value when the fill
/// has none). Component: spread.
struct half_spread {
  static constexpr bool uses_volatility = false;
  double fixed = 0.0;     ///< full spread in price units
  double bps = 0.0;       ///< full spread as basis points of the price (added to `fixed`)
  bool from_bar = false;  ///< use fill.spread when finite
  explicit half_spread(double spread_price = 0.0, double spread_bps = 0.0, bool use_bar = false)
      : fixed(spread_price), bps(spread_bps), from_bar(use_bar) {
    detail::require_non_negative(spread_price, "quantkit::costs::half_spread", "fixed");
    detail::require_non_negative(spread_bps, "quantkit::costs::half_spread", "bps");
  }
  [[nodiscard]] cost_breakdown breakdown(const fill& f) const noexcept {
    if (!(f.quantity > 0.0)) return {};
    double s = fixed + bps * 1e-4 * f.price;
    if (from_bar && detail::finite(f.spread) && f.spread >= 0.0) s = f.spread;
    return {.spread = 0.5 * s * f.quantity};
  }
};

/// Slippage as a cost: `bps` basis points of notional, plus `vol_multiple` x the engine's per-bar
/// volatility estimate x notional (volatility-scaled slippage; ignored while the estimate is
/// unknown). Component: slippage.
struct slippage {
  static constexpr bool uses_volatility = true;
  double bps = 0.0;
  double vol_multiple = 0.0;
  explicit slippage(double basis_points = 0.0, double volatility_multiple = 0.0)
      : bps(basis_points), vol_multiple(volatility_multiple) {
    detail::require_non_negative(basis_points, "quantkit::costs::slippage", "bps");
    detail::require_non_negative(volatility_multiple, "quantkit::costs::slippage", "vol_multiple");
  }
  [[nodiscard]] cost_breakdown breakdown(const fill& f) const noexcept {
    if (!(f.quantity > 0.0)) return {};
    double frac = bps * 1e-4;
    if (vol_multiple > 0.0 && detail::finite(f.volatility)) frac += vol_multiple * f.volatility;
    return {.slippage = frac * f.notional()};
  }
};

/// Square-root market impact: notional x coefficient x sigma x sqrt(quantity / bar volume), with
/// sigma the engine's per-bar volatility estimate (Almgren et al. 2005, Torre 1997; the "square
/// root law"). Zero while sigma or the bar volume is unknown or not positive. Component: impact.
struct sqrt_impact {
  static constexpr bool uses_volatility = true;
  double coefficient = 1.0;
  explicit sqrt_impact(double coef = 1.0) : coefficient(coef) {
    detail::require_non_negative(coef, "quantkit::costs::sqrt_impact", "coefficient");
  }
  [[nodiscard]] cost_breakdown breakdown(const fill& f) const noexcept {
    if (!(f.quantity > 0.0) || !detail::finite(f.volatility) || !(f.bar_volume > 0.0)) return {};
    return {.impact =
                f.notional() * coefficient * f.volatility * std::sqrt(f.quantity / f.bar_volume)};
  }
};

/// Almgren-Chriss style impact for a fill executed within one bar (Almgren, Thum, Hauptmann & Li,
/// "Direct estimation of equity market impact", Risk 2005): with participation x = quantity / bar
/// volume and sigma the per-bar volatility,
///   temporary: eta   x sigma x x^beta  (as a fraction of notional, beta = 3/5 in the paper),
///   permanent: gamma x sigma x x / 2   (half the permanent price move is paid by the order
///   itself).
/// Both are charged as impact cost on the fill; zero while sigma or the volume is unknown.
/// Component: impact.
struct almgren_chriss {
  static constexpr bool uses_volatility = true;
  double eta = 0.142;    ///< temporary impact coefficient (paper's estimate)
  double gamma = 0.314;  ///< permanent impact coefficient (paper's estimate)
  double beta = 0.6;     ///< temporary impact exponent
  almgren_chriss() = default;
  almgren_chriss(double eta_, double gamma_, double beta_ = 0.6)
      : eta(eta_), gamma(gamma_), beta(beta_) {
    detail::require_non_negative(eta_, "quantkit::costs::almgren_chriss", "eta");
    detail::require_non_negative(gamma_, "quantkit::costs::almgren_chriss", "gamma");
    require(beta_ > 0.0 && beta_ <= 2.0, "quantkit::costs::almgren_chriss", "beta", beta_,
            "must be in (0, 2]");
  }
  [[nodiscard]] cost_breakdown breakdown(const fill& f) const noexcept {
    if (!(f.quantity > 0.0) || !detail::finite(f.volatility) || !(f.bar_volume > 0.0)) return {};
    const double x = f.quantity / f.bar_volume;
    const double temporary = eta * f.volatility * std::pow(x, beta);
    const double permanent = 0.5 * gamma * f.volatility * x;
    return {.impact = f.notional() * (temporary + permanent)};
  }
};

static_assert(CostModel<fixed_per_order>);
static_assert(CostModel<per_share>);
static_assert(CostModel<percentage>);
static_assert(CostModel<half_spread>);
static_assert(CostModel<slippage>);
static_assert(CostModel<sqrt_impact>);
static_assert(CostModel<almgren_chriss>);

}  // namespace quantkit::costs
