// SPDX-License-Identifier: MIT
// quantkit/indicators/trima.hpp - triangular moving average (TA-Lib TRIMA), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"
#include "detail/window_ma.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of trima.
struct trima_params {
  std::size_t period = 30;  ///< n, 2..100000
  friend constexpr bool operator==(const trima_params&, const trima_params&) = default;
};

/// Triangular moving average: weights 1, 2, .., m, .., 2, 1 over the last n inputs, i.e. an SMA
/// of an SMA (m = (n + 1) / 2 for odd n; for even n, SMA(n/2 + 1) of SMA(n/2)) (TA-Lib TRIMA).
///
/// Convention: TA-Lib's O(1) recurrence on the weighted numerator and the sums of the two halves
/// of the window, in TA-Lib's order of operations (bit-identical results). Warm-up: n - 1 inputs.
/// NaN rule: a non-finite input returns NaN and is skipped. Throws invalid_argument for a period
/// outside 2..100000. O(1) per update, O(n) memory.
class trima {
 public:
  using params_type = trima_params;
  using input_type = double;
  using value_type = double;

  trima() : trima(params_type{}) {}
  explicit trima(std::size_t period) : trima(params_type{.period = period}) {}
  explicit trima(const params_type& p)
      : p_(check(p)), history_(p.period + 1), kernel_{.p = p.period} {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    history_.push(x);
    if (count_ <= p_.period) ++count_;
    const double v = kernel_.step(x, count_, history_);
    if (count_ >= p_.period) value_ = v;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return count_ >= p_.period; }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    history_.clear();
    kernel_ = detail::trima_kernel{.p = p_.period};
    count_ = 0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::trima");
    return p;
  }
  params_type p_;
  detail::ring_buffer<double> history_;
  detail::trima_kernel kernel_;
  std::size_t count_ = 0;  // finite inputs, saturating at period + 1 (all the kernel needs)
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<trima>);

}  // namespace quantkit::indicators
