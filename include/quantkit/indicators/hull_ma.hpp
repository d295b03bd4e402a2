// SPDX-License-Identifier: MIT
// quantkit/indicators/hull_ma.hpp - Hull moving average (not in TA-Lib), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "wma.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of hull_ma.
struct hull_ma_params {
  std::size_t period = 9;  ///< n, 2..100000
  friend constexpr bool operator==(const hull_ma_params&, const hull_ma_params&) = default;
};

/// Hull moving average (Alan Hull, 2005, alanhull.com "Hull Moving Average"):
/// HMA_n = WMA_s(2 WMA_h(x) - WMA_n(x)) with h = floor(n / 2) and s = floor(sqrt(n)).
///
/// Convention: n / 2 and sqrt(n) are rounded down (Hull's "integer" parts; TradingView's ta.hma
/// and pandas-ta do the same), so HMA(9) = WMA_3(2 WMA_4 - WMA_9); the WMAs are quantkit's
/// (TA-Lib's) WMA. A linear series is reproduced without lag when h and s are exact
/// (e.g. n = 4). Warm-up: (n - 1) + (s - 1) inputs. NaN rule: a non-finite input returns NaN and
/// is skipped. Throws invalid_argument for a period outside 2..100000. O(1) per update, O(n)
/// memory.
class hull_ma {
 public:
  using params_type = hull_ma_params;
  using input_type = double;
  using value_type = double;

  hull_ma() : hull_ma(params_type{}) {}
  explicit hull_ma(std::size_t period) : hull_ma(params_type{.period = period}) {}
  explicit hull_ma(const params_type& p)
      : p_(check(p)), half_(p.period / 2), full_(p.period), out_(isqrt(p.period)) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    const double h = half_.update(x);
    const double f = full_.update(x);
    if (!full_.ready()) return value_;
    const double v = out_.update(2.0 * h - f);
    if (out_.ready()) value_ = v;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return out_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return full_.warmup() + out_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// The rounded periods in use: floor(n / 2) and floor(sqrt(n)).
  [[nodiscard]] std::size_t half_period() const noexcept { return p_.period / 2; }
  [[nodiscard]] std::size_t sqrt_period() const noexcept { return isqrt(p_.period); }
  void reset() noexcept {
    half_.reset();
    full_.reset();
    out_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::hull_ma");
    return p;
  }
  // floor(sqrt(n)) exactly, without trusting the rounding of std::sqrt near perfect squares.
  static constexpr std::size_t isqrt(std::size_t n) noexcept {
    std::size_t r = 1;
    while ((r + 1) * (r + 1) <= n) ++r;
    return r;
  }
  params_type p_;
  wma half_;
  wma full_;
  wma out_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<hull_ma>);

}  // namespace quantkit::indicators
