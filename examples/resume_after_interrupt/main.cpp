// SPDX-License-Identifier: MIT
// examples/resume_after_interrupt - a long Monte Carlo with a journal: interrupt it, start it
// again, and it resumes where it stopped, without recomputing finished runs, and ends with exactly
// the result of an uninterrupted run.
//
// A starting template: set execution.journal to a file next to your results; after a crash, a
// kill or a cancel, run the same program again.
#include <quantkit/core.hpp>
#include <quantkit/montecarlo.hpp>
#include <quantkit/samplers.hpp>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace qk = quantkit;
namespace mc = quantkit::montecarlo;
namespace sm = quantkit::samplers;

// A stand-in for an expensive objective (a walk-forward, a long backtest): a deterministic
// function of the point with two metrics.
qk::named_values objective(const sm::point& p) {
  const double a = p.at("a");
  const double b = p.at("b");
  double acc = 0.0;
  for (int k = 1; k <= 2000; ++k) acc += std::sin(a * k) * std::exp(-b * k / 2000.0) / k;
  return {{"score", acc}, {"cost", a * b}};
}

int main() {
  sm::space space;
  space.add_real("a", 0.1, 3.0).add_log_real("b", 0.01, 10.0);
  const std::size_t n = 1000;
  const std::filesystem::path journal = "resume_after_interrupt.jsonl";
  std::filesystem::remove(journal);  // a fresh start for this demonstration

  // 1. The run is interrupted after 400 runs (here by a cancel token; a crash or a kill works the
  //    same: every finished run is already in the journal). One thread, so exactly 400 finish:
  //    with more threads the runs in flight at the cancel also finish and are journaled.
  qk::cancel_token stop;
  std::atomic<std::size_t> computed{0};
  mc::monte_carlo_options o;
  o.execution.journal = journal;
  o.execution.cancel = stop;
  o.execution.threads = 1;
  const auto first = mc::monte_carlo(space, sm::random_sampler{}, n, 99, [&](const sm::point& p) {
    if (computed.fetch_add(1) + 1 == 400) stop.cancel();
    return objective(p);
  }, o);
  std::printf("first call:  %zu runs done, cancelled: %s, journal records: %zu\n", first.runs.ok,
              first.runs.cancelled ? "yes" : "no", qk::load_journal(journal).records.size());

  // 2. The same call again (any thread count, no cancel): only the missing runs are computed.
  computed = 0;
  mc::monte_carlo_options again;
  again.execution.journal = journal;
  again.execution.threads = 2;
  const auto resumed = mc::monte_carlo(space, sm::random_sampler{}, n, 99, [&](const sm::point& p) {
    computed.fetch_add(1);
    return objective(p);
  }, again);
  std::printf("second call: %zu runs from the journal, %zu computed, %zu ok\n",
              resumed.runs.resumed, computed.load(), resumed.runs.ok);

  // 3. Compare with a run that was never interrupted: every metric bit for bit.
  const auto straight = mc::monte_carlo(space, sm::random_sampler{}, n, 99, objective);
  bool identical = true;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& x = straight.runs.runs[i].metrics;
    const auto& y = resumed.runs.runs[i].metrics;
    identical = identical && x.size() == y.size() &&
                std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
  }
  const auto& s1 = straight.summary("score");
  const auto& s2 = resumed.summary("score");
  std::printf("identical to an uninterrupted run: %s (mean score %.10f vs %.10f)\n",
              identical ? "yes" : "no", s1.distribution.mean, s2.distribution.mean);
  std::filesystem::remove(journal);
  return identical ? 0 : 1;
}
