// SPDX-License-Identifier: MIT
// quantkit/indicators/concepts.hpp - the Indicator concept and the input types indicators consume
#pragma once

#include "../core/bar.hpp"

#include <concepts>
#include <cstddef>

namespace quantkit::indicators {

/// Input of two-series indicators (BETA, CORREL): `x` is TA-Lib's inReal0, `y` its inReal1.
struct pair_input {
  double x = 0.0;
  double y = 0.0;
};

/// Input of the variable-period moving average (MAVP): a value and the period to use for it.
struct mavp_input {
  double value = 0.0;
  double period = 0.0;
};

/// A streaming technical indicator: a regular value type that consumes one input at a time.
///
/// Required:
///  - `input_type`: `double`, `quantkit::bar`, `pair_input` or `mavp_input`;
///  - `value_type`: `double`, or a small aggregate whose fields all default to NaN;
///  - `params_type`: an aggregate of parameters with TA-Lib's defaults; `params()` returns it
///    (every built-in one also has a defaulted `==`, by which the fused backtest kernels share
///    equal indicators; optional for your own);
///  - `update(x)`: consumes x and returns the new value, O(1) amortized (O(period) only where the
///    definition leaves no choice); never throws and never allocates;
///  - `value()`: the current value, NaN (all fields) until `ready()`;
///  - `ready()`: true once `warmup()` valid inputs have been consumed and one more arrived;
///  - `warmup()`: number of inputs consumed before the first valid output (TA-Lib's lookback);
///  - `reset()`: back to the freshly constructed state, parameters kept.
///
/// The NaN rule: an input with a non-finite value in a field the indicator uses yields NaN for
/// that step and leaves the state untouched; the next finite input continues as if the bad one had
/// never arrived. Invalid parameters throw quantkit::invalid_argument at construction.
template <class I>
concept Indicator = std::copyable<I> && requires(I& i, const I& ci,
                                                 const typename I::input_type& x) {
  typename I::input_type;
  typename I::value_type;
  typename I::params_type;
  { i.update(x) } -> std::same_as<typename I::value_type>;
  { ci.value() } -> std::same_as<typename I::value_type>;
  { ci.ready() } noexcept -> std::same_as<bool>;
  { ci.warmup() } noexcept -> std::same_as<std::size_t>;
  { ci.params() } -> std::convertible_to<typename I::params_type>;
  i.reset();
};

/// An Indicator over one series of doubles (close prices, returns, another indicator's output).
template <class I>
concept ScalarIndicator = Indicator<I> && std::same_as<typename I::input_type, double>;

/// An Indicator over OHLCV bars (ATR, ADX, STOCH, ...).
template <class I>
concept BarIndicator = Indicator<I> && std::same_as<typename I::input_type, bar>;

}  // namespace quantkit::indicators
