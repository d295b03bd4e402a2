// SPDX-License-Identifier: MIT
// quantkit/indicators/realized_volatility.hpp - rolling realized volatility estimators: close-to-
// close, Parkinson, Garman-Klass, Rogers-Satchell, Yang-Zhang
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/rolling_moments.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// The variance estimator of realized_volatility (docs/indicators.md has the formulas).
enum class volatility_estimator {
  close_to_close,   ///< sample variance of log close-to-close returns
  parkinson,        ///< Parkinson (1980), high-low range
  garman_klass,     ///< Garman and Klass (1980), OHLC
  rogers_satchell,  ///< Rogers and Satchell (1991), OHLC, drift-independent
  yang_zhang,       ///< Yang and Zhang (2000), overnight + open-to-close + Rogers-Satchell
};

/// Parameters of realized_volatility.
struct realized_volatility_params {
  std::size_t period = 20;       ///< N, bars in the window, 2..100000
  double annualization = 252.0;  ///< bars per year A: the output is sqrt(A * per-bar variance)
  volatility_estimator estimator = volatility_estimator::close_to_close;
  friend constexpr bool operator==(const realized_volatility_params&,
                                   const realized_volatility_params&) = default;
};

/// Rolling realized volatility over the last N bars, annualized: sqrt(A * var), var the per-bar
/// variance of the chosen estimator (one type with an estimator enum: same window, inputs and
/// contract). close_to_close: sample variance of ln(C_t / C_{t-1}); parkinson: mean ln(H/L)^2 /
/// (4 ln 2); garman_klass: mean 0.5 ln(H/L)^2 - (2 ln 2 - 1) ln(C/O)^2; rogers_satchell: mean
/// u (u - c) + d (d - c), u = ln(H/O), d = ln(L/O), c = ln(C/O); yang_zhang: V_o + k V_c + (1 - k)
/// V_rs, sample variances of ln(O_t / C_{t-1}) and c, k = 0.34 / (1.34 + (N + 1) / (N - 1))
/// (papers and details: docs/indicators.md). Warm-up: N bars for close_to_close and yang_zhang
/// (they need the previous close), N - 1 otherwise. NaN rule on the prices used; a non-positive
/// price counts as invalid. Throws invalid_argument for a period outside 2..100000 or a
/// non-finite or non-positive A. O(1) amortized per update (detail::rolling_moments), O(N) memory.
class realized_volatility {
 public:
  using params_type = realized_volatility_params;
  using input_type = bar;
  using value_type = double;

  realized_volatility() : realized_volatility(params_type{}) {}
  explicit realized_volatility(std::size_t period, volatility_estimator estimator,
                               double annualization = 252.0)
      : realized_volatility(params_type{
            .period = period, .annualization = annualization, .estimator = estimator}) {}
  explicit realized_volatility(const params_type& p)
      : p_(check(p)),
        k_(0.34 /
           (1.34 + (static_cast<double>(p.period) + 1.0) / (static_cast<double>(p.period) - 1.0))),
        a_(p.period),
        b_(p.estimator == volatility_estimator::yang_zhang ? p.period : 1),
        c_(p.estimator == volatility_estimator::yang_zhang ? p.period : 1) {}

  value_type update(const bar& b) noexcept {
    switch (p_.estimator) {
      case volatility_estimator::close_to_close: {
        if (!valid(b.close)) return detail::nan;
        if (!has_prev_) return first(b.close);
        a_.push(std::log(b.close / prev_close_));
        prev_close_ = b.close;
        if (a_.full()) value_ = annualize(a_.sample_variance());
        return value_;
      }
      case volatility_estimator::parkinson: {
        if (!valid(b.high) || !valid(b.low)) return detail::nan;
        const double hl = std::log(b.high / b.low);
        a_.push(hl * hl);
        if (a_.full()) value_ = annualize(a_.mean() / (4.0 * ln2));
        return value_;
      }
      case volatility_estimator::garman_klass: {
        if (!valid(b.open) || !valid(b.high) || !valid(b.low) || !valid(b.close)) {
          return detail::nan;
        }
        const double hl = std::log(b.high / b.low);
        const double co = std::log(b.close / b.open);
        a_.push(0.5 * hl * hl - (2.0 * ln2 - 1.0) * co * co);
        if (a_.full()) value_ = annualize(a_.mean());
        return value_;
      }
      case volatility_estimator::rogers_satchell: {
        if (!valid(b.open) || !valid(b.high) || !valid(b.low) || !valid(b.close)) {
          return detail::nan;
        }
        a_.push(rogers_satchell_term(b, std::log(b.close / b.open)));
        if (a_.full()) value_ = annualize(a_.mean());
        return value_;
      }
      case volatility_estimator::yang_zhang: {
        if (!valid(b.open) || !valid(b.high) || !valid(b.low) || !valid(b.close)) {
          return detail::nan;
        }
        if (!has_prev_) return first(b.close);
        a_.push(std::log(b.open / prev_close_));
        const double c = std::log(b.close / b.open);
        b_.push(c);
        c_.push(rogers_satchell_term(b, c));
        prev_close_ = b.close;
        if (a_.full()) {
          value_ =
              annualize(a_.sample_variance() + k_ * b_.sample_variance() + (1.0 - k_) * c_.mean());
        }
        return value_;
      }
    }
    return detail::nan;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return a_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept {
    return needs_previous_close() ? p_.period : p_.period - 1;
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// Yang and Zhang's weight k of the open-to-close variance for this window.
  [[nodiscard]] double yang_zhang_k() const noexcept { return k_; }
  void reset() noexcept {
    a_.clear();
    b_.clear();
    c_.clear();
    has_prev_ = false;
    prev_close_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static constexpr double ln2 = 0.69314718055994530942;
  static bool valid(double price) noexcept { return price > 0.0 && detail::finite(price); }
  // u (u - c) + d (d - c) with u = ln(H/O), d = ln(L/O), c = ln(C/O): three logarithms instead
  // of the four of ln(H/C) ln(H/O) + ln(L/C) ln(L/O), the same value to ~1e-16 absolute.
  static double rogers_satchell_term(const bar& b, double c) noexcept {
    const double u = std::log(b.high / b.open);
    const double d = std::log(b.low / b.open);
    return u * (u - c) + d * (d - c);
  }
  [[nodiscard]] bool needs_previous_close() const noexcept {
    return p_.estimator == volatility_estimator::close_to_close ||
           p_.estimator == volatility_estimator::yang_zhang;
  }
  double first(double close) noexcept {
    prev_close_ = close;
    has_prev_ = true;
    return value_;
  }
  [[nodiscard]] double annualize(double variance) const noexcept {
    return variance > 0.0 ? std::sqrt(p_.annualization * variance) : 0.0;
  }
  static const params_type& check(const params_type& p) {
    constexpr const char* name = "quantkit::indicators::realized_volatility";
    detail::require_period(p.period, name);
    require(p.annualization > 0.0 && detail::finite(p.annualization), name, "annualization",
            p.annualization, "must be finite and > 0");
    return p;
  }
  params_type p_;
  double k_;
  detail::rolling_moments a_;  // the estimator's terms (Yang-Zhang: overnight returns)
  detail::rolling_moments b_;  // Yang-Zhang: open-to-close returns
  detail::rolling_moments c_;  // Yang-Zhang: Rogers-Satchell terms
  bool has_prev_ = false;
  double prev_close_ = 0.0;
  double value_ = detail::nan;
};

static_assert(BarIndicator<realized_volatility>);

}  // namespace quantkit::indicators
