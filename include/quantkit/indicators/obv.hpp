// SPDX-License-Identifier: MIT
// quantkit/indicators/obv.hpp - on-balance volume (TA-Lib OBV), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of obv (none: TA-Lib's OBV has no parameter).
struct obv_params {
  friend constexpr bool operator==(const obv_params&, const obv_params&) = default;
};

/// On-balance volume (Joseph Granville, 1963; TA-Lib OBV): the running sum of the volume, added
/// on an up close and subtracted on a down close (unchanged close: unchanged OBV).
///
/// Convention (TA-Lib): OBV starts at the first bar's volume (not at 0). Input: a bar, of which
/// close and volume are used (TA-Lib takes the close series and the volume). Warm-up: 0.
/// NaN rule: a bar with a non-finite close or volume returns NaN and is skipped. Never throws.
/// O(1) per update and memory.
class obv {
 public:
  using params_type = obv_params;
  using input_type = bar;
  using value_type = double;

  obv() = default;
  explicit obv(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.close, b.volume)) return detail::nan;
    if (std::isnan(value_)) {
      value_ = b.volume;
    } else {
      // A select instead of branches (up/down closes are a coin flip); adding +0.0 on an
      // unchanged close and -volume on a down close are exactly TA-Lib's results.
      const double up = b.close > prev_close_ ? b.volume : 0.0;
      value_ += b.close < prev_close_ ? -b.volume : up;
    }
    prev_close_ = b.close;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return !std::isnan(value_); }
  [[nodiscard]] std::size_t warmup() const noexcept { return 0; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    prev_close_ = 0.0;
    value_ = detail::nan;
  }

 private:
  params_type p_{};
  double prev_close_ = 0.0;
  double value_ = detail::nan;
};

static_assert(BarIndicator<obv>);

}  // namespace quantkit::indicators
