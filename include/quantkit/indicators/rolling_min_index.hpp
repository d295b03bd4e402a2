// SPDX-License-Identifier: MIT
// quantkit/indicators/rolling_min_index.hpp - position of the rolling minimum (TA-Lib MININDEX)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/window_extreme.hpp"

#include <cstddef>
#include <cstdint>

namespace quantkit::indicators {

/// Parameters of rolling_min_index.
struct rolling_min_index_params {
  std::size_t period = 30;  ///< n, 2..100000
  friend constexpr bool operator==(const rolling_min_index_params&,
                                   const rolling_min_index_params&) = default;
};

/// Position of the minimum of the last n inputs (TA-Lib MININDEX), as a double: the 0-based
/// position in the input stream since construction or reset(), non-finite inputs counted.
///
/// Convention: TA-Lib's tie rule (detail::window_extreme): when the tracked minimum leaves the
/// window the earliest minimum of the window is taken, otherwise a new input <= the
/// minimum takes over (the latest one). On a full-range TA-Lib run the positions equal TA-Lib's
/// output. Warm-up: n - 1 inputs.
/// NaN rule: a non-finite input returns NaN and is skipped by the window but takes a position
/// (docs/indicators.md). Throws invalid_argument for a period outside 2..100000.
/// O(1) amortized per update, O(n) memory.
class rolling_min_index {
 public:
  using params_type = rolling_min_index_params;
  using input_type = double;
  using value_type = double;

  rolling_min_index() : rolling_min_index(params_type{}) {}
  explicit rolling_min_index(std::size_t period)
      : rolling_min_index(params_type{.period = period}) {}
  explicit rolling_min_index(const params_type& p) : p_(check(p)), ext_(p.period) {}

  value_type update(double x) noexcept {
    const std::int64_t pos = pos_++;
    if (!detail::finite(x)) return detail::nan;
    ext_.push(x, pos);
    if (ext_.full()) value_ = static_cast<double>(ext_.index());
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ext_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    ext_.reset();
    pos_ = 0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::rolling_min_index");
    return p;
  }
  params_type p_;
  detail::window_extreme<false> ext_;
  std::int64_t pos_ = 0;  // stream position of the next input
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<rolling_min_index>);

}  // namespace quantkit::indicators
