// SPDX-License-Identifier: MIT
// quantkit/indicators/aroonosc.hpp - Aroon oscillator (TA-Lib AROONOSC), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "aroon.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of aroonosc.
struct aroonosc_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const aroonosc_params&, const aroonosc_params&) = default;
};

/// Aroon oscillator (Tushar Chande; TA-Lib AROONOSC): Aroon up - Aroon down, evaluated as TA-Lib
/// does, (100 / n) * (bars since the lowest low - bars since the highest high), so it is not
/// rounded twice. Window, tie rule and warm-up as in aroon (n bars). Uses high and low only; NaN
/// rule: a bar with a non-finite high or low returns NaN and is skipped. Throws invalid_argument
/// for a period outside 2..100000. O(1) amortized per update, O(n) memory.
class aroonosc {
 public:
  using params_type = aroonosc_params;
  using input_type = bar;
  using value_type = double;

  aroonosc() : aroonosc(params_type{}) {}
  explicit aroonosc(std::size_t period) : aroonosc(params_type{.period = period}) {}
  explicit aroonosc(const params_type& p)
      : p_(check(p)), factor_(100.0 / static_cast<double>(p.period)), aroon_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low)) return detail::nan;
    aroon_.update(b);
    if (!aroon_.ready()) return value_;
    value_ = factor_ * (static_cast<double>(aroon_.bars_since_low()) -
                        static_cast<double>(aroon_.bars_since_high()));
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return aroon_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    aroon_.reset();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::aroonosc");
    return p;
  }
  params_type p_;
  double factor_;
  aroon aroon_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<aroonosc>);

}  // namespace quantkit::indicators
