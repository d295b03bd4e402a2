// SPDX-License-Identifier: MIT
// quantkit/strategies/sizing.hpp - position sizing: signal in [-1, 1] -> units to hold
#pragma once

#include "../core/error.hpp"
#include "../indicators/atr.hpp"
#include "../indicators/stddev.hpp"
#include "concepts.hpp"
#include "signal.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <utility>

namespace quantkit::strategies {

/// A sizer turns a signal into units: `update(bar)` once per bar (for estimators), then
/// `units(signal, bar, context)`; `reset()`.
template <class Z>
concept Sizer = std::copyable<Z> && requires(Z& z, const bar& b, const context& c, double s) {
  z.update(b);
  { z.units(s, b, c) } -> std::convertible_to<double>;
  z.reset();
};

/// signal x a fixed number of units.
struct fixed_units {
  double units_per_signal = 1.0;
  void update(const bar&) noexcept {}
  [[nodiscard]] double units(double s, const bar&, const context&) const noexcept {
    return s * units_per_signal;
  }
  void reset() noexcept {}
};

/// signal x a fixed notional at the bar's close (notional / close units).
struct fixed_notional {
  double notional = 10'000.0;
  void update(const bar&) noexcept {}
  [[nodiscard]] double units(double s, const bar& b, const context&) const noexcept {
    return s * notional / b.close;
  }
  void reset() noexcept {}
};

/// signal x a fraction of the current equity at the bar's close.
struct equity_fraction {
  double fraction = 1.0;
  void update(const bar&) noexcept {}
  [[nodiscard]] double units(double s, const bar& b, const context& c) const noexcept {
    return s * fraction * c.equity / b.close;
  }
  void reset() noexcept {}
};

/// How volatility_target estimates the volatility of one bar.
enum class volatility_estimator {
  stdev,  ///< population stddev of the last `window` close-to-close log returns
  atr,    ///< ATR(window) / close: Wilder's average true range (TA-Lib ATR) as a fraction of price
};

/// Parameters of volatility_target.
struct volatility_target_params {
  double annual_target = 0.15;      ///< target annualized volatility of the position
  double periods_per_year = 252.0;  ///< bars per year (252 daily, 98,280 one-minute US equity)
  std::size_t window = 20;          ///< bars behind the volatility estimate
  double max_leverage = 2.0;        ///< cap on |exposure|
  volatility_estimator estimator = volatility_estimator::stdev;
  friend constexpr bool operator==(const volatility_target_params&,
                                   const volatility_target_params&) = default;
};

/// Volatility targeting: exposure = signal x target / annualized volatility, capped at
/// max_leverage; units = exposure x equity / close. The per-bar volatility is either the
/// population stddev of the last `window` close-to-close log returns (`stdev`) or the average
/// true range over `window` bars divided by the current close (`atr`, TA-Lib's ATR: Wilder
/// smoothing, first value after `window` bars; a range-based estimate that also sees intrabar
/// moves and gaps); either is annualized by sqrt(periods_per_year). Flat (0 units) until the
/// estimate exists or when it is zero. Throws invalid_argument for non-positive parameters.
/// O(1) per bar.
class volatility_target {
 public:
  using params_type = volatility_target_params;
  explicit volatility_target(const params_type& p = {})
      : p_(check(p)), sd_(p.window), atr_(p.window) {}
  void update(const bar& b) {
    if (p_.estimator == volatility_estimator::atr) {
      atr_.update(b);
      return;
    }
    if (prev_ > 0.0) sd_.update(std::log(b.close / prev_));
    prev_ = b.close;
  }
  [[nodiscard]] double units(double s, const bar& b, const context& c) const noexcept {
    double per_bar = 0.0;
    if (p_.estimator == volatility_estimator::atr) {
      if (!atr_.ready() || !(b.close > 0.0)) return 0.0;
      per_bar = atr_.value() / b.close;
    } else {
      if (!sd_.ready()) return 0.0;
      per_bar = sd_.value();
    }
    const double vol = per_bar * std::sqrt(p_.periods_per_year);
    if (!(vol > 0.0)) return 0.0;
    const double exposure =
        std::clamp(s * p_.annual_target / vol, -p_.max_leverage, p_.max_leverage);
    return exposure * c.equity / b.close;
  }
  void reset() {
    sd_.reset();
    atr_.reset();
    prev_ = 0.0;
  }

