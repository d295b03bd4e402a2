// SPDX-License-Identifier: MIT
// tests/tuning/test_journal_resume.cpp - journals beyond one tune() call: retry_failed's retries,
// walk_forward_optimize's windows, surrogate_tune's refinement rounds. Each is run, then re-run
// from its journal with a counting objective: nothing is evaluated again and the result is the
// same.
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/genetic.hpp>
#include <quantkit/tuning/search.hpp>
#include <quantkit/tuning/surrogate.hpp>
#include <quantkit/tuning/tune.hpp>
#include <quantkit/tuning/walk_forward.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace tn = quantkit::tuning;
namespace fs = std::filesystem;
using quantkit::samplers::point;
using quantkit::samplers::space;

namespace {

fs::path temp_journal(const std::string& name) {
  return fs::temp_directory_path() / ("quantkit_test_" + name + ".jsonl");
}

void remove_with_variants(const fs::path& path, const std::string& tag, int count) {
  fs::remove(path);
  for (int i = 0; i <= count; ++i) fs::remove(tn::detail::journal_variant(path, tag + std::to_string(i)));
}

}  // namespace

TEST_CASE("journal_variant inserts the tag before the extension") {
  CHECK(tn::detail::journal_variant("/tmp/wf.jsonl", "window3") == fs::path("/tmp/wf-window3.jsonl"));
  CHECK(tn::detail::journal_variant("study", "round1") == fs::path("study-round1"));
  CHECK(tn::detail::journal_variant("", "round1").empty());
}

TEST_CASE("retry_failed journals its retries and a re-run replays the retried study") {
  const fs::path path = temp_journal("tuning_retry_journal");
  fs::remove(path);
  space sp;
  sp.add_real("x", -2.0, 2.0).add_real("y", -2.0, 2.0);
  // A data outage: points with x < -0.5 fail until the outage is over.
  std::atomic<bool> outage{true};
  std::atomic<int> calls{0};
  auto obj = [&](const point& p) {
    ++calls;
    if (outage && p[0] < -0.5) throw std::runtime_error("data outage");
    return -(p[0] - 0.3) * (p[0] - 0.3) - p[1] * p[1];
  };
  tn::tune_options o;
  o.max_trials = 60;
  o.seed = 11;
  o.parallel.threads = 2;
  o.journal = path;
  // genetic_search is adaptive: the replay must feed it the original failures to get the same
  // proposals.
  auto st = tn::tune(sp, tn::genetic_search{}, obj, o);
  const std::size_t failed_before = st.failed;
  REQUIRE(failed_before > 0);
  outage = false;
  const std::size_t fixed = tn::retry_failed(sp, st, obj, o);
  CHECK(fixed == failed_before);
  CHECK(st.failed == 0);

  calls = 0;
  const auto replay = tn::tune(sp, tn::genetic_search{}, obj, o);
  CHECK(calls.load() == 0);
  CHECK(replay.resumed == 60);
  REQUIRE(replay.trials.size() == st.trials.size());
  for (std::size_t i = 0; i < st.trials.size(); ++i) {
    CAPTURE(i);
    CHECK(replay.trials[i].unit == st.trials[i].unit);
    CHECK(replay.trials[i].status == st.trials[i].status);
    CHECK(replay.trials[i].metrics == st.trials[i].metrics);
    CHECK(replay.trials[i].attempts == st.trials[i].attempts);
  }
  CHECK(replay.failed == 0);
  CHECK(replay.best_index == st.best_index);
  // A retried trial was tried twice: once in the outage, once after.
  for (const auto& t : replay.trials) {
    if (t.point[0] < -0.5) CHECK(t.attempts == 2);
  }
  // Options of another study: the journal refuses the retry.
  tn::tune_options other = o;
  other.seed = 12;
  CHECK_THROWS_AS(tn::retry_failed(sp, st, obj, other), quantkit::invalid_argument);
  fs::remove(path);
}

