// SPDX-License-Identifier: MIT
// tests/tuning/search_support.hpp - shared helpers of the search tests: boxes of real
// dimensions, the benchmark functions as objectives, and the best value of one seeded study
#pragma once

#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/test_functions.hpp>
#include <quantkit/tuning/tune.hpp>

#include <cstdint>
#include <string>

namespace quantkit::test::search {

/// d real dimensions x0..x{d-1}, each in [lo, hi].
inline samplers::space box(std::size_t d, double lo, double hi) {
  samplers::space s;
  for (std::size_t i = 0; i < d; ++i) s.add_real("x" + std::to_string(i), lo, hi);
  return s;
}

inline double rosen(const samplers::point& p) { return tuning::test_functions::rosenbrock(p.values()); }
inline double ackley(const samplers::point& p) { return tuning::test_functions::ackley(p.values()); }
inline double hart6(const samplers::point& p) { return tuning::test_functions::hartmann6(p.values()); }

/// The best (minimised) value of a one-thread study of `budget` trials with `seed`.
template <class Search, class F>
double best_of(const samplers::space& sp, Search s, F f, std::size_t budget, std::uint64_t seed) {
  tuning::tune_options o;
  o.direction = tuning::goal::minimize;
  o.max_trials = budget;
  o.seed = seed;
  o.parallel.threads = 1;
  const auto st = tuning::tune(sp, s, f, o);
  return st.best().metrics[0];
}

}  // namespace quantkit::test::search