 private:
  static const params_type& check(const params_type& p) {
    constexpr const char* fn = "quantkit::strategies::volatility_target";
    require(p.annual_target > 0.0 && std::isfinite(p.annual_target), fn, "annual_target",
            p.annual_target, "must be finite and > 0");
    require(p.periods_per_year > 0.0 && std::isfinite(p.periods_per_year), fn, "periods_per_year",
            p.periods_per_year, "must be finite and > 0");
    require(p.window >= 2, fn, "window", p.window, "must be >= 2");
    require(p.max_leverage > 0.0, fn, "max_leverage", p.max_leverage, "must be > 0");
    return p;
  }
  params_type p_;
  indicators::stddev sd_;
  indicators::atr atr_;
  double prev_ = 0.0;
};

/// Parameters of capped_kelly.
struct capped_kelly_params {
  double win_rate = 0.55;  ///< probability of a winning trade, W
  double payoff = 1.0;     ///< average win / average loss, R
  double fraction = 0.5;   ///< share of the Kelly fraction to use (0.5 = half Kelly)
  double cap = 0.25;       ///< maximum exposure
  friend constexpr bool operator==(const capped_kelly_params&,
                                   const capped_kelly_params&) = default;
};

/// Capped Kelly sizing: exposure = signal x min(cap, fraction x max(0, W - (1 - W) / R));
/// units = exposure x equity / close (Kelly 1956; the trading form W - (1 - W)/R). The estimates
/// W and R typically come from a backtest's trade statistics. Throws invalid_argument for W
/// outside [0, 1], R <= 0, fraction outside (0, 1] or cap <= 0.
class capped_kelly {
 public:
  using params_type = capped_kelly_params;
  explicit capped_kelly(const params_type& p = {}) : p_(check(p)) {
    kelly_ = std::max(0.0, p_.win_rate - (1.0 - p_.win_rate) / p_.payoff);
    exposure_ = std::min(p_.cap, p_.fraction * kelly_);
  }
  void update(const bar&) noexcept {}
  [[nodiscard]] double units(double s, const bar& b, const context& c) const noexcept {
    return s * exposure_ * c.equity / b.close;
  }
  void reset() noexcept {}
  /// The full Kelly fraction W - (1 - W) / R (before the fraction and the cap; >= 0).
  [[nodiscard]] double kelly() const noexcept { return kelly_; }
  /// The exposure used for a full signal.
  [[nodiscard]] double exposure() const noexcept { return exposure_; }

 private:
  static const params_type& check(const params_type& p) {
    constexpr const char* fn = "quantkit::strategies::capped_kelly";
    require(p.win_rate >= 0.0 && p.win_rate <= 1.0, fn, "win_rate", p.win_rate,
            "must be in [0, 1]");
    require(p.payoff > 0.0 && std::isfinite(p.payoff), fn, "payoff", p.payoff,
            "must be finite and > 0");
    require(p.fraction > 0.0 && p.fraction <= 1.0, fn, "fraction", p.fraction, "must be in (0, 1]");
    require(p.cap > 0.0 && std::isfinite(p.cap), fn, "cap", p.cap, "must be finite and > 0");
    return p;
  }
  params_type p_;
  double kelly_ = 0.0;
  double exposure_ = 0.0;
};

/// A signal strategy sized by a sizer: returns units (target_kind::units). NaN signals hold.
template <TargetStrategy S, Sizer Z>
class sized {
 public:
  static constexpr target_kind target = target_kind::units;
  sized(S strategy, Z sizer) : strategy_(std::move(strategy)), sizer_(std::move(sizer)) {}
  double on_bar(const bar& b, const context& ctx) {
    const double s = static_cast<double>(strategy_.on_bar(b, ctx));
    sizer_.update(b);
    if (std::isnan(s)) return s;
    return sizer_.units(s, b, ctx);
  }
  void reset() {
    strategy_.reset();
    sizer_.reset();
  }
  [[nodiscard]] const S& strategy() const noexcept { return strategy_; }
  [[nodiscard]] const Z& sizer() const noexcept { return sizer_; }

 private:
  S strategy_;
  Z sizer_;
};

static_assert(Sizer<fixed_units>);
static_assert(Sizer<fixed_notional>);
static_assert(Sizer<equity_fraction>);
static_assert(Sizer<volatility_target>);
static_assert(Sizer<capped_kelly>);

}  // namespace quantkit::strategies
