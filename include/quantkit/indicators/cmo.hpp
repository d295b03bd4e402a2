// SPDX-License-Identifier: MIT
// quantkit/indicators/cmo.hpp - Chande momentum oscillator (TA-Lib CMO), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "rsi.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of cmo.
struct cmo_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const cmo_params&, const cmo_params&) = default;
};

/// Chande momentum oscillator (Tushar Chande, 1994; TA-Lib CMO): CMO = 100 (G - L) / (G + L),
/// where G and L are Wilder's averages of gains and losses (those of rsi(n)); so CMO = 2 RSI - 100
/// up to rounding.
///
/// Convention (TA-Lib): the averages are RSI's (plain means of the first n changes, then Wilder's
/// recursion), and the value is evaluated as 100 * ((G - L) / (G + L)), TA-Lib's order, not as
/// 2 RSI - 100. G + L zero in TA-Lib's sense (|G + L| < 1e-14, absolute) gives 0. Warm-up: n
/// inputs. NaN rule: a non-finite input returns NaN and is skipped. Throws invalid_argument for a
/// period outside 2..100000. O(1) per update and memory.
class cmo {
 public:
  using params_type = cmo_params;
  using input_type = double;
  using value_type = double;

  cmo() : cmo(params_type{}) {}
  explicit cmo(std::size_t period) : cmo(params_type{.period = period}) {}
  explicit cmo(const params_type& p) : p_(check(p)), rsi_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    rsi_.update(x);
    if (!rsi_.ready()) return value_;
    const double gain = rsi_.average_gain();
    const double loss = rsi_.average_loss();
    const double total = gain + loss;
    value_ = detail::talib_is_zero(total) ? 0.0 : 100.0 * ((gain - loss) / total);
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return rsi_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    rsi_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::cmo");
    return p;
  }
  params_type p_;
  rsi rsi_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<cmo>);

}  // namespace quantkit::indicators
