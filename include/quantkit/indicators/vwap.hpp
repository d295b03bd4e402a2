// SPDX-License-Identifier: MIT
// quantkit/indicators/vwap.hpp - volume-weighted average price, session-anchored or rolling
#pragma once

#include "../core/bar.hpp"
#include "../core/time.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"
#include "detail/rolling_moments.hpp"

#include <cstddef>
#include <cstdint>

namespace quantkit::indicators {

/// What a vwap averages over.
enum class vwap_anchor {
  session,  ///< every bar since the start of the current session (resets at each new session)
  rolling,  ///< the last `period` bars
};

/// Parameters of vwap.
struct vwap_params {
  vwap_anchor anchor = vwap_anchor::session;      ///< session-anchored (default) or rolling
  duration session_length = nanoseconds_per_day;  ///< session grid step, >= 1 ns (session mode)
  duration session_offset = 0;  ///< session start within the grid, UTC (session mode)
  std::size_t period = 20;      ///< window in bars, 1..100000 (rolling mode)
  friend constexpr bool operator==(const vwap_params&, const vwap_params&) = default;
};

/// Volume-weighted average price of the typical price: VWAP = sum(tp_i v_i) / sum(v_i), with
/// tp = (high + low + close) / 3 and v the bar's volume (no TA-Lib counterpart; the usual
/// definition, e.g. Berkowitz, Logue and Noser (1988), J. Finance 43(1), on bar data).
///
/// Session mode: the sums run over the bars of the current session; bar t belongs to session
/// floor((time - session_offset) / session_length), a fixed UTC grid (no daylight-saving shift:
/// for exchange-local days pass the exchange's UTC offset), and a bar whose session differs from
/// the previous finite bar's starts a new one. Warm-up 0. Rolling mode: the last `period` bars,
/// timestamps unused, warm-up period - 1. A window or session without volume gives NaN (0/0).
/// NaN rule on high, low, close, volume. Throws invalid_argument for session_length < 1 or a
/// period outside 1..100000. O(1) amortized per update.
class vwap {
 public:
  using params_type = vwap_params;
  using input_type = bar;
  using value_type = double;

  vwap() : vwap(params_type{}) {}
  explicit vwap(const params_type& p)
      : p_(check(p)), pv_(p.period), v_(p.period), traded_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close, b.volume)) return detail::nan;
    const double tp = (b.high + b.low + b.close) / 3.0;
    if (p_.anchor == vwap_anchor::session) {
      const std::int64_t s = floor_div(b.time - p_.session_offset, p_.session_length);
      if (!started_ || s != session_) {
        session_ = s;
        started_ = true;
        sum_pv_ = 0.0;
        sum_v_ = 0.0;
      }
      sum_pv_ += tp * b.volume;
      sum_v_ += b.volume;
      value_ = sum_v_ != 0.0 ? sum_pv_ / sum_v_ : detail::nan;
      return value_;
    }
    pv_.push(tp * b.volume);
    v_.push(b.volume);
    // Non-zero volumes in the window, counted exactly: "no volume" must not depend on rounding.
    const std::uint8_t traded = b.volume != 0.0 ? 1 : 0;
    std::uint8_t left = 0;
    if (traded_.push(traded, left)) nonzero_ -= left;
    nonzero_ += traded;
    if (!v_.full()) return value_;
    value_ = nonzero_ > 0 ? pv_.mean() / v_.mean() : detail::nan;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept {
    return p_.anchor == vwap_anchor::session ? started_ : v_.full();
  }
  [[nodiscard]] std::size_t warmup() const noexcept {
    return p_.anchor == vwap_anchor::session ? 0 : p_.period - 1;
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    started_ = false;
    session_ = 0;
    sum_pv_ = sum_v_ = 0.0;
    pv_.clear();
    v_.clear();
    traded_.clear();
    nonzero_ = 0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    require(p.session_length >= 1, "quantkit::indicators::vwap", "session_length", p.session_length,
            "must be >= 1 ns");
    detail::require_period(p.period, "quantkit::indicators::vwap", "period", 1);
    return p;
  }
  params_type p_;
  bool started_ = false;
  std::int64_t session_ = 0;
  double sum_pv_ = 0.0;
  double sum_v_ = 0.0;
  detail::rolling_moments pv_;
  detail::rolling_moments v_;
  detail::ring_buffer<std::uint8_t> traded_;  // 1 where the window's volume is non-zero
  std::size_t nonzero_ = 0;
  double value_ = detail::nan;
};

static_assert(BarIndicator<vwap>);

}  // namespace quantkit::indicators
