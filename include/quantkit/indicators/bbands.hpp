// SPDX-License-Identifier: MIT
// quantkit/indicators/bbands.hpp - Bollinger bands (TA-Lib BBANDS), streaming and batch
#pragma once

#include "../core/error.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"
#include "ma.hpp"
#include "variance.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of bbands.
struct bbands_params {
  std::size_t period = 5;       ///< n, 2..100000
  double nbdev_up = 2.0;        ///< deviations above the middle band
  double nbdev_dn = 2.0;        ///< deviations below the middle band
  ma_type type = ma_type::sma;  ///< middle band's moving average (TA-Lib MAType)
  friend constexpr bool operator==(const bbands_params&, const bbands_params&) = default;
};

/// Outputs of bbands.
struct bbands_value {
  double upper = detail::nan;
  double middle = detail::nan;
  double lower = detail::nan;
};

/// Bollinger bands (Bollinger, "Bollinger on Bollinger Bands", 2001): middle = MA_n(x),
/// upper = middle + nbdev_up sd, lower = middle - nbdev_dn sd, sd the population standard
/// deviation of the last n inputs.
///
/// Convention (TA-Lib BBANDS): sd = sqrt(VAR_n), 0 when VAR_n < 1e-14 (TA-Lib's absolute
/// threshold); with an SMA middle VAR is mean(x^2) - SMA^2 (TA-Lib's running sums); with another
/// type TA-Lib starts the deviation's running sums at the MA's first output minus n - 1, and so
/// does bbands (same values to the last bit). Deviation: for MAMA with n > 33 TA-Lib misaligns
/// the bands (its middle is shifted by n - 33 bars); bbands keeps them aligned.
/// Warm-up: max(ma_lookback(n, type), n - 1). NaN rule: a non-finite input returns NaN (all
/// fields) and is skipped. Throws invalid_argument for a period outside 2..100000, a non-finite
/// nbdev or an invalid type. O(1) per update, O(n) memory.
class bbands {
 public:
  using params_type = bbands_params;
  using input_type = double;
  using value_type = bbands_value;

  bbands() : bbands(params_type{}) {}
  explicit bbands(std::size_t period, double nbdev_up = 2.0, double nbdev_dn = 2.0,
                  ma_type type = ma_type::sma)
      : bbands(params_type{
            .period = period, .nbdev_up = nbdev_up, .nbdev_dn = nbdev_dn, .type = type}) {}
  explicit bbands(const params_type& p)
      : p_(check(p)),
        fused_(p.type == ma_type::sma),
        n_(static_cast<double>(p.period)),
        window_(fused_ ? p.period : 1),
        middle_(fused_ ? 1 : p.period, p.type),
        var_(fused_ ? 1 : p.period),
        var_delay_(ma_lookback(p.period, p.type) > p.period - 1
                       ? ma_lookback(p.period, p.type) - (p.period - 1)
                       : 0) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return value_type{};
    if (fused_) return update_sma(x);
    const double mid = middle_.update(x);
    // TA-Lib's deviation starts late for slow MAs (see the doc comment).
    const double var = count_ >= var_delay_ ? var_.update(x) : detail::nan;
    if (count_ < var_delay_) ++count_;
    if (middle_.ready() && var_.ready()) {
      const double sd = detail::talib_is_zero_or_neg(var) ? 0.0 : std::sqrt(var);
      value_ = {mid + (sd * p_.nbdev_up), mid, mid - (sd * p_.nbdev_dn)};
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept {
    return fused_ ? window_.full() : middle_.ready() && var_.ready();
  }
  [[nodiscard]] std::size_t warmup() const noexcept {
    return std::max(ma_lookback(p_.period, p_.type), var_delay_ + p_.period - 1);
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    window_.clear();
    sum_ = 0.0;
    sum2_ = 0.0;
    middle_.reset();
    var_.reset();
    count_ = 0;
    value_ = value_type{};
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::bbands");
    require_finite(p.nbdev_up, "quantkit::indicators::bbands", "nbdev_up");
    require_finite(p.nbdev_dn, "quantkit::indicators::bbands", "nbdev_dn");
    detail::require_ma_type(p.type, "quantkit::indicators::bbands", "type");
    return p;
  }
  // SMA middle: TA-Lib's BBANDS computes the SMA, then the deviation from the running sum of
  // squares and that SMA (INT_stddev_using_precalc_ma); the same operations on one window give
  // the same bits as sma + variance at half the cost.
  value_type update_sma(double x) noexcept {
    sum_ += x;
    sum2_ += x * x;
    window_.push(x);  // when full, the evicted value left the sums on the previous step
    if (!window_.full()) return value_;
    const double mid = sum_ / n_;
    const double mean2 = sum2_ / n_;
    const double first = window_.oldest();
    sum_ -= first;
    sum2_ -= first * first;
    const double var = mean2 - mid * mid;
    const double sd = detail::talib_is_zero_or_neg(var) ? 0.0 : std::sqrt(var);
    value_ = {mid + (sd * p_.nbdev_up), mid, mid - (sd * p_.nbdev_dn)};
    return value_;
  }
  params_type p_;
  bool fused_;  // SMA middle (TA-Lib's default)
  double n_;
  detail::ring_buffer<double> window_;  // fused path: the last n inputs
  double sum_ = 0.0;                    // fused path: TA-Lib's SMA running sum
  double sum2_ = 0.0;                   // fused path: running sum of squares
  ma middle_;                           // other types
  variance var_;                        // other types
  std::size_t var_delay_;
  std::size_t count_ = 0;  // finite inputs, saturating at var_delay_
  value_type value_{};
};

static_assert(ScalarIndicator<bbands>);

}  // namespace quantkit::indicators
