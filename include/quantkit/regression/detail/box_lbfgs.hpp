// SPDX-License-Identifier: MIT
// quantkit/regression/detail/box_lbfgs.hpp - bound-constrained limited-memory BFGS (L-BFGS-B-like)
#pragma once

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <deque>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace quantkit::regression::detail {

/// Options of minimize_box. The defaults are scipy.optimize.minimize(method="L-BFGS-B")'s
/// (maxiter 15000, maxcor 10, ftol 2.22e-9, gtol 1e-5), which scikit-learn's Gaussian process uses.
struct box_lbfgs_options {
  std::size_t max_iterations = 15000;
  std::size_t memory = 10;
  double ftol = 2.220446049250313e-09;  ///< stop when (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) <= ftol
  double gtol = 1e-5;                   ///< stop when the projected gradient's max-norm <= gtol
  std::size_t max_line_search = 30;
};

struct box_lbfgs_result {
  Eigen::VectorXd x;
  double f = std::numeric_limits<double>::infinity();
  std::size_t iterations = 0;
  std::size_t evaluations = 0;
  bool converged = false;
  std::string message;
};

/// Minimises f over the box [lo, hi] from x0 (clamped into the box). `f(x, g)` returns the value
/// and writes the gradient into g (resized by the caller to x.size()); a non-finite value is
/// treated as "outside the domain" and the line search backs off.
///
/// Algorithm: projected quasi-Newton. Variables at a bound whose gradient points out of the box
/// are held fixed; the L-BFGS two-loop recursion (Nocedal & Wright, Algorithm 7.4) gives the
/// direction on the free variables; the step is projected onto the box and accepted by an Armijo
/// backtracking search along the projected path. Curvature pairs with s'y <= 1e-10 y'y are
/// skipped. This is not Byrd-Lu-Nocedal-Zhu's generalized Cauchy point algorithm, but it solves
/// the same problem and uses scipy's stopping rules (ftol, gtol). Complexity per iteration:
/// one or more evaluations of f plus O(memory * dim).
template <class F>
box_lbfgs_result minimize_box(F&& f, Eigen::VectorXd x0, const Eigen::VectorXd& lo,
                              const Eigen::VectorXd& hi, const box_lbfgs_options& opt = {}) {
  const Eigen::Index n = x0.size();
  box_lbfgs_result res;
  auto project = [&](Eigen::VectorXd& v) { v = v.cwiseMax(lo).cwiseMin(hi); };
  Eigen::VectorXd x = std::move(x0);
  project(x);
  Eigen::VectorXd g(n);
  double fx = f(x, g);
  res.evaluations = 1;
  if (!std::isfinite(fx)) {
    res.x = x;
    res.f = fx;
    res.message = "objective is not finite at the starting point";
    return res;
  }
  std::deque<Eigen::VectorXd> s_hist;
  std::deque<Eigen::VectorXd> y_hist;
  std::deque<double> rho_hist;
  Eigen::VectorXd d(n);
  Eigen::VectorXd q(n);
  Eigen::VectorXd x_new(n);
  Eigen::VectorXd g_new(n);
  Eigen::Array<bool, Eigen::Dynamic, 1> active(n);
  std::vector<double> alpha_buf;
  const double tiny = 1e-10;

  for (std::size_t it = 0; it < opt.max_iterations; ++it) {
    // Projected gradient and active set.
    double pg_norm = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const bool at_lo = x(i) <= lo(i) && g(i) > 0.0;
      const bool at_hi = x(i) >= hi(i) && g(i) < 0.0;
      active(i) = at_lo || at_hi;
      if (!active(i)) pg_norm = std::max(pg_norm, std::fabs(g(i)));
    }
    if (pg_norm <= opt.gtol) {
      res.converged = true;
      res.message = "projected gradient <= gtol";
      break;
    }
    bool searched = false;
    for (int attempt = 0; attempt < 2 && !searched; ++attempt) {
      // Two-loop recursion on the free variables.
      q = g;
      for (Eigen::Index i = 0; i < n; ++i)
        if (active(i)) q(i) = 0.0;
      const std::size_t m = s_hist.size();
      alpha_buf.assign(m, 0.0);
      for (std::size_t k = m; k-- > 0;) {
        alpha_buf[k] = rho_hist[k] * s_hist[k].dot(q);
        q -= alpha_buf[k] * y_hist[k];
      }
      if (m > 0) {
        q *= s_hist.back().dot(y_hist.back()) / y_hist.back().squaredNorm();
      } else {
        // First step: scipy's L-BFGS-B starts with a step of length 1/||g|| along -g.
        const double gn = q.norm();
        if (gn > 0.0) q /= gn;
      }
      for (std::size_t k = 0; k < m; ++k) {
        const double beta = rho_hist[k] * y_hist[k].dot(q);
        q += (alpha_buf[k] - beta) * s_hist[k];
      }
      d = -q;
      for (Eigen::Index i = 0; i < n; ++i)
        if (active(i)) d(i) = 0.0;
      if (!(d.dot(g) < 0.0)) {
        // Not a descent direction: drop the memory and use steepest descent.
        s_hist.clear();
        y_hist.clear();
        rho_hist.clear();
        continue;
      }
      double t = 1.0;
      for (std::size_t ls = 0; ls < opt.max_line_search; ++ls) {
        x_new = x + t * d;
        project(x_new);
        const double decrease = g.dot(x_new - x);
        if (!(decrease < 0.0)) break;  // the projected step no longer descends
        const double f_new = f(x_new, g_new);
        ++res.evaluations;
        if (std::isfinite(f_new) && f_new <= fx + 1e-4 * decrease) {
          Eigen::VectorXd s = x_new - x;
          Eigen::VectorXd yv = g_new - g;
          const double sy = s.dot(yv);
          if (sy > tiny * yv.squaredNorm() && sy > 0.0) {
            if (s_hist.size() == opt.memory) {
              s_hist.pop_front();
              y_hist.pop_front();
              rho_hist.pop_front();
            }
            rho_hist.push_back(1.0 / sy);
            s_hist.push_back(std::move(s));
            y_hist.push_back(std::move(yv));
          }
          const double rel = (fx - f_new) / std::max({std::fabs(fx), std::fabs(f_new), 1.0});
          x.swap(x_new);
          g.swap(g_new);
          fx = f_new;
          searched = true;
          res.iterations = it + 1;
          if (rel <= opt.ftol) {
            res.converged = true;
            res.message = "relative reduction <= ftol";
          }
          break;
        }
        // Backtrack: safeguarded quadratic interpolation, else halve.
        double t_next = 0.5 * t;
        if (std::isfinite(f_new)) {
          const double slope = decrease / t;  // directional derivative per unit t (approx.)
          const double denom = 2.0 * (f_new - fx - slope * t);
          if (denom > 0.0) t_next = std::clamp(-slope * t * t / denom, 0.1 * t, 0.5 * t);
        }
        t = t_next;
      }
      if (!searched) {
        if (s_hist.empty()) break;
        s_hist.clear();
        y_hist.clear();
        rho_hist.clear();
      }
    }
    if (!searched) {
      res.converged = true;  // no descent possible along the projected gradient: a stationary point
      res.message = "line search found no further decrease";
      break;
    }
    if (res.converged) break;
  }
  if (!res.converged && res.message.empty()) res.message = "maximum iterations reached";
  res.x = x;
  res.f = fx;
  return res;
}

}  // namespace quantkit::regression::detail
