// SPDX-License-Identifier: MIT
// quantkit/indicators/mfi.hpp - money flow index (TA-Lib MFI), streaming and batch
#pragma once

#include "../core/bar.hpp"
#include "concepts.hpp"
#include "detail/common.hpp"
#include "detail/ring_buffer.hpp"

#include <cstddef>

namespace quantkit::indicators {

/// Parameters of mfi.
struct mfi_params {
  std::size_t period = 14;  ///< n, 2..100000
  friend constexpr bool operator==(const mfi_params&, const mfi_params&) = default;
};

/// Money flow index (Gene Quong and Avrum Soudack, 1989; TA-Lib MFI): with the typical price
/// tp = (high + low + close) / 3 and the money flow tp * volume, P and N are the sums of the money
/// flows of the last n bars whose tp rose / fell against the previous bar; MFI = 100 P / (P + N).
///
/// Convention (TA-Lib 0.6.4): the first bar only sets the previous tp; an unchanged tp adds to
/// neither sum; the sums are running sums updated in TA-Lib's order (drop the oldest bar, then add
/// the new one). TA-Lib 0.6.4 quirk, replicated: when P + N < 1 (a literal threshold on money
/// flow, so it depends on the price and volume scale; TA-Lib issue #244) the output is 0.
/// Warm-up: n bars. NaN rule: a bar with a non-finite high, low, close or volume returns NaN and
/// is skipped. Throws invalid_argument for a period outside 2..100000. O(1) per update, O(n)
/// memory.
class mfi {
 public:
  using params_type = mfi_params;
  using input_type = bar;
  using value_type = double;

  mfi() : mfi(params_type{}) {}
  explicit mfi(std::size_t period) : mfi(params_type{.period = period}) {}
  explicit mfi(const params_type& p) : p_(check(p)), flows_(p.period) {}

  value_type update(const bar& b) noexcept {
    if (!detail::finite(b.high, b.low, b.close, b.volume)) return detail::nan;
    const double tp = (b.high + b.low + b.close) / 3.0;
    if (!started_) {
      started_ = true;
      prev_tp_ = tp;
      return value_;
    }
    const double change = tp - prev_tp_;
    prev_tp_ = tp;
    const double money = tp * b.volume;
    if (flows_.full()) {
      const flow& old = flows_.oldest();
      positive_ -= old.positive;
      negative_ -= old.negative;
    }
    // Selects instead of branches (the sign of the change is a coin flip); adding +0.0 to a
    // sum of non-negative flows leaves it bit-identical, as TA-Lib's skipped addition does.
    const flow f{change > 0.0 ? money : 0.0, change < 0.0 ? money : 0.0};
    positive_ += f.positive;
    negative_ += f.negative;
    flows_.push(f);
    if (!flows_.full()) return value_;
    const double total = positive_ + negative_;
    value_ = total < 1.0 ? 0.0 : 100.0 * (positive_ / total);
    return value_;
  }

  [[nodiscard]] value_type value() const noexcept { return value_; }
  [[nodiscard]] bool ready() const noexcept { return flows_.full(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return p_.period; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  void reset() noexcept {
    started_ = false;
    prev_tp_ = 0.0;
    positive_ = 0.0;
    negative_ = 0.0;
    flows_.clear();
    value_ = detail::nan;
  }

 private:
  struct flow {
    double positive = 0.0;
    double negative = 0.0;
  };
  static const params_type& check(const params_type& p) {
    detail::require_period(p.period, "quantkit::indicators::mfi");
    return p;
  }
  params_type p_;
  bool started_ = false;
  double prev_tp_ = 0.0;
  double positive_ = 0.0;
  double negative_ = 0.0;
  detail::ring_buffer<flow> flows_;
  double value_ = detail::nan;
};

static_assert(BarIndicator<mfi>);

}  // namespace quantkit::indicators
