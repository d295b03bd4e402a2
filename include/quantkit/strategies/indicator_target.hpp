// SPDX-License-Identifier: MIT
// quantkit/strategies/indicator_target.hpp - target strategies that declare their indicator inputs
// (the hook the backtest layer's fused parameter sweep uses)
#pragma once

#include "../indicators/concepts.hpp"
#include "concepts.hpp"

#include <concepts>
#include <cstddef>
#include <tuple>
#include <type_traits>

namespace quantkit::strategies {

/// What a scalar indicator says after an update: its value and whether it is warmed up.
struct indicator_reading {
  double value = 0.0;
  bool ready = false;
};

namespace detail {

template <class I>
using reading_for = indicator_reading;

template <class S, class Tuple>
struct declares_close_inputs : std::false_type {};

template <class S, class... I>
struct declares_close_inputs<S, std::tuple<I...>>
    : std::bool_constant<sizeof...(I) >= 1 &&
                         ((indicators::ScalarIndicator<I> &&
                           std::same_as<typename I::value_type, double>)&&...) &&
                         requires(const S& s, const reading_for<I>&... r) {
                           { s.target_from(r...) } -> std::convertible_to<double>;
                         }> {};

}  // namespace detail

/// A target strategy whose target at each close is a pure function of its parameters and of the
/// readings of a fixed list of scalar indicators fed that bar's close:
///  - `close_indicators()` (const) returns the indicators, freshly constructed, as a std::tuple;
///  - `target_from(reading...)` (const) maps their readings after the update with the bar's close,
///    one indicator_reading per indicator in the tuple's order, to the target;
///  - `on_bar(b, ctx)` returns exactly target_from(readings of the indicators updated with b.close)
///    and uses nothing else of the bar or the context.
/// This lets a parameter sweep compute each distinct indicator (same type and parameters) once for
/// the whole grid, instead of once per configuration (see backtest::sweep): a strategy that breaks
/// the third rule gets wrong sweep results, so implement on_bar through target_from.
template <class S>
concept IndicatorTargetStrategy =
    TargetStrategy<S> && requires(const S& s) { s.close_indicators(); } &&
    detail::declares_close_inputs<S, std::remove_cvref_t<decltype(std::declval<const S&>()
                                                                       .close_indicators())>>::value;

}  // namespace quantkit::strategies
