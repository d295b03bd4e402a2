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

  /// Compares `ours` (aligned with the ttrc bars) with output `output` of `call`, as
  /// check_talib does for the default-parameter reference: lookback, NaN before it, every
  /// sample. Returns the disagreements, one per line (empty when everything matches).
  [[nodiscard]] std::string mismatches(const std::string& call, const std::string& output,
                                       std::span<const double> ours, std::size_t warmup,
                                       double rel = 1e-9, double abs = 1e-9) const {
    std::ostringstream bad;
    bad.precision(17);
    const auto c = samples_.find(call);
    if (c == samples_.end()) return "no TA-Lib samples for " + call + "\n";
    const auto& outs = c->second;
    if (outs.count(output) == 0) return "no TA-Lib output " + output + " for " + call + "\n";
    const std::size_t lookback = outs.at("lookback").front().first;
    if (warmup != lookback) {
      bad << call << ": warmup() " << warmup << " != TA-Lib lookback " << lookback << "\n";
    }
    if (ours.size() != ttrc().size()) {
      bad << call << ": " << ours.size() << " outputs for " << ttrc().size() << " bars\n";
      return bad.str();
    }
    if (lookback > 0 && !std::isnan(ours[lookback - 1])) {
      bad << call << "." << output << ": value before TA-Lib's first output is not NaN\n";
    }
    std::size_t n_bad = 0;
    for (const auto& [row, value] : outs.at(output)) {
      if (!close(ours[row], value, rel, abs)) {
        if (n_bad == 0) {
          bad << call << "." << output << " row " << row << ": ours " << ours[row] << ", TA-Lib "
              << value;
        }
        ++n_bad;
      }
    }
    if (n_bad > 0) bad << " (" << n_bad << " of " << outs.at(output).size() << " samples differ)\n";
    return bad.str();
  }

  /// Asserts mismatches(...) is empty (one doctest CHECK).
  void check(const std::string& call, const std::string& output, std::span<const double> ours,
             std::size_t warmup, double rel = 1e-9, double abs = 1e-9) const {
    const std::string bad = mismatches(call, output, ours, warmup, rel, abs);
    CHECK_MESSAGE(bad.empty(), bad);
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
