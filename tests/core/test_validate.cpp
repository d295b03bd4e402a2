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
