// SPDX-License-Identifier: MIT
// tests/support/indicator_contract.hpp - the conformance checks every indicator must pass
#pragma once

#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/concepts.hpp>

#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace quantkit::test {

namespace ind = quantkit::indicators;

/// Inputs for an indicator's input type built from the ttrc bars: closes for scalar indicators,
/// the bars themselves, (high, low) pairs, and (close, period) for MAVP with TA-Lib's reference
/// period pattern periods[i] = 2 + (7 i mod 29).
template <class In>
std::vector<In> ttrc_inputs() {
  const auto& bars = ttrc();
  std::vector<In> out;
  out.reserve(bars.size());
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto b = bars[i];
    if constexpr (std::is_same_v<In, double>) {
      out.push_back(b.close);
    } else if constexpr (std::is_same_v<In, quantkit::bar>) {
      out.push_back(b);
    } else if constexpr (std::is_same_v<In, ind::pair_input>) {
      out.push_back({b.high, b.low});
    } else {
      static_assert(std::is_same_v<In, ind::mavp_input>);
      out.push_back({b.close, static_cast<double>(2 + (7 * i) % 29)});
    }
  }
  return out;
}

/// An input whose every value field is NaN (a missing observation).
template <class In>
In nan_input() {
  constexpr double q = std::numeric_limits<double>::quiet_NaN();
  if constexpr (std::is_same_v<In, double>) {
    return q;
  } else if constexpr (std::is_same_v<In, quantkit::bar>) {
    return quantkit::bar{0, q, q, q, q, q};
  } else if constexpr (std::is_same_v<In, ind::pair_input>) {
    return {q, q};
  } else {
    return {q, 20.0};
  }
}

/// The doubles of a value (a double, or an aggregate of doubles).
template <class V>
auto fields(const V& v) {
  static_assert(std::is_trivially_copyable_v<V> && sizeof(V) % sizeof(double) == 0,
                "indicator value types are aggregates of doubles");
  std::array<double, sizeof(V) / sizeof(double)> a{};
  std::memcpy(a.data(), &v, sizeof(V));
  return a;
}
template <class V>
bool all_nan(const V& v) {
  for (double x : fields(v)) {
    if (!std::isnan(x)) return false;
  }
  return true;
}
template <class V>
bool any_nan(const V& v) {
  for (double x : fields(v)) {
    if (std::isnan(x)) return true;
  }
  return false;
}
/// Bitwise equality (NaN equals NaN of the same payload): "identical output".
template <class V>
bool identical(const V& a, const V& b) {
  return std::memcmp(&a, &b, sizeof(V)) == 0;
}
template <class V>
std::size_t first_difference(const std::vector<V>& a, const std::vector<V>& b) {
  if (a.size() != b.size()) return 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!identical(a[i], b[i])) return i;
  }
  return a.size();
}

