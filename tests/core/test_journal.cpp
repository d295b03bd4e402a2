// SPDX-License-Identifier: MIT
#include <quantkit/core/journal.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace qk = quantkit;
namespace fs = std::filesystem;

namespace {
// A fresh path in the temp directory, removed on destruction.
struct temp_file {
  fs::path path;
  explicit temp_file(const std::string& name)
      : path(fs::temp_directory_path() /
             ("quantkit_test_journal_" + name + "_" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
              ".jsonl")) {
    fs::remove(path);
  }
  ~temp_file() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
void write_text(const fs::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << s;
}
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

qk::journal_record sample_record(std::size_t i) {
  qk::journal_record r;
  r.index = i;
  r.parameters = {{"fast", 10.0 + static_cast<double>(i)}, {"slow", 50.0}};
  r.metrics = {{"sharpe", 0.1 * static_cast<double>(i)}, {"max_drawdown", -1.0 / 3.0}};
  return r;
}
}  // namespace

TEST_SUITE("core") {
  TEST_CASE("journal: a record line is the documented JSON and round-trips bit for bit") {
    qk::journal_record r;
    r.index = 7;
    r.status = qk::run_status::failed;
    r.attempts = 2;
    r.error = "bad \"x\"\n\ttab\\";
    r.parameters = {{"a", 0.1}, {"tiny", 5e-324}, {"neg_zero", -0.0}};
    r.metrics = {{"nan", std::numeric_limits<double>::quiet_NaN()},
                 {"inf", std::numeric_limits<double>::infinity()},
                 {"minf", -std::numeric_limits<double>::infinity()},
                 {"third", 1.0 / 3.0}};
    const std::string line = qk::to_journal_line(r);
    // Written out by hand from the format description in journal.hpp.
    CHECK(line ==
          "{\"index\":7,\"status\":\"failed\",\"attempts\":2,\"error\":\"bad \\\"x\\\"\\n\\ttab\\\\\","
          "\"parameters\":{\"a\":0.1,\"tiny\":5e-324,\"neg_zero\":-0},"
          "\"metrics\":{\"nan\":null,\"inf\":\"inf\",\"minf\":\"-inf\",\"third\":0.3333333333333333}}");
    const auto back = qk::parse_journal_line(line);
    CHECK(back == r);
    CHECK(same_bits(back.parameters[2].second, -0.0));
    CHECK(same_bits(back.metrics[3].second, 1.0 / 3.0));
    CHECK(same_bits(back.parameters[1].second, 5e-324));
  }

  TEST_CASE("journal: the parser reads escapes, spacing and optional keys") {
    const auto r = qk::parse_journal_line(
        R"( { "status" : "ok" , "index" : 3, "error": "\u00e9\ud83d\ude00\/" } )");
    CHECK(r.index == 3);
    CHECK(r.status == qk::run_status::ok);
    CHECK(r.attempts == 1);
    CHECK(r.error == "\xc3\xa9\xf0\x9f\x98\x80/");  // U+00E9, U+1F600 in UTF-8
    CHECK(r.parameters.empty());
  }

  TEST_CASE("journal: malformed lines throw parse_error with line and column") {
    auto fails_at = [](const char* text, std::size_t column, const char* what) {
      CAPTURE(text);
      try {
        (void)qk::parse_journal_line(text, "f.jsonl", 4);
        FAIL("no exception");
      } catch (const qk::parse_error& e) {
        CHECK(e.line() == 4);
        CHECK(e.column() == column);
        CHECK(std::string(e.what()).find(what) != std::string::npos);
        CHECK(std::string(e.what()).rfind("f.jsonl:4:", 0) == 0);
      }
    };
    fails_at(R"({"index":1,"status":"ok","x":2})", 26, "unknown key \"x\"");
    fails_at(R"({"index":1,"index":2,"status":"ok"})", 12, "repeated key");
    fails_at(R"({"index":-1,"status":"ok"})", 10, "non-negative integer");
    fails_at(R"({"index":1,"status":"done"})", 21, "status must be");
    fails_at(R"({"index":1,"status":"ok"} x)", 27, "unexpected text");
    fails_at(R"({"status":"ok"})", 16, "missing key \"index\"");
    fails_at(R"({"index":1,"status":"ok","metrics":{"a":1e}})", 41, "invalid number '1e'");
    fails_at(R"({"index":1,"status":"ok","metrics":{"a":"big"}})", 41, "expected a number");
    fails_at(R"({"index":1,"status":"ok","error":"\q"})", 36, "invalid escape");
  }

  TEST_CASE("journal: open creates the header, appends flush, reopening loads every record") {
    temp_file f("roundtrip");
    {
      auto j = qk::journal::open(f.path, "batch-A");
      CHECK(j.loaded().records.empty());
      j.append(sample_record(0));
      j.append(sample_record(1));
      // Flushed per record: readable while the journal is still open.
      const auto now = qk::load_journal(f.path);
      CHECK(now.records.size() == 2);
    }
    const std::string text = slurp(f.path);
    CHECK(text.rfind("{\"quantkit_journal\":1,\"key\":\"batch-A\"}\n", 0) == 0);
    auto j = qk::journal::open(f.path, "batch-A");
    REQUIRE(j.loaded().records.size() == 2);
    CHECK(j.loaded().records[1] == sample_record(1));
    CHECK_FALSE(j.loaded().truncated);
    j.append(sample_record(2));
    CHECK(qk::load_journal(f.path).records.size() == 3);
  }

  TEST_CASE("journal: a truncated last line is ignored, reported and cut off before appending") {
    temp_file f("truncated");
    {
      auto j = qk::journal::open(f.path, "k");
      j.append(sample_record(0));
      j.append(sample_record(1));
    }
    const std::string full = slurp(f.path);
    const std::string partial = qk::to_journal_line(sample_record(2)).substr(0, 30);
    write_text(f.path, full + partial);
    const auto c = qk::load_journal(f.path);
    CHECK(c.truncated);
    CHECK(c.truncated_line == 4);
    CHECK(c.records.size() == 2);
    CHECK(c.valid_bytes == full.size());
    CHECK(c.warning.find(":4: ignored an incomplete last line") != std::string::npos);
    {
      auto j = qk::journal::open(f.path, "k");
      CHECK(j.loaded().truncated);
      j.append(sample_record(2));
    }
    const auto after = qk::load_journal(f.path);
    CHECK_FALSE(after.truncated);
    REQUIRE(after.records.size() == 3);
    CHECK(after.records[2] == sample_record(2));
  }

  TEST_CASE("journal: latest() keeps the last record of each index, sorted by index") {
    qk::journal_contents c;
    auto failed = sample_record(3);
    failed.status = qk::run_status::failed;
    failed.error = "boom";
    c.records = {sample_record(5), failed, sample_record(1), sample_record(3)};
    const auto l = c.latest();
    REQUIRE(l.size() == 3);
    CHECK(l[0].index == 1);
    CHECK(l[1] == sample_record(3));  // the retry that succeeded replaces the failure
    CHECK(l[2].index == 5);
  }

  TEST_CASE("journal: a complete last record without its line end is kept") {
    temp_file f("nonewline");
    write_text(f.path, "{\"quantkit_journal\":1,\"key\":\"k\"}\n" +
                           qk::to_journal_line(sample_record(5)));
    {
      auto j = qk::journal::open(f.path, "k");
      CHECK(j.loaded().records.size() == 1);
      CHECK_FALSE(j.loaded().truncated);
      j.append(sample_record(6));
    }
    const auto c = qk::load_journal(f.path);
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[0].index == 5);
    CHECK(c.records[1].index == 6);
  }

