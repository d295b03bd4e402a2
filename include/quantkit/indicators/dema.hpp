// SPDX-License-Identifier: MIT
// quantkit/indicators/dema.hpp - double exponential moving average (TA-Lib DEMA)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "ema.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of dema.
struct dema_params {
  std::size_t period = 30;  ///< n, 2..100000
  friend constexpr bool operator==(const dema_params&, const dema_params&) = default;
};

/// Double exponential moving average (Mulloy 1994): DEMA = 2 EMA(x) - EMA(EMA(x)).
///
/// Convention (TA-Lib DEMA): both EMAs use k = 2 / (n + 1) and TA-Lib's SMA seed; the second EMA
/// is seeded with the SMA of the first n values of the first one, and the output is evaluated as
/// (2 * e1) - e2, TA-Lib's order. Warm-up: 2 (n - 1) inputs. NaN rule: a non-finite input
/// returns NaN and is skipped. Throws invalid_argument for a period outside 2..100000.
/// O(1) per update and memory.
class dema {
 public:
  using params_type = dema_params;
  using input_type = double;
  using value_type = double;

  dema() : dema(params_type{}) {}
  explicit dema(std::size_t period) : dema(params_type{.period = period}) {}
  explicit dema(const params_type& p) : p_(check(p)), e1_(p.period), e2_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    const double a = e1_.update(x);
    if (!e1_.ready()) return value_;
    const double b = e2_.update(a);
    if (e2_.ready()) value_ = (2.0 * a) - b;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return e2_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return 2 * (p_.period - 1); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    e1_.reset();
    e2_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::dema");
    return p;
  }
  params_type p_;
  ema e1_;
  ema e2_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<dema>);

}  // namespace quantkit::indicators
