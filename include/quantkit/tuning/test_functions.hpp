// SPDX-License-Identifier: MIT
// quantkit/tuning/test_functions.hpp - standard optimisation and sensitivity test functions with
// known optima / indices (for tests, benchmarks and comparing searches)
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <span>

namespace quantkit::tuning::test_functions {

/// Branin-Hoo on x1 in [-5, 10], x2 in [0, 15]; global minimum 0.397887 (0.39788735772973816)
/// at (-pi, 12.275), (pi, 2.275), (9.42478, 2.475) (Dixon & Szego 1978; Surjanovic & Bingham,
/// Virtual Library of Simulation Experiments).
inline double branin(double x1, double x2) noexcept {
  constexpr double pi = std::numbers::pi;
  const double b = 5.1 / (4.0 * pi * pi);
  const double c = 5.0 / pi;
  const double t = 1.0 / (8.0 * pi);
  const double q = x2 - b * x1 * x1 + c * x1 - 6.0;
  return q * q + 10.0 * (1.0 - t) * std::cos(x1) + 10.0;
}
inline constexpr double branin_minimum = 0.39788735772973816;

/// Hartmann 6-D on [0, 1]^6; global minimum -3.32237 at (0.20169, 0.150011, 0.476874, 0.275332,
/// 0.311652, 0.6573) (Surjanovic & Bingham). x must have 6 elements.
inline double hartmann6(std::span<const double> x) noexcept {
  constexpr std::array<double, 4> alpha{1.0, 1.2, 3.0, 3.2};
  constexpr double a[4][6] = {{10, 3, 17, 3.5, 1.7, 8},
                              {0.05, 10, 17, 0.1, 8, 14},
                              {3, 3.5, 1.7, 10, 17, 8},
                              {17, 8, 0.05, 10, 0.1, 14}};
  constexpr double p[4][6] = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                              {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                              {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                              {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
  double s = 0.0;
  for (std::size_t i = 0; i < 4; ++i) {
    double e = 0.0;
    for (std::size_t j = 0; j < 6; ++j) {
      const double d = x[j] - p[i][j];
      e += a[i][j] * d * d;
    }
    s += alpha[i] * std::exp(-e);
  }
  return -s;
}
inline constexpr double hartmann6_minimum = -3.32237;

/// Rosenbrock sum_{i<d-1} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2; minimum 0 at (1, ..., 1).
inline double rosenbrock(std::span<const double> x) noexcept {
  double s = 0.0;
  for (std::size_t i = 0; i + 1 < x.size(); ++i) {
    const double a = x[i + 1] - x[i] * x[i];
    const double b = 1.0 - x[i];
    s += 100.0 * a * a + b * b;
  }
  return s;
}

/// Ackley (a = 20, b = 0.2, c = 2 pi), usually on [-32.768, 32.768]^d; minimum 0 at the origin.
inline double ackley(std::span<const double> x) noexcept {
  const double n = static_cast<double>(x.size());
  double s1 = 0.0;
  double s2 = 0.0;
  for (double v : x) {
    s1 += v * v;
    s2 += std::cos(2.0 * std::numbers::pi * v);
  }
  return -20.0 * std::exp(-0.2 * std::sqrt(s1 / n)) - std::exp(s2 / n) + 20.0 + std::numbers::e;
}

/// Ishigami sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3 (Ishigami & Homma 1990), default
/// a = 7, b = 0.1. Its Sobol indices are known in closed form (ishigami_indices).
inline double ishigami(double x1, double x2, double x3, double a = 7.0, double b = 0.1) noexcept {
  const double s2 = std::sin(x2);
  return std::sin(x1) + a * s2 * s2 + b * x3 * x3 * x3 * x3 * std::sin(x1);
}

/// Analytic first-order and total Sobol indices of the Ishigami function (Sobol & Levitan 1999;
/// Saltelli et al. 2008, Global Sensitivity Analysis): V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8,
/// V13 = 8 b^2 pi^8 / 225, V = V1 + V2 + V13.
struct ishigami_sobol {
  std::array<double, 3> first{};
  std::array<double, 3> total{};
  double variance = 0.0;
};
inline ishigami_sobol ishigami_indices(double a = 7.0, double b = 0.1) noexcept {
  constexpr double pi = std::numbers::pi;
  const double pi4 = pi * pi * pi * pi;
  const double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0);
  const double v2 = a * a / 8.0;
  const double v13 = 8.0 * b * b * pi4 * pi4 / 225.0;
  ishigami_sobol r;
  r.variance = v1 + v2 + v13;
  r.first = {v1 / r.variance, v2 / r.variance, 0.0};
  r.total = {(v1 + v13) / r.variance, v2 / r.variance, v13 / r.variance};
  return r;
}

}  // namespace quantkit::tuning::test_functions
