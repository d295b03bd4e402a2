// SPDX-License-Identifier: MIT
// quantkit/strategies/donchian_breakout.hpp - Donchian channel / turtle breakout
#pragma once

#include "../core/error.hpp"
#include "../indicators/detail/window_extreme.hpp"
#include "concepts.hpp"
#include "signal.hpp"

#include <cstddef>
#include <cstdint>

namespace quantkit::strategies {

/// Parameters of donchian_breakout (defaults: the Turtles' System 1, 20-day entry, 10-day exit).
struct donchian_breakout_params {
  std::size_t entry = 20;  ///< breakout of the highest high / lowest low of the previous N bars
  std::size_t exit = 10;   ///< exit on the opposite extreme of the previous M bars
  direction side = direction::long_short;
  friend constexpr bool operator==(const donchian_breakout_params&,
                                   const donchian_breakout_params&) = default;
};

/// Donchian channel breakout (Richard Donchian; the Turtle Traders' rules): long when the close
/// exceeds the highest high of the previous `entry` bars, short when it falls below their lowest
/// low; a long exits when the close falls below the lowest low of the previous `exit` bars, a
/// short when it rises above their highest high. The current bar is not part of the channel it
/// is compared with. Exposure -1, 0 or 1. Throws invalid_argument for periods < 1. O(1) amortized.
class donchian_breakout {
 public:
  using params_type = donchian_breakout_params;

  donchian_breakout() : donchian_breakout(params_type{}) {}
  explicit donchian_breakout(const params_type& p)
      : p_(check(p)), hi_in_(p.entry), lo_in_(p.entry), hi_out_(p.exit), lo_out_(p.exit) {}

  double on_bar(const bar& b, const context&) {
    // Compare with the channels of the previous bars, then add this bar.
    const double c = b.close;
    if (state_ > 0.0 && lo_out_.full() && c < lo_out_.value()) state_ = 0.0;
    if (state_ < 0.0 && hi_out_.full() && c > hi_out_.value()) state_ = 0.0;
    if (state_ == 0.0 && hi_in_.full()) {
      if (c > hi_in_.value())
        state_ = detail::restrict_to(1.0, p_.side);
      else if (c < lo_in_.value())
        state_ = detail::restrict_to(-1.0, p_.side);
    }
    hi_in_.push(b.high, i_);
    lo_in_.push(b.low, i_);
    hi_out_.push(b.high, i_);
    lo_out_.push(b.low, i_);
    ++i_;
    return state_;
  }
  void reset() {
    hi_in_.reset();
    lo_in_.reset();
    hi_out_.reset();
    lo_out_.reset();
    state_ = 0.0;
    i_ = 0;
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }

 private:
  static const params_type& check(const params_type& p) {
    require(p.entry >= 1, "quantkit::strategies::donchian_breakout", "entry", p.entry,
            "must be >= 1");
    require(p.exit >= 1, "quantkit::strategies::donchian_breakout", "exit", p.exit, "must be >= 1");
    return p;
  }
  params_type p_;
  indicators::detail::window_extreme<true> hi_in_;
  indicators::detail::window_extreme<false> lo_in_;
  indicators::detail::window_extreme<true> hi_out_;
  indicators::detail::window_extreme<false> lo_out_;
  double state_ = 0.0;
  std::int64_t i_ = 0;
};

static_assert(TargetStrategy<donchian_breakout>);

}  // namespace quantkit::strategies
