// SPDX-License-Identifier: MIT
// quantkit/costs/composite.hpp - composing cost models with `+` (compile time, no virtual calls)
#pragma once

#include "concepts.hpp"

#include <tuple>
#include <utility>

namespace quantkit::costs {

/// The sum of several cost models: its breakdown is the component-wise sum of theirs, so the trade
/// log still shows commission, spread, slippage and impact separately. Built with `+` or combine().
template <CostModel... Ms>
class composite {
 public:
  static constexpr bool uses_volatility = (costs::uses_volatility<Ms>() || ...);
  composite() = default;
  explicit composite(Ms... models) : models_(std::move(models)...) {}
  [[nodiscard]] cost_breakdown breakdown(const fill& f) const {
    return std::apply([&](const auto&... m) { return (cost_breakdown{} + ... + m.breakdown(f)); },
                      models_);
  }
  [[nodiscard]] const std::tuple<Ms...>& models() const noexcept { return models_; }

 private:
  std::tuple<Ms...> models_{};
};

namespace detail {
template <class T>
struct flatten {
  static std::tuple<T> apply(const T& t) { return std::tuple<T>(t); }
};
template <class... Ms>
struct flatten<composite<Ms...>> {
  static std::tuple<Ms...> apply(const composite<Ms...>& c) { return c.models(); }
};
template <class... Ts>
auto from_tuple(const std::tuple<Ts...>& t) {
  return std::apply([](const auto&... m) { return composite<Ts...>(m...); }, t);
}
}  // namespace detail

/// Combines any cost models (quantkit's or yours) into one composite, flattening nested composites.
template <CostModel... Ms>
auto combine(const Ms&... models) {
  return detail::from_tuple(std::tuple_cat(detail::flatten<Ms>::apply(models)...));
}

/// `percentage(1.0) + half_spread(0.01) + sqrt_impact(0.5)`: found by argument-dependent lookup
/// for quantkit's models; for your own models write `combine(a, b)` (or bring this operator in
/// with `using quantkit::costs::operator+;`).
template <CostModel A, CostModel B>
auto operator+(const A& a, const B& b) {
  return combine(a, b);
}

}  // namespace quantkit::costs
