// SPDX-License-Identifier: MIT
// quantkit/data/resample.hpp - OHLCV bars to a coarser interval (1m -> 5m, 1h, 1d; 1d -> 1w)
#pragma once

#include "../core/bar_series.hpp"
#include "../core/error.hpp"
#include "../core/time.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace quantkit {

/// Options of resample.
struct resample_options {
  duration interval = 0;  ///< the target bar length (> 0), e.g. minutes(5), days(7)
  /// Bucket alignment: buckets are [origin + k interval, origin + (k + 1) interval). 0 aligns to
  /// the Unix epoch (a Thursday); days(4) starts weekly buckets on Mondays; hours(9) + minutes(30)
  /// aligns intraday buckets to a 09:30 UTC session start.
  timestamp origin = 0;
  /// Length of the input bars; 0 infers it as the smallest positive gap between two bars. The
  /// interval must be a multiple of it.
  duration base_interval = 0;
};

/// Resampled bars. `counts[i]` is the number of input bars in output bar i. The last bucket is
/// `last_partial` when the data stops before the bucket's end (its last bar + base interval is
/// before the bucket end): a weekly bar built on a Wednesday, or a daily-to-weekly bucket whose
/// Friday closes before the Monday origin of the next (calendar gaps count as not observed).
struct resample_result {
  bar_series bars{};
  std::vector<std::size_t> counts{};
  bool last_partial = false;
  duration base_interval = 0;  ///< the base interval used (given or inferred)
};

/// Aggregates bars into buckets of `interval`: open of the first bar, highest high, lowest low,
/// close of the last bar, summed volume, labelled with the bucket start. Empty buckets produce no
/// bar (see find_gaps to report them). Throws invalid_argument for interval <= 0, an interval that
/// is not a multiple of the base interval, or unsorted input; O(n).
inline resample_result resample(bar_series_view bars, const resample_options& opt) {
  constexpr const char* fn = "quantkit::resample";
  require(opt.interval > 0, fn, "interval", opt.interval, "must be > 0 (nanoseconds)");
  require(opt.base_interval >= 0, fn, "base_interval", opt.base_interval, "must be >= 0");
  resample_result res;
  const auto t = bars.times();
  duration base = opt.base_interval;
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (!(t[i] > t[i - 1])) {
      throw_invalid_argument(fn, "bars",
                             "timestamps must strictly increase (row " + std::to_string(i) +
                                 " at " + format_timestamp(t[i]) + " is not after row " +
                                 std::to_string(i - 1) + ")");
    }
    if (opt.base_interval == 0)
      base = base == 0 ? t[i] - t[i - 1] : std::min(base, t[i] - t[i - 1]);
  }
  res.base_interval = base;
  if (base > 0 && opt.interval % base != 0) {
    throw_invalid_argument(
        fn, "interval", "must be a multiple of the base interval " + std::to_string(base) + " ns",
        opt.interval);
  }
  if (bars.empty()) return res;
  res.bars.reserve(bars.size() / static_cast<std::size_t>(
                                     std::max<duration>(1, base > 0 ? opt.interval / base : 1)) +
                   1);
  const auto o = bars.opens();
  const auto h = bars.highs();
  const auto l = bars.lows();
  const auto c = bars.closes();
  const auto v = bars.volumes();
  auto bucket_of = [&](timestamp x) { return floor_div(x - opt.origin, opt.interval); };
  std::int64_t current = bucket_of(t[0]);
  bar acc{opt.origin + current * opt.interval, o[0], h[0], l[0], c[0], v[0]};
  std::size_t count = 1;
  for (std::size_t i = 1; i < bars.size(); ++i) {
    const std::int64_t k = bucket_of(t[i]);
    if (k != current) {
      res.bars.push_back(acc);
      res.counts.push_back(count);
      current = k;
      acc = bar{opt.origin + k * opt.interval, o[i], h[i], l[i], c[i], v[i]};
      count = 1;
    } else {
      acc.high = std::max(acc.high, h[i]);
      acc.low = std::min(acc.low, l[i]);
      acc.close = c[i];
      acc.volume += v[i];
      ++count;
    }
  }
  res.bars.push_back(acc);
  res.counts.push_back(count);
  const timestamp bucket_end = acc.time + opt.interval;
  res.last_partial = t.back() + base < bucket_end;
  return res;
}

}  // namespace quantkit
