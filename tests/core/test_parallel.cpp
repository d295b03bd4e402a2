// SPDX-License-Identifier: MIT
#include <quantkit/core/parallel.hpp>
#include <quantkit/core/random.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace qk = quantkit;

namespace {
// A per-index Monte Carlo computation: the mean of 1000 normals from the engine rng(seed, i).
double simulate(std::size_t i) {
  qk::rng g(12345, i);
  double s = 0.0;
  for (int k = 0; k < 1000; ++k) s += qk::normal(g);
  return s / 1000.0;
}
}  // namespace

TEST_SUITE("core") {
  TEST_CASE("parallel: parallel_map results are bit-identical for 1, 2 and 8 threads") {
    std::vector<std::vector<double>> runs;
    for (std::size_t threads : {1u, 2u, 8u}) {
      const auto r = qk::parallel_map(500, simulate, {.threads = threads});
      REQUIRE(r.report.ok());
      CHECK(r.report.completed == 500);
      std::vector<double> v;
      for (const auto& x : r.values) v.push_back(*x);
      runs.push_back(std::move(v));
    }
    for (std::size_t i = 0; i < 500; ++i) {
      REQUIRE(qk::test::same_bits(runs[0][i], runs[1][i]));
      REQUIRE(qk::test::same_bits(runs[0][i], runs[2][i]));
      REQUIRE(qk::test::same_bits(runs[0][i], simulate(i)));
    }
  }

  TEST_CASE("parallel: parallel_for visits every index exactly once") {
    for (std::size_t threads : {1u, 3u, 16u}) {
      std::vector<std::atomic<int>> hits(1000);
      const auto rep = qk::parallel_for(1000, [&](std::size_t i) { hits[i].fetch_add(1); },
                                        {.threads = threads});
      CHECK(rep.ok());
      CHECK(rep.total == 1000);
      CHECK(rep.completed == 1000);
      for (const auto& h : hits) REQUIRE(h.load() == 1);
    }
  }

  TEST_CASE("parallel: an exception in one index is captured, the others keep their results") {
    for (std::size_t threads : {1u, 4u}) {
      const auto r = qk::parallel_map(
          100,
          [](std::size_t i) {
            if (i == 13 || i == 77) throw std::runtime_error("bad index " + std::to_string(i));
            if (i == 50) throw 42;  // not a std::exception
            return static_cast<double>(i);
          },
          {.threads = threads});
      CHECK_FALSE(r.report.ok());
      CHECK(r.report.completed == 97);
      REQUIRE(r.report.errors.size() == 3);
      CHECK(r.report.errors[0].index == 13);  // sorted by index
      CHECK(r.report.errors[0].message == "bad index 13");
      CHECK(r.report.errors[1].index == 50);
      CHECK(r.report.errors[1].message == "unknown exception");
      CHECK(r.report.errors[2].index == 77);
      CHECK_FALSE(r.values[13].has_value());
      CHECK(*r.values[12] == 12.0);
      CHECK(*r.values[99] == 99.0);
      CHECK_THROWS_WITH_AS(r.report.rethrow_first_error(), "bad index 13", std::runtime_error);
    }
  }

  TEST_CASE("parallel: cancellation skips the indices not yet started") {
    for (std::size_t threads : {1u, 2u}) {
      qk::cancel_token token;
      std::atomic<std::size_t> ran{0};
      const auto rep = qk::parallel_for(
          100000,
          [&](std::size_t i) {
            ran.fetch_add(1);
            if (i == 10) token.cancel();
          },
          {.threads = threads, .cancel = token});
      CHECK(rep.cancelled);
      CHECK_FALSE(rep.ok());
      CHECK(rep.completed == ran.load());
      CHECK(rep.completed < 100000);
      CHECK(rep.completed >= 11);
      CHECK(token.cancelled());
      token.reset();
      CHECK_FALSE(token.cancelled());
    }
  }

  TEST_CASE("parallel: a cancel after the last index does not mark the run cancelled") {
    qk::cancel_token token;
    const auto rep = qk::parallel_for(
        3,
        [&](std::size_t i) {
          if (i == 2) token.cancel();
        },
        {.threads = 1, .cancel = token});
    CHECK(rep.completed == 3);
    CHECK_FALSE(rep.cancelled);
  }

  TEST_CASE("parallel: progress runs on the calling thread and ends with (total, total)") {
    for (std::size_t threads : {1u, 2u}) {
      const auto caller = std::this_thread::get_id();
      std::vector<std::pair<std::size_t, std::size_t>> calls;
      bool on_caller = true;
      qk::parallel_options opt;
      opt.threads = threads;
      opt.progress_interval = std::chrono::milliseconds(1);
      opt.progress = [&](std::size_t done, std::size_t total) {
        on_caller = on_caller && std::this_thread::get_id() == caller;
        calls.emplace_back(done, total);
      };
      const auto rep = qk::parallel_for(
          200, [](std::size_t) { std::this_thread::sleep_for(std::chrono::microseconds(200)); },
          opt);
      CHECK(rep.ok());
      REQUIRE_FALSE(calls.empty());
      CHECK(on_caller);
      CHECK(calls.back() == std::make_pair(std::size_t{200}, std::size_t{200}));
      // How many calls there are depends on the clock (progress_interval), so one assertion
      // checks them all: the assertion count stays the same from run to run.
      CHECK(std::is_sorted(calls.begin(), calls.end(),
                           [](const auto& a, const auto& b) { return a.first < b.first; }));
    }
  }

  TEST_CASE("parallel: zero indices and thread resolution") {
    const auto rep = qk::parallel_for(0, [](std::size_t) { FAIL("called"); });
    CHECK(rep.ok());
    CHECK(rep.total == 0);
    const auto r = qk::parallel_map(0, [](std::size_t i) { return i; });
    CHECK(r.values.empty());
    CHECK(qk::resolve_threads(0, 1000) >= 1);
    CHECK(qk::resolve_threads(8, 3) == 3);
    CHECK(qk::resolve_threads(8, 0) == 1);
    CHECK(qk::resolve_threads(2, 1000) == 2);
  }
}
