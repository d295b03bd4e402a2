// SPDX-License-Identifier: MIT
// quantkit/indicators/stochf.hpp - fast stochastic oscillator (TA-Lib STOCHF), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/window_minmax.hpp"
#include "ma.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of stochf.
struct stochf_params {
  std::size_t fastk_period = 5;       ///< %K window, 1..100000
  std::size_t fastd_period = 3;       ///< %D average period, 1..100000
  ma_type fastd_type = ma_type::sma;  ///< %D average type (TA-Lib MAType)
  friend constexpr bool operator==(const stochf_params&, const stochf_params&) = default;
};

/// Outputs of stochf (and stochrsi).
struct stochf_value {
  double fastk = detail::nan;
  double fastd = detail::nan;
};

namespace detail {
/// TA-Lib's stochastic %K and %D over (high, low, close) triples: %K = (close - LL) / ((HH - LL)
/// / 100) with HH, LL the highest high and lowest low of the last `fastk_period` triples, 0 when
/// HH - LL is exactly 0 (TA-Lib 0.6.4); %D = MA(%K). Shared by stochf, stoch and stochrsi.
class stochf_core {
 public:
  explicit stochf_core(const stochf_params& p)
      : window_(p.fastk_period), d_(p.fastd_period, p.fastd_type) {}

  /// Consumes one finite triple; returns {%K, %D}, each NaN until available.
  stochf_value update(double high, double low, double close) noexcept {
    window_.push(high, low);
    if (!window_.full()) return {};
    // TA-Lib tracks the extremes' positions; only their values matter here.
    const double lowest = window_.min();
    const double diff = (window_.max() - lowest) / 100.0;
    const double k = diff != 0.0 ? (close - lowest) / diff : 0.0;
    return {k, d_.update(k)};
  }
  [[nodiscard]] bool ready() const noexcept { return d_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return window_.period() - 1 + d_.warmup(); }
  void reset() noexcept {
    window_.reset();
    d_.reset();
  }

 private:
  window_minmax window_;
  ma d_;
};
}  // namespace detail

/// Fast stochastic oscillator (Lane, 1950s): %K = 100 (close - LL_n) / (HH_n - LL_n) over the
/// last n bars' highs and lows, %D = MA_m(%K).
///
/// Convention (TA-Lib STOCHF): %K evaluated as (close - LL) / ((HH - LL) / 100), and 0 when
/// HH - LL is exactly 0 (TA-Lib 0.6.4's rule); %D of any MA type, SMA by default. Warm-up:
/// (n - 1) + ma_lookback(m, type) bars; %K and %D are reported together from then on.
/// NaN rule: a bar with a non-finite high, low or close returns NaN (both fields) and is skipped.
/// Throws invalid_argument for a period outside 1..100000 or an invalid type. O(1) amortized per
/// update, O(n + m) memory.
class stochf {
 public:
  using params_type = stochf_params;
  using input_type = bar;
  using value_type = stochf_value;

  stochf() : stochf(params_type{}) {}
  stochf(std::size_t fastk_period, std::size_t fastd_period, ma_type fastd_type = ma_type::sma)
      : stochf(params_type{
            .fastk_period = fastk_period, .fastd_period = fastd_period, .fastd_type = fastd_type}) {
  }
  explicit stochf(const params_type& p) : p_(check(p, "quantkit::indicators::stochf")), core_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return value_type{};
    const value_type v = core_.update(b.high, b.low, b.close);
    if (core_.ready()) value_ = v;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return core_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return core_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    core_.reset();
    value_ = value_type{};
  }

  /// Parameter checks shared with stoch and stochrsi (`component` names the caller).
  static const params_type& check(const params_type& p, std::string_view component) {
    detail::require_period(p.fastk_period, component, "fastk_period", 1);
    detail::require_period(p.fastd_period, component, "fastd_period", 1);
    detail::require_ma_type(p.fastd_type, component, "fastd_type");
    return p;
  }

 private:
  params_type p_;
  detail::stochf_core core_;
  value_type value_{};
};

static_assert(BarIndicator<stochf>);

}  // namespace quantkit::indicators
