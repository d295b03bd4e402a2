// SPDX-License-Identifier: MIT
// quantkit/strategies/logic.hpp - all_of, any_of, negate: boolean combinations of signals
#pragma once

#include "concepts.hpp"
#include "signal.hpp"

#include <cmath>
#include <tuple>
#include <utility>

namespace quantkit::strategies {

namespace detail {
struct vote_count {
  int up = 0;
  int down = 0;
  int flat = 0;
  int abstain = 0;
};
template <class Tuple>
auto count_votes(Tuple& heads, const bar& b, const context& ctx) {
  vote_count v;
  std::apply(
      [&](auto&... h) {
        (
            [&] {
              const double s = static_cast<double>(h.on_bar(b, ctx));
              if (std::isnan(s))
                ++v.abstain;
              else if (s > 0.0)
                ++v.up;
              else if (s < 0.0)
                ++v.down;
              else
                ++v.flat;
            }(),
            ...);
      },
      heads);
  return v;
}
}  // namespace detail

/// +1 when every head is long, -1 when every head is short, 0 otherwise (an abstaining head
/// blocks agreement). Every head sees every bar.
template <TargetStrategy... Heads>
requires(sizeof...(Heads) > 0) class all_of {
 public:
  explicit all_of(Heads... heads) : heads_(std::move(heads)...) {}
  double on_bar(const bar& b, const context& ctx) {
    const auto v = detail::count_votes(heads_, b, ctx);
    constexpr int n = static_cast<int>(sizeof...(Heads));
    return v.up == n ? 1.0 : (v.down == n ? -1.0 : 0.0);
  }
  void reset() {
    std::apply([](auto&... h) { (h.reset(), ...); }, heads_);
  }

 private:
  std::tuple<Heads...> heads_;
};

/// +1 when some head is long and none is short, -1 when some head is short and none is long,
/// 0 otherwise (conflicts cancel).
template <TargetStrategy... Heads>
requires(sizeof...(Heads) > 0) class any_of {
 public:
  explicit any_of(Heads... heads) : heads_(std::move(heads)...) {}
  double on_bar(const bar& b, const context& ctx) {
    const auto v = detail::count_votes(heads_, b, ctx);
    if (v.up > 0 && v.down == 0) return 1.0;
    if (v.down > 0 && v.up == 0) return -1.0;
    return 0.0;
  }
  void reset() {
    std::apply([](auto&... h) { (h.reset(), ...); }, heads_);
  }

 private:
  std::tuple<Heads...> heads_;
};

/// The opposite signal: -s (NaN stays NaN).
template <TargetStrategy Head>
class negate {
 public:
  explicit negate(Head head) : head_(std::move(head)) {}
  double on_bar(const bar& b, const context& ctx) {
    return -static_cast<double>(head_.on_bar(b, ctx));
  }
  void reset() { head_.reset(); }

 private:
  Head head_;
};

}  // namespace quantkit::strategies
