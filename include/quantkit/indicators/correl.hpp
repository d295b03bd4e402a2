// SPDX-License-Identifier: MIT
// quantkit/indicators/correl.hpp - rolling Pearson correlation of two series (TA-Lib CORREL)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cmath>
#include <cstddef>

namespace quantkit::indicators {

/// Parameters of correl.
struct correl_params {
  std::size_t period = 30;  ///< n, 1..100000
  friend constexpr bool operator==(const correl_params&, const correl_params&) = default;
};

/// Rolling Pearson correlation of x and y over the last n inputs (TA-Lib CORREL):
/// r = (Sxy - Sx Sy / n) / sqrt((Sxx - Sx^2 / n) (Syy - Sy^2 / n)), on the levels (not returns).
///
/// Convention: TA-Lib's running sums (the leaving pair is subtracted before the new one is added)
/// in its order of operations. As in TA-Lib 0.6.4, a product of the two variance terms below
/// 1e-14 (absolute, so scale-dependent) gives 0, e.g. for a constant series or period 1. Warm-up:
/// n - 1 inputs. NaN rule: an input with a non-finite x or y returns NaN and is skipped. Throws
/// invalid_argument for a period outside 1..100000. O(1) per update, O(n) memory.
class correl {
 public:
  using params_type = correl_params;
  using input_type = pair_input;
  using value_type = double;

  correl() : correl(params_type{}) {}
  explicit correl(std::size_t period) : correl(params_type{.period = period}) {}
  explicit correl(const params_type& p)
      : p_(check(p)), n_(static_cast<double>(p.period)), window_(p.period) {}

  value_type update(const pair_input& in) noexcept {
    if (!detail::finite(in.x, in.y)) return detail::nan;
    pair_input old{};
    if (window_.push(in, old)) {
      s_x_ -= old.x;
      s_xx_ -= old.x * old.x;
      s_xy_ -= old.x * old.y;
      s_y_ -= old.y;
      s_yy_ -= old.y * old.y;
    }
    s_x_ += in.x;
    s_xx_ += in.x * in.x;
    s_xy_ += in.x * in.y;
    s_y_ += in.y;
    s_yy_ += in.y * in.y;
    if (window_.full()) {
      const double v = (s_xx_ - s_x_ * s_x_ / n_) * (s_yy_ - s_y_ * s_y_ / n_);
      value_ = detail::talib_is_zero_or_neg(v) ? 0.0 : (s_xy_ - s_x_ * s_y_ / n_) / std::sqrt(v);
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    window_.clear();
    s_x_ = s_xx_ = s_xy_ = s_y_ = s_yy_ = 0.0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::correl", "period", 1);
    return p;
  }
  params_type p_;
  double n_;
  detail::ring_buffer<pair_input> window_;
  double s_x_ = 0.0;
  double s_xx_ = 0.0;
  double s_xy_ = 0.0;
  double s_y_ = 0.0;
  double s_yy_ = 0.0;
  double value_ = detail::nan;
};

static_assert(Indicator<correl>);

}  // namespace quantkit::indicators
