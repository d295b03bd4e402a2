// SPDX-License-Identifier: MIT
// quantkit/strategies/rsi_reversion.hpp - RSI mean reversion
#pragma once

#include "../core/error.hpp"
#include "../indicators/rsi.hpp"
#include "concepts.hpp"
#include "signal.hpp"

#include <cstddef>

namespace quantkit::strategies {

/// Parameters of rsi_reversion.
struct rsi_reversion_params {
  std::size_t period = 14;
  double oversold = 30.0;    ///< enter long when RSI falls below
  double overbought = 70.0;  ///< enter short when RSI rises above
  double exit = 50.0;        ///< leave a long when RSI rises above it, a short when it falls below
  direction side = direction::long_only;
  friend constexpr bool operator==(const rsi_reversion_params&,
                                   const rsi_reversion_params&) = default;
};

/// RSI mean reversion (Wilder's RSI, TA-Lib convention): long when the RSI drops below
/// `oversold`, out when it recovers above `exit`; short (if allowed) above `overbought`, out
/// below `exit`. Returns exposure -1, 0 or 1; 0 during the RSI warm-up. Throws invalid_argument
/// unless 0 <= oversold <= exit <= overbought <= 100. O(1) per bar.
class rsi_reversion {
 public:
  using params_type = rsi_reversion_params;

  rsi_reversion() : rsi_reversion(params_type{}) {}
  explicit rsi_reversion(const params_type& p) : p_(check(p)), rsi_(p.period) {}

  double on_bar(const bar& b, const context&) {
    const double r = rsi_.update(b.close);
    if (!rsi_.ready()) return 0.0;
    if (state_ > 0.0 && r > p_.exit) state_ = 0.0;
    if (state_ < 0.0 && r < p_.exit) state_ = 0.0;
    if (state_ == 0.0) {
      if (r < p_.oversold && p_.side != direction::short_only) state_ = 1.0;
      if (r > p_.overbought && p_.side != direction::long_only) state_ = -1.0;
    }
    return state_;
  }
  void reset() {
    rsi_.reset();
    state_ = 0.0;
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }

 private:
  static const params_type& check(const params_type& p) {
    constexpr const char* fn = "quantkit::strategies::rsi_reversion";
    require(p.oversold >= 0.0 && p.oversold <= p.exit, fn, "oversold", p.oversold,
            "must be in [0, exit]");
    require(p.exit <= p.overbought && p.overbought <= 100.0, fn, "overbought", p.overbought,
            "must be in [exit, 100]");
    return p;
  }
  params_type p_;
  indicators::rsi rsi_;
  double state_ = 0.0;
};

static_assert(TargetStrategy<rsi_reversion>);

}  // namespace quantkit::strategies
