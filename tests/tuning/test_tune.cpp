// SPDX-License-Identifier: MIT
// tests/tuning/test_tune.cpp - the tune() driver: records, failures, retries, budgets,
// cancellation, determinism across thread counts
#include <quantkit/samplers/sampler.hpp>
#include <quantkit/samplers/space.hpp>

#include <quantkit/tuning/genetic.hpp>
#include <quantkit/tuning/search.hpp>
#include <quantkit/tuning/tune.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>

namespace tn = quantkit::tuning;
using quantkit::samplers::point;
using quantkit::samplers::random_sampler;
using quantkit::samplers::space;

namespace {
space square() {
  space s;
  s.add_real("x", -1.0, 1.0).add_real("y", -1.0, 1.0);
  return s;
}
double bowl(const point& p) { return p[0] * p[0] + p[1] * p[1]; }
}  // namespace

TEST_CASE("tune records every trial with point, metric, score and time") {
  const auto sp = square();
  tn::tune_options o;
  o.max_trials = 20;
  o.direction = tn::goal::minimize;
  o.parallel.threads = 1;
  const auto st = tn::tune(sp, tn::sampled_search<random_sampler>{}, bowl, o);
  REQUIRE(st.trials.size() == 20);
  CHECK(st.metric_names == std::vector<std::string>{"objective"});
  CHECK(st.metric == "objective");
  CHECK(st.stopped == tn::stop_reason::trial_budget);
  double best = 1e300;
  for (std::size_t i = 0; i < st.trials.size(); ++i) {
    const auto& t = st.trials[i];
    CHECK(t.index == i);
    CHECK(t.ok());
    CHECK(t.attempts == 1);
    CHECK(t.seconds >= 0.0);
    // The metric is the objective at the recorded point; the score is its negation (minimize).
    CHECK(t.metrics[0] == bowl(t.point));
    CHECK(t.score == -t.metrics[0]);
    best = std::min(best, t.metrics[0]);
  }
  CHECK(st.best().metrics[0] == best);
  const auto curve = st.best_so_far();
  CHECK(curve.back() == -best);
}

TEST_CASE("tune records failures and keeps going, retries rerun them") {
  const auto sp = square();
  std::atomic<int> calls{0};
  auto flaky = [&](const point& p) -> double {
    ++calls;
    if (p[0] < 0.0) throw std::runtime_error("left half unavailable");
    return p[0];
  };
  tn::tune_options o;
  o.max_trials = 30;
  o.parallel.threads = 2;
  const auto st = tn::tune(sp, tn::sampled_search<random_sampler>{}, flaky, o);
  std::size_t failed = 0;
  for (const auto& t : st.trials) {
    if (t.point[0] < 0.0) {
      CHECK_FALSE(t.ok());
      CHECK(t.error == "left half unavailable");
      CHECK(std::isnan(t.score));
      ++failed;
    } else {
      CHECK(t.ok());
    }
  }
  CHECK(failed > 0);
  CHECK(st.failed == failed);
  CHECK(st.best().point[0] >= 0.0);

  // retries: each failing trial is tried 1 + 2 times.
  calls = 0;
  o.retries = 2;
  const auto st2 = tn::tune(sp, tn::sampled_search<random_sampler>{}, flaky, o);
  CHECK(calls.load() == static_cast<int>(30 + 2 * failed));
  for (const auto& t : st2.trials) CHECK(t.attempts == (t.point[0] < 0.0 ? 3u : 1u));

  // retry_failed after the outage ended: every failed trial now succeeds, in place.
  auto st3 = st;
  const auto fixed = tn::retry_failed(sp, st3, [](const point& p) { return p[0]; }, o);
  CHECK(fixed == failed);
  CHECK(st3.failed == 0);
  for (std::size_t i = 0; i < st3.trials.size(); ++i) {
    CHECK(st3.trials[i].point == st.trials[i].point);
    CHECK(st3.trials[i].metrics[0] == st3.trials[i].point[0]);
  }
}

TEST_CASE("tune treats a non-finite optimised metric as a failure") {
  const auto sp = square();
  tn::tune_options o;
  o.max_trials = 10;
  const auto st = tn::tune(
      sp, tn::sampled_search<random_sampler>{},
      [](const point& p) {
        return p[0] < 0.0 ? std::numeric_limits<double>::quiet_NaN() : p[0];
      },
      o);
  for (const auto& t : st.trials) {
    if (t.point[0] < 0.0) {
      CHECK_FALSE(t.ok());
      CHECK(t.error.find("not finite") != std::string::npos);
    }
  }
}