TEST_CASE("walk_forward_optimize journals every window's study and resumes them") {
  const fs::path path = temp_journal("tuning_wf_journal");
  remove_with_variants(path, "window", 6);
  space sp;
  sp.add_real("a", 0.0, 1.0);
  // Window [b, e): the metric peaks at a = b / 100.
  std::atomic<int> calls{0};
  auto make = [&](std::size_t b, std::size_t) {
    return [&calls, b](const point& p) {
      ++calls;
      const double c = static_cast<double>(b) / 100.0;
      return -(p[0] - c) * (p[0] - c);
    };
  };
  auto evaluate = [](const point& p, std::size_t b, std::size_t) {
    const double c = static_cast<double>(b) / 100.0;
    return -(p[0] - c) * (p[0] - c);
  };
  tn::walk_forward_options wf;
  wf.in_sample = 30;
  wf.out_of_sample = 10;
  wf.tune.max_trials = 20;
  wf.tune.seed = 5;
  wf.tune.journal = path;
  const auto first = tn::walk_forward_optimize(sp, 70, tn::random_search{}, make, evaluate, wf);
  REQUIRE(first.windows.size() == 4);  // in-sample starts 0, 10, 20, 30
  CHECK(calls.load() == 4 * 20);
  for (int w = 0; w < 4; ++w) CHECK(fs::exists(tn::detail::journal_variant(path, "window" + std::to_string(w))));
  CHECK_FALSE(fs::exists(path));

  calls = 0;
  const auto again = tn::walk_forward_optimize(sp, 70, tn::random_search{}, make, evaluate, wf);
  CHECK(calls.load() == 0);
  REQUIRE(again.windows.size() == first.windows.size());
  for (std::size_t w = 0; w < first.windows.size(); ++w) {
    CHECK(again.windows[w].best[0] == first.windows[w].best[0]);
    CHECK(again.windows[w].in_sample_metric == first.windows[w].in_sample_metric);
    CHECK(again.windows[w].oos_metrics == first.windows[w].oos_metrics);
  }
  // Another layout gives the windows other in-sample ranges: the journals refuse it.
  tn::walk_forward_options other = wf;
  other.anchored = true;
  CHECK_THROWS_AS(tn::walk_forward_optimize(sp, 70, tn::random_search{}, make, evaluate, other),
                  quantkit::invalid_argument);
  remove_with_variants(path, "window", 6);
}

TEST_CASE("surrogate_tune journals its sample and refinement rounds and resumes them") {
  const fs::path path = temp_journal("tuning_surrogate_journal");
  remove_with_variants(path, "round", 3);
  space sp;
  sp.add_real("x", 0.0, 1.0).add_real("y", 0.0, 1.0);
  std::atomic<int> calls{0};
  auto obj = [&](const point& p) {
    ++calls;
    return -(p[0] - 0.7) * (p[0] - 0.7) - (p[1] - 0.2) * (p[1] - 0.2);
  };
  tn::surrogate_options so;
  so.samples = 40;
  so.candidates = 2000;
  so.top = 3;
  so.refine_rounds = 2;
  so.permutation_repeats = 0;
  tn::tune_options o;
  o.seed = 9;
  o.journal = path;
  const auto first = tn::surrogate_tune(sp, obj, so, o, tn::default_forest(1));
  CHECK(calls.load() == 40 + 2 * 3);
  CHECK(fs::exists(path));
  CHECK(fs::exists(tn::detail::journal_variant(path, "round1")));
  CHECK(fs::exists(tn::detail::journal_variant(path, "round2")));

  calls = 0;
  const auto again = tn::surrogate_tune(sp, obj, so, o, tn::default_forest(1));
  CHECK(calls.load() == 0);
  REQUIRE(again.trials.trials.size() == first.trials.trials.size());
  for (std::size_t i = 0; i < first.trials.trials.size(); ++i) {
    CHECK(again.trials.trials[i].unit == first.trials.trials[i].unit);
    CHECK(again.trials.trials[i].metrics == first.trials.trials[i].metrics);
  }
  REQUIRE(again.top.size() == first.top.size());
  for (std::size_t k = 0; k < first.top.size(); ++k) {
    CHECK(again.top[k].unit == first.top[k].unit);
    CHECK(again.top[k].predicted == first.top[k].predicted);
  }
  remove_with_variants(path, "round", 3);
}
