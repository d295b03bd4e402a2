// SPDX-License-Identifier: MIT
// quantkit/indicators/momentum.hpp - momentum (TA-Lib MOM), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of momentum.
struct momentum_params {
  std::size_t period = 10;  ///< n, 1..100000
  friend constexpr bool operator==(const momentum_params&, const momentum_params&) = default;
};

/// Momentum (TA-Lib MOM): MOM_t = x_t - x_{t-n}, x_{t-n} being the input n steps back.
///
/// Convention (TA-Lib): evaluated in TA-Lib's order. No denominator. Warm-up: n inputs.
/// NaN rule: a non-finite input returns NaN and is skipped (n counts finite inputs).
/// Throws invalid_argument for a period outside 1..100000. O(1) per update, O(n) memory.
class momentum {
 public:
  using params_type = momentum_params;
  using input_type = double;
  using value_type = double;

  momentum() : momentum(params_type{}) {}
  explicit momentum(std::size_t period) : momentum(params_type{.period = period}) {}
  explicit momentum(const params_type& p) : p_(check(p)), window_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    double old = 0.0;
    if (window_.push(x, old)) {
      ready_ = true;
      value_ = x - old;
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    window_.clear();
    ready_ = false;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::momentum", "period", 1);
    return p;
  }
  params_type p_;
  detail::ring_buffer<double> window_;  // the last n inputs
  bool ready_ = false;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<momentum>);

}  // namespace quantkit::indicators