TEST_CASE("tune with named metrics optimises the chosen one") {
  const auto sp = square();
  auto obj = [](const point& p) {
    return tn::outcome{{{"a", p[0]}, {"b", p[1]}}, {}};
  };
  tn::tune_options o;
  o.max_trials = 40;
  o.metric = "b";
  const auto st = tn::tune(sp, tn::sampled_search<random_sampler>{}, obj, o);
  CHECK(st.metric_names == std::vector<std::string>{"a", "b"});
  const auto b = st.column("b");
  CHECK(st.best().metrics[1] == *std::max_element(b.begin(), b.end()));
  CHECK_THROWS_AS((void)st.column("c"), quantkit::invalid_argument);
  o.metric = "sharpe";
  CHECK_THROWS_WITH_AS(tn::tune(sp, tn::sampled_search<random_sampler>{}, obj, o),
                       "quantkit::tuning::tune: options.metric is not among the objective's "
                       "metrics (a, b) (got \"sharpe\")",
                       quantkit::invalid_argument);
}

TEST_CASE("tune bad input") {
  const auto sp = square();
  tn::tune_options o;
  o.max_trials = 0;
  CHECK_THROWS_WITH_AS(tn::tune(sp, tn::sampled_search<random_sampler>{}, bowl, o),
                       "quantkit::tuning::tune: options.max_trials must be >= 1 (got 0)",
                       quantkit::invalid_argument);
  o.max_trials = 5;
  o.time_budget = std::chrono::duration<double>(-1.0);
  CHECK_THROWS_AS(tn::tune(sp, tn::sampled_search<random_sampler>{}, bowl, o),
                  quantkit::invalid_argument);
  CHECK_THROWS_AS(tn::sampled_search<random_sampler>({}, 0), quantkit::invalid_argument);
  tn::study<point> empty;
  CHECK_THROWS_AS((void)empty.best(), quantkit::invalid_argument);
}

TEST_CASE("tune stops on cancellation and on the time budget") {
  const auto sp = square();
  quantkit::cancel_token tok;
  std::atomic<int> calls{0};
  auto obj = [&](const point& p) {
    if (++calls == 10) tok.cancel();
    return bowl(p);
  };
  tn::tune_options o;
  o.max_trials = 1000;
  o.parallel.threads = 1;
  o.parallel.cancel = tok;
  const auto st = tn::tune(sp, tn::sampled_search<random_sampler>({}, 4), obj, o);
  CHECK(st.stopped == tn::stop_reason::cancelled);
  CHECK(st.trials.size() == 10);
  tn::tune_options t;
  t.max_trials = 1000000;
  t.time_budget = std::chrono::duration<double>(0.05);
  const auto st2 = tn::tune(sp, tn::sampled_search<random_sampler>({}, 8),
                            [](const point& p) {
                              std::this_thread::sleep_for(std::chrono::milliseconds(1));
                              return bowl(p);
                            },
                            t);
  CHECK(st2.stopped == tn::stop_reason::time_budget);
  CHECK(st2.trials.size() < 1000000);
  CHECK(st2.trials.size() % 8 == 0);
}

TEST_CASE("tune is bit-identical for 1, 2 and 4 threads") {
  space sp;
  sp.add_real("x", -2.0, 2.0).add_int("n", 0, 9).add_categorical("c", {"a", "b", "c"});
  auto obj = [](const point& p) {
    return -(p[0] - 0.5) * (p[0] - 0.5) - 0.1 * (p[1] - 4) * (p[1] - 4) + (p[2] == 1 ? 1.0 : 0.0);
  };
  tn::tune_options o;
  o.max_trials = 120;
  o.seed = 7;
  std::vector<tn::study<point>> runs;
  for (std::size_t th : {1u, 2u, 4u}) {
    o.parallel.threads = th;
    runs.push_back(tn::tune(sp, tn::genetic_search{}, obj, o));
  }
  for (std::size_t r = 1; r < runs.size(); ++r) {
    REQUIRE(runs[r].trials.size() == runs[0].trials.size());
    for (std::size_t i = 0; i < runs[0].trials.size(); ++i) {
      CHECK(runs[r].trials[i].unit == runs[0].trials[i].unit);
      CHECK(runs[r].trials[i].metrics == runs[0].trials[i].metrics);
    }
    CHECK(runs[r].best_index == runs[0].best_index);
  }
}

TEST_CASE("tune marks points violating a constraint failed without calling the objective") {
  auto sp = square();
  sp.add_constraint("x + y <= 0.5", [](const point& p) { return p[0] + p[1] <= 0.5; });
  std::atomic<int> calls{0};
  tn::tune_options o;
  o.max_trials = 64;
  const auto st = tn::tune(sp, tn::genetic_search{}, [&](const point& p) {
    ++calls;
    return p[0] + p[1];
  }, o);
  for (const auto& t : st.trials) {
    if (t.point[0] + t.point[1] > 0.5) CHECK(t.error == "point violates a constraint of the space");
  }
  CHECK(st.best().metrics[0] <= 0.5);
  CHECK(st.best().metrics[0] > 0.3);
}

