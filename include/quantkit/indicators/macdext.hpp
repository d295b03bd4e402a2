// SPDX-License-Identifier: MIT
// quantkit/indicators/macdext.hpp - MACD with a moving-average type per line (TA-Lib MACDEXT)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "ma.hpp"
#include "macd.hpp"

#include <algorithm>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of macdext.
struct macdext_params {
  std::size_t fast_period = 12;        ///< 2..100000
  ma_type fast_type = ma_type::sma;    ///< TA-Lib MAType of the fast average
  std::size_t slow_period = 26;        ///< 2..100000 (swapped with fast, type included, if smaller)
  ma_type slow_type = ma_type::sma;    ///< TA-Lib MAType of the slow average
  std::size_t signal_period = 9;       ///< 1..100000
  ma_type signal_type = ma_type::sma;  ///< TA-Lib MAType of the signal line
  friend constexpr bool operator==(const macdext_params&, const macdext_params&) = default;
};

/// MACD with a moving-average type per line: MACD = MA_fast(x) - MA_slow(x),
/// signal = MA_signal(MACD), hist = MACD - signal.
///
/// Convention (TA-Lib MACDEXT): TA-Lib starts both averages at the later of their first outputs,
/// so the average with the shorter lookback starts late, skipping the first
/// |ma_lookback(fast) - ma_lookback(slow)| inputs (this changes EMA-type seeds; macdext
/// reproduces it). SMA by default for every line (TA-Lib's
/// defaults). Warm-up: max(ma_lookback(fast), ma_lookback(slow)) + ma_lookback(signal).
/// NaN rule: a non-finite input returns NaN (all fields) and is skipped. Throws invalid_argument
/// for fast or slow outside 2..100000, signal outside 1..100000 or an invalid type. O(1) per
/// update.
class macdext {
 public:
  using params_type = macdext_params;
  using input_type = double;
  using value_type = macd_value;

  macdext() : macdext(params_type{}) {}
  explicit macdext(const params_type& p) : macdext(check(p), p.slow_period < p.fast_period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return value_type{};
    const double f = count_ >= fast_delay_ ? fast_.update(x) : detail::nan;
    const double s = count_ >= slow_delay_ ? slow_.update(x) : detail::nan;
    if (count_ < largest_) ++count_;
    if (!fast_.ready() || !slow_.ready()) return value_;
    const double m = f - s;
    const double sig = signal_.update(m);
    if (signal_.ready()) value_ = {m, sig, m - sig};
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return signal_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return largest_ + signal_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    fast_.reset();
    slow_.reset();
    signal_.reset();
    count_ = 0;
    value_ = value_type{};
  }

 private:
  macdext(const params_type& p, bool swap)
      : p_(p),
        fast_params_{swap ? p.slow_period : p.fast_period, swap ? p.slow_type : p.fast_type},
        slow_params_{swap ? p.fast_period : p.slow_period, swap ? p.fast_type : p.slow_type},
        largest_(std::max(ma_lookback(fast_params_.period, fast_params_.type),
                          ma_lookback(slow_params_.period, slow_params_.type))),
        fast_delay_(largest_ - ma_lookback(fast_params_.period, fast_params_.type)),
        slow_delay_(largest_ - ma_lookback(slow_params_.period, slow_params_.type)),
        fast_(fast_params_),
        slow_(slow_params_),
        signal_(p.signal_period, p.signal_type) {}
  static const params_type& check(const params_type& p) {
    constexpr auto name = "quantkit::indicators::macdext";
    detail::require_period(p.fast_period, name, "fast_period");
    detail::require_period(p.slow_period, name, "slow_period");
    detail::require_period(p.signal_period, name, "signal_period", 1);
    detail::require_ma_type(p.fast_type, name, "fast_type");
    detail::require_ma_type(p.slow_type, name, "slow_type");
    detail::require_ma_type(p.signal_type, name, "signal_type");
    return p;
  }
  params_type p_;
  ma_params fast_params_;
  ma_params slow_params_;
  std::size_t largest_;     // the later first output of the two averages
  std::size_t fast_delay_;  // inputs the fast average skips
  std::size_t slow_delay_;  // inputs the slow average skips
  ma fast_;
  ma slow_;
  ma signal_;
  std::size_t count_ = 0;  // finite inputs, saturating at largest_
  value_type value_{};
};

static_assert(ScalarIndicator<macdext>);

}  // namespace quantkit::indicators
