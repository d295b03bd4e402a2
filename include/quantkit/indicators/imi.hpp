// SPDX-License-Identifier: MIT
// quantkit/indicators/imi.hpp - intraday momentum index (TA-Lib IMI), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of imi.
struct imi_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const imi_params&, const imi_params&) = default;
};

/// Intraday momentum index (Tushar Chande; TA-Lib IMI): over the last n bars,
/// IMI = 100 U / (U + D), U = sum of close - open over up bars (close > open), D = sum of
/// open - close over the others.
///
/// Convention (TA-Lib): U and D are recomputed at every bar, oldest bar first, as TA-Lib does, so
/// the values are bit-identical to TA-Lib's (a sliding sum would drift from them and leave
/// rounding residue in an all-doji window). Deviation: when U + D = 0 (every bar a doji) TA-Lib
/// 0.6.4 outputs NaN (0/0); quantkit outputs 50, the neutral value later TA-Lib releases adopted
/// (TA-Lib issue #112), since NaN is reserved for missing inputs. Warm-up: n - 1 bars. Uses open
/// and close only; NaN rule: a bar with a non-finite open or close returns NaN and is skipped.
/// Throws invalid_argument for a period outside 2..100000. O(n) per update, O(n) memory.
class imi {
 public:
  using params_type = imi_params;
  using input_type = bar;
  using value_type = double;

  imi() : imi(params_type{}) {}
  explicit imi(std::size_t period) : imi(params_type{.period = period}) {}
  explicit imi(const params_type& p) : p_(check(p)), bodies_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.open, b.close)) return detail::nan;
    bodies_.push(b.close - b.open);
    if (!bodies_.full()) return value_;
    double up = 0.0;
    double down = 0.0;
    for (std::size_t i = 0; i < bodies_.size(); ++i) {
      // close > open exactly when close - open > 0; open - close is -(close - open) exactly.
      const double body = bodies_[i];
      if (body > 0.0) {
        up += body;
      } else {
        down -= body;
      }
    }
    const double total = up + down;
    value_ = total == 0.0 ? 50.0 : 100.0 * (up / total);
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return bodies_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    bodies_.clear();
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::imi");
    return p;
  }
  params_type p_;
  detail::ring_buffer<double> bodies_;  // close - open of the last n bars
  double value_ = detail::nan;
};

static_assert(BarIndicator<imi>);

}  // namespace quantkit::indicators
