// SPDX-License-Identifier: MIT
// quantkit/strategies/filters.hpp - filters and quality gates that veto a strategy's signals
#pragma once

#include "../core/error.hpp"
#include "../core/time.hpp"
#include "../indicators/sma.hpp"
#include "../indicators/stddev.hpp"
#include "concepts.hpp"
#include "signal.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

namespace quantkit::strategies {

/// A filter sees every bar (to keep its own state current) and says whether a signal may act:
/// `allows(bar, context, signal) -> bool`, `reset()`.
template <class F>
concept Filter = std::copyable<F> && requires(F& f, const bar& b, const context& c, double s) {
  { f.allows(b, c, s) } -> std::convertible_to<bool>;
  f.reset();
};

/// What a vetoed signal becomes.
enum class block_action {
  hold,  ///< keep the current position (entries and additions are blocked, exits still pass)
  flat,  ///< go flat
};

/// A strategy whose signals pass through filters (multi-stage quality gates): when any filter
/// refuses, the signal becomes "hold" (NaN) or flat (0) per `action`; a flat signal (an exit) is
/// never blocked under `hold`. Every filter sees every bar. Compile-time composition, no virtual
/// call.
template <TargetStrategy S, Filter... Fs>
class filtered {
 public:
  explicit filtered(S strategy, Fs... filters)
      : filtered(block_action::hold, std::move(strategy), std::move(filters)...) {}
  filtered(block_action action, S strategy, Fs... filters)
      : action_(action), strategy_(std::move(strategy)), filters_(std::move(filters)...) {}

  double on_bar(const bar& b, const context& ctx) {
    const double s = static_cast<double>(strategy_.on_bar(b, ctx));
    // Every filter sees the bar (unsigned &, no short-circuit); any refusal vetoes.
    const unsigned ok = std::apply(
        [&](auto&... f) {
          return (static_cast<unsigned>(static_cast<bool>(f.allows(b, ctx, s))) & ... & 1U);
        },
        filters_);
    last_blocked_ = ok == 0U;
    if (ok != 0U || std::isnan(s)) return s;
    if (action_ == block_action::flat) return 0.0;
    return s == 0.0 ? 0.0 : detail::nan;
  }
  void reset() {
    strategy_.reset();
    std::apply([](auto&... f) { (f.reset(), ...); }, filters_);
    last_blocked_ = false;
  }
  /// Whether the last bar's signal was vetoed.
  [[nodiscard]] bool blocked() const noexcept { return last_blocked_; }

 private:
  block_action action_;
  S strategy_;
  std::tuple<Fs...> filters_;
  bool last_blocked_ = false;
};

/// Trend filter: longs only while the close is above its SMA(period), shorts only while below.
/// Flat signals always pass. Blocks everything during the SMA's warm-up.
class trend_filter {
 public:
  explicit trend_filter(std::size_t period = 200) : sma_(period) {}
  bool allows(const bar& b, const context&, double signal) {
    const double m = sma_.update(b.close);
    if (!(signal != 0.0) || std::isnan(signal)) return true;
    if (!sma_.ready()) return false;
    return signal > 0.0 ? b.close > m : b.close < m;
  }
  void reset() { sma_.reset(); }

 private:
  indicators::sma sma_;
};

/// Volatility filter: lets signals act only while the rolling standard deviation (population,
/// `period` close-to-close log returns, per bar) is within [min_vol, max_vol]. Blocks during the
/// warm-up. Throws invalid_argument unless 0 <= min_vol <= max_vol.
class volatility_filter {
 public:
  volatility_filter(std::size_t period, double min_vol, double max_vol)
      : sd_(period), min_(min_vol), max_(max_vol) {
    require(min_vol >= 0.0 && min_vol <= max_vol, "quantkit::strategies::volatility_filter",
            "min_vol", min_vol, "must be in [0, max_vol]");
  }
  bool allows(const bar& b, const context&, double) {
    if (prev_ > 0.0) sd_.update(std::log(b.close / prev_));
    prev_ = b.close;
    if (!sd_.ready()) return false;
    const double v = sd_.value();
    return v >= min_ && v <= max_;
  }
  void reset() {
    sd_.reset();
    prev_ = 0.0;
  }

 private:
  indicators::stddev sd_;
  double min_;
  double max_;
  double prev_ = 0.0;
};

/// Time-of-day filter: signals act only when the bar's UTC time of day is in [start, end)
/// (wrapping past midnight when start > end) and its weekday is in `weekdays` (bit 0 = Monday ...
/// bit 6 = Sunday; default Monday-Friday). Add a fixed UTC offset to express exchange local time.
class time_of_day_filter {
 public:
  time_of_day_filter(duration start, duration end, std::uint8_t weekdays = 0b0011111,
                     duration utc_offset = 0)
      : start_(start), end_(end), days_(weekdays), offset_(utc_offset) {
    constexpr const char* fn = "quantkit::strategies::time_of_day_filter";
    require(start >= 0 && start < nanoseconds_per_day, fn, "start", start,
            "must be a time of day in [0, 24h)");
    require(end >= 0 && end <= nanoseconds_per_day, fn, "end", end,
            "must be a time of day in [0, 24h]");
  }
  bool allows(const bar& b, const context&, double) const noexcept {
    const timestamp local = b.time + offset_;
    if (((days_ >> day_of_week(local)) & 1U) == 0) return false;
    const duration tod = time_of_day(local);
    return start_ <= end_ ? (tod >= start_ && tod < end_) : (tod >= start_ || tod < end_);
  }
  void reset() noexcept {}

 private:
  duration start_;
  duration end_;
  std::uint8_t days_;
  duration offset_;
};

/// Event-calendar blackout: signals are vetoed while a bar's time falls in any [start, end)
/// window (earnings, central-bank days). Windows are sorted at construction (they may overlap);
/// each bar costs O(1) amortized (the cursor only moves forward; reset() rewinds it).
class blackout_filter {
 public:
  struct window {
    timestamp start = 0;
    timestamp end = 0;
  };
  explicit blackout_filter(std::vector<window> windows) : w_(std::move(windows)) {
    for (const auto& x : w_) {
      require(x.end > x.start, "quantkit::strategies::blackout_filter", "windows", x.end,
              "each window must have end > start");
    }
    std::sort(w_.begin(), w_.end(),
              [](const window& a, const window& b) { return a.start < b.start; });
  }
  bool allows(const bar& b, const context&, double) noexcept {
    while (k_ < w_.size() && w_[k_].end <= b.time) ++k_;
    return !(k_ < w_.size() && w_[k_].start <= b.time);
  }
  void reset() noexcept { k_ = 0; }

 private:
  std::vector<window> w_;
  std::size_t k_ = 0;
};

/// A quality gate from any predicate: vetoes the signal when `pred(bar, context, signal)` is true.
template <class Pred>
class veto_if {
 public:
  explicit veto_if(Pred pred) : pred_(std::move(pred)) {}
  bool allows(const bar& b, const context& ctx, double s) {
    return !static_cast<bool>(pred_(b, ctx, s));
  }
  void reset() {
    if constexpr (requires(Pred & p) { p.reset(); }) pred_.reset();
  }

 private:
  Pred pred_;
};

static_assert(Filter<trend_filter>);
static_assert(Filter<volatility_filter>);
static_assert(Filter<time_of_day_filter>);
static_assert(Filter<blackout_filter>);

}  // namespace quantkit::strategies
