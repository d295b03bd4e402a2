// SPDX-License-Identifier: MIT
// quantkit/strategies/bollinger.hpp - Bollinger band breakout and reversion
#pragma once

#include "../core/error.hpp"
#include "../indicators/sma.hpp"
#include "../indicators/stddev.hpp"
#include "concepts.hpp"
#include "signal.hpp"

#include <cstddef>

namespace quantkit::strategies {

enum class band_mode {
  breakout,   ///< long above the upper band, short below the lower, out at the middle
  reversion,  ///< long below the lower band, short above the upper, out at the middle
};

/// Parameters of bollinger.
struct bollinger_params {
  std::size_t period = 20;
  double k = 2.0;  ///< band width in population standard deviations (TA-Lib BBANDS convention)
  band_mode mode = band_mode::reversion;
  direction side = direction::long_only;
  friend constexpr bool operator==(const bollinger_params&, const bollinger_params&) = default;
};

/// Bollinger bands (middle = SMA(n), bands = middle +- k x population stddev(n), as TA-Lib's
/// BBANDS with MAType SMA). Breakout: enter with the move beyond a band; reversion: fade it.
/// Both exit when the close crosses the middle band. Exposure -1, 0 or 1; 0 during the warm-up.
/// Throws invalid_argument for period < 2 or k <= 0. O(1) per bar.
class bollinger {
 public:
  using params_type = bollinger_params;

  bollinger() : bollinger(params_type{}) {}
  explicit bollinger(const params_type& p) : p_(check(p)), mid_(p.period), sd_(p.period, p.k) {}

  double on_bar(const bar& b, const context&) {
    const double m = mid_.update(b.close);
    const double w = sd_.update(b.close);
    if (!mid_.ready()) return 0.0;
    const double c = b.close;
    if (state_ > 0.0 && (p_.mode == band_mode::breakout ? c < m : c > m)) state_ = 0.0;
    if (state_ < 0.0 && (p_.mode == band_mode::breakout ? c > m : c < m)) state_ = 0.0;
    if (state_ == 0.0) {
      const bool above = c > m + w;
      const bool below = c < m - w;
      double s = 0.0;
      if (p_.mode == band_mode::breakout)
        s = above ? 1.0 : (below ? -1.0 : 0.0);
      else
        s = below ? 1.0 : (above ? -1.0 : 0.0);
      state_ = detail::restrict_to(s, p_.side);
    }
    return state_;
  }
  void reset() {
    mid_.reset();
    sd_.reset();
    state_ = 0.0;
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }

 private:
  static const params_type& check(const params_type& p) {
    require(p.period >= 2, "quantkit::strategies::bollinger", "period", p.period, "must be >= 2");
    require(p.k > 0.0 && p.k - p.k == 0.0, "quantkit::strategies::bollinger", "k", p.k,
            "must be finite and > 0");
    return p;
  }
  params_type p_;
  indicators::sma mid_;
  indicators::stddev sd_;
  double state_ = 0.0;
};

static_assert(TargetStrategy<bollinger>);

}  // namespace quantkit::strategies
