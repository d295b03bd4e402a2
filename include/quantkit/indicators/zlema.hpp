// SPDX-License-Identifier: MIT
// quantkit/indicators/zlema.hpp - zero-lag exponential moving average (not in TA-Lib)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"
#include "ema.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of zlema.
struct zlema_params {
  std::size_t period = 20;  ///< n, 1..100000
  friend constexpr bool operator==(const zlema_params&, const zlema_params&) = default;
};

/// Zero-lag EMA (Ehlers & Way, "Zero Lag (Well, Almost)", TASC November 2010; the de-lagged
/// input form used by pandas-ta's zlma): ZLEMA = EMA_n(x_t + (x_t - x_{t-L})), L = floor((n - 1) /
/// 2), k = 2 / (n + 1).
///
/// Convention: the EMA is quantkit's (TA-Lib's) EMA, seeded with the SMA of the first n de-lagged
/// values; the first de-lagged value needs L + 1 inputs. n <= 2 gives L = 0, the plain EMA.
/// Warm-up: L + (n - 1) inputs. NaN rule: a non-finite input returns NaN and is skipped.
/// Throws invalid_argument for a period outside 1..100000. O(1) per update, O(n) memory.
class zlema {
 public:
  using params_type = zlema_params;
  using input_type = double;
  using value_type = double;

  zlema() : zlema(params_type{}) {}
  explicit zlema(std::size_t period) : zlema(params_type{.period = period}) {}
  explicit zlema(const params_type& p)
      : p_(check(p)), lag_((p.period - 1) / 2), window_(lag_ + 1), ema_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    window_.push(x);
    if (!window_.full()) return value_;
    const double v = ema_.update(x + (x - window_.oldest()));
    if (ema_.ready()) value_ = v;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ema_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return lag_ + ema_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// The lag L = floor((n - 1) / 2).
  [[nodiscard]] std::size_t lag() const noexcept { return lag_; }
  void reset() noexcept {
    window_.clear();
    ema_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::zlema", "period", 1);
    return p;
  }
  params_type p_;
  std::size_t lag_;
  detail::ring_buffer<double> window_;
  ema ema_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<zlema>);

}  // namespace quantkit::indicators
