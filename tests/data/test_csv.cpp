// SPDX-License-Identifier: MIT
#include <quantkit/data/csv.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace qk = quantkit;

namespace {
qk::parse_error parse_failure(std::string_view text, const qk::csv_options& opt = {}) {
  try {
    qk::parse_csv(text, opt, "prices.csv");
  } catch (const qk::parse_error& e) {
    return e;
  }
  FAIL("parse_csv did not throw");
  return qk::parse_error("", 0, 0, "");
}
}  // namespace

TEST_SUITE("data") {
  TEST_CASE("csv: reads the bundled ttrc series exactly") {
    const auto r = qk::read_csv(quantkit::test::example_data_path("ttrc.csv"));
    const auto& b = r.bars;
    REQUIRE(b.size() == 5550);
    CHECK(r.data_lines == 5550);
    CHECK(r.skipped.empty());
    CHECK(b.front() == qk::bar{qk::make_timestamp(1985, 1, 2), 3.18, 3.18, 3.08, 3.08, 1870906});
    CHECK(b[1] == qk::bar{qk::make_timestamp(1985, 1, 3), 3.09, 3.15, 3.09, 3.11, 3099506});
    CHECK(b.back() ==
          qk::bar{qk::make_timestamp(2006, 12, 29), 52.05, 52.27, 51.78, 51.95, 4943331});
  }

  TEST_CASE("csv: format and parse round-trip bit for bit, dates or date-times") {
    const auto ttrc = qk::read_csv(quantkit::test::example_data_path("ttrc.csv")).bars;
    const std::string text = qk::format_csv(ttrc);
    CHECK(text.substr(0, 34) == "Date,Open,High,Low,Close,Volume\n19");
    CHECK(qk::parse_csv(text).bars == ttrc);
    qk::bar_series intraday;
    intraday.push_back(
        {qk::make_timestamp(2024, 3, 4, 14, 30, 0, 123'000'000), 0.1, 0.3, 0.1 / 3, 0.2, 1e-7});
    intraday.push_back({qk::make_timestamp(2024, 3, 4, 14, 31), 1e300, 2e300, 5e299, 1.5e300, 0});
    const std::string t2 = qk::format_csv(intraday, {.delimiter = ';'});
    CHECK(t2.find("2024-03-04T14:30:00.123Z;0.1;0.3;") != std::string::npos);
    CHECK(qk::parse_csv(t2, {.delimiter = ';'}).bars == intraday);
    const std::string t3 =
        qk::format_csv(intraday, {.time = qk::csv_time_style::epoch_nanoseconds});
    CHECK(qk::parse_csv(t3, {.time = qk::time_format::epoch_nanoseconds}).bars == intraday);
    // A file on disk.
    const auto path = std::filesystem::temp_directory_path() / "quantkit_test_roundtrip.csv";
    qk::write_csv(path, ttrc);
    CHECK(qk::read_csv(path).bars == ttrc);
    std::filesystem::remove(path);
  }

  TEST_CASE("csv: columns by name, any order and case, aliases, extra columns ignored") {
    const auto r = qk::parse_csv(
        "Symbol,VOL,c,Timestamp,h,l,Open\n"
        "X,100,10.5,2024-01-02,11,9.5,10\n"
        "X,200,11,2024-01-03,11.5,10,10.5\n");
    REQUIRE(r.bars.size() == 2);
    CHECK(r.bars[0] == qk::bar{qk::make_timestamp(2024, 1, 2), 10, 11, 9.5, 10.5, 100});
    CHECK(r.bars[1].volume == 200);
  }

  TEST_CASE("csv: adjusted close on request, volume optional, close-only files") {
    const std::string text =
        "Date,Open,High,Low,Close,Adj "
        "Close\n2024-01-02,10,11,9,10.5,5.25\n2024-01-03,10.5,12,10,11,5.5\n";
    const auto raw = qk::parse_csv(text).bars;
    CHECK(raw[0].close == 10.5);
    CHECK(raw[0].volume == 0.0);  // no volume column
    // The adjusted close replaces the close; with it the raw high/low no longer bracket it, so
    // validation is off for this check.
    const auto adj = qk::parse_csv(text, {.use_adjusted_close = true, .validate = false}).bars;
    CHECK(adj[0].close == 5.25);
    CHECK_THROWS_AS(qk::parse_csv("Date,Open,High,Low,Close\n2024-01-02,1,1,1,1\n",
                                  {.use_adjusted_close = true}),
                    qk::parse_error);
    const auto close_only =
        qk::parse_csv("date,price\n2024-01-02,5\n2024-01-03,6\n", {.allow_close_only = true}).bars;
    CHECK(close_only[1] == qk::bar{qk::make_timestamp(2024, 1, 3), 6, 6, 6, 6, 0});
  }

  TEST_CASE("csv: separate date and time columns, epoch times by magnitude or by option") {
    const auto dt = qk::parse_csv(
        "Date,Time,Open,High,Low,Close,Volume\n2024-03-04,09:30,10,11,9,10,5\n2024-03-04,09:31:30,"
        "10,11,9,10,5\n");
    CHECK(dt.bars[0].time == qk::make_timestamp(2024, 3, 4, 9, 30));
    CHECK(dt.bars[1].time == qk::make_timestamp(2024, 3, 4, 9, 31, 30));
    const std::string secs = "time,open,high,low,close,volume\n1700000000,1,1,1,1,1\n";
    CHECK(qk::parse_csv(secs).bars[0].time ==
          qk::from_epoch(1'700'000'000, qk::epoch_unit::seconds));
    const std::string ms = "time,open,high,low,close,volume\n1700000000123,1,1,1,1,1\n";
    CHECK(qk::parse_csv(ms).bars[0].time ==
          qk::from_epoch(1'700'000'000'123, qk::epoch_unit::milliseconds));
    const std::string us = "time,open,high,low,close,volume\n1700000000123456,1,1,1,1,1\n";
    CHECK(qk::parse_csv(us).bars[0].time ==
          qk::from_epoch(1'700'000'000'123'456, qk::epoch_unit::microseconds));
    const std::string ns = "time,open,high,low,close,volume\n1700000000123456789,1,1,1,1,1\n";
    CHECK(qk::parse_csv(ns).bars[0].time == 1'700'000'000'123'456'789);
    // A small value read as milliseconds because the caller says so.
    CHECK(qk::parse_csv(secs, {.time = qk::time_format::epoch_milliseconds}).bars[0].time ==
          qk::from_epoch(1'700'000'000, qk::epoch_unit::milliseconds));
  }

  TEST_CASE("csv: BOM, CRLF, blank lines, quotes, trailing delimiters, no header") {
    const auto r = qk::parse_csv(
        "\xEF\xBB\xBF"
        "Date,Name,Open,High,Low,Close,Volume,\r\n\r\n"
        "\"2024-01-02\",\"ACME, \"\"the\"\" Inc.\",1000.5,1001,999,1000,\"7\",\r\n"
        "2024-01-03,ACME,1000,1002,999,1001,8,\r\n");
    REQUIRE(r.bars.size() == 2);
    CHECK(r.bars[0] == qk::bar{qk::make_timestamp(2024, 1, 2), 1000.5, 1001, 999, 1000, 7});
    CHECK(r.bars[1].close == 1001);
    const auto tab = qk::parse_csv("2024-01-02\t1\t2\t0.5\t1.5\t10\n", {.delimiter = '\t'});
    CHECK(tab.bars[0] == qk::bar{qk::make_timestamp(2024, 1, 2), 1, 2, 0.5, 1.5, 10});
    const auto custom =
        qk::parse_csv("1.5|2024-01-02|10\n", {.delimiter = '|',
                                              .header = qk::header_mode::absent,
                                              .allow_close_only = true,
                                              .columns = {"close", "date", "volume"}});
    CHECK(custom.bars[0] == qk::bar{qk::make_timestamp(2024, 1, 2), 1.5, 1.5, 1.5, 1.5, 10});
    // A quoted "1,000.5" is one field but not a number: the error names it.
    const auto e =
        parse_failure("Date,Open,High,Low,Close,Volume\n2024-01-02,\"1,000.5\",1,1,1,1\n");
    CHECK(e.line() == 2);
    CHECK(e.column() == 12);
  }

  TEST_CASE("csv: malformed lines give file:line:column and what was expected") {
    const std::string head = "Date,Open,High,Low,Close,Volume\n";
    auto e = parse_failure(head + "2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,abc,1.5,10\n");
    CHECK(std::string(e.what()) ==
          "prices.csv:3:16: expected a number in column 'Low', got \"abc\"");
    CHECK(e.source() == "prices.csv");
    CHECK(e.line() == 3);
    CHECK(e.column() == 16);  // "2024-01-03,1,2," is 15 characters
    e = parse_failure(head + "2024-01-02,1,2,,1.5,10\n");
    CHECK(std::string(e.what()) ==
          "prices.csv:2:16: expected a number in column 'Low', got an empty field");
    e = parse_failure(head + "2024-13-02,1,2,0.5,1.5,10\n");
    CHECK(
        std::string(e.what()) ==
        "prices.csv:2:6: expected an ISO-8601 time in column 'Date' (a month 01..12 (YYYY-MM-DD)), "
        "got \"2024-13-02\"");
    e = parse_failure(head + "2024-01-02,1,2,0.5,1.5\n");
    CHECK(std::string(e.what()) == "prices.csv:2:1: expected 6 fields, got 5");
    e = parse_failure("Date,Open,High,Close\n2024-01-02,1,2,1.5\n");
    CHECK(std::string(e.what()) ==
          "prices.csv:1:1: no low column (found: Date, Open, High, Close)");
    e = parse_failure(head + "2024-01-02,\"1,2,0.5,1.5,10\n");
    CHECK(std::string(e.what()) == "prices.csv:2:12: unterminated or misplaced quote");
    e = parse_failure(
        "time,open,high,low,close,volume\n1700000000,1,1,1,1,1\n17000000x0,1,1,1,1,1\n");
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("expected an integer epoch time in column 'time'") !=
          std::string::npos);
    CHECK_THROWS_AS(qk::read_csv("/nonexistent/quantkit/prices.csv"), qk::parse_error);
  }

  TEST_CASE("csv: the skip policy drops malformed lines and reports them, nothing silently") {
    const auto r = qk::parse_csv(
        "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\nbad line\n"
        "2024-01-04,1,2,x,1.5,10\n2024-01-05,1,2,0.5,1.5,10\n",
        {.on_bad_line = qk::bad_line_policy::skip});
    CHECK(r.bars.size() == 2);
    CHECK(r.data_lines == 4);
    REQUIRE(r.skipped.size() == 2);
    CHECK(r.skipped[0].line == 3);
    CHECK(r.skipped[0].reason == "expected 6 fields, got 1");
    CHECK(r.skipped[1].line == 4);
    CHECK(r.skipped[1].column == 16);
  }

  TEST_CASE("csv: invalid bars are a data_error naming the CSV line") {
    try {
      qk::parse_csv(
          "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n\n2024-01-03,1,0.9,0.5,1.5,"
          "10\n",
          {}, "p.csv");
      FAIL("no throw");
    } catch (const qk::data_error& e) {
      CHECK(e.row() == 1);
      CHECK(e.field() == "high");
      CHECK(std::string(e.what()) ==
            "p.csv:4: row 1 (2024-01-03T00:00:00Z), field high: high 0.9 is below max(open, close) "
            "= 1.5");
    }
    CHECK_NOTHROW(qk::parse_csv("Date,Open,High,Low,Close,Volume\n2024-01-03,1,0.9,0.5,1.5,10\n",
                                {.validate = false}));
    CHECK(qk::parse_csv("").bars.empty());
    CHECK(qk::parse_csv("Date,Open,High,Low,Close,Volume\n").bars.empty());
  }
}
