// SPDX-License-Identifier: MIT
// quantkit/indicators/chain.hpp - composition: an indicator of an indicator, and indicator sets
#pragma once

#include "concepts.hpp"
#include "detail/common.hpp"

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace quantkit::indicators {

/// Selects the output of the first stage that feeds the second; the default passes a double on.
struct identity_select {
  constexpr double operator()(double v) const noexcept { return v; }
};

/// Feeds the output of `First` into `Second`: e.g. an RSI of an EMA,
/// `chain(ema(10), rsi(14))`, or a z-score of MACD's histogram with a selector
/// `chain(macd{}, zscore(20), [](const macd::value_type& m) { return m.hist; })`.
/// While `First` warms up it outputs NaN, which `Second` skips under the NaN rule, so
/// warmup() = first.warmup() + second.warmup() and no allocation happens per step.
template <Indicator First, ScalarIndicator Second, class Select = identity_select>
  requires std::is_invocable_r_v<double, const Select&, typename First::value_type>
class chain {
 public:
  struct params {
    typename First::params_type first{};
    typename Second::params_type second{};
    /// Defined when both stages' parameters compare (deleted otherwise).
    friend constexpr bool operator==(const params&, const params&) = default;
  };
  using params_type = params;
  using input_type = typename First::input_type;
  using value_type = typename Second::value_type;

  chain() = default;
  chain(First first, Second second, Select select = {})
      : first_(std::move(first)), second_(std::move(second)), select_(std::move(select)) {}
  explicit chain(const params& p) : first_(p.first), second_(p.second) {}

  value_type update(const input_type& x) { return second_.update(select_(first_.update(x))); }
  [[nodiscard]] value_type value() const { return second_.value(); }
  [[nodiscard]] bool ready() const noexcept { return second_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return first_.warmup() + second_.warmup(); }
  [[nodiscard]] params_type params() const { return {first_.params(), second_.params()}; }
  void reset() {
    first_.reset();
    second_.reset();
  }
  [[nodiscard]] const First& first() const noexcept { return first_; }
  [[nodiscard]] const Second& second() const noexcept { return second_; }

 private:
  First first_{};
  Second second_{};
  Select select_{};
};

/// Several indicators over the same input, updated together: a strategy holds one set and calls
/// update(bar) once per bar. value() is a tuple of the members' values; ready() when all are;
/// warmup() is the largest member warm-up. get<K>() gives member K.
template <Indicator... Is>
  requires(sizeof...(Is) > 0 &&
           (std::is_same_v<typename std::tuple_element_t<0, std::tuple<Is...>>::input_type,
                           typename Is::input_type> &&
            ...))
class indicator_set {
 public:
  using params_type = std::tuple<typename Is::params_type...>;
  using input_type = typename std::tuple_element_t<0, std::tuple<Is...>>::input_type;
  using value_type = std::tuple<typename Is::value_type...>;

  indicator_set() = default;
  explicit indicator_set(Is... members) : members_(std::move(members)...) {}

  value_type update(const input_type& x) {
    return std::apply([&](auto&... m) { return value_type(m.update(x)...); }, members_);
  }
  [[nodiscard]] value_type value() const {
    return std::apply([](const auto&... m) { return value_type(m.value()...); }, members_);
  }
  [[nodiscard]] bool ready() const noexcept {
    return std::apply([](const auto&... m) { return (m.ready() && ...); }, members_);
  }
  [[nodiscard]] std::size_t warmup() const noexcept {
    return std::apply([](const auto&... m) { return std::max({m.warmup()...}); }, members_);
  }
  [[nodiscard]] params_type params() const {
    return std::apply([](const auto&... m) { return params_type(m.params()...); }, members_);
  }
  void reset() {
    std::apply([](auto&... m) { (m.reset(), ...); }, members_);
  }
  template <std::size_t K>
  [[nodiscard]] const auto& get() const noexcept {
    return std::get<K>(members_);
  }

 private:
  std::tuple<Is...> members_{};
};

}  // namespace quantkit::indicators
