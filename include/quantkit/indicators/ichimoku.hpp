// SPDX-License-Identifier: MIT
// quantkit/indicators/ichimoku.hpp - Ichimoku Kinko Hyo, streaming without look-ahead
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"
#include "detail/window_extreme.hpp"

#include <algorithm>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of ichimoku (Hosoda's defaults).
struct ichimoku_params {
  std::size_t tenkan = 9;         ///< conversion-line window, 1..100000
  std::size_t kijun = 26;         ///< base-line window, 1..100000
  std::size_t senkou_b = 52;      ///< leading span B window, 1..100000
  std::size_t displacement = 26;  ///< forward shift of the spans, backward of chikou, 0..100000
  friend constexpr bool operator==(const ichimoku_params&, const ichimoku_params&) = default;
};

/// Output of ichimoku at bar t. Every field is known at t; the plot position is in the comment.
struct ichimoku_value {
  double tenkan = detail::nan;    ///< (HH + LL) / 2 over `tenkan` bars; plots at t
  double kijun = detail::nan;     ///< (HH + LL) / 2 over `kijun` bars; plots at t
  double senkou_a = detail::nan;  ///< (tenkan + kijun) / 2 computed at t; plots at t + displacement
  double senkou_b = detail::nan;  ///< (HH + LL) / 2 over `senkou_b` bars at t; plots at t + disp.
  double chikou = detail::nan;    ///< the close of bar t; plots at t - displacement
  double cloud_a = detail::nan;   ///< senkou_a computed at t - displacement: span A plotted at t
  double cloud_b = detail::nan;   ///< senkou_b computed at t - displacement: span B plotted at t
};

/// Ichimoku Kinko Hyo (G. Hosoda, 1969; no TA-Lib counterpart). HH and LL are the highest high
/// and lowest low of the last w bars, the current bar included. The chart shifts the leading
/// spans forward and the lagging span back; a stream cannot output the future, so each value is
/// reported at the bar where it becomes known: senkou_a/b at t are the spans that plot at
/// t + displacement, chikou at t is the close that plots at t - displacement, and cloud_a/b are
/// the spans that plot at t (the cloud a strategy compares the price with). All fields appear
/// together. Warm-up: max(tenkan, kijun, senkou_b) - 1 + displacement bars (77 by default).
/// NaN rule on high, low, close. Throws invalid_argument for a window outside 1..100000 or a
/// displacement above 100000. O(1) amortized per update, O(senkou_b + displacement) memory.
class ichimoku {
 public:
  using params_type = ichimoku_params;
  using input_type = bar;
  using value_type = ichimoku_value;

  ichimoku() : ichimoku(params_type{}) {}
  explicit ichimoku(std::size_t tenkan, std::size_t kijun, std::size_t senkou_b,
                    std::size_t displacement)
      : ichimoku(params_type{
            .tenkan = tenkan, .kijun = kijun, .senkou_b = senkou_b, .displacement = displacement}) {
  }
  explicit ichimoku(const params_type& p)
      : p_(check(p)),
        th_(p.tenkan),
        tl_(p.tenkan),
        kh_(p.kijun),
        kl_(p.kijun),
        bh_(p.senkou_b),
        bl_(p.senkou_b),
        spans_(p.displacement + 1) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return {};
    th_.push(b.high, 0);
    tl_.push(b.low, 0);
    kh_.push(b.high, 0);
    kl_.push(b.low, 0);
    bh_.push(b.high, 0);
    bl_.push(b.low, 0);
    if (!(th_.full() && kh_.full() && bh_.full())) return value_;
    const double tenkan = (th_.value() + tl_.value()) / 2.0;
    const double kijun = (kh_.value() + kl_.value()) / 2.0;
    const span s{(tenkan + kijun) / 2.0, (bh_.value() + bl_.value()) / 2.0};
    spans_.push(s);  // holds the spans of the last displacement + 1 bars: oldest is t - disp.
    if (!spans_.full()) return value_;
    value_ = {tenkan, kijun, s.a, s.b, b.close, spans_.oldest().a, spans_.oldest().b};
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return spans_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept {
    return std::max({p_.tenkan, p_.kijun, p_.senkou_b}) - 1 + p_.displacement;
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    th_.reset();
    tl_.reset();
    kh_.reset();
    kl_.reset();
    bh_.reset();
    bl_.reset();
    spans_.clear();
    value_ = {};
  }

 private:
  struct span {
    double a = 0.0;
    double b = 0.0;
  };
  static const params_type& check(const params_type& p) {
    constexpr const char* name = "quantkit::indicators::ichimoku";
    detail::require_period(p.tenkan, name, "tenkan", 1);
    detail::require_period(p.kijun, name, "kijun", 1);
    detail::require_period(p.senkou_b, name, "senkou_b", 1);
    detail::require_period(p.displacement, name, "displacement", 0);
    return p;
  }
  params_type p_;
  detail::window_extreme<true> th_;
  detail::window_extreme<false> tl_;
  detail::window_extreme<true> kh_;
  detail::window_extreme<false> kl_;
  detail::window_extreme<true> bh_;
  detail::window_extreme<false> bl_;
  detail::ring_buffer<span> spans_;
  value_type value_{};
};

static_assert(BarIndicator<ichimoku>);

}  // namespace quantkit::indicators
