// SPDX-License-Identifier: MIT
// quantkit/indicators/kama.hpp - Kaufman adaptive moving average (TA-Lib KAMA)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"
#include "detail/window_ma.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of kama.
struct kama_params {
  std::size_t period = 30;  ///< n (efficiency-ratio window), 2..100000
  friend constexpr bool operator==(const kama_params&, const kama_params&) = default;
};

/// Kaufman adaptive moving average (Kaufman, "Smarter Trading", 1995):
/// ER = |x_t - x_{t-n}| / sum_{i=t-n+1..t} |x_i - x_{i-1}|, sc = (ER (2/3 - 2/31) + 2/31)^2,
/// KAMA_t = (x_t - KAMA_{t-1}) sc + KAMA_{t-1} (fastest 2, slowest 30 fixed as in TA-Lib).
///
/// Convention (TA-Lib KAMA): the recursion starts from x_{n-1} at input n + 1; ER is 1 when the
/// path length is <= the signed move or zero in TA-Lib's absolute sense (|.| < 1e-14), as in
/// TA-Lib. Warm-up: n inputs. NaN rule: a non-finite input returns NaN and is skipped.
/// Throws invalid_argument for a period outside 2..100000. O(1) per update, O(n) memory.
class kama {
 public:
  using params_type = kama_params;
  using input_type = double;
  using value_type = double;

  kama() : kama(params_type{}) {}
  explicit kama(std::size_t period) : kama(params_type{.period = period}) {}
  explicit kama(const params_type& p)
      : p_(check(p)), history_(p.period + 1), kernel_{.p = p.period} {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    double gone = 0.0;
    history_.push(x, gone);
    if (count_ > p_.period) {
      value_ = kernel_.next(x, prev_, history_.oldest(), gone);
    } else {
      const double v = kernel_.step(x, ++count_, history_);
      if (count_ > p_.period) value_ = v;
    }
    prev_ = x;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return count_ > p_.period; }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    history_.clear();
    kernel_ = detail::kama_kernel{.p = p_.period};
    count_ = 0;
    prev_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::kama");
    return p;
  }
  params_type p_;
  detail::ring_buffer<double> history_;
  detail::kama_kernel kernel_;
  std::size_t count_ = 0;  // finite inputs, saturating at period + 1
  double prev_ = 0.0;      // the previous input
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<kama>);

}  // namespace quantkit::indicators
