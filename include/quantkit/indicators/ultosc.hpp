// SPDX-License-Identifier: MIT
// quantkit/indicators/ultosc.hpp - Williams' ultimate oscillator (TA-Lib ULTOSC), streaming and
// batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/true_range.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace quantkit::indicators {

/// Parameters of ultosc (any order: they are sorted, as TA-Lib does).
struct ultosc_params {
  std::size_t period1 = 7;   ///< 1..100000
  std::size_t period2 = 14;  ///< 1..100000
  std::size_t period3 = 28;  ///< 1..100000
  friend constexpr bool operator==(const ultosc_params&, const ultosc_params&) = default;
};

/// Ultimate oscillator (Larry Williams, 1985; TA-Lib ULTOSC): with buying pressure
/// BP = close - min(low, prev close) and the true range TR, and A_k = sum BP / sum TR over the
/// last p_k bars for the sorted periods p_s <= p_m <= p_l,
/// ULTOSC = 100 (4 A_s + 2 A_m + A_l) / 7.
///
/// Convention (TA-Lib): the three periods are sorted, the shortest weighted 4 (so the parameter
/// order does not matter); the sums are running sums in TA-Lib's order (add today's terms, output,
/// then drop the trailing ones); a window whose TR sum is zero in TA-Lib's sense (|v| < 1e-14,
/// absolute) contributes 0. Warm-up: the longest period. NaN rule: a bar with a non-finite high,
/// low or close returns NaN and is skipped. Throws invalid_argument for a period outside
/// 1..100000. O(1) per update, O(longest period) memory.
class ultosc {
 public:
  using params_type = ultosc_params;
  using input_type = bar;
  using value_type = double;

  ultosc() : ultosc(params_type{}) {}
  ultosc(std::size_t period1, std::size_t period2, std::size_t period3)
      : ultosc(params_type{.period1 = period1, .period2 = period2, .period3 = period3}) {}
  explicit ultosc(const params_type& p) : p_(check(p)), n_(sorted(p)), terms_(n_[2]) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    if (bars_ == 0) {
      bars_ = 1;
      prev_close_ = b.close;
      return value_;
    }
    const term t{b.close - std::min(b.low, prev_close_),
                 detail::true_range_of(b.high, b.low, prev_close_)};
    prev_close_ = b.close;
    const std::size_t longest = n_[2];
    terms_[slot_] = t;
    // TA-Lib primes window k with the p_k - 1 terms before its first output, then adds each term.
    for (std::size_t k = 0; k < 3; ++k) {
      if (bars_ + n_[k] > longest) {
        a_[k] += t.pressure;
        b_[k] += t.range;
      }
    }
    if (bars_ < longest) {
      ++bars_;
      advance();
      return value_;
    }
    double output = 0.0;
    if (!detail::talib_is_zero(b_[0])) output += 4.0 * (a_[0] / b_[0]);
    if (!detail::talib_is_zero(b_[1])) output += 2.0 * (a_[1] / b_[1]);
    if (!detail::talib_is_zero(b_[2])) output += a_[2] / b_[2];
    for (std::size_t k = 0; k < 3; ++k) {
      // The trailing term of window k is the one p_k - 1 bars back.
      const std::size_t back = n_[k] - 1;
      const term& old = terms_[slot_ >= back ? slot_ - back : slot_ + longest - back];
      a_[k] -= old.pressure;
      b_[k] -= old.range;
    }
    advance();
    bars_ = longest + 1;
    value_ = 100.0 * (output / 7.0);
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return bars_ > n_[2]; }
  [[nodiscard]] std::size_t warmup() const noexcept { return n_[2]; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    bars_ = 0;
    slot_ = 0;
    prev_close_ = 0.0;
    a_ = {};
    b_ = {};
    value_ = detail::nan;
  }

 private:
  struct term {
    double pressure = 0.0;  // close - true low
    double range = 0.0;     // true range
  };
  static const params_type& check(const params_type& p) {
    constexpr const char* name = "quantkit::indicators::ultosc";
    detail::require_period(p.period1, name, "period1", 1);
    detail::require_period(p.period2, name, "period2", 1);
    detail::require_period(p.period3, name, "period3", 1);
    return p;
  }
  static std::array<std::size_t, 3> sorted(const params_type& p) {
    std::array<std::size_t, 3> n{p.period1, p.period2, p.period3};
    std::sort(n.begin(), n.end());
    return n;
  }
  void advance() noexcept { slot_ = slot_ + 1 == n_[2] ? 0 : slot_ + 1; }

  params_type p_;
  std::array<std::size_t, 3> n_;  // shortest, middle, longest
  std::vector<term> terms_;       // the last `longest` terms, slot_ = the newest
  std::size_t bars_ = 0;          // finite bars seen, saturating at longest + 1
  std::size_t slot_ = 0;
  double prev_close_ = 0.0;
  std::array<double, 3> a_{};
  std::array<double, 3> b_{};
  double value_ = detail::nan;
};

static_assert(BarIndicator<ultosc>);

}  // namespace quantkit::indicators
