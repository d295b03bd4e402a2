// SPDX-License-Identifier: MIT
// quantkit/indicators/rolling_minmax_index.hpp - positions of the rolling minimum and maximum
// (TA-Lib MINMAXINDEX)
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/window_extreme.hpp"

#include <cstddef>
#include <cstdint>

namespace quantkit::indicators {

/// Parameters of rolling_minmax_index.
struct rolling_minmax_index_params {
  std::size_t period = 30;  ///< n, 2..100000
  friend constexpr bool operator==(const rolling_minmax_index_params&,
                                   const rolling_minmax_index_params&) = default;
};

/// Output of rolling_minmax_index (TA-Lib outMinIdx, outMaxIdx), positions as doubles.
struct rolling_minmax_index_value {
  double minidx = detail::nan;
  double maxidx = detail::nan;
};

/// Positions of the minimum and maximum of the last n inputs (TA-Lib MINMAXINDEX): 0-based
/// positions in the input stream since construction or reset(), non-finite inputs counted.
///
/// Convention: TA-Lib's MINMAXINDEX applies the MININDEX and MAXINDEX tie rules independently
/// (detail::window_extreme): on a rescan the earliest extreme, otherwise a new input equal to or
/// beyond the extreme takes over. Warm-up: n - 1 inputs. NaN rule: a non-finite input returns
/// NaN fields and is skipped by the window but takes a position. Throws invalid_argument for a
/// period outside 2..100000. O(1) amortized per update, O(n) memory.
class rolling_minmax_index {
 public:
  using params_type = rolling_minmax_index_params;
  using input_type = double;
  using value_type = rolling_minmax_index_value;

  rolling_minmax_index() : rolling_minmax_index(params_type{}) {}
  explicit rolling_minmax_index(std::size_t period)
      : rolling_minmax_index(params_type{.period = period}) {}
  explicit rolling_minmax_index(const params_type& p)
      : p_(check(p)), min_(p.period), max_(p.period) {}

  value_type update(double x) noexcept {
    const std::int64_t pos = pos_++;
    if (!detail::finite(x)) return {};
    min_.push(x, pos);
    max_.push(x, pos);
    if (max_.full()) {
      value_ = {static_cast<double>(min_.index()), static_cast<double>(max_.index())};
    }
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return max_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    min_.reset();
    max_.reset();
    pos_ = 0;
    value_ = {};
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::rolling_minmax_index");
    return p;
  }
  params_type p_;
  detail::window_extreme<false> min_;
  detail::window_extreme<true> max_;
  std::int64_t pos_ = 0;  // stream position of the next input
  value_type value_{};
};

static_assert(ScalarIndicator<rolling_minmax_index>);

}  // namespace quantkit::indicators
