// SPDX-License-Identifier: MIT
// quantkit/indicators/stoch.hpp - slow stochastic oscillator (TA-Lib STOCH), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "ma.hpp"
#include "stochf.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of stoch.
struct stoch_params {
  std::size_t fastk_period = 5;       ///< raw %K window, 1..100000
  std::size_t slowk_period = 3;       ///< slow %K average period, 1..100000
  ma_type slowk_type = ma_type::sma;  ///< slow %K average type (TA-Lib MAType)
  std::size_t slowd_period = 3;       ///< slow %D average period, 1..100000
  ma_type slowd_type = ma_type::sma;  ///< slow %D average type (TA-Lib MAType)
  friend constexpr bool operator==(const stoch_params&, const stoch_params&) = default;
};

/// Outputs of stoch.
struct stoch_value {
  double slowk = detail::nan;
  double slowd = detail::nan;
};

/// Slow stochastic oscillator (Lane): slow %K = MA_k(raw %K), slow %D = MA_d(slow %K), raw
/// %K = 100 (close - LL_n) / (HH_n - LL_n) over the last n bars.
///
/// Convention (TA-Lib STOCH): raw %K as in stochf (0 when HH - LL is exactly 0), averages of any
/// MA type (SMA by default), each started on the first value of its input. Warm-up:
/// (n - 1) + ma_lookback(k, type_k) + ma_lookback(d, type_d) bars; both outputs are reported
/// together from then on. NaN rule: a bar with a non-finite high, low or close returns NaN (both
/// fields) and is skipped. Throws invalid_argument for a period outside 1..100000 or an invalid
/// type. O(1) amortized per update, O(n + k + d) memory.
class stoch {
 public:
  using params_type = stoch_params;
  using input_type = bar;
  using value_type = stoch_value;

  stoch() : stoch(params_type{}) {}
  stoch(std::size_t fastk_period, std::size_t slowk_period, std::size_t slowd_period,
        ma_type type = ma_type::sma)
      : stoch(params_type{.fastk_period = fastk_period,
                          .slowk_period = slowk_period,
                          .slowk_type = type,
                          .slowd_period = slowd_period,
                          .slowd_type = type}) {}
  explicit stoch(const params_type& p)
      : p_(check(p)),
        k_({.fastk_period = p.fastk_period,
            .fastd_period = p.slowk_period,
            .fastd_type = p.slowk_type}),
        d_(p.slowd_period, p.slowd_type) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return value_type{};
    const double k = k_.update(b.high, b.low, b.close).fastd;
    if (!k_.ready()) return value_;
    const double d = d_.update(k);
    if (d_.ready()) value_ = {k, d};
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return d_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return k_.warmup() + d_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    k_.reset();
    d_.reset();
    value_ = value_type{};
  }

 private:
  static const params_type& check(const params_type& p) {
    constexpr auto name = "quantkit::indicators::stoch";
    detail::require_period(p.fastk_period, name, "fastk_period", 1);
    detail::require_period(p.slowk_period, name, "slowk_period", 1);
    detail::require_period(p.slowd_period, name, "slowd_period", 1);
    detail::require_ma_type(p.slowk_type, name, "slowk_type");
    detail::require_ma_type(p.slowd_type, name, "slowd_type");
    return p;
  }
  params_type p_;
  detail::stochf_core k_;  // raw %K and slow %K (stochf's %D)
  ma d_;
  value_type value_{};
};

static_assert(BarIndicator<stoch>);

}  // namespace quantkit::indicators
