// SPDX-License-Identifier: MIT
// Fixtures and checks shared by the inference tests (hypothesis tests, correlation, bootstrap,
// Sharpe inference, PBO, multiple testing): the inputs of tests/data/stats/ and a relative check
// that prints both numbers.
#pragma once

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace quantkit::test::inference {

inline const json& scipy() {
  static const auto j = load_json("stats/scipy_stats.json");
  return j;
}

inline std::vector<double> trades() {
  return load_csv("stats/inputs/trades.csv").numbers("return");
}
inline std::vector<double> returns() {
  return load_csv("stats/inputs/returns.csv").numbers("returns");
}
inline std::vector<double> benchmark() {
  return load_csv("stats/inputs/returns.csv").numbers("benchmark");
}

/// The 50 trial columns s00..s49 of trials.csv (1000 rows each), in column order.
inline const std::vector<std::vector<double>>& trials() {
  static const auto cols = [] {
    const auto t = load_csv("stats/inputs/trials.csv");
    std::vector<std::vector<double>> out;
    for (int j = 0; j < 50; ++j) {
      char name[8];
      std::snprintf(name, sizeof name, "s%02d", j);
      out.push_back(t.numbers(name));
    }
    return out;
  }();
  return cols;
}

/// Sample "a" or "b" of samples.csv; ticks = true gives the integer tick column (heavy ties).
inline std::vector<double> sample(const std::string& name, bool ticks = false) {
  static const auto t = load_csv("stats/inputs/samples.csv");
  const auto names = t.strings("sample");
  const auto values = t.numbers(ticks ? "ticks" : "value");
  std::vector<double> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) out.push_back(values[i]);
  }
  return out;
}

/// %.17g, so that failures show every digit.
inline std::string digits(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

/// |got - expected| <= rel |expected| (or both NaN, or equal), reporting both values.
inline void check_rel(double got, double expected, double rel, const std::string& what = "") {
  CAPTURE(what);
  const std::string got_digits = digits(got);
  const std::string expected_digits = digits(expected);
  CAPTURE(got_digits);
  CAPTURE(expected_digits);
  const double relerr = std::fabs(got - expected) / std::fabs(expected);
  CAPTURE(relerr);
  // close() alone accepts inf against a finite value (rel * inf = inf): require finiteness.
  const bool ok = got == expected || (std::isnan(got) && std::isnan(expected)) ||
                  (std::isfinite(got) && std::isfinite(expected) && close(got, expected, rel));
  CHECK(ok);
}

}  // namespace quantkit::test::inference
