// SPDX-License-Identifier: MIT
// quantkit/indicators/ppo.hpp - percentage price oscillator (TA-Lib PPO), streaming and batch
#pragma once

#include "apo.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "ma.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of ppo (those of apo).
using ppo_params = apo_params;

/// Percentage price oscillator: PPO = 100 (MA_fast(x) - MA_slow(x)) / MA_slow(x).
///
/// Convention (TA-Lib PPO): the difference of apo, evaluated as ((fast - slow) / slow) * 100;
/// 0 when the slow average is zero in TA-Lib's absolute sense (|.| < 1e-14); SMA by default;
/// fast and slow are swapped when slow < fast. Warm-up: ma_lookback(max(fast, slow), type).
/// NaN rule: a non-finite input returns NaN and is skipped. Throws invalid_argument for a period
/// outside 2..100000 or an invalid type. O(1) per update.
class ppo {
 public:
  using params_type = ppo_params;
  using input_type = double;
  using value_type = double;

  ppo() : ppo(params_type{}) {}
  ppo(std::size_t fast_period, std::size_t slow_period, ma_type type = ma_type::sma)
      : ppo(params_type{.fast_period = fast_period, .slow_period = slow_period, .type = type}) {}
  explicit ppo(const params_type& p) : apo_(apo::check(p, "quantkit::indicators::ppo")) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    const double diff = apo_.update(x);
    if (apo_.ready()) {
      const double slow = apo_.slow_value();
      value_ = detail::talib_is_zero(slow) ? 0.0 : (diff / slow) * 100.0;
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return apo_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return apo_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return apo_.params(); }
  void reset() noexcept {
    apo_.reset();
    value_ = detail::nan;
  }

 private:
  apo apo_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<ppo>);

}  // namespace quantkit::indicators
