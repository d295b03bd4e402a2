// SPDX-License-Identifier: MIT
// quantkit/indicators/natr.hpp - normalized average true range (TA-Lib NATR), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "atr.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of natr.
struct natr_params {
  std::size_t period = 14;  ///< n, 1..100000
  friend constexpr bool operator==(const natr_params&, const natr_params&) = default;
};

/// Normalized average true range (TA-Lib NATR): NATR = (ATR / close) * 100, ATR as in atr(n).
///
/// Convention (TA-Lib 0.6.4): a close that is zero in TA-Lib's sense (|close| < 1e-14, absolute)
/// gives 0. TA-Lib quirk, replicated: with n = 1 the output is the raw true range, not normalized.
/// Deviation: on a zero close after the first output TA-Lib 0.6.4 leaves its output cell unwritten
/// (and overwrites its first output with 0); quantkit outputs 0 there and keeps the first value.
/// Warm-up: n bars. NaN rule: a bar with a non-finite high, low or close returns NaN and is
/// skipped. Throws invalid_argument for a period outside 1..100000. O(1) per update.
class natr {
 public:
  using params_type = natr_params;
  using input_type = bar;
  using value_type = double;

  natr() : natr(params_type{}) {}
  explicit natr(std::size_t period) : natr(params_type{.period = period}) {}
  explicit natr(const params_type& p) : p_(check(p)), atr_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    const double a = atr_.update(b);
    if (!atr_.ready()) return value_;
    if (p_.period == 1) {
      value_ = a;
    } else {
      value_ = detail::talib_is_zero(b.close) ? 0.0 : (a / b.close) * 100.0;
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return atr_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    atr_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::natr", "period", 1);
    return p;
  }
  params_type p_;
  atr atr_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<natr>);

}  // namespace quantkit::indicators
