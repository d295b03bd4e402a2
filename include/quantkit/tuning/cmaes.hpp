// SPDX-License-Identifier: MIT
// quantkit/tuning/cmaes.hpp - CMA-ES search for continuous spaces (with IPOP restarts)
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "search.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

namespace quantkit::tuning {

/// Parameters of cmaes_search.
struct cmaes_options {
  double sigma0 = 0.3;     ///< initial step size in unit-cube coordinates (> 0)
  std::size_t lambda = 0;  ///< offspring per generation; 0 = 4 + floor(3 ln d)
  std::vector<double> x0{};  ///< initial mean in the unit cube; empty = the centre
  /// IPOP restarts (Auger & Hansen 2005): when the step size collapses (sigma * max sqrt(eig C)
  /// < tol_x) or the generation-best scores are flat (TolFun), restart from a random mean with
  /// lambda doubled, up to this many times. The restart mean is uniform in the cube.
  std::size_t restarts = 4;
  double tol_x = 1e-10;
  double tol_fun = 1e-12;  ///< relative range of recent generation-best scores that counts as flat
  std::size_t stall_generations = 0;  ///< window of the flatness test; 0 = 10 + ceil(30 d / lambda)
};

/// CMA-ES (Hansen & Ostermeier 2001; update equations as in Hansen, "The CMA Evolution Strategy:
/// A Tutorial", arXiv:1604.00772, 2016, with default weights, c_sigma, d_sigma, c_c, c_1, c_mu
/// and the h_sigma stall of the rank-one update) on the unit cube of a continuous space,
/// maximizing the score. A sample outside the cube is clipped to it and the clipped point is
/// used in the update (a simple repair; optima on the boundary are reachable). Failed trials
/// rank last. Generation g draws from rng(seed, g). Integer dimensions are allowed (snapped);
/// categorical dimensions throw invalid_argument at start (use genetic_search or bayes_search).
/// Per generation: O(lambda d^2 + d^3) (one symmetric eigendecomposition).
class cmaes_search {
 public:
  explicit cmaes_search(cmaes_options options = {}) : opt_(std::move(options)) {
    constexpr const char* fn = "quantkit::tuning::cmaes_search";
    require(opt_.sigma0 > 0.0 && std::isfinite(opt_.sigma0), fn, "sigma0", opt_.sigma0,
            "must be finite and > 0");
    require(opt_.lambda == 0 || opt_.lambda >= 2, fn, "lambda", opt_.lambda,
            "must be 0 (default) or >= 2");
    require(opt_.tol_x > 0.0, fn, "tol_x", opt_.tol_x, "must be > 0");
    for (double v : opt_.x0) {
      require(v >= 0.0 && v <= 1.0, fn, "x0", v, "must lie in the unit cube [0, 1]");
    }
  }

  void start(const search_context& ctx) {
    constexpr const char* fn = "quantkit::tuning::cmaes_search";
    for (std::size_t i = 0; i < ctx.dims; ++i) {
      if (ctx.kinds[i] == dimension_kind::categorical) {
        throw_invalid_argument(fn, "space", "dimension is categorical; CMA-ES needs ordered "
                               "dimensions (use genetic_search or bayes_search)", i);
      }
    }
    require(opt_.x0.empty() || opt_.x0.size() == ctx.dims, fn, "x0", opt_.x0.size(),
            "must be empty or have one value per dimension (" + std::to_string(ctx.dims) + ")");
    n_ = ctx.dims;
    generation_ = 0;
    restarts_done_ = 0;
    base_lambda_ = opt_.lambda != 0 ? opt_.lambda
                                    : 4 + static_cast<std::size_t>(std::floor(3.0 * std::log(static_cast<double>(n_))));
    Eigen::VectorXd m(static_cast<Eigen::Index>(n_));
    for (std::size_t i = 0; i < n_; ++i) {
      m(static_cast<Eigen::Index>(i)) = opt_.x0.empty() ? 0.5 : opt_.x0[i];
    }
    init(base_lambda_, m);
  }

