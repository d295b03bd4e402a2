// SPDX-License-Identifier: MIT
// quantkit/indicators/trix.hpp - rate of change of a triple EMA (TA-Lib TRIX)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "ema.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of trix.
struct trix_params {
  std::size_t period = 30;  ///< n of each EMA, 1..100000
  friend constexpr bool operator==(const trix_params&, const trix_params&) = default;
};

/// TRIX (Hutson, TASC 1983): the one-step rate of change, in percent, of a triple-smoothed EMA:
/// e3 = EMA(EMA(EMA(x))), TRIX_t = 100 (e3_t / e3_{t-1} - 1).
///
/// Convention (TA-Lib TRIX): each EMA seeded with the SMA of the first n values of its input;
/// the rate of change is TA-Lib's ROC, ((e3_t / e3_{t-1}) - 1) * 100, and 0 when e3_{t-1} is
/// exactly 0. Warm-up: 3 (n - 1) + 1 inputs. NaN rule: a non-finite input returns NaN and is
/// skipped. Throws invalid_argument for a period outside 1..100000. O(1) per update and memory.
class trix {
 public:
  using params_type = trix_params;
  using input_type = double;
  using value_type = double;

  trix() : trix(params_type{}) {}
  explicit trix(std::size_t period) : trix(params_type{.period = period}) {}
  explicit trix(const params_type& p) : p_(check(p)), e1_(p.period), e2_(p.period), e3_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    const double a = e1_.update(x);
    if (!e1_.ready()) return value_;
    const double b = e2_.update(a);
    if (!e2_.ready()) return value_;
    const double c = e3_.update(b);
    if (!e3_.ready()) return value_;
    if (has_prev_) {
      value_ = prev_ != 0.0 ? ((c / prev_) - 1.0) * 100.0 : 0.0;
      ready_ = true;
    }
    prev_ = c;
    has_prev_ = true;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return 3 * (p_.period - 1) + 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    e1_.reset();
    e2_.reset();
    e3_.reset();
    has_prev_ = false;
    ready_ = false;
    prev_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::trix", "period", 1);
    return p;
  }
  params_type p_;
  ema e1_;
  ema e2_;
  ema e3_;
  bool has_prev_ = false;  // e3 has a previous value
  bool ready_ = false;
  double prev_ = 0.0;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<trix>);

}  // namespace quantkit::indicators
