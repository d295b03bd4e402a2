// SPDX-License-Identifier: MIT
#include <quantkit/core/time.hpp>

#include <doctest/doctest.h>

#include <string>

namespace qk = quantkit;

TEST_SUITE("core") {
  TEST_CASE("time: civil date conversions against known epoch days") {
    // Hand-checked anchors: 1970-01-01 is day 0, 2000-03-01 follows the leap day 2000-02-29
    // (day 11016), 1985-01-02 is day 5480 (ttrc's first bar), 1969-12-31 is day -1.
    CHECK(qk::days_from_civil(1970, 1, 1) == 0);
    CHECK(qk::days_from_civil(2000, 2, 29) == 11016);
    CHECK(qk::days_from_civil(2000, 3, 1) == 11017);
    CHECK(qk::days_from_civil(1985, 1, 2) == 5480);
    CHECK(qk::days_from_civil(1969, 12, 31) == -1);
    CHECK(qk::days_from_civil(1677, 9, 22) == -106751);
    CHECK(qk::civil_from_days(11016) == qk::civil_date{2000, 2, 29});
    CHECK(qk::civil_from_days(-1) == qk::civil_date{1969, 12, 31});
    // Round trip over 600 years of days.
    for (std::int64_t d = -106000; d <= 106000; d += 7) {
      const auto c = qk::civil_from_days(d);
      REQUIRE(qk::days_from_civil(c.year, c.month, c.day) == d);
    }
  }

  TEST_CASE("time: leap years and month lengths") {
    CHECK(qk::is_leap_year(2000));
    CHECK_FALSE(qk::is_leap_year(1900));
    CHECK(qk::is_leap_year(2024));
    CHECK_FALSE(qk::is_leap_year(2023));
    CHECK(qk::days_in_month(2024, 2) == 29);
    CHECK(qk::days_in_month(2023, 2) == 28);
    CHECK(qk::days_in_month(2023, 4) == 30);
    CHECK(qk::days_in_month(2023, 12) == 31);
  }

  TEST_CASE("time: parse_timestamp accepts the documented ISO-8601 forms") {
    const qk::timestamp day = qk::days_from_civil(2024, 3, 15) * qk::nanoseconds_per_day;
    CHECK(qk::parse_timestamp("2024-03-15") == day);
    CHECK(qk::parse_timestamp("2024-03-15T09:30") == day + qk::hours(9) + qk::minutes(30));
    CHECK(qk::parse_timestamp("2024-03-15 09:30:05") ==
          day + qk::hours(9) + qk::minutes(30) + qk::seconds(5));
    CHECK(qk::parse_timestamp("2024-03-15T09:30:05.123Z") ==
          day + qk::hours(9) + qk::minutes(30) + qk::seconds(5) + 123'000'000);
    CHECK(qk::parse_timestamp("2024-03-15T09:30:05.123456789") ==
          day + qk::hours(9) + qk::minutes(30) + qk::seconds(5) + 123'456'789);
    // More than 9 fractional digits are truncated, not rounded.
    CHECK(qk::parse_timestamp("2024-03-15T00:00:00.0000000019") == day + 1);
    // Offsets convert to UTC: 09:30-05:00 is 14:30Z; +0530 subtracts 5.5 hours.
    CHECK(qk::parse_timestamp("2024-03-15T09:30:00-05:00") == day + qk::hours(14) + qk::minutes(30));
    CHECK(qk::parse_timestamp("2024-03-15T09:30:00+0530") == day + qk::hours(4));
    CHECK(qk::parse_timestamp("2024-03-15T09:30+01") == day + qk::hours(8) + qk::minutes(30));
    CHECK(qk::parse_timestamp("1970-01-01T00:00:00Z") == 0);
    CHECK(qk::parse_timestamp("1969-12-31T23:59:59.999999999Z") == -1);
  }

  TEST_CASE("time: malformed timestamps are rejected with the position") {
    const char* bad[] = {"",           "2024",           "2024-3-15",        "2024-13-01",
                         "2023-02-29", "2024-03-15X",    "2024-03-15T9:30",  "2024-03-15T24:00",
                         "2024-03-15T09:60", "2024-03-15T09:30:60", "2024-03-15T09:30:05.",
                         "2024-03-15T09:30Z junk", "1677-01-01", "2262-06-01", "2024-03-15T09:30+25:00"};
    for (const char* s : bad) {
      CAPTURE(s);
      CHECK_FALSE(qk::try_parse_timestamp(s).has_value());
      CHECK_THROWS_AS(qk::parse_timestamp(s), qk::invalid_argument);
    }
    CHECK_THROWS_WITH(qk::parse_timestamp("2024-13-01"),
                      "quantkit::parse_timestamp: cannot parse \"2024-13-01\" as an ISO-8601 "
                      "timestamp: expected a month 01..12 (YYYY-MM-DD) at character 6");
  }

  TEST_CASE("time: format_date and format_timestamp round-trip") {
    const qk::timestamp t = qk::make_timestamp(2024, 2, 29, 23, 59, 58, 5'000'000);
    CHECK(qk::format_date(t) == "2024-02-29");
    CHECK(qk::format_timestamp(t) == "2024-02-29T23:59:58.005Z");
    CHECK(qk::format_timestamp(qk::make_timestamp(2024, 2, 29)) == "2024-02-29T00:00:00Z");
    CHECK(qk::format_timestamp(qk::make_timestamp(2024, 2, 29) + 1500) ==
          "2024-02-29T00:00:00.000001500Z");
    CHECK(qk::format_timestamp(qk::make_timestamp(2024, 2, 29) + 7000) ==
          "2024-02-29T00:00:00.000007Z");
    CHECK(qk::format_timestamp(-1) == "1969-12-31T23:59:59.999999999Z");
    for (qk::timestamp x : {qk::timestamp{0}, t, qk::timestamp{-1}, qk::timestamp{123456789012345678}}) {
      CHECK(qk::parse_timestamp(qk::format_timestamp(x)) == x);
    }
  }

  TEST_CASE("time: make_timestamp validates every field") {
    CHECK(qk::make_timestamp(1970, 1, 2) == qk::days(1));
    CHECK_THROWS_AS(qk::make_timestamp(2023, 2, 29), qk::invalid_argument);
    CHECK_THROWS_AS(qk::make_timestamp(2023, 0, 1), qk::invalid_argument);
    CHECK_THROWS_AS(qk::make_timestamp(2023, 1, 1, 24), qk::invalid_argument);
    CHECK_THROWS_AS(qk::make_timestamp(2023, 1, 1, 0, 60), qk::invalid_argument);
    CHECK_THROWS_AS(qk::make_timestamp(2023, 1, 1, 0, 0, 60), qk::invalid_argument);
    CHECK_THROWS_AS(qk::make_timestamp(2023, 1, 1, 0, 0, 0, -1), qk::invalid_argument);
    CHECK_THROWS_AS(qk::make_timestamp(2023, 1, 1, 0, 0, 0, 1'000'000'000), qk::invalid_argument);
    CHECK_THROWS_WITH(qk::make_timestamp(3000, 1, 1),
                      "quantkit::make_timestamp: year must be in 1678..2261 (got 3000)");
  }

  TEST_CASE("time: epoch units convert both ways, flooring toward -infinity") {
    CHECK(qk::from_epoch(1'700'000'000, qk::epoch_unit::seconds) == 1'700'000'000'000'000'000);
    CHECK(qk::from_epoch(1'700'000'000'123, qk::epoch_unit::milliseconds) ==
          1'700'000'000'123'000'000);
    CHECK(qk::from_epoch(5, qk::epoch_unit::microseconds) == 5000);
    CHECK(qk::from_epoch(5, qk::epoch_unit::nanoseconds) == 5);
    CHECK(qk::to_epoch(1'700'000'000'999'999'999, qk::epoch_unit::seconds) == 1'700'000'000);
    CHECK(qk::to_epoch(-1, qk::epoch_unit::seconds) == -1);
    CHECK(qk::to_epoch(-1'000'000'000, qk::epoch_unit::seconds) == -1);
    CHECK(qk::to_epoch(1'500'000, qk::epoch_unit::milliseconds) == 1);
    CHECK_THROWS_AS(qk::from_epoch(10'000'000'000, qk::epoch_unit::seconds), qk::invalid_argument);
    CHECK_THROWS_AS(qk::from_epoch(-10'000'000'000'000, qk::epoch_unit::milliseconds),
                    qk::invalid_argument);
  }

  TEST_CASE("time: day of week, time of day, floor to day") {
    CHECK(qk::day_of_week(0) == 3);                                   // 1970-01-01 Thursday
    CHECK(qk::day_of_week(qk::make_timestamp(2024, 3, 18)) == 0);     // Monday
    CHECK(qk::day_of_week(qk::make_timestamp(2024, 3, 17, 23)) == 6);  // Sunday
    CHECK(qk::day_of_week(-1) == 2);                                  // 1969-12-31 Wednesday
    const qk::timestamp t = qk::make_timestamp(2024, 3, 18, 9, 30);
    CHECK(qk::time_of_day(t) == qk::hours(9) + qk::minutes(30));
    CHECK(qk::floor_to_day(t) == qk::make_timestamp(2024, 3, 18));
    CHECK(qk::time_of_day(-1) == qk::days(1) - 1);
    CHECK(qk::floor_div(-7, 2) == -4);
    CHECK(qk::floor_div(7, 2) == 3);
  }
}
