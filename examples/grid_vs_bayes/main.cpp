// SPDX-License-Identifier: MIT
// examples/grid_vs_bayes - the same budget of 49 evaluations spent by a grid, by random search
// and by Bayesian optimisation on the Branin function (global minimum 0.397887), with the
// convergence of each printed side by side.
//
// A starting template: replace `branin` by your own objective (a backtest returning a Sharpe
// ratio, say, with goal::maximize) and the space by your parameters.
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/bayes.hpp>
#include <quantkit/tuning/search.hpp>
#include <quantkit/tuning/test_functions.hpp>
#include <quantkit/tuning/tune.hpp>

#include <cstdio>

namespace qk = quantkit;
namespace tn = quantkit::tuning;

int main() {
  // The parameter space: two real dimensions (Branin's usual domain).
  qk::samplers::space space;
  space.add_real("x1", -5.0, 10.0).add_real("x2", 0.0, 15.0);
  auto branin = [](const qk::samplers::point& p) { return tn::test_functions::branin(p[0], p[1]); };

  tn::tune_options options;
  options.direction = tn::goal::minimize;
  options.max_trials = 49;
  options.seed = 1;  // every search is reproducible from its seed, whatever the thread count

  qk::samplers::grid_sampler grid;
  grid.levels = 7;  // 7 x 7 = 49 points
  const auto g = tn::tune(space, tn::grid_search(grid), branin, options);
  const auto r = tn::tune(space, tn::random_search{}, branin, options);
  const auto b = tn::tune(space, tn::bayes_search<>{}, branin, options);

  // best_so_far() is the running best score (minus the metric, since we minimize).
  const auto cg = g.best_so_far();
  const auto cr = r.best_so_far();
  const auto cb = b.best_so_far();
  std::printf("Branin, minimum 0.397887: best value found after n evaluations\n");
  std::printf("%5s %10s %10s %10s\n", "n", "grid", "random", "bayes");
  for (std::size_t n : {5u, 10u, 20u, 30u, 40u, 49u}) {
    std::printf("%5zu %10.4f %10.4f %10.4f\n", n, -cg[n - 1], -cr[n - 1], -cb[n - 1]);
  }
  std::printf("\nBayesian optimisation best point: x1 = %.3f, x2 = %.3f (value %.5f, %.3f%% above "
              "the minimum)\n",
              b.best().point[0], b.best().point[1], b.best().metrics[0],
              100.0 * (b.best().metrics[0] / tn::test_functions::branin_minimum - 1.0));
  return 0;
}
