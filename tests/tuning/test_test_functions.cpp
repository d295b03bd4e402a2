// SPDX-License-Identifier: MIT
// tests/tuning/test_test_functions.cpp - the benchmark functions the searches are tested on:
// their values at the published optima and at points computed by hand, and the Ishigami
// function's analytic Sobol indices against the published values.
#include <quantkit/tuning/test_functions.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace tf = quantkit::tuning::test_functions;
namespace tq = quantkit::test;

TEST_CASE("test_functions: Branin at its three minimisers and at the origin") {
  constexpr double pi = std::numbers::pi;
  // Surjanovic & Bingham: f* = 0.397887 at (-pi, 12.275), (pi, 2.275), (9.42478, 2.475).
  CHECK(tf::branin(-pi, 12.275) == tq::approx(tf::branin_minimum, 1e-12));
  CHECK(tf::branin(pi, 2.275) == tq::approx(tf::branin_minimum, 1e-12));
  CHECK(tf::branin(3.0 * pi, 2.475) == tq::approx(tf::branin_minimum, 1e-12));
  CHECK(std::fabs(tf::branin_minimum - 0.397887) < 5e-7);
  // (0, 0): a (x2 - b x1^2 + c x1 - r)^2 + s (1 - t) cos x1 + s with r = 6, s = 10, t = 1/(8 pi):
  // 36 + 10 (1 - 1/(8 pi)) + 10 = 55.602112642270264.
  CHECK(tf::branin(0.0, 0.0) == tq::approx(55.602112642270264, 1e-14));
  // Nowhere below the minimum on a coarse grid of the domain.
  for (double x1 = -5.0; x1 <= 10.0; x1 += 0.25) {
    for (double x2 = 0.0; x2 <= 15.0; x2 += 0.25) CHECK(tf::branin(x1, x2) >= tf::branin_minimum);
  }
}

TEST_CASE("test_functions: Hartmann-6 at its minimiser and at the centre") {
  // Minimiser (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573) from Surjanovic & Bingham;
  // the values from numpy with the same alpha, A, P (python3, -sum(alpha exp(-sum(A (x-P)^2)))):
  // -3.322368011391339 and -0.5053149917022333.
  const std::vector<double> xs{0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};
  CHECK(tf::hartmann6(xs) == tq::approx(-3.322368011391339, 1e-13));
  CHECK(tf::hartmann6(xs) == tq::approx(tf::hartmann6_minimum, 1e-5));
  const std::vector<double> centre(6, 0.5);
  CHECK(tf::hartmann6(centre) == tq::approx(-0.5053149917022333, 1e-13));
}

TEST_CASE("test_functions: Rosenbrock and Ackley by hand") {
  CHECK(tf::rosenbrock(std::vector<double>{1.0, 1.0, 1.0, 1.0}) == 0.0);
  CHECK(tf::rosenbrock(std::vector<double>{0.0, 0.0}) == 1.0);  // (1 - 0)^2
  // (-1, 1, 1): 100 (1 - 1)^2 + (1 + 1)^2 + 100 (1 - 1)^2 + (1 - 1)^2 = 4.
  CHECK(tf::rosenbrock(std::vector<double>{-1.0, 1.0, 1.0}) == 4.0);
  CHECK(std::fabs(tf::ackley(std::vector<double>{0.0, 0.0, 0.0})) < 1e-14);
  // (1, 1): -20 exp(-0.2 sqrt(1)) - exp(cos 2 pi) + 20 + e = 20 - 20 exp(-0.2).
  CHECK(tf::ackley(std::vector<double>{1.0, 1.0}) == tq::approx(20.0 - 20.0 * std::exp(-0.2), 1e-13));
}

TEST_CASE("test_functions: Ishigami by hand and its published Sobol indices") {
  constexpr double pi = std::numbers::pi;
  // sin(pi/2) + 7 sin^2(pi/2) + 0.1 * 1^4 * sin(pi/2) = 1 + 7 + 0.1.
  CHECK(tf::ishigami(pi / 2.0, pi / 2.0, 1.0) == tq::approx(8.1, 1e-15));
  CHECK(tf::ishigami(0.0, 0.0, 2.0) == 0.0);
  // a = 7, b = 0.1 (Saltelli et al. 2008, table 4.1 style values): S = (0.3139, 0.4424, 0),
  // ST = (0.5576, 0.4424, 0.2437), V = 13.8446.
  const auto s = tf::ishigami_indices();
  CHECK(s.first[0] == tq::approx(0.3139, 2e-4));
  CHECK(s.first[1] == tq::approx(0.4424, 2e-4));
  CHECK(s.first[2] == 0.0);
  CHECK(s.total[0] == tq::approx(0.5576, 2e-4));
  CHECK(s.total[1] == tq::approx(0.4424, 2e-4));
  CHECK(s.total[2] == tq::approx(0.2437, 2e-4));
  CHECK(s.variance == tq::approx(13.8446, 1e-5));
}
