// SPDX-License-Identifier: MIT
// quantkit/indicators/macd.hpp - moving average convergence/divergence (TA-Lib MACD)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "ema.hpp"

#include <algorithm>
#include <cstddef>

namespace quantkit::indicators {

/// Outputs of macd, macdext and macdfix.
struct macd_value {
  double macd = detail::nan;    ///< fast average - slow average
  double signal = detail::nan;  ///< average of the MACD line
  double hist = detail::nan;    ///< macd - signal
};

namespace detail {
/// The MACD lines over two EMAs: TA-Lib computes both EMAs from the slow one's first output on,
/// so the fast EMA is seeded with the SMA of the `delay` + fast inputs ending there, i.e. it
/// skips the first `delay` = slow - fast inputs. `signal` is an EMA of the MACD line.
class macd_lines {
 public:
  macd_lines(const ema_params& fast, const ema_params& slow, std::size_t signal_period)
      : fast_(fast), slow_(slow), signal_(signal_period), delay_(slow.period - fast.period) {}

  macd_value update(double x) noexcept {
    const double s = slow_.update(x);
    double f = nan;
    if (count_ >= delay_) {
      f = fast_.update(x);
    } else {
      ++count_;
    }
    if (!slow_.ready()) return value_;
    const double m = f - s;
    const double sig = signal_.update(m);
    if (signal_.ready()) value_ = {m, sig, m - sig};
    return value_;
  }
  [[nodiscard]] macd_value value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return signal_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return slow_.warmup() + signal_.warmup(); }
  void reset() noexcept {
    fast_.reset();
    slow_.reset();
    signal_.reset();
    count_ = 0;
    value_ = macd_value{};
  }

 private:
  ema fast_;
  ema slow_;
  ema signal_;
  std::size_t delay_;
  std::size_t count_ = 0;  // finite inputs, saturating at delay_
  macd_value value_{};
};
}  // namespace detail

/// Parameters of macd.
struct macd_params {
  std::size_t fast_period = 12;   ///< 2..100000
  std::size_t slow_period = 26;   ///< 2..100000 (swapped with fast if smaller, as in TA-Lib)
  std::size_t signal_period = 9;  ///< 1..100000
  friend constexpr bool operator==(const macd_params&, const macd_params&) = default;
};

/// Moving average convergence/divergence (Appel, 1979): MACD = EMA_fast(x) - EMA_slow(x),
/// signal = EMA_signal(MACD), hist = MACD - signal.
///
/// Convention (TA-Lib MACD, a TA-Lib-specific quirk replicated): TA-Lib starts the fast EMA where
/// the slow one starts, so the fast EMA is seeded with the SMA of the fast_period inputs ending at
/// input slow_period (it ignores the first slow - fast inputs); the signal EMA is seeded with the
/// SMA of the first signal_period MACD values. Warm-up: (slow - 1) + (signal - 1) inputs.
/// NaN rule: a non-finite input returns NaN (all fields) and is skipped. Throws invalid_argument
/// for fast or slow outside 2..100000 or signal outside 1..100000. O(1) per update and memory.
class macd {
 public:
  using params_type = macd_params;
  using input_type = double;
  using value_type = macd_value;

  macd() : macd(params_type{}) {}
  macd(std::size_t fast_period, std::size_t slow_period, std::size_t signal_period)
      : macd(params_type{.fast_period = fast_period,
                         .slow_period = slow_period,
                         .signal_period = signal_period}) {}
  explicit macd(const params_type& p)
      : p_(check(p)),
        lines_({.period = std::min(p.fast_period, p.slow_period)},
               {.period = std::max(p.fast_period, p.slow_period)}, p.signal_period) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return value_type{};
    return lines_.update(x);
  }

  [[nodiscard]] value_type value() const noexcept { return lines_.value(); }
  [[nodiscard]] bool ready() const noexcept { return lines_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return lines_.warmup(); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept { lines_.reset(); }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.fast_period, "quantkit::indicators::macd", "fast_period");
    detail::require_period(p.slow_period, "quantkit::indicators::macd", "slow_period");
    detail::require_period(p.signal_period, "quantkit::indicators::macd", "signal_period", 1);
    return p;
  }
  params_type p_;
  detail::macd_lines lines_;
};

static_assert(ScalarIndicator<macd>);

}  // namespace quantkit::indicators
