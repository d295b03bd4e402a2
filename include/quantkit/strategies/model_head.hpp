// SPDX-License-Identifier: MIT
// quantkit/strategies/model_head.hpp - the hook for ML heads: features -> model score -> signal
#pragma once

#include "concepts.hpp"
#include "signal.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <utility>

namespace quantkit::strategies {

/// A strategy that scores features with a user model: each bar, `features(bar, context)` builds
/// the feature vector from what is known at the close (its indicators, the history), and
/// `model(features)` returns a score; the score, clamped to [-1, 1] (NaN = abstain), is the
/// signal. Both are any callables (a trained regressor, a lambda); `features` may keep state (its
/// own indicators) and is reset with the strategy when it has a reset() member.
/// Example: `model_head(my_features{}, [&](const auto& x) { return std::tanh(net.predict(x)); })`.
template <class Features, class Model>
class model_head {
 public:
  model_head() = default;
  model_head(Features features, Model model)
      : features_(std::move(features)), model_(std::move(model)) {}

  double on_bar(const bar& b, const context& ctx) {
    const auto x = features_(b, ctx);
    const double s = static_cast<double>(model_(x));
    if (std::isnan(s)) return s;
    return std::clamp(s, -1.0, 1.0);
  }
  void reset() {
    if constexpr (requires(Features & f) { f.reset(); }) features_.reset();
  }
  [[nodiscard]] const Model& model() const noexcept { return model_; }

 private:
  Features features_{};
  Model model_{};
};

}  // namespace quantkit::strategies
