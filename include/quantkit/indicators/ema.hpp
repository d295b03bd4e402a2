// SPDX-License-Identifier: MIT
// quantkit/indicators/ema.hpp - exponential moving average (TA-Lib EMA), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// How an EMA starts.
enum class ema_seed {
  sma,          ///< TA-Lib default: the first value is the SMA of the first n inputs
  first_value,  ///< Metastock / pandas `ewm(adjust=False)`: starts at the first input, no warm-up
};

/// Parameters of ema.
struct ema_params {
  std::size_t period = 30;      ///< n, 1..100000
  double alpha = 0.0;           ///< smoothing factor k; 0 means 2 / (n + 1)
  ema_seed seed = ema_seed::sma;
  friend constexpr bool operator==(const ema_params&, const ema_params&) = default;
};

/// Exponential moving average: EMA_t = EMA_{t-1} + k (x_t - EMA_{t-1}), k = 2 / (n + 1).
///
/// Convention (TA-Lib EMA, default compatibility): the first value is the SMA of the first n
/// inputs and the recursion is evaluated as ((x - prev) * k) + prev, TA-Lib's order. With
/// `seed = first_value` the recursion starts at the first input (warm-up 0). A custom `alpha` in
/// (0, 1] replaces 2 / (n + 1) (MACDFIX uses 0.15 and 0.075). Warm-up: n - 1 inputs (0 for
/// first_value). NaN rule: a non-finite input returns NaN and is skipped. Throws invalid_argument
/// for a period outside 1..100000 or alpha outside [0, 1]. O(1) per update and memory.
class ema {
 public:
  using params_type = ema_params;
  using input_type = double;
  using value_type = double;

  ema() : ema(params_type{}) {}
  explicit ema(std::size_t period) : ema(params_type{.period = period}) {}
  explicit ema(const params_type& p)
      : p_(check(p)),
        k_(p.alpha > 0.0 ? p.alpha : 2.0 / (static_cast<double>(p.period) + 1.0)),
        warmup_(p.seed == ema_seed::sma ? p.period - 1 : 0) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    if (count_ <= warmup_) {
      ++count_;
      if (p_.seed == ema_seed::first_value) {
        value_ = x;
        return value_;
      }
      sum_ += x;
      if (count_ == p_.period) value_ = sum_ / static_cast<double>(p_.period);
      return value_;
    }
    value_ = ((x - value_) * k_) + value_;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return count_ > warmup_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return warmup_; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// The smoothing factor in use.
  [[nodiscard]] double alpha() const noexcept { return k_; }
  void reset() noexcept {
    count_ = 0;
    sum_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::ema", "period", 1);
    require(p.alpha >= 0.0 && p.alpha <= 1.0, "quantkit::indicators::ema", "alpha", p.alpha,
            "must be in [0, 1] (0 means 2 / (period + 1))");
    return p;
  }
  params_type p_;
  double k_;
  std::size_t warmup_;
  std::size_t count_ = 0;
  double sum_ = 0.0;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<ema>);

}  // namespace quantkit::indicators
