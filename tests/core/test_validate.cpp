// SPDX-License-Identifier: MIT
#include <quantkit/core/validate.hpp>

#include <doctest/doctest.h>

#include <limits>
#include <string>

namespace qk = quantkit;

namespace {
qk::bar_series good(int n) {
  qk::bar_series s;
  for (int i = 0; i < n; ++i) s.push_back({qk::days(i), 10.0, 11.0, 9.0, 10.5, 100.0});
  return s;
}

// Sets one field of row `row` and returns the data_error thrown by validate.
template <class F>
qk::data_error error_after(F&& mutate, int row = 3) {
  auto s = good(6);
  mutate(s, static_cast<std::size_t>(row));
  try {
    qk::validate(s, "test.csv");
  } catch (const qk::data_error& e) {
    return e;
  }
  FAIL("validate did not throw");
  return qk::data_error(0, "", "");
}
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_SUITE("core") {
  TEST_CASE("validate: a valid series and an empty series pass") {
    CHECK_NOTHROW(qk::validate(good(10)));
    CHECK_NOTHROW(qk::validate(qk::bar_series{}));
    CHECK_FALSE(qk::find_invalid_bar(good(10)).has_value());
    // Doji bars and zero volume are fine: low == open == close == high.
    qk::bar_series s;
    s.push_back({0, 5.0, 5.0, 5.0, 5.0, 0.0});
    CHECK_NOTHROW(qk::validate(s));
  }

  TEST_CASE("validate: each rule reports the first offending row and field") {
    SUBCASE("NaN close") {
      auto e = error_after([](auto& s, auto r) { s.closes_mut()[r] = qnan; });
      CHECK(e.row() == 3);
      CHECK(e.field() == "close");
      CHECK(std::string(e.what()) ==
            "quantkit::validate: test.csv: row 3 (1970-01-04T00:00:00Z), field close: must be "
            "finite (got nan)");
    }
    SUBCASE("infinite high") {
      auto e = error_after([](auto& s, auto r) { s.highs_mut()[r] = inf; });
      CHECK(e.field() == "high");
    }
    SUBCASE("non-positive open") {
      auto e = error_after([](auto& s, auto r) { s.opens_mut()[r] = 0.0; }, 0);
      CHECK(e.row() == 0);
      CHECK(e.field() == "open");
      CHECK(std::string(e.what()).find("must be > 0 (got 0)") != std::string::npos);
    }
    SUBCASE("negative low") {
      auto e = error_after([](auto& s, auto r) { s.lows_mut()[r] = -1.0; });
      CHECK(e.field() == "low");
    }
    SUBCASE("negative volume") {
      auto e = error_after([](auto& s, auto r) { s.volumes_mut()[r] = -5.0; }, 5);
      CHECK(e.row() == 5);
      CHECK(e.field() == "volume");
    }
    SUBCASE("NaN volume") {
      auto e = error_after([](auto& s, auto r) { s.volumes_mut()[r] = qnan; });
      CHECK(e.field() == "volume");
    }
    SUBCASE("high below the body") {
      auto e = error_after([](auto& s, auto r) { s.highs_mut()[r] = 10.4; });
      CHECK(e.field() == "high");
      CHECK(std::string(e.what()).find("high 10.4 is below max(open, close) = 10.5") !=
            std::string::npos);
    }
    SUBCASE("low above the body") {
      auto e = error_after([](auto& s, auto r) { s.lows_mut()[r] = 10.2; });
      CHECK(e.field() == "low");
      CHECK(std::string(e.what()).find("low 10.2 is above min(open, close) = 10") !=
            std::string::npos);
    }
    SUBCASE("repeated timestamp") {
      auto e = error_after([](auto& s, auto r) { s.times_mut()[r] = s.times()[r - 1]; });
      CHECK(e.row() == 3);
      CHECK(e.field() == "time");
      CHECK(std::string(e.what()).find("timestamps must strictly increase (previous row 2") !=
            std::string::npos);
    }
    SUBCASE("decreasing timestamp") {
      auto e = error_after([](auto& s, auto r) { s.times_mut()[r] = -qk::days(1); }, 1);
      CHECK(e.row() == 1);
      CHECK(e.field() == "time");
    }
  }

  TEST_CASE("validate: the first problem in row order wins, source is optional") {
    auto s = good(6);
    s.closes_mut()[4] = qnan;
    s.lows_mut()[2] = 12.0;
    const auto issue = qk::find_invalid_bar(s);
    REQUIRE(issue.has_value());
    CHECK(issue->row == 2);
    CHECK(issue->field == "low");
    CHECK_THROWS_WITH_AS(qk::validate(s),
                         "quantkit::validate: row 2 (1970-01-03T00:00:00Z), field low: low 12 is "
                         "above min(open, close) = 10",
                         qk::data_error);
  }
}

namespace core_test_validate_blocks {

// A valid series longer than three validation blocks (4096 rows each): the checked pass runs block
// by block, and the row-by-row search only inside the block that fails.
qk::bar_series long_good(std::size_t n) {
  qk::bar_series s;
  for (std::size_t i = 0; i < n; ++i) {
    s.push_back({qk::minutes(static_cast<std::int64_t>(i)), 10.0, 11.0, 9.0, 10.5, 100.0});
  }
  return s;
}

struct breakage {
  const char* name;
  const char* field;
  void (*apply)(qk::bar_series&, std::size_t);
  const char* what;  // the message after "field <field>: "
};

// Every rule of find_invalid_bar, each with the message the row-by-row check gives (written from
// the rule texts in validate.hpp, with the values set here).
const breakage kinds[] = {
    {"NaN open", "open", [](qk::bar_series& s, std::size_t r) { s.opens_mut()[r] = qnan; },
     "must be finite (got nan)"},
    {"zero open", "open", [](qk::bar_series& s, std::size_t r) { s.opens_mut()[r] = 0.0; },
     "must be > 0 (got 0)"},
    {"infinite high", "high", [](qk::bar_series& s, std::size_t r) { s.highs_mut()[r] = inf; },
     "must be finite (got inf)"},
    {"negative low", "low", [](qk::bar_series& s, std::size_t r) { s.lows_mut()[r] = -1.0; },
     "must be > 0 (got -1)"},
    {"NaN close", "close", [](qk::bar_series& s, std::size_t r) { s.closes_mut()[r] = qnan; },
     "must be finite (got nan)"},
    {"-inf close", "close", [](qk::bar_series& s, std::size_t r) { s.closes_mut()[r] = -inf; },
     "must be finite (got -inf)"},
    {"NaN volume", "volume", [](qk::bar_series& s, std::size_t r) { s.volumes_mut()[r] = qnan; },
     "must be finite (got nan)"},
    {"infinite volume", "volume",
     [](qk::bar_series& s, std::size_t r) { s.volumes_mut()[r] = inf; },
     "must be finite (got inf)"},
    {"negative volume", "volume",
     [](qk::bar_series& s, std::size_t r) { s.volumes_mut()[r] = -5.0; }, "must be >= 0 (got -5)"},
    {"high below the body", "high",
     [](qk::bar_series& s, std::size_t r) { s.highs_mut()[r] = 10.4; },
     "high 10.4 is below max(open, close) = 10.5"},
    {"low above the body", "low", [](qk::bar_series& s, std::size_t r) { s.lows_mut()[r] = 10.2; },
     "low 10.2 is above min(open, close) = 10"},
};

TEST_SUITE("core") {
  TEST_CASE("validate: every rule at block boundaries and at the last row") {
    const std::size_t n = 3 * 4096 + 5;
    const std::size_t rows[] = {0, 1, 4095, 4096, 4097, 8191, 8192, 12287, 12288, n - 1};
    for (const auto& k : kinds) {
      for (const std::size_t r : rows) {
        auto s = long_good(n);
        k.apply(s, r);
        CAPTURE(k.name);
        CAPTURE(r);
        const auto issue = qk::find_invalid_bar(s);
        REQUIRE(issue.has_value());
        CHECK(issue->row == r);
        CHECK(issue->field == k.field);
        const std::string expected = "row " + std::to_string(r) + " (" +
                                     qk::format_timestamp(s.times()[r]) + "), field " + k.field +
                                     ": " + k.what;
        CHECK(issue->message == expected);
        CHECK_THROWS_WITH_AS(qk::validate(s, "x.csv"),
                             ("quantkit::validate: x.csv: " + expected).c_str(), qk::data_error);
      }
    }
  }

  TEST_CASE("validate: time order across block boundaries") {
    const std::size_t n = 2 * 4096 + 1;
    for (const std::size_t r : {std::size_t{1}, std::size_t{4095}, std::size_t{4096},
                                std::size_t{8191}, std::size_t{8192}}) {
      auto s = long_good(n);
      s.times_mut()[r] = s.times()[r - 1];  // a repeated timestamp: row r is the bad one
      const auto issue = qk::find_invalid_bar(s);
      REQUIRE(issue.has_value());
      CHECK(issue->row == r);
      CHECK(issue->field == "time");
      CHECK(issue->message == "row " + std::to_string(r) + " (" +
                                  qk::format_timestamp(s.times()[r]) +
                                  "), field time: timestamps must strictly increase (previous "
                                  "row " +
                                  std::to_string(r - 1) + " is " +
                                  qk::format_timestamp(s.times()[r - 1]) + ")");
    }
    // A decreasing timestamp at the first row of a block only breaks that row.
    auto s = long_good(n);
    s.times_mut()[4096] = qk::minutes(-1);
    const auto issue = qk::find_invalid_bar(s);
    REQUIRE(issue.has_value());
    CHECK(issue->row == 4096);
    CHECK(issue->field == "time");
  }

  TEST_CASE("validate: the first invalid row wins across blocks, in any field order") {
    const std::size_t n = 3 * 4096;
    auto s = long_good(n);
    s.closes_mut()[9000] = qnan;   // block 2
    s.volumes_mut()[4200] = -1.0;  // block 1: first
    s.highs_mut()[4201] = 10.0;    // block 1, later row
    auto issue = qk::find_invalid_bar(s);
    REQUIRE(issue.has_value());
    CHECK(issue->row == 4200);
    CHECK(issue->field == "volume");
    // Two problems in one row: the field order (time, open, high, low, close, volume, then the
    // high/low relations) decides.
    s = long_good(n);
    s.volumes_mut()[5000] = qnan;
    s.lows_mut()[5000] = 10.2;  // above the body: checked after volume
    issue = qk::find_invalid_bar(s);
    REQUIRE(issue.has_value());
    CHECK(issue->row == 5000);
    CHECK(issue->field == "volume");
    // The rules on a long valid series with every shape of valid bar: doji, zero volume.
    s = long_good(n);
    for (std::size_t i = 0; i < n; i += 7) {
      s.opens_mut()[i] = 5.0;
      s.highs_mut()[i] = 5.0;
      s.lows_mut()[i] = 5.0;
      s.closes_mut()[i] = 5.0;
      s.volumes_mut()[i] = 0.0;
    }
    CHECK_FALSE(qk::find_invalid_bar(s).has_value());
    CHECK_NOTHROW(qk::validate(s));
  }
}

}  // namespace core_test_validate_blocks
