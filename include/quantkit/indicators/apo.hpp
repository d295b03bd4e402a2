// SPDX-License-Identifier: MIT
// quantkit/indicators/apo.hpp - absolute price oscillator (TA-Lib APO), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "ma.hpp"

#include <algorithm>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of apo.
struct apo_params {
  std::size_t fast_period = 12;  ///< 2..100000
  std::size_t slow_period = 26;  ///< 2..100000 (the two are swapped if slow < fast, as in TA-Lib)
  ma_type type = ma_type::sma;   ///< TA-Lib MAType; TA-Lib's default is SMA
  friend constexpr bool operator==(const apo_params&, const apo_params&) = default;
};

/// Absolute price oscillator: APO = MA_fast(x) - MA_slow(x).
///
/// Convention (TA-Lib APO): both averages of the given type start with the series (no seed
/// alignment, unlike MACD); SMA by default; fast and slow are swapped when slow < fast. Warm-up:
/// ma_lookback(max(fast, slow), type). NaN rule: a non-finite input returns NaN and is skipped.
/// Throws invalid_argument for a period outside 2..100000 or an invalid type. O(1) per update.
class apo {
 public:
  using params_type = apo_params;
  using input_type = double;
  using value_type = double;

  apo() : apo(params_type{}) {}
  apo(std::size_t fast_period, std::size_t slow_period, ma_type type = ma_type::sma)
      : apo(params_type{.fast_period = fast_period, .slow_period = slow_period, .type = type}) {}
  explicit apo(const params_type& p)
      : p_(check(p, "quantkit::indicators::apo")),
        fast_(std::min(p.fast_period, p.slow_period), p.type),
        slow_(std::max(p.fast_period, p.slow_period), p.type) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    const double f = fast_.update(x);
    const double s = slow_.update(x);
    if (slow_.ready()) value_ = f - s;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return slow_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return slow_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// The slow average after the last update (PPO's denominator).
  [[nodiscard]] double slow_value() const noexcept { return slow_.value(); }
  void reset() noexcept {
    fast_.reset();
    slow_.reset();
    value_ = detail::nan;
  }

  /// Parameter checks shared with ppo (`component` names the caller).
  static const params_type& check(const params_type& p, std::string_view component) {
    detail::require_period(p.fast_period, component, "fast_period");
    detail::require_period(p.slow_period, component, "slow_period");
    detail::require_ma_type(p.type, component, "type");
    return p;
  }

 private:
  params_type p_;
  ma fast_;
  ma slow_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<apo>);

}  // namespace quantkit::indicators
