// SPDX-License-Identifier: MIT
// quantkit/indicators/rocr100.hpp - rate of change ratio times 100 (TA-Lib ROCR100), streaming and
// batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of rocr100.
struct rocr100_params {
  std::size_t period = 10;  ///< n, 1..100000
  friend constexpr bool operator==(const rocr100_params&, const rocr100_params&) = default;
};

/// Rate of change ratio times 100 (TA-Lib ROCR100): ROCR100_t = (x_t / x_{t-n}) * 100, x_{t-n}
/// being the input n steps back.
///
/// Convention (TA-Lib): evaluated in TA-Lib's order. A zero x_{t-n} (exactly 0, TA-Lib 0.6.4's
/// test) gives 0. Warm-up: n inputs. NaN rule: a non-finite input returns NaN and is skipped (n
/// counts finite inputs). Throws invalid_argument for a period outside 1..100000. O(1) per update,
/// O(n) memory.
class rocr100 {
 public:
  using params_type = rocr100_params;
  using input_type = double;
  using value_type = double;

  rocr100() : rocr100(params_type{}) {}
  explicit rocr100(std::size_t period) : rocr100(params_type{.period = period}) {}
  explicit rocr100(const params_type& p) : p_(check(p)), window_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    double old = 0.0;
    if (window_.push(x, old)) {
      ready_ = true;
      value_ = old != 0.0 ? (x / old) * 100.0 : 0.0;
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
    detail::require_period(p.period, "quantkit::indicators::rocr100", "period", 1);
    return p;
  }
  params_type p_;
  detail::ring_buffer<double> window_;  // the last n inputs
  bool ready_ = false;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<rocr100>);

}  // namespace quantkit::indicators
