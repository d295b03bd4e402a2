// SPDX-License-Identifier: MIT
// quantkit/indicators/rsi.hpp - relative strength index (TA-Lib RSI, Wilder), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of rsi.
struct rsi_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const rsi_params&, const rsi_params&) = default;
};

/// Relative strength index (Wilder 1978): RSI = 100 * G / (G + L), where G and L are Wilder's
/// averages of the gains and losses of consecutive inputs.
///
/// Convention (TA-Lib RSI, default compatibility): G and L start as the plain means of the first n
/// changes (n + 1 inputs), then G_t = (G_{t-1} (n - 1) + gain_t) / n, evaluated in TA-Lib's order
/// (multiply, add, divide). When G + L is zero in TA-Lib's sense (|G + L| < 1e-14, an absolute
/// threshold) the output is 0, as in TA-Lib. Warm-up: n inputs. NaN rule: a non-finite input
/// returns NaN and is skipped (the next change is measured from the last finite input).
/// Throws invalid_argument for a period outside 2..100000. O(1) per update and memory.
class rsi {
 public:
  using params_type = rsi_params;
  using input_type = double;
  using value_type = double;

  rsi() : rsi(params_type{}) {}
  explicit rsi(std::size_t period) : rsi(params_type{.period = period}) {}
  explicit rsi(const params_type& p) : p_(check(p)), n_(static_cast<double>(p.period)) {}

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    if (count_ == 0) {
      prev_ = x;
      ++count_;
      return value_;
    }
    const double change = x - prev_;
    prev_ = x;
    if (count_ <= p_.period) {
      if (change < 0.0) {
        loss_ -= change;
      } else {
        gain_ += change;
      }
      if (count_++ < p_.period) return value_;
      loss_ /= n_;
      gain_ /= n_;
    } else {
      loss_ *= n_ - 1.0;
      gain_ *= n_ - 1.0;
      if (change < 0.0) {
        loss_ -= change;
      } else {
        gain_ += change;
      }
      loss_ /= n_;
      gain_ /= n_;
    }
    const double total = gain_ + loss_;
    value_ = detail::talib_is_zero(total) ? 0.0 : 100.0 * (gain_ / total);
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return count_ > p_.period; }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  /// Wilder's average gain and loss (valid when ready()).
  [[nodiscard]] double average_gain() const noexcept { return gain_; }
  [[nodiscard]] double average_loss() const noexcept { return loss_; }
  void reset() noexcept {
    count_ = 0;
    prev_ = 0.0;
    gain_ = 0.0;
    loss_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::rsi");
    return p;
  }
  params_type p_;
  double n_;
  std::size_t count_ = 0;  // finite inputs seen, saturating at period + 1
  double prev_ = 0.0;
  double gain_ = 0.0;
  double loss_ = 0.0;
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<rsi>);

}  // namespace quantkit::indicators
