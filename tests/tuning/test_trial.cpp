// SPDX-License-Identifier: MIT
// tuning/trial.hpp: a study's best trial, metric columns and convergence curve on a hand-built
// study (failed trials, ties, a later improvement), and their errors.
#include <quantkit/tuning/trial.hpp>

#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace tuning_test_trial {  // own scope for unity builds

namespace tn = quantkit::tuning;
using quantkit::test::check_invalid_param;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

// Trials with scores {fail, 1.5, fail, 3.0, 3.0, 2.0}: metrics (sharpe = score, dd = -score / 10)
// for the successful ones, empty for the failed ones. The best is trial 3 (the tie with 4 goes to
// the lower index).
tn::study<int> sample_study() {
  tn::study<int> s;
  s.metric_names = {"sharpe", "dd"};
  s.metric = "sharpe";
  const double scores[6] = {qnan, 1.5, qnan, 3.0, 3.0, 2.0};
  for (std::size_t i = 0; i < 6; ++i) {
    tn::trial<int> t;
    t.index = i;
    t.point = static_cast<int>(10 * i);
    if (std::isnan(scores[i])) {
      t.status = tn::trial_status::failed;
      t.error = "objective threw";
      ++s.failed;
    } else {
      t.status = tn::trial_status::ok;
      t.score = scores[i];
      t.metrics = {scores[i], -scores[i] / 10.0};
    }
    s.trials.push_back(t);
  }
  s.best_index = 3;
  return s;
}
}  // namespace

TEST_SUITE("tuning") {
  TEST_CASE("trial: a default trial has failed and a NaN score") {
    const tn::trial<int> t;
    CHECK_FALSE(t.ok());
    CHECK(std::isnan(t.score));
    CHECK(t.attempts == 0);
    CHECK_FALSE(t.from_journal);
  }

  TEST_CASE("trial: best, metric columns and the running best of a study") {
    const auto s = sample_study();
    REQUIRE(s.has_best());
    CHECK(s.best().index == 3);
    CHECK(s.best().point == 30);
    const auto sharpe = s.column("sharpe");
    REQUIRE(sharpe.size() == 6);
    CHECK(std::isnan(sharpe[0]));
    CHECK(sharpe[1] == 1.5);
    CHECK(std::isnan(sharpe[2]));
    CHECK(sharpe[5] == 2.0);
    const auto dd = s.column("dd");
    CHECK(dd[3] == -0.3);
    // NaN before the first success, then the best score so far (trial 5's 2.0 does not lower it).
    const auto run = s.best_so_far();
    REQUIRE(run.size() == 6);
    CHECK(std::isnan(run[0]));
    CHECK(run[1] == 1.5);
    CHECK(run[2] == 1.5);
    CHECK(run[3] == 3.0);
    CHECK(run[4] == 3.0);
    CHECK(run[5] == 3.0);
  }

  TEST_CASE("trial: a study without a success has no best, and unknown metrics are errors") {
    tn::study<int> s;
    s.metric_names = {"m"};
    tn::trial<int> t;
    t.status = tn::trial_status::failed;
    s.trials.push_back(t);
    CHECK_FALSE(s.has_best());
    check_invalid_param([&] { (void)s.best(); }, "quantkit::tuning::study::best", "trials");
    check_invalid_param([&] { (void)sample_study().column("nope"); },
                        "quantkit::tuning::study::column", "name");
    CHECK(std::isnan(s.best_so_far()[0]));
  }
}

}  // namespace tuning_test_trial
