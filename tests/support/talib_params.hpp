// SPDX-License-Identifier: MIT
// tests/support/talib_params.hpp - TA-Lib outputs at NON-default parameters on ttrc
// (tests/data/talib_ttrc_nondefault_b.csv: function, params, output, row, value)
#pragma once

#include "support/approx.hpp"
#include "support/data.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <map>
#include <span>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace quantkit::test {

/// (function, params, output) -> (row, value) pairs in row order. The params string is the
/// fixture's, e.g. "period=5" or "fast_period=2 slow_period=5".
inline const std::map<std::tuple<std::string, std::string, std::string>,
                      std::vector<std::pair<std::size_t, double>>>&
talib_nondefault() {
  static const auto ref = [] {
    std::map<std::tuple<std::string, std::string, std::string>,
             std::vector<std::pair<std::size_t, double>>>
        r;
    const auto t = load_csv("talib_ttrc_nondefault_b.csv");
    const auto f = t.strings("function");
    const auto p = t.strings("params");
    const auto o = t.strings("output");
    const auto row = t.numbers("row");
    const auto val = t.numbers("value");
    for (std::size_t i = 0; i < f.size(); ++i) {
      r[{f[i], p[i], o[i]}].emplace_back(static_cast<std::size_t>(row[i]), val[i]);
    }
    return r;
  }();
  return ref;
}

/// Checks `ours` (aligned with the ttrc bars) against TA-Lib's output at the given parameters:
/// every sampled row to 1e-9 relative (1e-9 absolute near 0), the first sampled row (TA-Lib's
/// first output) equal to `warmup`, and NaN just before it.
inline void check_talib_params(const std::string& function, const std::string& params,
                               std::span<const double> ours, std::size_t warmup,
                               const std::string& output = "outReal") {
  const auto& ref = talib_nondefault();
  const auto it = ref.find({function, params, output});
  REQUIRE_MESSAGE(it != ref.end(), "no TA-Lib samples for ", function, "(", params, ")");
  const auto& samples = it->second;
  REQUIRE(ours.size() == ttrc().size());
  CHECK_MESSAGE(samples.front().first == warmup, function, "(", params, "): TA-Lib's first row ",
                samples.front().first, " != warmup() ", warmup);
  if (warmup > 0) CHECK(std::isnan(ours[warmup - 1]));
  std::size_t bad = 0;
  std::ostringstream first;
  first.precision(17);
  for (const auto& [row, value] : samples) {
    if (!close(ours[row], value, 1e-9, 1e-9)) {
      if (bad == 0)
        first << function << "(" << params << ") row " << row << ": ours " << ours[row]
              << ", TA-Lib " << value;
      ++bad;
    }
  }
  CHECK_MESSAGE(bad == 0, first.str(), " (", bad, " of ", samples.size(), " samples differ)");
}

}  // namespace quantkit::test
