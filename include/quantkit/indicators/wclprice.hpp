// SPDX-License-Identifier: MIT
// quantkit/indicators/wclprice.hpp - weighted close price of a bar (TA-Lib WCLPRICE)
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of wclprice (none).
struct wclprice_params {
  friend constexpr bool operator==(const wclprice_params&, const wclprice_params&) = default;
};

/// Weighted close price: (high + low + 2 close) / 4 of each bar (TA-Lib WCLPRICE).
///
/// Convention: TA-Lib's (high + low + close * 2) / 4, in that order of operations, so identical to
/// TA-Lib. Uses high, low and close. No warm-up. NaN rule: a bar with a non-finite field among
/// those returns NaN. No parameters, never throws. O(1) per update and memory.
class wclprice {
 public:
  using params_type = wclprice_params;
  using input_type = bar;
  using value_type = double;

  wclprice() = default;
  explicit wclprice(const params_type& p) : p_(p) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    ready_ = true;
    value_ = (b.high + b.low + b.close * 2.0) / 4.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return 0; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    ready_ = false;
    value_ = detail::nan;
  }

 private:
  params_type p_{};
  bool ready_ = false;
  double value_ = detail::nan;
};

static_assert(BarIndicator<wclprice>);

}  // namespace quantkit::indicators
