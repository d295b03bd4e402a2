// SPDX-License-Identifier: MIT
// tests/support/talib_calls.hpp - TA-Lib outputs at non-default parameters on ttrc, keyed by call
// (e.g. "MACDEXT(5 3 20 7 4 8)": TA-Lib's optional inputs in TA-Lib's order, space-separated)
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
#include <utility>
#include <vector>

namespace quantkit::test {

/// A fixture of columns call,output,row,value; the row of output "lookback" holds TA-Lib's first
/// output index (= lookback) of the call.
class talib_calls {
 public:
  static const talib_calls& get(const std::string& fixture) {
    static std::map<std::string, talib_calls> cache;
    auto it = cache.find(fixture);
    if (it == cache.end()) it = cache.emplace(fixture, talib_calls(fixture)).first;
    return it->second;
  }

  /// Checks `ours` (aligned with the ttrc bars) against output `output` of `call`, as
  /// check_talib does for the default-parameter reference: lookback, NaN before it, every sample.
  void check(const std::string& call, const std::string& output, std::span<const double> ours,
             std::size_t warmup, double rel = 1e-9, double abs = 1e-9) const {
    REQUIRE_MESSAGE(samples_.count(call) == 1, "no TA-Lib samples for ", call);
    const auto& outs = samples_.at(call);
    REQUIRE_MESSAGE(outs.count(output) == 1, "no TA-Lib output ", output, " for ", call);
    const std::size_t lookback = outs.at("lookback").front().first;
    CHECK_MESSAGE(warmup == lookback, call, ": warmup() ", warmup, " != TA-Lib lookback ",
                  lookback);
    REQUIRE(ours.size() == ttrc().size());
    if (lookback > 0) {
      CHECK_MESSAGE(std::isnan(ours[lookback - 1]), call, ".", output,
                    ": value before TA-Lib's first output is not NaN");
    }
    std::size_t bad = 0;
    std::ostringstream first;
    first.precision(17);
    for (const auto& [row, value] : outs.at(output)) {
      if (!close(ours[row], value, rel, abs)) {
        if (bad == 0) {
          first << call << "." << output << " row " << row << ": ours " << ours[row] << ", TA-Lib "
                << value;
        }
        ++bad;
      }
    }
    CHECK_MESSAGE(bad == 0, first.str(), " (", bad, " of ", outs.at(output).size(),
                  " samples differ)");
  }

 private:
  explicit talib_calls(const std::string& fixture) {
    const auto t = load_csv(fixture);
    const auto call = t.strings("call");
    const auto out = t.strings("output");
    const auto row = t.numbers("row");
    const auto val = t.numbers("value");
    for (std::size_t i = 0; i < call.size(); ++i) {
      samples_[call[i]][out[i]].emplace_back(static_cast<std::size_t>(row[i]), val[i]);
    }
  }
  std::map<std::string, std::map<std::string, std::vector<std::pair<std::size_t, double>>>>
      samples_;
};

/// Group A's fixture (tests/data/talib_ttrc_calls_a.csv).
inline void check_talib_call(const std::string& call, const std::string& output,
                             std::span<const double> ours, std::size_t warmup) {
  talib_calls::get("talib_ttrc_calls_a.csv").check(call, output, ours, warmup);
}

/// One field of a multi-output series, for check_talib / check_talib_call.
template <class V>
std::vector<double> field(const std::vector<V>& v, double V::*member) {
  std::vector<double> out;
  out.reserve(v.size());
  for (const auto& x : v) out.push_back(x.*member);
  return out;
}

}  // namespace quantkit::test
