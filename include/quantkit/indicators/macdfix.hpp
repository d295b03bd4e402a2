// SPDX-License-Identifier: MIT
// quantkit/indicators/macdfix.hpp - MACD with fixed 12/26 smoothing factors (TA-Lib MACDFIX)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "macd.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of macdfix.
struct macdfix_params {
  std::size_t signal_period = 9;  ///< 1..100000
  friend constexpr bool operator==(const macdfix_params&, const macdfix_params&) = default;
};

/// MACD with the fixed smoothing factors 0.15 (fast) and 0.075 (slow) (TA-Lib MACDFIX; 2/13 and
/// 2/27 are their rounded-up forms): MACD = EMA_0.15(x) - EMA_0.075(x), signal = EMA_signal(MACD).
///
/// Convention (TA-Lib MACDFIX): the EMAs are seeded with SMAs of 12 and 26 inputs, the fast one
/// ending at input 26 as in macd (TA-Lib's seed alignment); the signal uses 2 / (signal + 1).
/// Warm-up: 25 + (signal - 1) inputs. NaN rule: a non-finite input returns NaN (all fields) and is
/// skipped. Throws invalid_argument for a signal period outside 1..100000. O(1) per update.
class macdfix {
 public:
  using params_type = macdfix_params;
  using input_type = double;
  using value_type = macd_value;

  macdfix() : macdfix(params_type{}) {}
  explicit macdfix(std::size_t signal_period)
      : macdfix(params_type{.signal_period = signal_period}) {}
  explicit macdfix(const params_type& p)
      : p_(check(p)),
        lines_({.period = 12, .alpha = 0.15}, {.period = 26, .alpha = 0.075}, p.signal_period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return value_type{};
    return lines_.update(x);
  }

  [[nodiscard]] value_type value() const noexcept { return lines_.value(); }
  [[nodiscard]] bool ready() const noexcept { return lines_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return lines_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept { lines_.reset(); }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.signal_period, "quantkit::indicators::macdfix", "signal_period", 1);
    return p;
  }
  params_type p_;
  detail::macd_lines lines_;
};

static_assert(ScalarIndicator<macdfix>);

}  // namespace quantkit::indicators