/// Runs the Indicator contract on `proto` over the ttrc-derived inputs and returns every
/// violation, one per line (empty when the contract holds):
///  1. streaming update() and the batch apply() give bit-identical output;
///  2. the first warmup() outputs are NaN, output[warmup()] is not, ready() flips exactly there;
///     with `finite_after_warmup`, no output after the warm-up has a NaN field;
///  3. value() returns the last update's value;
///  4. reset() restores the fresh state; copies evolve independently;
///  5. the NaN rule: a missing input at step k yields NaN at k and leaves the state untouched,
///     so the later outputs equal those of the series without that input.
/// Tests assert it with QUANTKIT_CHECK_INDICATOR_CONTRACT, which reports at the caller's line.
template <ind::Indicator I>
std::string indicator_contract_violations(const I& proto, bool finite_after_warmup = true) {
  using In = typename I::input_type;
  using V = typename I::value_type;
  const std::vector<In> in = ttrc_inputs<In>();
  const std::size_t n = in.size();
  const std::size_t w = proto.warmup();
  std::ostringstream bad;
  if (w + 1 >= n) {
    bad << "warmup() = " << w << " leaves no output over " << n << " inputs\n";
    return bad.str();
  }

  // 1 + 3: streaming equals batch, value() equals the last update.
  I s = proto;
  std::vector<V> stream(n);
  bool value_matches = true;
  std::size_t ready_at = n;
  for (std::size_t i = 0; i < n; ++i) {
    if (s.ready() && ready_at == n) ready_at = i;
    stream[i] = s.update(in[i]);
    value_matches = value_matches && identical(s.value(), stream[i]);
  }
  if (s.ready() && ready_at == n) ready_at = n;
  const std::vector<V> batch = ind::apply(proto, std::span<const In>(in));
  if (const std::size_t d = first_difference(stream, batch); d != n) {
    bad << "streaming and batch differ at index " << d << "\n";
  }
  if (!value_matches) bad << "value() differs from the last update's result\n";

  // 2: warm-up.
  std::size_t nan_prefix = 0;
  while (nan_prefix < n && all_nan(stream[nan_prefix])) ++nan_prefix;
  if (nan_prefix != w)
    bad << "first valid output at " << nan_prefix << ", warmup() = " << w << "\n";
  if (ready_at != w + 1) bad << "ready() became true after input " << ready_at << "\n";
  {
    const I fresh = proto;
    if (fresh.ready()) bad << "a fresh indicator is ready()\n";
    if (!all_nan(fresh.value())) bad << "a fresh indicator's value() is not NaN\n";
  }
  if (finite_after_warmup) {
    for (std::size_t i = w; i < n; ++i) {
      if (any_nan(stream[i])) {
        bad << "NaN output after the warm-up at index " << i << "\n";
        break;
      }
    }
  }

  // 4: reset and copies.
  I r = proto;
  for (std::size_t i = 0; i < n / 2; ++i) r.update(in[i]);
  I copy = r;
  r.reset();
  if (r.ready()) bad << "ready() after reset()\n";
  std::vector<V> again(n);
  for (std::size_t i = 0; i < n; ++i) again[i] = r.update(in[i]);
  if (first_difference(again, stream) != n) bad << "reset() did not restore the fresh state\n";
  std::vector<V> from_copy;
  for (std::size_t i = n / 2; i < n; ++i) from_copy.push_back(copy.update(in[i]));
  if (first_difference(from_copy,
                       std::vector<V>(stream.begin() + static_cast<std::ptrdiff_t>(n / 2),
                                      stream.end())) != from_copy.size()) {
    bad << "a copy did not continue like the original\n";
  }

  // 5: the NaN rule, at several positions (inside and after the warm-up).
  for (std::size_t k : {std::size_t{0}, w / 2, w, w + 3, n / 2, n - 2}) {
    std::vector<In> holed(in.begin(), in.end());
    holed.insert(holed.begin() + static_cast<std::ptrdiff_t>(k), nan_input<In>());
    I a = proto;
    std::vector<V> out;
    out.reserve(holed.size());
    for (const auto& x : holed) out.push_back(a.update(x));
    if (!all_nan(out[k])) bad << "a NaN input at " << k << " did not give a NaN output\n";
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(k));
    if (const std::size_t d = first_difference(out, stream); d != n) {
      bad << "a NaN input at " << k << " changed the state: outputs differ at index " << d << "\n";
    }
  }
  return bad.str();
}

}  // namespace quantkit::test

/// Asserts the Indicator contract (see indicator_contract_violations) with one doctest CHECK at
/// the caller's line, listing every violation. Arguments: the indicator [, finite_after_warmup].
#define QUANTKIT_CHECK_INDICATOR_CONTRACT(...)                                           \
  do {                                                                                   \
    const std::string quantkit_contract_violations_ =                                    \
        ::quantkit::test::indicator_contract_violations(__VA_ARGS__);                    \
    CHECK_MESSAGE(quantkit_contract_violations_.empty(), quantkit_contract_violations_); \
  } while (false)
