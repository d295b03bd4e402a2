// SPDX-License-Identifier: MIT
// quantkit/strategies/consensus.hpp - weighted consensus of N heads (the "multi-head" design)
#pragma once

#include "../core/error.hpp"
#include "concepts.hpp"
#include "signal.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <tuple>
#include <utility>

namespace quantkit::strategies {

/// What the consensus does when too few heads have an opinion.
enum class abstain_rule {
  flat,  ///< go flat (signal 0)
  hold,  ///< keep the current position (NaN)
};

/// How the combined score becomes the signal.
enum class consensus_output {
  sign,   ///< +1 / -1 / 0 by the sign of the score once it clears the threshold
  score,  ///< the score itself (a conviction-weighted exposure in [-1, 1])
};

/// Parameters of consensus with N heads.
template <std::size_t N>
struct consensus_params {
  std::array<double, N> weights = [] {
    std::array<double, N> w{};
    w.fill(1.0);
    return w;
  }();
  double threshold = 0.0;     ///< |score| must exceed this to act (0 = any majority)
  std::size_t min_votes = 1;  ///< heads with an opinion needed (NaN = abstains)
  abstain_rule on_abstain = abstain_rule::flat;
  consensus_output output = consensus_output::sign;
  direction side = direction::long_short;
  friend constexpr bool operator==(const consensus_params&, const consensus_params&) = default;
};

/// Weighted consensus of N heads (each a TargetStrategy returning a signal in [-1, 1], NaN to
/// abstain): score = sum(w_i s_i) / sum(w_i) over the heads with an opinion. If fewer than
/// `min_votes` heads voted, the abstain rule decides; if |score| <= threshold the signal is 0;
/// otherwise sign(score) or the score. Every head sees every bar (their indicators stay warm).
/// Variadic and compile-time: the heads are members, no virtual call per bar.
/// Throws invalid_argument for negative or non-finite weights, a zero weight sum, a threshold
/// outside [0, 1) or min_votes > N.
template <TargetStrategy... Heads>
requires(sizeof...(Heads) > 0) class consensus {
 public:
  static constexpr std::size_t size = sizeof...(Heads);
  using params_type = consensus_params<size>;

  explicit consensus(Heads... heads) : consensus(params_type{}, std::move(heads)...) {}
  explicit consensus(const params_type& p, Heads... heads)
      : p_(check(p)), heads_(std::move(heads)...) {}

  double on_bar(const bar& b, const context& ctx) {
    std::array<double, size> s{};
    std::apply(
        [&](auto&... h) {
          std::size_t k = 0;
          ((s[k++] = static_cast<double>(h.on_bar(b, ctx))), ...);
        },
        heads_);
    last_ = s;
    double num = 0.0;
    double den = 0.0;
    std::size_t votes = 0;
    for (std::size_t k = 0; k < size; ++k) {
      if (std::isnan(s[k])) continue;
      num += p_.weights[k] * s[k];
      den += p_.weights[k];
      ++votes;
    }
    if (votes < p_.min_votes || den == 0.0) {
      return p_.on_abstain == abstain_rule::flat ? 0.0 : detail::nan;
    }
    score_ = num / den;
    if (std::fabs(score_) <= p_.threshold) return 0.0;
    const double out = p_.output == consensus_output::sign ? (score_ > 0.0 ? 1.0 : -1.0) : score_;
    return detail::restrict_to(out, p_.side);
  }
  void reset() {
    std::apply([](auto&... h) { (h.reset(), ...); }, heads_);
    score_ = 0.0;
    last_ = {};
  }
  /// The last combined score and the heads' last signals (for logs and head-weight learning).
  [[nodiscard]] double score() const noexcept { return score_; }
  [[nodiscard]] const std::array<double, size>& head_signals() const noexcept { return last_; }
  [[nodiscard]] const params_type& params() const noexcept { return p_; }
  template <std::size_t K>
  [[nodiscard]] const auto& head() const noexcept {
    return std::get<K>(heads_);
  }

 private:
  static const params_type& check(const params_type& p) {
    constexpr const char* fn = "quantkit::strategies::consensus";
    double sum = 0.0;
    for (double w : p.weights) {
      require(w >= 0.0 && std::isfinite(w), fn, "weights", w, "must be finite and >= 0");
      sum += w;
    }
    require(sum > 0.0, fn, "weights", sum, "must have a positive sum");
    require(p.threshold >= 0.0 && p.threshold < 1.0, fn, "threshold", p.threshold,
            "must be in [0, 1)");
    require(p.min_votes <= size, fn, "min_votes", p.min_votes, "must be <= the number of heads");
    return p;
  }
  params_type p_;
  std::tuple<Heads...> heads_;
  std::array<double, size> last_{};
  double score_ = 0.0;
};

}  // namespace quantkit::strategies
