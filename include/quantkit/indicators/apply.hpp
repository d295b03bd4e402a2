// SPDX-License-Identifier: MIT
// quantkit/indicators/apply.hpp - batch form of any indicator: output aligned index-for-index
#pragma once

#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "concepts.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace quantkit::indicators {

namespace detail {
/// An indicator may provide a specialised batch kernel `batch_into(in, out)` (same results as
/// repeated update(), proven by the conformance suite, faster as measured by a benchmark).
template <class I>
concept has_batch_kernel =
    requires(I& i, std::span<const typename I::input_type> in,
             std::span<typename I::value_type> out) { i.batch_into(in, out); };
}  // namespace detail

/// Runs `ind` (a copy: the caller's object is untouched) over `in`, writing out[i] = the value
/// after input i. out.size() must equal in.size() (else invalid_argument). The first warmup()
/// outputs are NaN; a TA-Lib-style trimmed result is out.subspan(warmup()) when no input is NaN.
/// O(n) for O(1) indicators; no allocation beyond the indicator's own copy.
template <Indicator I>
void apply_into(I ind, std::span<const typename I::input_type> in,
                std::span<typename I::value_type> out) {
  require_same_length("quantkit::indicators::apply_into", "in", in.size(), "out", out.size());
  if constexpr (detail::has_batch_kernel<I>) {
    ind.batch_into(in, out);
  } else {
    for (std::size_t i = 0; i < in.size(); ++i) out[i] = ind.update(in[i]);
  }
}

/// Batch form returning a new vector (see apply_into).
template <Indicator I>
std::vector<typename I::value_type> apply(const I& ind,
                                          std::span<const typename I::input_type> in) {
  std::vector<typename I::value_type> out(in.size());
  apply_into<I>(ind, in, out);
  return out;
}

/// Batch form for a bar indicator over a columnar series (bars are assembled per step from the
/// columns; unused fields cost nothing after inlining).
template <BarIndicator I>
void apply_into(I ind, bar_series_view bars, std::span<typename I::value_type> out) {
  require_same_length("quantkit::indicators::apply_into", "bars", bars.size(), "out", out.size());
  const auto t = bars.times();
  const auto o = bars.opens();
  const auto h = bars.highs();
  const auto l = bars.lows();
  const auto c = bars.closes();
  const auto v = bars.volumes();
  for (std::size_t i = 0; i < bars.size(); ++i) out[i] = ind.update(bar{t[i], o[i], h[i], l[i], c[i], v[i]});
}

/// Batch form for a bar indicator returning a new vector.
template <BarIndicator I>
std::vector<typename I::value_type> apply(const I& ind, bar_series_view bars) {
  std::vector<typename I::value_type> out(bars.size());
  apply_into<I>(ind, bars, out);
  return out;
}

/// Batch form for a two-series indicator (x = TA-Lib's inReal0, y = inReal1).
template <Indicator I>
  requires std::same_as<typename I::input_type, pair_input>
std::vector<typename I::value_type> apply(const I& ind, std::span<const double> x,
                                          std::span<const double> y) {
  require_same_length("quantkit::indicators::apply", "x", x.size(), "y", y.size());
  I copy = ind;
  std::vector<typename I::value_type> out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = copy.update(pair_input{x[i], y[i]});
  return out;
}

/// Batch form for MAVP: values and the period to use at each step.
template <Indicator I>
  requires std::same_as<typename I::input_type, mavp_input>
std::vector<typename I::value_type> apply(const I& ind, std::span<const double> values,
                                          std::span<const double> periods) {
  require_same_length("quantkit::indicators::apply", "values", values.size(), "periods",
                      periods.size());
  I copy = ind;
  std::vector<typename I::value_type> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    out[i] = copy.update(mavp_input{values[i], periods[i]});
  }
  return out;
}

}  // namespace quantkit::indicators
