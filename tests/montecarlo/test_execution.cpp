// SPDX-License-Identifier: MIT
// montecarlo/execution.hpp: journaled batches resume, keep or retry failed runs, refuse foreign
// journals (driven through monte_carlo).
#include <quantkit/core/journal.hpp>
#include <quantkit/montecarlo/execution.hpp>
#include <quantkit/montecarlo/parameter_mc.hpp>
#include <quantkit/samplers/sampler.hpp>
#include <quantkit/samplers/space.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace montecarlo_test_execution {  // own scope for unity builds

namespace qk = quantkit;
namespace mc = quantkit::montecarlo;
namespace sm = quantkit::samplers;
namespace fs = std::filesystem;

namespace {
struct temp_journal {
  fs::path path;
  explicit temp_journal(const char* name)
      : path(fs::temp_directory_path() /
             (std::string("quantkit_test_mc_") + name + "_" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
              ".jsonl")) {}
  ~temp_journal() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};
sm::space space2() {
  sm::space sp;
  sp.add_int("fast", 2, 30).add_real("scale", 0.5, 2.0);
  return sp;
}
// A deterministic objective with several metrics, some NaN, whose values have full 53-bit
// mantissas (so a lossy journal would show).
qk::named_values objective(const sm::point& p) {
  const double f = p[0];
  const double s = p[1];
  return {{"ret", std::sin(f * s) / 3.0}, {"sharpe", std::cos(f) * s},
          {"maybe", f > 25 ? std::nan("") : f / 7.0}};
}
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void check_identical(const mc::monte_carlo_result& a, const mc::monte_carlo_result& b) {
  REQUIRE(a.runs.runs.size() == b.runs.runs.size());
  CHECK(a.runs.metric_names == b.runs.metric_names);
  for (std::size_t i = 0; i < a.runs.runs.size(); ++i) {
    const auto& x = a.runs.runs[i];
    const auto& y = b.runs.runs[i];
    CHECK(x.state == y.state);
    CHECK(x.error == y.error);
    REQUIRE(x.metrics.size() == y.metrics.size());
    for (std::size_t j = 0; j < x.metrics.size(); ++j) CHECK(same_bits(x.metrics[j], y.metrics[j]));
  }
  REQUIRE(a.summaries.size() == b.summaries.size());
  for (std::size_t j = 0; j < a.summaries.size(); ++j) {
    const auto& s = a.summaries[j];
    const auto& t = b.summaries[j];
    CHECK(same_bits(s.distribution.mean, t.distribution.mean));
    CHECK(same_bits(s.distribution.stddev, t.distribution.stddev));
    CHECK(same_bits(s.cvar95, t.cvar95));
    CHECK(same_bits(s.mean_ci99.upper, t.mean_ci99.upper));
    CHECK(s.bins.counts == t.bins.counts);
    CHECK(same_bits(s.impact[0].spearman, t.impact[0].spearman));
    REQUIRE(s.best.size() == t.best.size());
    for (std::size_t k = 0; k < s.best.size(); ++k) CHECK(s.best[k].index == t.best[k].index);
  }
}
}  // namespace