  TEST_CASE("journal: a malformed complete line is an error, not silently skipped") {
    temp_file f("malformed");
    write_text(f.path, "{\"quantkit_journal\":1,\"key\":\"k\"}\n{\"index\":1,\"status\":\"ok\"}\n"
                       "{\"index\":2,\"status\":oops}\n{\"index\":3,\"status\":\"ok\"}\n");
    try {
      (void)qk::load_journal(f.path);
      FAIL("no exception");
    } catch (const qk::parse_error& e) {
      CHECK(e.line() == 3);
      CHECK(e.column() == 21);
      CHECK(e.source() == f.path.string());
    }
    CHECK_THROWS_AS((void)qk::journal::open(f.path, "k"), qk::parse_error);
  }

  TEST_CASE("journal: a file that is not a journal, or of another batch, is refused") {
    temp_file f("foreign");
    write_text(f.path, "time,open,high\n");
    CHECK_THROWS_AS((void)qk::load_journal(f.path), qk::parse_error);
    write_text(f.path, "{\"quantkit_journal\":2,\"key\":\"k\"}\n");
    CHECK_THROWS_WITH_AS((void)qk::load_journal(f.path),
                         doctest::Contains("unsupported journal version 2"), qk::parse_error);
    write_text(f.path, "{\"quantkit_journal\":1,\"key\":\"other\"}\n");
    try {
      (void)qk::journal::open(f.path, "mine");
      FAIL("no exception");
    } catch (const qk::invalid_argument& e) {
      CHECK(e.parameter() == "key");
      CHECK(std::string(e.what()).find("belongs to another batch") != std::string::npos);
    }
  }

  TEST_CASE("journal: a missing file loads empty, an unwritable path throws") {
    const auto c = qk::load_journal(fs::temp_directory_path() / "quantkit_no_such_journal.jsonl");
    CHECK_FALSE(c.has_header);
    CHECK(c.records.empty());
    CHECK_THROWS_AS((void)qk::journal::open("/nonexistent_dir_qk/j.jsonl", "k"), qk::error);
    qk::journal closed;
    CHECK_FALSE(closed.is_open());
    CHECK_THROWS_AS(closed.append(sample_record(0)), qk::error);
  }

  TEST_CASE("journal: concurrent appends from several threads keep every line whole") {
    temp_file f("threads");
    {
      auto j = qk::journal::open(f.path, "k");
      std::vector<std::thread> pool;
      for (std::size_t t = 0; t < 4; ++t) {
        pool.emplace_back([&j, t] {
          for (std::size_t i = 0; i < 50; ++i) j.append(sample_record(t * 50 + i));
        });
      }
      for (auto& th : pool) th.join();
    }
    const auto c = qk::load_journal(f.path);
    REQUIRE(c.records.size() == 200);
    std::vector<int> seen(200, 0);
    for (const auto& r : c.records) {
      REQUIRE(r.index < 200);
      ++seen[r.index];
      CHECK(r == sample_record(r.index));
    }
    for (int s : seen) CHECK(s == 1);
  }
}
