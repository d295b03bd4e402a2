// SPDX-License-Identifier: MIT
// quantkit/strategies/macd_cross.hpp - MACD signal-line cross
#pragma once

#include "../core/error.hpp"
#include "../indicators/macd.hpp"
#include "concepts.hpp"
#include "signal.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::strategies {

/// Parameters of macd_cross.
struct macd_cross_params {
  std::size_t fast = 12;    ///< fast EMA period (TA-Lib MACD's optInFastPeriod)
  std::size_t slow = 26;    ///< slow EMA period, > fast
  std::size_t signal = 9;   ///< EMA period of the signal line
  bool zero_filter = false; ///< longs only while MACD > 0, shorts only while MACD < 0
  direction side = direction::long_only;
  friend constexpr bool operator==(const macd_cross_params&, const macd_cross_params&) = default;
};

/// MACD signal-line cross (Appel): exposure +1 while the MACD line is above its signal line
/// (histogram > 0), -1 (if shorts are allowed) while below, 0 when they are equal. With
/// `zero_filter`, a long also needs MACD > 0 and a short MACD < 0 (the "above the zero line"
/// confirmation); otherwise the position is flat. The MACD is quantkit::indicators::macd (TA-Lib
/// MACD convention, fast EMA delayed to align with the slow one), so the first signal comes at
/// bar slow + signal - 2; before that the exposure is 0. A bar with a NaN close keeps the
/// previous exposure (the indicator leaves its state untouched). Throws invalid_argument for
/// fast < 2, slow <= fast or signal < 1, naming the parameter. O(1) per bar, no allocation.
class macd_cross {
 public:
  using params_type = macd_cross_params;

  macd_cross() : macd_cross(params_type{}) {}
  explicit macd_cross(const params_type& p)
      : p_(check(p)), macd_(p.fast, p.slow, p.signal) {}

  double on_bar(const bar& b, const context&) {
    const auto v = macd_.update(b.close);
    if (!macd_.ready() || std::isnan(v.hist)) return state_;
    double s = v.hist > 0.0 ? 1.0 : (v.hist < 0.0 ? -1.0 : 0.0);
    if (p_.zero_filter && s * v.macd <= 0.0) s = 0.0;
    state_ = detail::restrict_to(s, p_.side);
    return state_;
  }
  void reset() {
    macd_.reset();
    state_ = 0.0;
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }

 private:
  static const params_type& check(const params_type& p) {
    constexpr const char* fn = "quantkit::strategies::macd_cross";
    require(p.fast >= 2, fn, "fast", p.fast, "must be >= 2");
    require(p.slow > p.fast, fn, "slow", p.slow, "must be > fast");
    require(p.signal >= 1, fn, "signal", p.signal, "must be >= 1");
    return p;
  }
  params_type p_;
  indicators::macd macd_;
  double state_ = 0.0;
};

static_assert(TargetStrategy<macd_cross>);

}  // namespace quantkit::strategies