TEST_SUITE("montecarlo") {
  TEST_CASE("resume: an interrupted journaled run resumes without recomputing and ends identical") {
    const std::size_t n = 300;
    const auto reference = mc::monte_carlo(space2(), sm::random_sampler{}, n, 42, objective);

    temp_journal j("interrupt");
    qk::cancel_token tok;
    std::atomic<std::size_t> calls{0};
    mc::monte_carlo_options o;
    o.execution.threads = 2;
    o.execution.journal = j.path;
    o.execution.cancel = tok;
    const auto first = mc::monte_carlo(space2(), sm::random_sampler{}, n, 42,
                                       [&](const sm::point& p) {
                                         if (calls.fetch_add(1) + 1 == 120) tok.cancel();
                                         return objective(p);
                                       },
                                       o);
    CHECK(first.runs.cancelled);
    const std::size_t done_first = first.runs.ok;
    CHECK(done_first >= 120);
    CHECK(done_first < n);
    CHECK(qk::load_journal(j.path).records.size() == done_first);

    // Resume with a fresh token (4 threads this time): only the missing runs are computed.
    std::atomic<std::size_t> calls2{0};
    mc::monte_carlo_options o2;
    o2.execution.threads = 4;
    o2.execution.journal = j.path;
    std::size_t last_progress = 0;
    o2.execution.progress = [&](std::size_t d, std::size_t) { last_progress = d; };
    const auto resumed = mc::monte_carlo(space2(), sm::random_sampler{}, n, 42,
                                         [&](const sm::point& p) {
                                           calls2.fetch_add(1);
                                           return objective(p);
                                         },
                                         o2);
    CHECK(resumed.runs.resumed == done_first);
    CHECK(calls2.load() == n - done_first);
    CHECK(last_progress == n);
    CHECK_FALSE(resumed.runs.cancelled);
    check_identical(reference, resumed);

    // A third call recomputes nothing.
    std::atomic<std::size_t> calls3{0};
    const auto again = mc::monte_carlo(space2(), sm::random_sampler{}, n, 42,
                                       [&](const sm::point& p) {
                                         calls3.fetch_add(1);
                                         return objective(p);
                                       },
                                       o2);
    CHECK(calls3.load() == 0);
    check_identical(reference, again);
  }

  TEST_CASE("resume: a journal cut mid-line (a killed process) resumes the same way") {
    const std::size_t n = 80;
    const auto reference = mc::monte_carlo(space2(), sm::random_sampler{}, n, 7, objective);
    temp_journal j("killed");
    mc::monte_carlo_options o;
    o.execution.threads = 1;
    o.execution.journal = j.path;
    (void)mc::monte_carlo(space2(), sm::random_sampler{}, n, 7, objective, o);
    // Simulate a kill during the write of the last record: drop its second half.
    std::string text;
    {
      std::ifstream in(j.path, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    }
    const std::size_t last_line = text.rfind('\n', text.size() - 2) + 1;
    text.resize(last_line + (text.size() - last_line) / 2);
    {
      std::ofstream out(j.path, std::ios::binary | std::ios::trunc);
      out << text;
    }
    std::size_t calls = 0;
    const auto resumed = mc::monte_carlo(space2(), sm::random_sampler{}, n, 7,
                                         [&](const sm::point& p) {
                                           ++calls;
                                           return objective(p);
                                         },
                                         o);
    CHECK(calls == 1);
    CHECK(resumed.runs.journal_warning.find("ignored an incomplete last line") != std::string::npos);
    check_identical(reference, resumed);
  }

  TEST_CASE("resume: failed runs are kept, or retried with retry_failed") {
    const std::size_t n = 60;
    temp_journal j("retry");
    mc::monte_carlo_options o;
    o.execution.journal = j.path;
    o.execution.threads = 2;
    auto flaky = [](const sm::point& p) {
      if (p[0] > 25) throw std::runtime_error("data feed down");
      return objective(p);
    };
    const auto first = mc::monte_carlo(space2(), sm::random_sampler{}, n, 3, flaky, o);
    REQUIRE(first.runs.failed > 0);
    // Without retry_failed the failures come back from the journal as they were.
    std::size_t calls = 0;
    auto counted = [&](const sm::point& p) {
      ++calls;
      return objective(p);
    };
    o.execution.threads = 1;
    const auto kept = mc::monte_carlo(space2(), sm::random_sampler{}, n, 3, counted, o);
    CHECK(calls == 0);
    CHECK(kept.runs.failed == first.runs.failed);
    for (const auto& run : kept.runs.runs) {
      if (run.state == mc::run_state::failed) CHECK(run.error == "data feed down");
    }
    // With retry_failed only the failed runs are computed again.
    o.execution.retry_failed = true;
    const auto retried = mc::monte_carlo(space2(), sm::random_sampler{}, n, 3, counted, o);
    CHECK(calls == first.runs.failed);
    CHECK(retried.runs.ok == n);
    check_identical(mc::monte_carlo(space2(), sm::random_sampler{}, n, 3, objective), retried);
  }

  TEST_CASE("resume: a journal of another batch is refused") {
    temp_journal j("other");
    mc::monte_carlo_options o;
    o.execution.journal = j.path;
    (void)mc::monte_carlo(space2(), sm::random_sampler{}, 20, 1, objective, o);
    try {
      (void)mc::monte_carlo(space2(), sm::random_sampler{}, 20, 2, objective, o);
      FAIL("no exception");
    } catch (const qk::invalid_argument& e) {
      CHECK(std::string(e.what()).find("belongs to another batch") != std::string::npos);
    }
    CHECK_THROWS_AS((void)mc::monte_carlo(space2(), sm::random_sampler{}, 21, 1, objective, o),
                    qk::invalid_argument);
  }
}

}  // namespace montecarlo_test_execution
