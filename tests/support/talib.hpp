// SPDX-License-Identifier: MIT
// tests/support/talib.hpp - TA-Lib 0.6.4 parity fixtures: the ttrc bars and TA-Lib's sampled
// outputs at default parameters (tests/data/talib_ttrc_sampled.csv, talib_ttrc_runs.csv)
#pragma once

#include <quantkit/core/bar_series.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <map>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace quantkit::test {

/// The ttrc daily bars (examples/data/ttrc.csv), read with the test CSV reader (independent of
/// quantkit's own), timestamps = day index (only order matters for indicators).
inline const quantkit::bar_series& ttrc() {
  static const quantkit::bar_series bars = [] {
    const std::string text = read_text(example_data_path("ttrc.csv"));
    csv_table t;
    {
      // load_csv reads from tests/data; ttrc lives in examples/data, so parse here.
      std::size_t pos = 0;
      bool first = true;
      while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ',')) cells.push_back(cell);
        if (first) {
          t.header = cells;
          first = false;
        } else {
          t.rows.push_back(cells);
        }
      }
    }
    const auto o = t.numbers("Open");
    const auto h = t.numbers("High");
    const auto l = t.numbers("Low");
    const auto c = t.numbers("Close");
    const auto v = t.numbers("Volume");
    quantkit::bar_series s;
    for (std::size_t i = 0; i < o.size(); ++i) {
      s.push_back({static_cast<quantkit::timestamp>(i), o[i], h[i], l[i], c[i], v[i]});
    }
    return s;
  }();
  return bars;
}

/// TA-Lib's sampled outputs: function -> output name -> (row, value) pairs in row order, and the
/// lookback of each function.
struct talib_reference {
  std::map<std::string, std::map<std::string, std::vector<std::pair<std::size_t, double>>>> samples;
  std::map<std::string, std::size_t> lookback;

  static const talib_reference& get() {
    static const talib_reference ref = [] {
      talib_reference r;
      const auto runs = load_csv("talib_ttrc_runs.csv");
      const auto fn = runs.strings("function");
      const auto lb = runs.numbers("lookback");
      for (std::size_t i = 0; i < fn.size(); ++i) r.lookback[fn[i]] = static_cast<std::size_t>(lb[i]);
      const auto t = load_csv("talib_ttrc_sampled.csv");
      const auto f = t.strings("function");
      const auto out = t.strings("output");
      const auto row = t.numbers("row");
      const auto val = t.numbers("value");
      for (std::size_t i = 0; i < f.size(); ++i) {
        r.samples[f[i]][out[i]].emplace_back(static_cast<std::size_t>(row[i]), val[i]);
      }
      return r;
    }();
    return ref;
  }
};

/// Checks `ours` (aligned with the ttrc bars, NaN during warm-up) against TA-Lib's output
/// `output` of `function`: every sampled row agrees to `rel` relative or `abs` absolute
/// (default 1e-9, the parity bar), the output starts exactly at TA-Lib's lookback
/// (NaN just before it), and `warmup` equals that lookback. One CHECK per aspect, with the first
/// mismatching row in the message.
inline void check_talib(const std::string& function, const std::string& output,
                        std::span<const double> ours, std::size_t warmup, double rel = 1e-9,
                        double abs = 1e-9) {
  const auto& ref = talib_reference::get();
  REQUIRE_MESSAGE(ref.samples.count(function) == 1, "no TA-Lib samples for ", function);
  const auto& outs = ref.samples.at(function);
  REQUIRE_MESSAGE(outs.count(output) == 1, "no TA-Lib output ", output, " for ", function);
  const auto& samples = outs.at(output);
  const std::size_t lookback = ref.lookback.at(function);
  CHECK_MESSAGE(warmup == lookback, function, ": warmup() ", warmup, " != TA-Lib lookback ",
                lookback);
  REQUIRE(ours.size() == ttrc().size());
  if (lookback > 0) {
    CHECK_MESSAGE(std::isnan(ours[lookback - 1]), function, ".", output,
                  ": value before TA-Lib's first output is not NaN");
  }
  std::size_t bad = 0;
  std::ostringstream first;
  first.precision(17);
  for (const auto& [row, value] : samples) {
    if (!close(ours[row], value, rel, abs)) {
      if (bad == 0) {
        first << function << "." << output << " row " << row << ": ours " << ours[row]
              << ", TA-Lib " << value;
      }
      ++bad;
    }
  }
  CHECK_MESSAGE(bad == 0, first.str(), " (", bad, " of ", samples.size(), " samples differ)");
}

}  // namespace quantkit::test
