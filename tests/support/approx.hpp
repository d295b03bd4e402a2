// SPDX-License-Identifier: MIT
// tests/support/approx.hpp - tolerance helpers for double comparisons (never a bare Approx)
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <cstddef>
#include <span>
#include <sstream>
#include <string>

namespace quantkit::test {

/// doctest::Approx with an explicit tolerance: |a - b| < eps * (1 + max(|a|, |b|)), i.e. relative
/// for large magnitudes and absolute near zero. The default 1e-12 suits closed forms; any looser
/// tolerance must be justified in a comment where it is used.
inline doctest::Approx approx(double expected, double eps = 1e-12) {
  return doctest::Approx(expected).epsilon(eps);
}

/// True when a and b agree to `rel` relative or `abs` absolute, or are both NaN.
inline bool close(double a, double b, double rel, double abs = 0.0) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (a == b) return true;  // also equal infinities
  if (std::isinf(a) || std::isinf(b)) return false;  // rel * inf would accept any finite value
  const double diff = std::fabs(a - b);
  return diff <= abs || diff <= rel * std::fmax(std::fabs(a), std::fabs(b));
}

/// Index of the first element where the two ranges differ beyond tolerance (or size if none).
inline std::size_t first_mismatch(std::span<const double> a, std::span<const double> b,
                                  double rel, double abs = 0.0) {
  if (a.size() != b.size()) return 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!close(a[i], b[i], rel, abs)) return i;
  }
  return a.size();
}

/// Checks two equal-length series element by element, NaN matching NaN; on failure reports the
/// first index and both values (one assertion per call, not per element).
inline void check_series(std::span<const double> actual, std::span<const double> expected,
                         double rel, double abs = 0.0, const std::string& what = "") {
  REQUIRE_MESSAGE(actual.size() == expected.size(), what, ": sizes differ");
  const std::size_t i = first_mismatch(actual, expected, rel, abs);
  std::ostringstream msg;
  msg.precision(17);
  if (i < actual.size()) {
    msg << what << ": first mismatch at index " << i << ": actual " << actual[i] << ", expected "
        << expected[i];
  }
  CHECK_MESSAGE(i == actual.size(), msg.str());
}

/// Bitwise equality of two doubles (NaN == NaN with the same payload); for determinism checks.
inline bool same_bits(double a, double b) noexcept {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace quantkit::test
