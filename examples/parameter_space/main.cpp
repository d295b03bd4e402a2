// SPDX-License-Identifier: MIT
// examples/parameter_space - describe a strategy's parameters once, then draw them with any design.
//
// A moving-average crossover has a fast and a slow window (fast < slow), a stop-loss in percent
// (searched on a log scale) and a moving-average type. The same space feeds every sampler; the
// samplers work in the unit cube and the space maps their points to parameters.
#include <quantkit/core/random.hpp>
#include <quantkit/samplers.hpp>

#include <cstdio>
#include <vector>

namespace qs = quantkit::samplers;

int main() {
  // 1. The space: named dimensions and a constraint between them.
  qs::space sp;
  sp.add_int("fast", 2, 50)
      .add_int("slow", 10, 200)
      .add_log_real("stop_pct", 0.2, 10.0)
      .add_categorical("ma", {"sma", "ema", "wma"});
  sp.add_constraint("fast < slow", [](const qs::point& p) { return p.at("fast") < p.at("slow"); });

  // 2. Draw 8 points with three designs (same seed: deterministic on every platform).
  const std::uint64_t seed = 2024;
  const auto show = [](const char* name, const std::vector<qs::point>& pts) {
    std::printf("%s\n", name);
    for (std::size_t i = 0; i < 3; ++i) std::printf("  %s\n", pts[i].to_string().c_str());
  };
  show("random:", qs::random_sampler{}.sample(sp, 8, seed));
  show("latin hypercube:", qs::lhs_sampler{}.sample(sp, 8, seed));
  show("sobol (scrambled):", qs::sobol_sampler{}.sample(sp, 8, seed));

  // 3. Typed access and a feature vector for a surrogate model.
  const auto p = qs::sobol_sampler{}.sample(sp, 1, seed).front();
  std::printf("fast=%d slow=%d stop=%.3f%% ma=%s features=%zu\n", p.get<int>("fast"),
              p.get<int>("slow"), p.at("stop_pct"), p.label("ma").c_str(), p.features().size());

  // 4. A coarse grid: 4 levels for the windows, every MA type, constraint applied.
  qs::grid_sampler grid;
  grid.levels = 4;
  const auto g = grid.sample(sp, 0, 0);
  std::printf("grid: %zu of %zu points satisfy fast < slow\n", g.size(), grid.full_size(sp));

  // 5. How evenly do the designs fill the unit cube? (centered L2 discrepancy, lower is better)
  const std::size_t n = 256;
  const std::size_t d = 4;
  std::printf("centered discrepancy, %zu points in %zu dimensions:\n", n, d);
  std::printf("  random %.6f\n", qs::discrepancy(qs::random_sampler{}.unit_sample(d, n, seed), d));
  std::printf("  lhs    %.6f\n", qs::discrepancy(qs::lhs_sampler{}.unit_sample(d, n, seed), d));
  std::printf("  halton %.6f\n", qs::discrepancy(qs::halton_sampler{}.unit_sample(d, n, seed), d));
  std::printf("  sobol  %.6f\n", qs::discrepancy(qs::sobol_sampler{}.unit_sample(d, n, seed), d));

  // 6. Resampling a dependent return series: pick the block length from the data, then draw
  //    stationary-bootstrap replicates of the mean.
  quantkit::rng gen(7);
  std::vector<double> r(1000);
  double prev = 0.0;
  for (double& v : r) v = prev = 0.5 * prev + 0.01 * quantkit::normal(gen);
  const auto bl = qs::optimal_block_length(r);
  std::printf("block length: stationary %.2f, circular %.2f\n", bl.stationary, bl.circular);
  const auto boot = qs::resampler::stationary(bl.stationary);
  double lo = 1.0;
  double hi = -1.0;
  for (std::uint64_t b = 0; b < 200; ++b) {
    const auto x = boot.resample(r, seed, b);
    double m = 0.0;
    for (double v : x) m += v;
    m /= static_cast<double>(x.size());
    lo = m < lo ? m : lo;
    hi = m > hi ? m : hi;
  }
  std::printf("200 bootstrap means span [%.5f, %.5f]\n", lo, hi);
  return 0;
}
