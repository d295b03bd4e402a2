// SPDX-License-Identifier: MIT
// quantkit/indicators/willr.hpp - Williams' %R (TA-Lib WILLR), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>
#include <vector>

namespace quantkit::indicators {

/// Parameters of willr.
struct willr_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const willr_params&, const willr_params&) = default;
};

/// Williams' %R (Larry Williams, 1973; TA-Lib WILLR): %R = -100 (HH - close) / (HH - LL) over the
/// highest high HH and lowest low LL of the last n bars; it runs from -100 to 0.
///
/// Convention (TA-Lib 0.6.4): evaluated as (HH - close) / ((HH - LL) / -100), TA-Lib's order; an
/// exactly zero range gives 0 (TA-Lib's exact test). Warm-up: n - 1 bars. NaN rule: a bar with a
/// non-finite high, low or close returns NaN and is skipped. Throws invalid_argument for a period
/// outside 2..100000. O(1) amortized per update (TA-Lib's tracked extreme, rescanning the window
/// only when it leaves), O(n) memory.
class willr {
 public:
  using params_type = willr_params;
  using input_type = bar;
  using value_type = double;

  willr() : willr(params_type{}) {}
  explicit willr(std::size_t period) : willr(params_type{.period = period}) {}
  explicit willr(const params_type& p)
      : p_(check(p)), highs_(p.period, 0.0), lows_(p.period, 0.0) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    const std::size_t n = highs_.size();
    highs_[slot_] = b.high;
    lows_[slot_] = b.low;
    slot_ = slot_ + 1 == n ? 0 : slot_ + 1;  // now the oldest bar once the window is full
    if (count_ < n) {
      if (++count_ < n) return value_;
      rescan_high();
      rescan_low();
    } else {
      // Selects rather than branches for the common step: a new extreme is a coin flip.
      const bool new_high = b.high >= highest_;
      highest_ = new_high ? b.high : highest_;
      high_age_ = new_high ? 0 : high_age_ + 1;
      if (high_age_ >= n) rescan_high();
      const bool new_low = b.low <= lowest_;
      lowest_ = new_low ? b.low : lowest_;
      low_age_ = new_low ? 0 : low_age_ + 1;
      if (low_age_ >= n) rescan_low();
    }
    const double diff = (highest_ - lowest_) / (-100.0);
    value_ = diff != 0.0 ? (highest_ - b.close) / diff : 0.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return count_ == highs_.size(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    slot_ = 0;
    count_ = 0;
    high_age_ = low_age_ = 0;
    highest_ = lowest_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::willr");
    return p;
  }
  // TA-Lib's scheme: track the extreme and its age, rescan the window only when it leaves.
  // The latest extreme is kept on ties (>=), which postpones the next rescan. Amortized O(1) on
  // price data, O(n) worst case per bar; measured faster than a monotonic deque here.
  void rescan_high() noexcept { rescan<true>(highs_, highest_, high_age_); }
  void rescan_low() noexcept { rescan<false>(lows_, lowest_, low_age_); }
  template <bool High>
  void rescan(const std::vector<double>& v, double& extreme, std::size_t& extreme_age) noexcept {
    const std::size_t n = v.size();
    extreme = v[slot_];  // the oldest bar
    extreme_age = n - 1;
    std::size_t age = n - 1;
    const auto visit = [&](double x) {
      --age;
      if (High ? x >= extreme : x <= extreme) {
        extreme = x;
        extreme_age = age;
      }
    };
    for (std::size_t i = slot_ + 1; i < n; ++i) visit(v[i]);
    for (std::size_t i = 0; i < slot_; ++i) visit(v[i]);
  }

  params_type p_;
  std::vector<double> highs_;  // the last n highs and lows, slot_ = the next write position
  std::vector<double> lows_;
  std::size_t slot_ = 0;
  std::size_t count_ = 0;     // bars stored, saturating at n
  std::size_t high_age_ = 0;  // bars since the tracked highest high (0 = the newest bar)
  std::size_t low_age_ = 0;
  double highest_ = 0.0;
  double lowest_ = 0.0;
  double value_ = detail::nan;
};

static_assert(BarIndicator<willr>);

}  // namespace quantkit::indicators
