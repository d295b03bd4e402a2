// SPDX-License-Identifier: MIT
#include <quantkit/data/csv.hpp>
#include <quantkit/data/resample.hpp>

#include "support/data.hpp"

#include <doctest/doctest.h>

namespace qk = quantkit;

namespace {
// 1-minute bars from 09:30 with closes 1, 2, 3, ...; open = close - 0.5, high = close + 1,
// low = close - 1, volume = 10 x index.
qk::bar_series minutes(int n, int skip = -1) {
  qk::bar_series s;
  for (int i = 0; i < n; ++i) {
    if (i == skip) continue;
    const double c = 1.0 + i;
    s.push_back({qk::make_timestamp(2024, 3, 4, 9, 30) + qk::minutes(i), c - 0.5, c + 1, c - 1, c,
                 10.0 * i});
  }
  return s;
}
}  // namespace

TEST_SUITE("data") {
  TEST_CASE("resample: 1-minute to 5-minute bars, first open, max high, min low, last close, sum") {
    const auto bars = minutes(12);
    // Aligned to the epoch, 09:30 starts a 5-minute bucket: [09:30, 09:35), [09:35, 09:40), [09:40,
    // 09:45)
    const auto r = qk::resample(bars, {.interval = qk::minutes(5)});
    REQUIRE(r.bars.size() == 3);
    CHECK(r.base_interval == qk::minutes(1));
    CHECK(r.bars[0] == qk::bar{qk::make_timestamp(2024, 3, 4, 9, 30), 0.5, 6.0, 0.0, 5.0, 100.0});
    CHECK(r.bars[1] == qk::bar{qk::make_timestamp(2024, 3, 4, 9, 35), 5.5, 11.0, 5.0, 10.0, 350.0});
    CHECK(r.bars[2] ==
          qk::bar{qk::make_timestamp(2024, 3, 4, 9, 40), 10.5, 13.0, 10.0, 12.0, 210.0});
    CHECK(r.counts == std::vector<std::size_t>{5, 5, 2});
    CHECK(r.last_partial);  // the last bucket ends at 09:45, the data at 09:42
    const auto full = qk::resample(minutes(10), {.interval = qk::minutes(5)});
    CHECK_FALSE(full.last_partial);
  }

  TEST_CASE(
      "resample: an origin aligns buckets to a session start, missing bars leave a bucket short") {
    // Buckets of 15 minutes aligned to 09:32 (origin = 09:32 on any day): [09:17, 09:32),
    // [09:32, 09:47), [09:47, 10:02); bars 09:30 .. 09:49 without 09:37.
    const auto r = qk::resample(
        minutes(20, 7), {.interval = qk::minutes(15), .origin = qk::hours(9) + qk::minutes(32)});
    REQUIRE(r.bars.size() == 3);
    CHECK(r.bars[0].time == qk::make_timestamp(2024, 3, 4, 9, 17));
    CHECK(r.counts == std::vector<std::size_t>{2, 14, 3});
    CHECK(r.bars[1].open == 2.5);  // the 09:32 bar: close 3, open 2.5
    // volumes 10 x index over indexes 2..16 without 7
    CHECK(r.bars[1].volume ==
          10.0 * (2 + 3 + 4 + 5 + 6 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16));
  }

  TEST_CASE("resample: ttrc daily bars to Monday-aligned weeks") {
    const auto d = qk::read_csv(quantkit::test::example_data_path("ttrc.csv")).bars;
    const auto w = qk::resample(d, {.interval = qk::days(7), .origin = qk::days(4)});
    CHECK(qk::day_of_week(w.bars[0].time) == 0);  // Monday
    CHECK(w.bars[0].time == qk::make_timestamp(1984, 12, 31));
    // The first week holds Jan 2-4 1985 (Wednesday to Friday): open of Jan 2, close of Jan 4.
    CHECK(w.counts[0] == 3);
    CHECK(w.bars[0].open == 3.18);
    CHECK(w.bars[0].close == 3.09);
    CHECK(w.bars[0].high == 3.18);
    CHECK(w.bars[0].low == 3.08);
    CHECK(w.bars[0].volume == 1870906.0 + 3099506.0 + 2274157.0);
    std::size_t total = 0;
    for (auto c : w.counts) total += c;
    CHECK(total == d.size());
  }

  TEST_CASE("resample: bad arguments") {
    const auto bars = minutes(10);
    CHECK_THROWS_AS(qk::resample(bars, {.interval = 0}), qk::invalid_argument);
    CHECK_THROWS_WITH_AS(qk::resample(bars, {.interval = qk::seconds(90)}),
                         "quantkit::resample: interval must be a multiple of the base interval "
                         "60000000000 ns (got 90000000000)",
                         qk::invalid_argument);
    auto unsorted = bars;
    unsorted.times_mut()[3] = unsorted.times()[2];
    CHECK_THROWS_AS(qk::resample(unsorted, {.interval = qk::minutes(5)}), qk::invalid_argument);
    CHECK(qk::resample(qk::bar_series{}, {.interval = qk::minutes(5)}).bars.empty());
  }
}