  std::vector<std::vector<double>> ask(const search_context& ctx, std::size_t n) {
    rng g(ctx.seed, generation_);
    const auto d = static_cast<Eigen::Index>(n_);
    pending_.clear();
    const std::size_t k = std::min(n, lambda_);
    std::vector<std::vector<double>> out;
    Eigen::VectorXd z(d);
    for (std::size_t c = 0; c < k; ++c) {
      for (Eigen::Index i = 0; i < d; ++i) z(i) = normal(g);
      Eigen::VectorXd x = mean_ + sigma_ * (b_ * (dvec_.asDiagonal() * z));
      std::vector<double> u(n_);
      constexpr double top = 0x1.fffffffffffffp-1;
      for (std::size_t i = 0; i < n_; ++i) u[i] = std::clamp(x(static_cast<Eigen::Index>(i)), 0.0, top);
      u = ctx.snapped(std::move(u));
      out.push_back(u);
    }
    return out;
  }

  void tell(const search_context& ctx, std::span<const observation> obs) {
    ++generation_;
    if (obs.size() < lambda_) return;  // a truncated last generation: nothing to learn from
    const auto d = static_cast<Eigen::Index>(n_);
    const double nd = static_cast<double>(n_);
    std::vector<std::size_t> order(obs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto key = [&](std::size_t i) {
      return std::isnan(obs[i].score) ? -std::numeric_limits<double>::infinity() : obs[i].score;
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
    const double gen_best = key(order[0]);
    history_.push_back(gen_best);
    const std::size_t mu = weights_.size();
    Eigen::MatrixXd y(d, static_cast<Eigen::Index>(mu));
    Eigen::VectorXd m_old = mean_;
    Eigen::VectorXd m_new = Eigen::VectorXd::Zero(d);
    for (std::size_t j = 0; j < mu; ++j) {
      const auto& u = obs[order[j]].unit;
      Eigen::VectorXd x(d);
      for (Eigen::Index i = 0; i < d; ++i) x(i) = u[static_cast<std::size_t>(i)];
      y.col(static_cast<Eigen::Index>(j)) = (x - m_old) / sigma_;
      m_new += weights_[j] * x;
    }
    mean_ = m_new;
    const Eigen::VectorXd step = (m_new - m_old) / sigma_;
    // C^{-1/2} step = B D^{-1} B' step
    const Eigen::VectorXd cinv_step = b_ * (dvec_.cwiseInverse().asDiagonal() * (b_.transpose() * step));
    ps_ = (1.0 - cs_) * ps_ + std::sqrt(cs_ * (2.0 - cs_) * mueff_) * cinv_step;
    const double ps_norm = ps_.norm();
    const double gens = static_cast<double>(generation_ - gen_start_);
    const bool hsig = ps_norm / std::sqrt(1.0 - std::pow(1.0 - cs_, 2.0 * gens)) / chin_ <
                      1.4 + 2.0 / (nd + 1.0);
    pc_ = (1.0 - cc_) * pc_ + (hsig ? std::sqrt(cc_ * (2.0 - cc_) * mueff_) : 0.0) * step;
    Eigen::MatrixXd rank_mu = Eigen::MatrixXd::Zero(d, d);
    for (std::size_t j = 0; j < mu; ++j) {
      const auto col = y.col(static_cast<Eigen::Index>(j));
      rank_mu.noalias() += weights_[j] * (col * col.transpose());
    }
    c_ = (1.0 - c1_ - cmu_) * c_ +
         c1_ * (pc_ * pc_.transpose() + (hsig ? 0.0 : cc_ * (2.0 - cc_)) * c_) + cmu_ * rank_mu;
    sigma_ *= std::exp((cs_ / ds_) * (ps_norm / chin_ - 1.0));
    sigma_ = std::min(sigma_, 1.0);
    decompose();
    const double spread = sigma_ * dvec_.maxCoeff();
    // TolFun (Hansen 2009, "Benchmarking a BI-population CMA-ES"): the generation-best scores of
    // the last 10 + ceil(30 d / lambda) generations lie within tol_fun; TolStagnation: no
    // progress of the median of recent bests over 100 + 100 d^1.5 / lambda generations.
    const auto flat_window = opt_.stall_generations != 0
                                 ? opt_.stall_generations
                                 : 10 + static_cast<std::size_t>(std::ceil(30.0 * nd / static_cast<double>(lambda_)));
    bool flat = false;
    if (history_.size() >= flat_window) {
      const auto first = history_.end() - static_cast<std::ptrdiff_t>(flat_window);
      const auto [lo, hi] = std::minmax_element(first, history_.end());
      flat = std::isfinite(*lo) && *hi - *lo <= opt_.tol_fun * (1.0 + std::fabs(*hi));
    }
    if ((spread < opt_.tol_x || flat || !std::isfinite(spread)) &&
        restarts_done_ < opt_.restarts) {
      ++restarts_done_;
      rng g(ctx.seed ^ 0xC3A5C85C97CB3127ULL, restarts_done_);
      Eigen::VectorXd m(d);
      for (Eigen::Index i = 0; i < d; ++i) m(i) = uniform01(g);
      init(lambda_ * 2, m);
    }
  }

  [[nodiscard]] double sigma() const noexcept { return sigma_; }
  [[nodiscard]] std::size_t restarts() const noexcept { return restarts_done_; }
  [[nodiscard]] std::size_t lambda() const noexcept { return lambda_; }

 private:
  void init(std::size_t lambda, const Eigen::VectorXd& m) {
    const auto d = static_cast<Eigen::Index>(n_);
    const double nd = static_cast<double>(n_);
    lambda_ = lambda;
    const std::size_t mu = lambda_ / 2;
    weights_.assign(mu, 0.0);
    double sw = 0.0;
    for (std::size_t i = 0; i < mu; ++i) {
      weights_[i] = std::log(static_cast<double>(mu) + 0.5) - std::log(static_cast<double>(i) + 1.0);
      sw += weights_[i];
    }
    double sw2 = 0.0;
    for (auto& w : weights_) {
      w /= sw;
      sw2 += w * w;
    }
    mueff_ = 1.0 / sw2;
    cs_ = (mueff_ + 2.0) / (nd + mueff_ + 5.0);
    ds_ = 1.0 + 2.0 * std::max(0.0, std::sqrt((mueff_ - 1.0) / (nd + 1.0)) - 1.0) + cs_;
    cc_ = (4.0 + mueff_ / nd) / (nd + 4.0 + 2.0 * mueff_ / nd);
    c1_ = 2.0 / ((nd + 1.3) * (nd + 1.3) + mueff_);
    cmu_ = std::min(1.0 - c1_, 2.0 * (mueff_ - 2.0 + 1.0 / mueff_) / ((nd + 2.0) * (nd + 2.0) + mueff_));
    chin_ = std::sqrt(nd) * (1.0 - 1.0 / (4.0 * nd) + 1.0 / (21.0 * nd * nd));
    mean_ = m;
    sigma_ = opt_.sigma0;
    c_ = Eigen::MatrixXd::Identity(d, d);
    b_ = Eigen::MatrixXd::Identity(d, d);
    dvec_ = Eigen::VectorXd::Ones(d);
    pc_ = Eigen::VectorXd::Zero(d);
    ps_ = Eigen::VectorXd::Zero(d);
    gen_start_ = generation_;
    history_.clear();
  }

  void decompose() {
    // Enforce symmetry, then C = B diag(D^2) B'.
    c_ = 0.5 * (c_ + c_.transpose()).eval();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(c_);
    if (es.info() != Eigen::Success) return;  // keep the previous factors
    b_ = es.eigenvectors();
    dvec_ = es.eigenvalues().cwiseMax(1e-300).cwiseSqrt();
  }

  cmaes_options opt_;
  std::size_t n_ = 0;
  std::size_t generation_ = 0;
  std::size_t gen_start_ = 0;
  std::size_t base_lambda_ = 0;
  std::size_t lambda_ = 0;
  std::size_t restarts_done_ = 0;
  std::vector<double> history_;
  std::vector<double> weights_;
  double mueff_ = 0.0, cs_ = 0.0, ds_ = 0.0, cc_ = 0.0, c1_ = 0.0, cmu_ = 0.0, chin_ = 0.0;
  double sigma_ = 0.3;
  Eigen::VectorXd mean_, pc_, ps_, dvec_;
  Eigen::MatrixXd c_, b_;
  std::vector<std::vector<double>> pending_;
};

static_assert(search<cmaes_search>);

}  // namespace quantkit::tuning
