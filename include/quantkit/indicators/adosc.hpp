// SPDX-License-Identifier: MIT
// quantkit/indicators/adosc.hpp - Chaikin A/D oscillator (TA-Lib ADOSC), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "chaikin_ad.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <algorithm>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of adosc.
struct adosc_params {
  std::size_t fast_period = 3;   ///< 2..100000
  std::size_t slow_period = 10;  ///< 2..100000
  friend constexpr bool operator==(const adosc_params&, const adosc_params&) = default;
};

/// Chaikin A/D oscillator (Marc Chaikin; TA-Lib ADOSC): EMA_fast(AD) - EMA_slow(AD) of the
/// accumulation/distribution line of chaikin_ad, k = 2 / (p + 1).
///
/// Convention (TA-Lib): unlike TA-Lib's EMA, both averages start at the first AD value (no SMA
/// seed) and are evaluated as k AD + (1 - k) EMA, TA-Lib's ADOSC formula; the first output comes
/// after max(fast, slow) - 1 bars. The periods need not be ordered (TA-Lib does not require it).
/// Warm-up: max(fast, slow) - 1 bars. NaN rule: a bar with a non-finite high, low, close or volume
/// returns NaN and is skipped. Throws invalid_argument for a period outside 2..100000. O(1).
class adosc {
 public:
  using params_type = adosc_params;
  using input_type = bar;
  using value_type = double;

  adosc() : adosc(params_type{}) {}
  adosc(std::size_t fast_period, std::size_t slow_period)
      : adosc(params_type{.fast_period = fast_period, .slow_period = slow_period}) {}
  explicit adosc(const params_type& p)
      : p_(check(p)),
        fast_k_(2.0 / (static_cast<double>(p.fast_period) + 1.0)),
        slow_k_(2.0 / (static_cast<double>(p.slow_period) + 1.0)),
        fast_rest_(1.0 - fast_k_),
        slow_rest_(1.0 - slow_k_),
        warmup_(std::max(p.fast_period, p.slow_period) - 1) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close, b.volume)) return detail::nan;
    const double ad = ad_.update(b);
    if (count_ == 0) {
      fast_ = ad;
      slow_ = ad;
    } else {
      fast_ = (fast_k_ * ad) + (fast_rest_ * fast_);
      slow_ = (slow_k_ * ad) + (slow_rest_ * slow_);
    }
    if (count_ < warmup_) {
      ++count_;
      return value_;
    }
    count_ = warmup_ + 1;
    value_ = fast_ - slow_;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return count_ > warmup_; }
  [[nodiscard]] std::size_t warmup() const noexcept { return warmup_; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    count_ = 0;
    ad_.reset();
    fast_ = slow_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.fast_period, "quantkit::indicators::adosc", "fast_period");
    detail::require_period(p.slow_period, "quantkit::indicators::adosc", "slow_period");
    return p;
  }
  params_type p_;
  double fast_k_;
  double slow_k_;
  double fast_rest_;  // 1 - k, precomputed as TA-Lib does
  double slow_rest_;
  std::size_t warmup_;
  std::size_t count_ = 0;  // finite bars seen, saturating at warmup + 1
  chaikin_ad ad_;
  double fast_ = 0.0;
  double slow_ = 0.0;
  double value_ = detail::nan;
};

static_assert(BarIndicator<adosc>);

}  // namespace quantkit::indicators
