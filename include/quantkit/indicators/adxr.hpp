// SPDX-License-Identifier: MIT
// quantkit/indicators/adxr.hpp - Wilder's average directional movement rating (TA-Lib ADXR)
#pragma once

#include "../core/bar.hpp"
#include "adx.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of adxr.
struct adxr_params {
  std::size_t period = 14;  ///< n, 2..100000 (the ADX period and the rating lag)
  friend constexpr bool operator==(const adxr_params&, const adxr_params&) = default;
};

/// Wilder's average directional movement rating (TA-Lib ADXR):
/// ADXR_t = (ADX_t + ADX_{t-(n-1)}) / 2, with adx(n).
///
/// Convention (TA-Lib): the lag is n - 1 bars (so the warm-up is ADX's 2n - 1 plus n - 1).
/// Warm-up: 3n - 2 bars. NaN rule: a bar with a non-finite high, low or close returns NaN and is
/// skipped. Throws invalid_argument for a period outside 2..100000. O(1) per update, O(n) memory.
class adxr {
 public:
  using params_type = adxr_params;
  using input_type = bar;
  using value_type = double;

  adxr() : adxr(params_type{}) {}
  explicit adxr(std::size_t period) : adxr(params_type{.period = period}) {}
  explicit adxr(const params_type& p) : p_(check(p)), adx_(p.period), history_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    const double a = adx_.update(b);
    if (!adx_.ready()) return value_;
    history_.push(a);
    if (history_.full()) value_ = (a + history_.oldest()) / 2.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return history_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return 3 * p_.period - 2; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    adx_.reset();
    history_.clear();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::adxr");
    return p;
  }
  params_type p_;
  adx adx_;
  detail::ring_buffer<double> history_;  // the last n ADX values
  double value_ = detail::nan;
};

static_assert(BarIndicator<adxr>);

}  // namespace quantkit::indicators
