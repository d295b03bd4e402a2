// SPDX-License-Identifier: MIT
// quantkit/indicators/tema.hpp - triple exponential moving average (TA-Lib TEMA)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "ema.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of tema.
struct tema_params {
  std::size_t period = 30;  ///< n, 2..100000
  friend constexpr bool operator==(const tema_params&, const tema_params&) = default;
};

/// Triple exponential moving average (Mulloy 1994): TEMA = 3 e1 - 3 e2 + e3 with e1 = EMA(x),
/// e2 = EMA(e1), e3 = EMA(e2).
///
/// Convention (TA-Lib TEMA): three EMAs with k = 2 / (n + 1), each seeded with the SMA of the
/// first n values of its input; the output is evaluated as e3 + ((3 e1) - (3 e2)), TA-Lib's order.
/// Warm-up: 3 (n - 1) inputs. NaN rule: a non-finite input returns NaN and is skipped.
/// Throws invalid_argument for a period outside 2..100000. O(1) per update and memory.
class tema {
 public:
  using params_type = tema_params;
  using input_type = double;
  using value_type = double;

  tema() : tema(params_type{}) {}
  explicit tema(std::size_t period) : tema(params_type{.period = period}) {}
  explicit tema(const params_type& p) : p_(check(p)), e1_(p.period), e2_(p.period), e3_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    const double a = e1_.update(x);
    if (!e1_.ready()) return value_;
    const double b = e2_.update(a);
    if (!e2_.ready()) return value_;
    const double c = e3_.update(b);
    if (e3_.ready()) value_ = c + ((3.0 * a) - (3.0 * b));
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return e3_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return 3 * (p_.period - 1); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    e1_.reset();
    e2_.reset();
    e3_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::tema");
    return p;
  }
  params_type p_;
  ema e1_;
  ema e2_;
  ema e3_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<tema>);

}  // namespace quantkit::indicators
