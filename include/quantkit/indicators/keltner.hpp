// SPDX-License-Identifier: MIT
// quantkit/indicators/keltner.hpp - Keltner channels (EMA +- k ATR), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "../core/error.hpp"
#include "atr.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "ema.hpp"

#include <algorithm>
#include <cstddef>

namespace quantkit::indicators {

/// The price the middle line averages.
enum class keltner_price {
  close,    ///< the close (Raschke's modern version, StockCharts): the default
  typical,  ///< (high + low + close) / 3, Keltner's original choice
};

/// Parameters of keltner.
struct keltner_params {
  std::size_t ema_period = 20;  ///< middle line EMA period, 1..100000
  std::size_t atr_period = 10;  ///< ATR period, 1..100000
  double multiplier = 2.0;      ///< band width in ATRs, finite and >= 0
  keltner_price price = keltner_price::close;
  friend constexpr bool operator==(const keltner_params&, const keltner_params&) = default;
};

/// The three channel lines.
struct keltner_value {
  double upper = detail::nan;
  double middle = detail::nan;
  double lower = detail::nan;
};

/// Keltner channels, modern version (Linda Bradford Raschke, 1980s, as defined by StockCharts):
/// middle = EMA(20) of the close, upper/lower = middle +- 2 ATR(10). Chester Keltner's original
/// (How to Make Money in Commodities, 1960) used a 10-day SMA of the typical price +- the 10-day
/// SMA of high - low; `price = typical` averages the typical price instead of the close.
///
/// Convention: the EMA is quantkit's ema (TA-Lib EMA: SMA seed, k = 2 / (n + 1)) and the ATR is
/// atr (TA-Lib ATR: Wilder); both consume every bar and the channel is defined once both are.
/// Not in TA-Lib. Warm-up: max(ema_period - 1, atr_period) bars. NaN rule: a bar with a non-finite
/// high, low or close returns NaN and is skipped. Throws invalid_argument for a period outside
/// 1..100000 or a negative or non-finite multiplier. O(1) per update and memory.
class keltner {
 public:
  using params_type = keltner_params;
  using input_type = bar;
  using value_type = keltner_value;

  keltner() : keltner(params_type{}) {}
  keltner(std::size_t ema_period, std::size_t atr_period, double multiplier)
      : keltner(params_type{
            .ema_period = ema_period, .atr_period = atr_period, .multiplier = multiplier}) {}
  explicit keltner(const params_type& p) : p_(check(p)), ema_(p.ema_period), atr_(p.atr_period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return value_type{};
    const double source =
        p_.price == keltner_price::close ? b.close : (b.high + b.low + b.close) / 3.0;
    const double middle = ema_.update(source);
    const double range = atr_.update(b);
    if (ema_.ready() && atr_.ready()) {
      const double width = p_.multiplier * range;
      value_ = value_type{middle + width, middle, middle - width};
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ema_.ready() && atr_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept {
    return std::max(p_.ema_period - 1, p_.atr_period);
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    ema_.reset();
    atr_.reset();
    value_ = value_type{};
  }

 private:
  static const params_type& check(const params_type& p) {
    constexpr const char* name = "quantkit::indicators::keltner";
    detail::require_period(p.ema_period, name, "ema_period", 1);
    detail::require_period(p.atr_period, name, "atr_period", 1);
    require(detail::finite(p.multiplier) && p.multiplier >= 0.0, name, "multiplier", p.multiplier,
            "must be finite and >= 0");
    return p;
  }
  params_type p_;
  ema ema_;
  atr atr_;
  value_type value_{};
};

static_assert(BarIndicator<keltner>);

}  // namespace quantkit::indicators
