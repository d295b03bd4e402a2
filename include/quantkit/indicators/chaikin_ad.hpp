// SPDX-License-Identifier: MIT
// quantkit/indicators/chaikin_ad.hpp - Chaikin accumulation/distribution line (TA-Lib AD)
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of chaikin_ad (none: TA-Lib's AD has no parameter).
struct chaikin_ad_params {
  friend constexpr bool operator==(const chaikin_ad_params&, const chaikin_ad_params&) = default;
};

/// Chaikin accumulation/distribution line (Marc Chaikin; TA-Lib AD): the running sum of the
/// close location value ((close - low) - (high - close)) / (high - low) times the volume.
///
/// Convention (TA-Lib): the sum starts at 0 and includes the first bar; a bar whose range
/// high - low is not positive adds nothing. Warm-up: 0. NaN rule: a bar with a non-finite high,
/// low, close or volume returns NaN and is skipped. Never throws. O(1) per update and memory.
class chaikin_ad {
 public:
  using params_type = chaikin_ad_params;
  using input_type = bar;
  using value_type = double;

  chaikin_ad() = default;
  explicit chaikin_ad(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close, b.volume)) return detail::nan;
    const double range = b.high - b.low;
    if (range > 0.0) ad_ += (((b.close - b.low) - (b.high - b.close)) / range) * b.volume;
    value_ = ad_;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return !std::isnan(value_); }
  [[nodiscard]] std::size_t warmup() const noexcept { return 0; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    ad_ = 0.0;
    value_ = detail::nan;
  }

 private:
  params_type p_{};
  double ad_ = 0.0;
  double value_ = detail::nan;
};

static_assert(BarIndicator<chaikin_ad>);

}  // namespace quantkit::indicators
