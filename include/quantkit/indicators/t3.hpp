// SPDX-License-Identifier: MIT
// quantkit/indicators/t3.hpp - Tillson T3 moving average (TA-Lib T3), streaming and batch
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"

#include <array>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of t3.
struct t3_params {
  std::size_t period = 5;  ///< n of each of the six EMAs, 2..100000
  double vfactor = 0.7;    ///< volume factor v, 0..1
  friend constexpr bool operator==(const t3_params&, const t3_params&) = default;
};

/// Tillson T3 (Tillson, "Smoothing Techniques for More Accurate Signals", TASC 1998): six chained
/// EMAs e1..e6 with k = 2 / (n + 1), T3 = c1 e6 + c2 e5 + c3 e4 + c4 e3 with c1 = -v^3,
/// c2 = 3 v^2 + 3 v^3, c3 = -6 v^2 - 3 v - 3 v^3, c4 = 1 + 3 v + v^3 + 3 v^2.
///
/// Convention (TA-Lib T3): each EMA is e = k x + (1 - k) e (TA-Lib's form for T3, not the EMA
/// one) seeded with the SMA of the first n values of its input, and the coefficients are computed
/// as TA-Lib does. Warm-up: 6 (n - 1) inputs. NaN rule: a non-finite input returns NaN and is
/// skipped. Throws invalid_argument for a period outside 2..100000 or vfactor outside [0, 1].
/// O(1) per update and memory.
class t3 {
 public:
  using params_type = t3_params;
  using input_type = double;
  using value_type = double;

  t3() : t3(params_type{}) {}
  explicit t3(std::size_t period, double vfactor = 0.7)
      : t3(params_type{.period = period, .vfactor = vfactor}) {}
  explicit t3(const params_type& p) : p_(check(p)) {
    k_ = 2.0 / (static_cast<double>(p.period) + 1.0);
    one_minus_k_ = 1.0 - k_;
    const double v = p.vfactor;
    const double v2 = v * v;
    c1_ = -(v2 * v);
    c2_ = 3.0 * (v2 - c1_);
    c3_ = -6.0 * v2 - 3.0 * (v - c1_);
    c4_ = 1.0 + 3.0 * v - c1_ + 3.0 * v2;
  }

  value_type update(double x) noexcept {
    if (!detail::finite(x)) return detail::nan;
    if (stage_ == 6) {
      step(x, 6);
      value_ = c1_ * e_[5] + c2_ * e_[4] + c3_ * e_[3] + c4_ * e_[2];
      return value_;
    }
    // Warm-up: stage s seeds e_{s+1} with the SMA of n values of e_s (of x for s = 0).
    if (stage_ == 0) {
      sum_ += x;
    } else {
      step(x, stage_);
      sum_ += e_[stage_ - 1];
    }
    const std::size_t needed = stage_ == 0 ? p_.period : p_.period - 1;
    if (++seen_ < needed) return value_;
    e_[stage_] = sum_ / static_cast<double>(p_.period);
    sum_ = e_[stage_];
    seen_ = 0;
    if (++stage_ == 6) value_ = c1_ * e_[5] + c2_ * e_[4] + c3_ * e_[3] + c4_ * e_[2];
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return stage_ == 6; }
  [[nodiscard]] std::size_t warmup() const noexcept { return 6 * (p_.period - 1); }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    e_ = {};
    stage_ = 0;
    seen_ = 0;
    sum_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::t3");
    require(p.vfactor >= 0.0 && p.vfactor <= 1.0, "quantkit::indicators::t3", "vfactor", p.vfactor,
            "must be in [0, 1]");
    return p;
  }
  // Updates e1..e_levels with x.
  void step(double x, std::size_t levels) noexcept {
    double in = x;
    for (std::size_t j = 0; j < levels; ++j) {
      e_[j] = (k_ * in) + (one_minus_k_ * e_[j]);
      in = e_[j];
    }
  }
  params_type p_;
  double k_ = 0.0;
  double one_minus_k_ = 0.0;
  double c1_ = 0.0;
  double c2_ = 0.0;
  double c3_ = 0.0;
  double c4_ = 0.0;
  std::array<double, 6> e_{};
  std::size_t stage_ = 0;  // number of EMAs seeded (6: running)
  std::size_t seen_ = 0;   // inputs consumed in the current warm-up stage
  double sum_ = 0.0;       // TA-Lib's tempReal: the running seed sum
  double value_ = detail::nan;
};

static_assert(ScalarIndicator<t3>);

}  // namespace quantkit::indicators
