// SPDX-License-Identifier: MIT
// quantkit/strategies/ma_crossover.hpp - moving-average crossover, any moving-average type
#pragma once

#include "../core/error.hpp"
#include "../indicators/concepts.hpp"
#include "../indicators/sma.hpp"
#include "concepts.hpp"
#include "indicator_target.hpp"
#include "signal.hpp"

#include <cstddef>
#include <tuple>

namespace quantkit::strategies {

/// Parameters of ma_crossover.
struct ma_crossover_params {
  std::size_t fast = 10;  ///< period of the fast average
  std::size_t slow = 50;  ///< period of the slow average (> fast)
  direction side = direction::long_only;
  friend constexpr bool operator==(const ma_crossover_params&,
                                   const ma_crossover_params&) = default;
};

/// Moving-average crossover: +1 while the fast average is strictly above the slow one, -1 while
/// strictly below (0 for long_only), 0 while either warms up. `Fast` and `Slow` are any scalar
/// indicators constructible from a period (sma, ema, wma, ... or your own): e.g.
/// `ma_crossover<indicators::ema, indicators::sma>{{.fast = 12, .slow = 26}}`.
/// Returns an exposure in {-1, 0, 1}; combine with a sizer for other sizes.
/// Throws invalid_argument unless 1 <= fast < slow. O(1) per bar.
template <indicators::ScalarIndicator Fast = indicators::sma,
          indicators::ScalarIndicator Slow = indicators::sma>
class ma_crossover {
 public:
  using params_type = ma_crossover_params;

  ma_crossover() : ma_crossover(params_type{}) {}
  explicit ma_crossover(const params_type& p) : p_(check(p)), fast_(p.fast), slow_(p.slow) {}

  double on_bar(const bar& b, const context&) {
    const double f = fast_.update(b.close);
    const double s = slow_.update(b.close);
    return target_from({f, fast_.ready()}, {s, slow_.ready()});
  }
  /// The indicator inputs (IndicatorTargetStrategy): fresh fast and slow averages of the closes.
  [[nodiscard]] std::tuple<Fast, Slow> close_indicators() const {
    return {Fast(p_.fast), Slow(p_.slow)};
  }
  /// The target from the averages' readings after the bar's update (IndicatorTargetStrategy).
  [[nodiscard]] double target_from(const indicator_reading& fast,
                                   const indicator_reading& slow) const noexcept {
    if (!fast.ready || !slow.ready) return 0.0;
    const double f = fast.value;
    const double s = slow.value;
    // restrict_to(f > s ? 1 : (f < s ? -1 : 0), side) without a branch: the same values, fewer
    // operations in the fused kernels' target pass.
    const double up = p_.side != direction::short_only && f > s ? 1.0 : 0.0;
    const double down = p_.side != direction::long_only && f < s ? -1.0 : 0.0;
    return up + down;
  }
  void reset() {
    fast_.reset();
    slow_.reset();
  }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }

 private:
  static const params_type& check(const params_type& p) {
    require(p.fast >= 1, "quantkit::strategies::ma_crossover", "fast", p.fast, "must be >= 1");
    require(p.slow > p.fast, "quantkit::strategies::ma_crossover", "slow", p.slow,
            "must be > fast");
    return p;
  }
  params_type p_;
  Fast fast_;
  Slow slow_;
};

static_assert(TargetStrategy<ma_crossover<>>);
static_assert(IndicatorTargetStrategy<ma_crossover<>>);

}  // namespace quantkit::strategies
