// SPDX-License-Identifier: MIT
// tests/tuning/test_sensitivity.cpp - Sobol indices against the Ishigami function's analytic
// values and a linear model's closed form; one-at-a-time sweeps by hand
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/sensitivity.hpp>
#include <quantkit/tuning/test_functions.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace tn = quantkit::tuning;
namespace tf = quantkit::tuning::test_functions;
using quantkit::samplers::point;
using quantkit::samplers::space;

TEST_CASE("ishigami analytic indices") {
  // Closed forms (Saltelli et al. 2008, p. 179) with a = 7, b = 0.1: S1 = 0.3139, S2 = 0.4424,
  // S3 = 0, ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437, V = 13.8446.
  const auto r = tf::ishigami_indices();
  CHECK(std::fabs(r.first[0] - 0.3139) < 1e-4);
  CHECK(std::fabs(r.first[1] - 0.4424) < 1e-4);
  CHECK(std::fabs(r.total[0] - 0.5576) < 1e-4);
  CHECK(std::fabs(r.total[2] - 0.2437) < 1e-4);
  CHECK(std::fabs(r.variance - 13.8446) < 1e-4);
}

TEST_CASE("sobol_indices matches the Ishigami function's analytic indices") {
  const auto ref = tf::ishigami_indices();
  space sp;
  sp.add_real("x1", -std::numbers::pi, std::numbers::pi)
      .add_real("x2", -std::numbers::pi, std::numbers::pi)
      .add_real("x3", -std::numbers::pi, std::numbers::pi);
  auto f = [](const point& p) { return tf::ishigami(p[0], p[1], p[2]); };
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    tn::sobol_options o;
    o.n = 1 << 14;
    o.seed = seed;
    o.bootstrap = 200;
    const auto r = tn::sobol_indices(sp, f, o);
    CAPTURE(seed);
    CHECK(r.evaluations == o.n * 5);
    CHECK(r.failed == 0);
    CHECK(std::fabs(r.variance - ref.variance) < 0.5);
    for (std::size_t i = 0; i < 3; ++i) {
      CAPTURE(i);
      // Standard error at N = 16384 is about 0.01 for these estimators: allow 0.03.
      CHECK(std::fabs(r.first[i] - ref.first[i]) < 0.03);
      CHECK(std::fabs(r.total[i] - ref.total[i]) < 0.03);
      CHECK(r.first_lo[i] <= r.first[i]);
      CHECK(r.first[i] <= r.first_hi[i]);
      CHECK(r.total_hi[i] - r.total_lo[i] < 0.1);
    }
  }
}

TEST_CASE("sobol_indices of a linear model and its determinism") {
  // f = 1 x1 + 2 x2 + 3 x3 on uniforms: S_i = ST_i = a_i^2 / sum a^2 = 1/14, 4/14, 9/14.
  auto f = [](std::span<const double> u) { return u[0] + 2.0 * u[1] + 3.0 * u[2]; };
  tn::sobol_options o;
  o.n = 1 << 13;
  o.bootstrap = 0;
  o.parallel.threads = 1;
  const auto r1 = tn::sobol_indices(f, 3, o);
  const double want[3] = {1.0 / 14.0, 4.0 / 14.0, 9.0 / 14.0};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(std::fabs(r1.first[i] - want[i]) < 0.03);
    CHECK(std::fabs(r1.total[i] - want[i]) < 0.03);
    CHECK(std::isnan(r1.first_lo[i]));
  }
  o.parallel.threads = 3;
  const auto r3 = tn::sobol_indices(f, 3, o);
  CHECK(r3.first == r1.first);
  CHECK(r3.total == r1.total);
}

TEST_CASE("sobol_indices drops failing rows") {
  auto f = [](std::span<const double> u) {
    if (u[0] < 0.1) throw std::runtime_error("no");
    return u[0] + u[1];
  };
  tn::sobol_options o;
  o.n = 1000;
  o.bootstrap = 0;
  const auto r = tn::sobol_indices(f, 2, o);
  CHECK(r.failed > 0);
  CHECK(r.rows_used < 1000);
  CHECK(r.rows_used > 700);
}

TEST_CASE("oat_sweep by hand") {
  // f = (x - 0.3)^2 + 2 n over x in [0, 1], n in 0..4, centre (0.3, 2): sweeping x over the
  // whole range gives (0 - 0.3)^2 .. (1 - 0.3)^2 plus 4: swing 0.49; n over 0..4: swing 8.
  space sp;
  sp.add_real("x", 0.0, 1.0).add_int("n", 0, 4);
  auto f = [](const point& p) { return (p[0] - 0.3) * (p[0] - 0.3) + 2.0 * p[1]; };
  const auto c = sp.make_point({0.3, 2.0});
  tn::oat_options o;
  o.steps = 11;
  const auto r = tn::oat_sweep(sp, c, f, o);
  CHECK(r.center_metric == doctest::Approx(4.0).epsilon(1e-12));
  REQUIRE(r.dimensions.size() == 2);
  CHECK(r.dimensions[0].metric.size() == 11);
  CHECK(r.dimensions[0].values.front() == 0.0);
  CHECK(r.dimensions[0].swing == doctest::Approx(0.49).epsilon(1e-9));
  CHECK(r.dimensions[1].values == std::vector<double>{0, 1, 2, 3, 4});
  CHECK(r.dimensions[1].swing == doctest::Approx(8.0).epsilon(1e-12));
}

TEST_CASE("sensitivity bad input") {
  auto f = [](std::span<const double> u) { return u[0]; };
  tn::sobol_options o;
  CHECK_THROWS_WITH_AS(tn::sobol_indices(f, 0, o),
                       "quantkit::tuning::sobol_indices: d must be >= 1 (got 0)",
                       quantkit::invalid_argument);
  o.n = 1;
  CHECK_THROWS_AS(tn::sobol_indices(f, 1, o), quantkit::invalid_argument);
  o.n = 10;
  o.confidence = 1.0;
  CHECK_THROWS_AS(tn::sobol_indices(f, 1, o), quantkit::invalid_argument);
  space sp;
  sp.add_real("x", 0.0, 1.0);
  auto g = [](const point& p) { return p[0]; };
  tn::oat_options oo;
  oo.steps = 1;
  CHECK_THROWS_AS(tn::oat_sweep(sp, sp.make_point({0.5}), g, oo), quantkit::invalid_argument);
  oo.steps = 5;
  oo.radius = 0.0;
  CHECK_THROWS_AS(tn::oat_sweep(sp, sp.make_point({0.5}), g, oo), quantkit::invalid_argument);
}