TEST_CASE("tune resumes from its journal with the same final result") {
  namespace fs = std::filesystem;
  const fs::path path = fs::temp_directory_path() / "quantkit_test_tuning_journal.jsonl";
  fs::remove(path);
  space sp;
  sp.add_real("x", -2.0, 2.0).add_int("n", 0, 9).add_categorical("c", {"a", "b", "c"});
  auto obj = [](const point& p) {
    if (p[1] == 3) throw std::runtime_error("n = 3 is broken");
    return tn::outcome{{{"m", -(p[0] - 0.5) * (p[0] - 0.5) + (p[2] == 1 ? 1.0 : 0.0)}},
                       {p[0], p[0] / 3.0, 0.1}};
  };
  tn::tune_options o;
  o.max_trials = 100;
  o.seed = 3;
  o.parallel.threads = 2;
  const auto full = tn::tune(sp, tn::genetic_search{}, obj, o);

  // Interrupted after about 40 trials, then resumed twice (the second resume replays everything).
  quantkit::cancel_token tok;
  std::atomic<int> calls{0};
  auto interrupted = [&](const point& p) {
    if (++calls == 40) tok.cancel();
    return obj(p);
  };
  o.journal = path;
  o.parallel.cancel = tok;
  const auto part = tn::tune(sp, tn::genetic_search{}, interrupted, o);
  CHECK(part.stopped == tn::stop_reason::cancelled);
  CHECK(part.trials.size() < 100);
  o.parallel.cancel.reset();
  calls = 0;
  auto counted = [&](const point& p) {
    ++calls;
    return obj(p);
  };
  const auto resumed = tn::tune(sp, tn::genetic_search{}, counted, o);
  CHECK(resumed.resumed >= part.trials.size() - 2);  // trials still running at cancel may be lost
  CHECK(calls.load() == static_cast<int>(100 - resumed.resumed));
  const auto again = tn::tune(sp, tn::genetic_search{}, counted, o);
  CHECK(again.resumed == 100);
  for (const auto* st : {&resumed, &again}) {
    REQUIRE(st->trials.size() == full.trials.size());
    for (std::size_t i = 0; i < full.trials.size(); ++i) {
      CHECK(st->trials[i].unit == full.trials[i].unit);
      CHECK(st->trials[i].metrics == full.trials[i].metrics);
      CHECK(st->trials[i].returns == full.trials[i].returns);
      CHECK(st->trials[i].error == full.trials[i].error);
    }
    CHECK(st->best_index == full.best_index);
  }
  // Another seed is another batch: the journal refuses it.
  o.seed = 4;
  CHECK_THROWS_AS(tn::tune(sp, tn::genetic_search{}, obj, o), quantkit::invalid_argument);
  // Same key but another search: the recorded points do not match.
  o.seed = 3;
  CHECK_THROWS_AS(tn::tune(sp, tn::genetic_search(tn::genetic_options{.population = 8}), obj, o),
                  quantkit::invalid_argument);
  fs::remove(path);
}

TEST_CASE("grid, LHS, Sobol and Halton searches through the samplers") {
  space sp;
  sp.add_real("x", 0.0, 1.0).add_categorical("c", {"a", "b", "c"});
  tn::tune_options o;
  o.max_trials = 100;
  auto f = [](const point& p) { return p[0] + p[1]; };
  // 5 levels of x times every label: 15 points, then the grid is exhausted.
  const auto g = tn::tune(sp, tn::grid_search(quantkit::samplers::grid_sampler{}), f, o);
  CHECK(g.trials.size() == 15);
  CHECK(g.stopped == tn::stop_reason::search_finished);
  CHECK(g.best().point[0] == 1.0);
  CHECK(g.best().point[1] == 2.0);
  std::set<std::pair<double, double>> seen;
  for (const auto& t : g.trials) seen.insert({t.point[0], t.point[1]});
  CHECK(seen.size() == 15);
  // Space-filling designs fill the budget; an LHS has one point per stratum of x.
  const auto l = tn::tune(sp, tn::lhs_search{}, f, o);
  CHECK(l.trials.size() == 100);
  std::set<int> strata;
  for (const auto& t : l.trials) strata.insert(static_cast<int>(t.point[0] * 100.0));
  CHECK(strata.size() == 100);
  CHECK(tn::tune(sp, tn::sobol_search{}, f, o).trials.size() == 100);
  CHECK(tn::tune(sp, tn::halton_search{}, f, o).trials.size() == 100);
}
