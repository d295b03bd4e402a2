// SPDX-License-Identifier: MIT
#include <quantkit/core/error.hpp>

#include <doctest/doctest.h>

#include <limits>
#include <string>

namespace qk = quantkit;

TEST_SUITE("core") {
  TEST_CASE("error: every quantkit exception is a quantkit::error and a std::exception") {
    CHECK_THROWS_AS(qk::require(false, "f", "p", 1, "must be > 1"), qk::invalid_argument);
    CHECK_THROWS_AS(qk::require(false, "f", "p", 1, "must be > 1"), qk::error);
    CHECK_THROWS_AS(qk::require(false, "f", "p", 1, "must be > 1"), std::runtime_error);
    CHECK_THROWS_AS(throw qk::parse_error("a.csv", 3, 7, "bad"), qk::error);
    CHECK_THROWS_AS(throw qk::data_error(4, "high", "bad"), qk::error);
    // One std::exception base only: a catch (std::exception&) handler must catch it.
    bool caught = false;
    try {
      qk::require(false, "f", "p", 1, "r");
    } catch (const std::exception&) {
      caught = true;
    }
    CHECK(caught);
  }

  TEST_CASE("error: require names function, parameter, rule and value") {
    try {
      qk::require(false, "quantkit::indicators::ema", "period", 0, "must be >= 1");
      FAIL("require did not throw");
    } catch (const qk::invalid_argument& e) {
      CHECK(std::string(e.what()) == "quantkit::indicators::ema: period must be >= 1 (got 0)");
      CHECK(e.function() == "quantkit::indicators::ema");
      CHECK(e.parameter() == "period");
    }
    CHECK_NOTHROW(qk::require(true, "f", "p", 0, "r"));
  }

  TEST_CASE("error: values are printed exactly (shortest round-trip), strings quoted") {
    auto message = [](auto v) {
      try {
        qk::require(false, "f", "x", v, "bad");
      } catch (const qk::invalid_argument& e) {
        return std::string(e.what());
      }
      return std::string();
    };
    CHECK(message(0.1) == "f: x bad (got 0.1)");
    CHECK(message(-2.5e-300) == "f: x bad (got -2.5e-300)");
    CHECK(message(std::numeric_limits<double>::quiet_NaN()) == "f: x bad (got nan)");
    CHECK(message(std::numeric_limits<double>::infinity()) == "f: x bad (got inf)");
    CHECK(message(std::size_t{7}) == "f: x bad (got 7)");
    CHECK(message(true) == "f: x bad (got true)");
    CHECK(message(std::string("abc")) == "f: x bad (got \"abc\")");
    CHECK(message(',') == "f: x bad (got ',')");
  }

  TEST_CASE("error: require_same_length names both parameters and both lengths") {
    try {
      qk::require_same_length("quantkit::stats::beta", "returns", 100, "benchmark", 99);
      FAIL("no throw");
    } catch (const qk::invalid_argument& e) {
      CHECK(std::string(e.what()) ==
            "quantkit::stats::beta: returns and benchmark must have the same length (got 100 and "
            "99)");
      CHECK(e.parameter() == "returns");
    }
    CHECK_NOTHROW(qk::require_same_length("f", "a", 3, "b", 3));
  }

  TEST_CASE("error: require_finite rejects NaN and infinities") {
    CHECK_NOTHROW(qk::require_finite(1.0, "f", "x"));
    CHECK_NOTHROW(qk::require_finite(-1e308, "f", "x"));
    CHECK_THROWS_WITH_AS(qk::require_finite(std::numeric_limits<double>::quiet_NaN(), "f", "x"),
                         "f: x must be finite (got nan)", qk::invalid_argument);
    CHECK_THROWS_WITH_AS(qk::require_finite(-std::numeric_limits<double>::infinity(), "f", "x"),
                         "f: x must be finite (got -inf)", qk::invalid_argument);
  }

  TEST_CASE("error: parse_error carries source, line and column") {
    const qk::parse_error e("prices.csv", 17, 23, "expected a number");
    CHECK(std::string(e.what()) == "prices.csv:17:23: expected a number");
    CHECK(e.source() == "prices.csv");
    CHECK(e.line() == 17);
    CHECK(e.column() == 23);
  }

  TEST_CASE("error: data_error carries row and field") {
    const qk::data_error e(12, "high", "quantkit::validate: row 12 ...");
    CHECK(e.row() == 12);
    CHECK(e.field() == "high");
    CHECK(std::string(e.what()) == "quantkit::validate: row 12 ...");
  }
}
