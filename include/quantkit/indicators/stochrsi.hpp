// SPDX-License-Identifier: MIT
// quantkit/indicators/stochrsi.hpp - stochastic RSI (TA-Lib STOCHRSI), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "ma.hpp"
#include "rsi.hpp"
#include "stochf.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of stochrsi.
struct stochrsi_params {
  std::size_t period = 14;            ///< RSI period, 2..100000
  std::size_t fastk_period = 5;       ///< %K window over the RSI, 1..100000
  std::size_t fastd_period = 3;       ///< %D average period, 1..100000
  ma_type fastd_type = ma_type::sma;  ///< %D average type (TA-Lib MAType)
  friend constexpr bool operator==(const stochrsi_params&, const stochrsi_params&) = default;
};

/// Outputs of stochrsi: %K and %D of the RSI.
using stochrsi_value = stochf_value;

/// Stochastic RSI (Chande & Kroll, "The New Technical Trader", 1994): the fast stochastic of the
/// RSI, %K = 100 (RSI - min RSI_n) / (max RSI_n - min RSI_n), %D = MA_m(%K).
///
/// Convention (TA-Lib STOCHRSI): TA-Lib's RSI (Wilder) fed to TA-Lib's STOCHF with the RSI as
/// high, low and close; %K is 0 when the RSI window is flat. Warm-up: period +
/// (n - 1) + ma_lookback(m, type). NaN rule: a non-finite input returns NaN (both fields) and is
/// skipped. Throws invalid_argument for an RSI period outside 2..100000, a %K/%D period outside
/// 1..100000 or an invalid type. O(1) amortized per update, O(n + m) memory.
class stochrsi {
 public:
  using params_type = stochrsi_params;
  using input_type = double;
  using value_type = stochrsi_value;

  stochrsi() : stochrsi(params_type{}) {}
  stochrsi(std::size_t period, std::size_t fastk_period, std::size_t fastd_period,
           ma_type fastd_type = ma_type::sma)
      : stochrsi(params_type{.period = period,
                             .fastk_period = fastk_period,
                             .fastd_period = fastd_period,
                             .fastd_type = fastd_type}) {}
  explicit stochrsi(const params_type& p)
      : p_(check(p)),
        rsi_(p.period),
        core_({.fastk_period = p.fastk_period,
               .fastd_period = p.fastd_period,
               .fastd_type = p.fastd_type}) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return value_type{};
    const double r = rsi_.update(x);
    if (!rsi_.ready()) return value_;
    const value_type v = core_.update(r, r, r);
    if (core_.ready()) value_ = v;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return core_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return rsi_.warmup() + core_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    rsi_.reset();
    core_.reset();
    value_ = value_type{};
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::stochrsi");
    stochf::check({.fastk_period = p.fastk_period,
                   .fastd_period = p.fastd_period,
                   .fastd_type = p.fastd_type},
                  "quantkit::indicators::stochrsi");
    return p;
  }
  params_type p_;
  rsi rsi_;
  detail::stochf_core core_;
  value_type value_{};
};

static_assert(ScalarIndicator<stochrsi>);

}  // namespace quantkit::indicators
