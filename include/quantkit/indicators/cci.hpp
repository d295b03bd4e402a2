// SPDX-License-Identifier: MIT
// quantkit/indicators/cci.hpp - commodity channel index (TA-Lib CCI), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

namespace quantkit::indicators {

/// Parameters of cci.
struct cci_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const cci_params&, const cci_params&) = default;
};

/// Commodity channel index (Donald Lambert, 1980; TA-Lib CCI): with the typical price
/// tp = (high + low + close) / 3, its n-bar mean m and mean absolute deviation
/// d = sum |tp_i - m| / n, CCI = (tp - m) / (0.015 d).
///
/// Convention (TA-Lib 0.6.4): both sums run over TA-Lib's circular buffer in *storage* order
/// (slot k % n holds the k-th typical price), recomputed at every bar, so the values are
/// bit-identical to TA-Lib's. The zero test is exact, as in 0.6.4: if tp - m or the deviation sum
/// is exactly 0 the output is 0; a flat window whose mean carries rounding residue therefore gives
/// a spurious value, as in TA-Lib 0.6.4 (TA-Lib issue #7, fixed after 0.6.4). Warm-up: n - 1 bars.
/// NaN rule: a bar with a non-finite high, low or close returns NaN and is skipped.
/// Throws invalid_argument for a period outside 2..100000. O(n) per update (the mean deviation
/// has no O(1) update), O(n) memory, no allocation after construction.
class cci {
 public:
  using params_type = cci_params;
  using input_type = bar;
  using value_type = double;

  cci() : cci(params_type{}) {}
  explicit cci(std::size_t period) : cci(params_type{.period = period}) {}
  explicit cci(const params_type& p)
      : p_(check(p)), nd_(static_cast<double>(p.period)), buffer_(p.period, 0.0) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close)) return detail::nan;
    const double tp = (b.high + b.low + b.close) / 3.0;
    const std::size_t n = buffer_.size();
    buffer_[slot_] = tp;
    slot_ = slot_ + 1 == n ? 0 : slot_ + 1;
    if (count_ < n) ++count_;
    if (count_ < n) return value_;
    const double* data = buffer_.data();
    double mean = 0.0;
    for (std::size_t j = 0; j < n; ++j) mean += data[j];
    mean /= nd_;
    double deviation = 0.0;
    for (std::size_t j = 0; j < n; ++j) deviation += std::fabs(data[j] - mean);
    const double diff = tp - mean;
    value_ = (diff != 0.0 && deviation != 0.0) ? diff / (0.015 * (deviation / nd_)) : 0.0;
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return count_ == buffer_.size(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period - 1; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    slot_ = 0;
    count_ = 0;
    value_ = detail::nan;
  }

 private:
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::cci");
    return p;
  }
  params_type p_;
  double nd_;
  std::vector<double> buffer_;
  std::size_t slot_ = 0;   // next slot to write
  std::size_t count_ = 0;  // typical prices stored, saturating at n
  double value_ = detail::nan;
};

static_assert(BarIndicator<cci>);

}  // namespace quantkit::indicators
