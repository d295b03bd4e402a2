// SPDX-License-Identifier: MIT
#include <quantkit/data/csv.hpp>
#include <quantkit/data/gaps.hpp>

#include "support/data.hpp"

#include <doctest/doctest.h>

namespace qk = quantkit;

namespace {
qk::bar_series at_minutes(std::initializer_list<int> mins) {
  qk::bar_series s;
  for (int m : mins) {
    s.push_back(
        {qk::make_timestamp(2024, 3, 4, 14, 30) + qk::minutes(m), 10, 11.0 + m, 9, 10.0 + m, 100});
  }
  return s;
}
}  // namespace

TEST_SUITE("data") {
  TEST_CASE("find_gaps: missing minutes between consecutive bars") {
    const auto bars = at_minutes({0, 1, 2, 5, 6, 10});
    const auto gaps = qk::find_gaps(bars, qk::minutes(1));
    REQUIRE(gaps.size() == 2);
    CHECK(gaps[0].after_row == 2);
    CHECK(gaps[0].start == bars.times()[2]);
    CHECK(gaps[0].end == bars.times()[3]);
    CHECK(gaps[0].missing == 2);  // minutes 3 and 4
    CHECK(gaps[1].missing == 3);  // minutes 7, 8, 9
    CHECK(qk::find_gaps(at_minutes({0, 1, 2}), qk::minutes(1)).empty());
  }

  TEST_CASE("find_gaps: a session calendar ignores nights and weekends") {
    // Friday 20:58, 20:59, then Monday 14:30, 14:31: a US session 14:30-21:00 UTC, Mon-Fri.
    qk::bar_series s;
    const auto fri = qk::make_timestamp(2024, 3, 8, 20, 58);
    const auto mon = qk::make_timestamp(2024, 3, 11, 14, 30);
    for (auto t : {fri, fri + qk::minutes(1), mon, mon + qk::minutes(1), mon + qk::minutes(4)}) {
      s.push_back({t, 1, 1, 1, 1, 1});
    }
    const qk::trading_session us{.open = qk::hours(14) + qk::minutes(30),
                                 .close = qk::hours(21),
                                 .weekdays = qk::weekdays_mon_fri};
    const auto gaps = qk::find_gaps(s, qk::minutes(1), us);
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0].missing == 2);                                     // only Monday 14:32 and 14:33
    CHECK(qk::find_gaps(s, qk::minutes(1)).front().missing > 3000);  // without a calendar
  }

  TEST_CASE("find_gaps: ttrc against a Monday-Friday calendar finds the exchange holidays") {
    const auto d = qk::read_csv(quantkit::test::example_data_path("ttrc.csv")).bars;
    const auto gaps =
        qk::find_gaps(d, qk::days(1), qk::trading_session{.weekdays = qk::weekdays_mon_fri});
    // 1985-02-18 (Presidents' Day) is a Monday holiday: the gap after Friday 1985-02-15.
    bool presidents_day = false;
    std::size_t missing = 0;
    for (const auto& g : gaps) {
      missing += g.missing;
      presidents_day = presidents_day || (qk::format_date(g.start) == "1985-02-15" &&
                                          qk::format_date(g.end) == "1985-02-19" && g.missing == 1);
    }
    CHECK(presidents_day);
    // Weekdays between the first and last bar minus the bars present = missing weekdays.
    std::size_t weekdays = 0;
    for (auto t = d.times().front(); t <= d.times().back(); t += qk::days(1))
      weekdays += qk::day_of_week(t) < 5 ? 1u : 0u;
    CHECK(missing == weekdays - d.size());
  }

  TEST_CASE("fill_gaps: forward fill with flat bars, or a caller's backfill") {
    const auto bars = at_minutes({0, 1, 4});
    const auto ff = qk::fill_gaps(bars, qk::minutes(1), qk::gap_fill::forward_fill);
    REQUIRE(ff.size() == 5);
    CHECK(ff[2] == qk::bar{bars.times()[1] + qk::minutes(1), 11, 11, 11, 11, 0});
    CHECK(ff[3].time == bars.times()[1] + qk::minutes(2));
    CHECK(qk::fill_gaps(bars, qk::minutes(1), qk::gap_fill::none) == bars);
    // Backfill from a second source: one bar per missing minute.
    const auto filled = qk::fill_gaps(bars, qk::minutes(1), [](const qk::gap& g) {
      qk::bar_series out;
      for (auto t = g.start + qk::minutes(1); t < g.end; t += qk::minutes(1))
        out.push_back({t, 12, 13, 11, 12.5, 7});
      return out;
    });
    REQUIRE(filled.size() == 5);
    CHECK(filled[3].close == 12.5);
    // A backfill returning a bar outside the gap is a data_error naming the gap.
    CHECK_THROWS_AS(qk::fill_gaps(bars, qk::minutes(1),
                                  [](const qk::gap& g) {
                                    qk::bar_series out;
                                    out.push_back({g.end, 1, 1, 1, 1, 1});
                                    return out;
                                  }),
                    qk::data_error);
    // ... and invalid bars from it are caught by the validation of the merged series.
    CHECK_THROWS_AS(qk::fill_gaps(bars, qk::minutes(1),
                                  [](const qk::gap& g) {
                                    qk::bar_series out;
                                    out.push_back({g.start + qk::minutes(1), 1, 0.5, 1, 1, 1});
                                    return out;
                                  }),
                    qk::data_error);
  }

  TEST_CASE("find_gaps and fill_gaps: bad arguments") {
    const auto bars = at_minutes({0, 2});
    CHECK_THROWS_AS(qk::find_gaps(bars, 0), qk::invalid_argument);
    auto unsorted = at_minutes({2, 1});
    CHECK_THROWS_AS(qk::find_gaps(unsorted, qk::minutes(1)), qk::invalid_argument);
    CHECK_THROWS_AS(qk::fill_gaps(bars, -1, qk::gap_fill::forward_fill), qk::invalid_argument);
    CHECK(qk::find_gaps(qk::bar_series{}, qk::minutes(1)).empty());
  }
}
