// SPDX-License-Identifier: MIT
// quantkit/indicators/true_range.hpp - Wilder's true range (TA-Lib TRANGE), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/true_range.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of true_range (none: TA-Lib's TRANGE has no parameter).
struct true_range_params {
  friend constexpr bool operator==(const true_range_params&, const true_range_params&) = default;
};

/// Wilder's true range (New Concepts in Technical Trading Systems, 1978; TA-Lib TRANGE):
/// TR = max(high - low, |high - prev close|, |low - prev close|).
///
/// Convention (TA-Lib): the first bar has no previous close and no output. Warm-up: 1 bar.
/// NaN rule: a bar with a non-finite high, low or close returns NaN and is skipped (the next TR
/// uses the last finite close). Never throws. O(1) per update and memory.
class true_range {
 public:
  using params_type = true_range_params;
  using input_type = bar;
  using value_type = double;

  true_range() = default;
  explicit true_range(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    if (started_) {
      value_ = detail::true_range_of(b.high, b.low, prev_close_);
      ready_ = true;
    }
    started_ = true;
    prev_close_ = b.close;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    started_ = false;
    ready_ = false;
    prev_close_ = 0.0;
    value_ = detail::nan;
  }

 private:
  params_type p_{};
  bool started_ = false;
  bool ready_ = false;
  double prev_close_ = 0.0;
  double value_ = detail::nan;
};

static_assert(BarIndicator<true_range>);

}  // namespace quantkit::indicators
