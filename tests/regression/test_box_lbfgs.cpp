// SPDX-License-Identifier: MIT
#include <quantkit/regression/detail/box_lbfgs.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

namespace rd = quantkit::regression::detail;

TEST_SUITE("regression") {
  TEST_CASE("box_lbfgs: Rosenbrock minimum inside the box") {
    // f = 100 (y - x^2)^2 + (1 - x)^2, minimum 0 at (1, 1).
    auto f = [](const Eigen::VectorXd& v, Eigen::VectorXd& g) {
      const double x = v(0);
      const double y = v(1);
      g(0) = -400.0 * x * (y - x * x) - 2.0 * (1.0 - x);
      g(1) = 200.0 * (y - x * x);
      return 100.0 * (y - x * x) * (y - x * x) + (1.0 - x) * (1.0 - x);
    };
    Eigen::VectorXd x0(2);
    x0 << -1.2, 1.0;
    rd::box_lbfgs_options opt;
    opt.ftol = 0.0;
    opt.gtol = 1e-9;
    const auto r = rd::minimize_box(f, x0, Eigen::VectorXd::Constant(2, -5.0),
                                    Eigen::VectorXd::Constant(2, 5.0), opt);
    CHECK(r.converged);
    CHECK(std::fabs(r.x(0) - 1.0) < 1e-6);
    CHECK(std::fabs(r.x(1) - 1.0) < 1e-6);
    CHECK(r.f < 1e-12);
  }

  TEST_CASE("box_lbfgs: active bounds") {
    // f = (x - 3)^2 + (y + 1)^2 + x y / 10 on [0, 2] x [-5, 5]: x sticks at 2 (df/dx < 0 there),
    // then y minimises (y + 1)^2 + y / 5: y = -1.1.
    auto f = [](const Eigen::VectorXd& v, Eigen::VectorXd& g) {
      g(0) = 2.0 * (v(0) - 3.0) + v(1) / 10.0;
      g(1) = 2.0 * (v(1) + 1.0) + v(0) / 10.0;
      return (v(0) - 3.0) * (v(0) - 3.0) + (v(1) + 1.0) * (v(1) + 1.0) + v(0) * v(1) / 10.0;
    };
    Eigen::VectorXd lo(2);
    Eigen::VectorXd hi(2);
    lo << 0.0, -5.0;
    hi << 2.0, 5.0;
    Eigen::VectorXd x0(2);
    x0 << 10.0, 4.0;  // clamped into the box first
    const auto r = rd::minimize_box(f, x0, lo, hi);
    CHECK(r.converged);
    CHECK(r.x(0) == 2.0);
    CHECK(std::fabs(r.x(1) + 1.1) < 1e-5);
  }

  TEST_CASE("box_lbfgs: non-finite regions are backed out of and a non-finite start is reported") {
    // log barrier: f = x - log(x) + (y - 2)^2 is +inf (NaN) for x <= 0; minimum at x = 1, y = 2.
    auto f = [](const Eigen::VectorXd& v, Eigen::VectorXd& g) {
      if (v(0) <= 0.0) return std::numeric_limits<double>::infinity();
      g(0) = 1.0 - 1.0 / v(0);
      g(1) = 2.0 * (v(1) - 2.0);
      return v(0) - std::log(v(0)) + (v(1) - 2.0) * (v(1) - 2.0);
    };
    Eigen::VectorXd x0(2);
    x0 << 0.05, 0.0;
    const auto r = rd::minimize_box(f, x0, Eigen::VectorXd::Constant(2, -10.0),
                                    Eigen::VectorXd::Constant(2, 10.0));
    CHECK(std::fabs(r.x(0) - 1.0) < 1e-4);
    CHECK(std::fabs(r.x(1) - 2.0) < 1e-4);
    x0 << -1.0, 0.0;
    const auto bad = rd::minimize_box(f, x0, Eigen::VectorXd::Constant(2, -10.0),
                                      Eigen::VectorXd::Constant(2, 10.0));
    CHECK_FALSE(bad.converged);
    CHECK(bad.message.find("not finite") != std::string::npos);
  }
}
