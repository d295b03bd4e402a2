// SPDX-License-Identifier: MIT
// quantkit/indicators/accbands.hpp - acceleration bands (TA-Lib ACCBANDS), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "sma.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of accbands.
struct accbands_params {
  std::size_t period = 20;  ///< n, 2..100000
  friend constexpr bool operator==(const accbands_params&, const accbands_params&) = default;
};

/// Outputs of accbands.
struct accbands_value {
  double upper = detail::nan;
  double middle = detail::nan;
  double lower = detail::nan;
};

/// Acceleration bands (Price Headley, "Big Trends in Trading", 2002): with
/// w = 4 (high - low) / (high + low), upper = SMA_n(high (1 + w)), middle = SMA_n(close),
/// lower = SMA_n(low (1 - w)).
///
/// Convention (TA-Lib ACCBANDS): w is evaluated as (4 (high - low)) / (high + low) and is not
/// applied (upper = high, lower = low) when high + low is zero in TA-Lib's absolute sense
/// (|.| < 1e-14). Warm-up: n - 1 bars. NaN rule: a bar with a non-finite high, low or close
/// returns NaN (all fields) and is skipped. Throws invalid_argument for a period outside
/// 2..100000. O(1) per update, O(n) memory.
class accbands {
 public:
  using params_type = accbands_params;
  using input_type = bar;
  using value_type = accbands_value;

  accbands() : accbands(params_type{}) {}
  explicit accbands(std::size_t period) : accbands(params_type{.period = period}) {}
  explicit accbands(const params_type& p)
      : p_(check(p)), upper_(p.period), middle_(p.period), lower_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return value_type{};
    double hi = b.high;
    double lo = b.low;
    const double sum = b.high + b.low;
    if (!detail::talib_is_zero(sum)) {
      const double w = 4.0 * (b.high - b.low) / sum;
      hi = b.high * (1.0 + w);
      lo = b.low * (1.0 - w);
    }
    const double u = upper_.update(hi);
    const double m = middle_.update(b.close);
    const double l = lower_.update(lo);
    if (middle_.ready()) value_ = {u, m, l};
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return middle_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    upper_.reset();
    middle_.reset();
    lower_.reset();
    value_ = value_type{};
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::accbands");
    return p;
  }
  params_type p_;
  sma upper_;
  sma middle_;
  sma lower_;
  value_type value_{};
};

static_assert(BarIndicator<accbands>);

}  // namespace quantkit::indicators
