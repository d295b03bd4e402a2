// SPDX-License-Identifier: MIT
// Edge cases of the data layer not covered by the per-header tests: delimiters, file errors,
// degenerate resampling inputs.
#include <quantkit/core/error.hpp>
#include <quantkit/core/time.hpp>
#include <quantkit/data/csv.hpp>
#include <quantkit/data/resample.hpp>

#include <doctest/doctest.h>

#include <cstring>
#include <string>

namespace qk = quantkit;

TEST_SUITE("data") {
  TEST_CASE("csv: the delimiters comma, semicolon, tab and bar give the same bars") {
    const std::string comma =
        "date,open,high,low,close,volume\n"
        "2024-01-02,10.5,11,10,10.75,1200\n"
        "2024-01-03,10.75,12.25,10.5,12,800\n";
    const auto ref = qk::parse_csv(comma);
    REQUIRE(ref.bars.size() == 2);
    CHECK(ref.bars[1].high == 12.25);
    CHECK(ref.bars[0].volume == 1200.0);
    for (const char d : {';', '\t', '|'}) {
      std::string text = comma;
      for (char& c : text) {
        if (c == ',') c = d;
      }
      qk::csv_options opt;
      opt.delimiter = d;
      const auto got = qk::parse_csv(text, opt);
      CAPTURE(static_cast<int>(d));
      REQUIRE(got.bars.size() == ref.bars.size());
      for (std::size_t i = 0; i < got.bars.size(); ++i) {
        const qk::bar a = got.bars[i];
        const qk::bar b = ref.bars[i];
        CHECK(std::memcmp(&a, &b, sizeof a) == 0);
      }
      // The wrong delimiter is a parse error, not a silent single-column read.
      CHECK_THROWS_AS(qk::parse_csv(text), qk::parse_error);
    }
  }

  TEST_CASE("csv: a missing file is a parse_error naming the path") {
    const std::string path = "/nonexistent/quantkit/prices.csv";
    CHECK_THROWS_WITH_AS(qk::read_csv(path), doctest::Contains(path.c_str()), qk::parse_error);
  }

  TEST_CASE("resample: empty input and a single bar") {
    qk::resample_options opt;
    opt.interval = qk::minutes(5);
    opt.base_interval = qk::minutes(1);
    const auto empty = qk::resample(qk::bar_series{}, opt);
    CHECK(empty.bars.empty());
    CHECK(empty.counts.empty());
    CHECK_FALSE(empty.last_partial);

    qk::bar_series one;
    one.push_back({qk::minutes(7), 1.0, 2.0, 0.5, 1.5, 10.0});
    const auto r = qk::resample(one, opt);
    REQUIRE(r.bars.size() == 1);
    CHECK(r.bars[0].time == qk::minutes(5));  // bucket [5, 10) minutes holds the bar at 7
    CHECK(r.bars[0].open == 1.0);
    CHECK(r.bars[0].high == 2.0);
    CHECK(r.bars[0].low == 0.5);
    CHECK(r.bars[0].close == 1.5);
    CHECK(r.bars[0].volume == 10.0);
    CHECK(r.counts[0] == 1);
    CHECK(r.last_partial);  // the bucket ends at 10 minutes, the data at 8
  }
}
