// SPDX-License-Identifier: MIT
// quantkit/indicators/stddev.hpp - rolling population standard deviation (TA-Lib STDDEV)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "variance.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of stddev.
struct stddev_params {
  std::size_t period = 5;  ///< n, 2..100000
  double nbdev = 1.0;      ///< multiplier of the deviation (TA-Lib NbDev)
  friend constexpr bool operator==(const stddev_params&, const stddev_params&) = default;
};

/// Rolling population standard deviation times `nbdev`: sqrt(VAR_n) * nbdev (TA-Lib STDDEV).
///
/// Convention: the variance of quantkit::indicators::variance (TA-Lib's running sums); as in
/// TA-Lib 0.6.4 a variance below 1e-14 (an absolute threshold, including tiny negative rounding
/// residue) gives 0. Warm-up: n - 1 inputs. NaN rule: a non-finite input returns NaN and is
/// skipped. Throws invalid_argument for a period outside 2..100000 or a non-finite nbdev.
/// O(1) per update, O(n) memory.
class stddev {
 public:
  using params_type = stddev_params;
  using input_type = double;
  using value_type = double;

  stddev() : stddev(params_type{}) {}
  explicit stddev(std::size_t period, double nbdev = 1.0)
      : stddev(params_type{.period = period, .nbdev = nbdev}) {}
  explicit stddev(const params_type& p) : p_(check(p)), var_(p.period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    const double v = var_.update(x);
    if (var_.ready()) value_ = detail::talib_is_zero_or_neg(v) ? 0.0 : std::sqrt(v) * p_.nbdev;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return var_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return var_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    var_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::stddev");
    require_finite(p.nbdev, "quantkit::indicators::stddev", "nbdev");
    return p;
  }
  params_type p_;
  variance var_;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<stddev>);

}  // namespace quantkit::indicators
