// SPDX-License-Identifier: MIT
// quantkit/regression/gaussian_process.hpp - Gaussian process regression (sklearn conventions)
#pragma once

#include "../core/error.hpp"
#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "detail/box_lbfgs.hpp"
#include "detail/cholesky.hpp"
#include "model.hpp"
#include "serialize.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::regression {

/// Stationary kernel shape of a gaussian_process. r is the distance after dividing each feature by
/// its length scale: rbf exp(-r^2/2); matern32 (1 + sqrt3 r) exp(-sqrt3 r); matern52
/// (1 + sqrt5 r + 5r^2/3) exp(-sqrt5 r) (scikit-learn's RBF and Matern(nu=1.5 / 2.5)).
enum class gp_kernel { rbf, matern32, matern52 };

/// Parameters of gaussian_process. The covariance is scikit-learn's
/// `ConstantKernel(constant_value) * <kernel>(length_scale) + WhiteKernel(noise_level)` plus
/// `alpha` on the diagonal of the training covariance. Hyperparameters are optimised in log
/// space within [lower, upper] (sklearn's default bounds are (1e-5, 1e5)).
struct gaussian_process_params {
  gp_kernel kernel = gp_kernel::rbf;
  bool ard = true;             ///< one length scale per feature (else one shared length scale)
  double length_scale = 1.0;   ///< initial length scale(s)
  double length_scale_lower = 1e-5;
  double length_scale_upper = 1e5;
  double constant_value = 1.0;  ///< initial signal variance
  double constant_lower = 1e-5;
  double constant_upper = 1e5;
  bool white_noise = true;   ///< add a WhiteKernel term (its level is a hyperparameter)
  double noise_level = 1.0;  ///< initial white-noise variance
  double noise_lower = 1e-5;
  double noise_upper = 1e5;
  double alpha = 1e-10;       ///< fixed value added to the training covariance diagonal (sklearn's)
  bool normalize_y = false;   ///< centre and scale y by its mean and std (ddof 0) before fitting
  bool optimize = true;       ///< maximise the log marginal likelihood (else keep the initial values)
  std::size_t n_restarts = 0; ///< extra optimiser starts, drawn uniformly in the log bounds
  bool warm_start = false;    ///< first start from the last fitted hyperparameters when they fit
  std::uint64_t seed = 0;     ///< restart i (1-based) draws from rng(seed, i)
  std::size_t threads = 1;    ///< threads for the restarts (0 = all cores); never changes results
  std::size_t max_iterations = 15000;  ///< optimiser limits (scipy L-BFGS-B defaults)
  double ftol = 2.220446049250313e-09;
  double gtol = 1e-5;
  std::size_t max_jitter_tries = 6;  ///< Cholesky retries with jitter 1e-10 * mean(diag) * 10^k
};

/// Predictive mean and standard deviation at one point.
struct gp_point_prediction {
  double mean = 0.0;
  double std = 0.0;
};

/// Predictive means and standard deviations for a batch.
struct gp_prediction {
  Eigen::VectorXd mean;
  Eigen::VectorXd std;
};

namespace detail {

/// Scratch space of one log-marginal-likelihood evaluation (reused across an optimisation).
struct gp_workspace {
  Eigen::MatrixXd k;   // covariance, then its Cholesky factor, then its inverse (lower triangles)
  Eigen::MatrixXd kc;  // constant * k(r) (lower)
  Eigen::MatrixXd g;   // constant * dk/dlog(l) factor per pair (lower; Matern only)
  Eigen::MatrixXd z;   // scaled inputs, d x n
  Eigen::VectorXd a;   // K^-1 y
};

/// Hyperparameters unpacked from theta = log[constant, length scale(s), noise].
struct gp_hyper {
  double constant = 1.0;
  Eigen::VectorXd length;  // size d (isotropic: repeated)
  double noise = 0.0;
};

inline gp_hyper unpack_theta(const gaussian_process_params& p, const Eigen::VectorXd& theta,
                             Eigen::Index d) {
  gp_hyper h;
  h.constant = std::exp(theta(0));
  h.length.resize(d);
  if (p.ard) {
    for (Eigen::Index j = 0; j < d; ++j) h.length(j) = std::exp(theta(1 + j));
  } else {
    h.length.setConstant(std::exp(theta(1)));
  }
  h.noise = p.white_noise ? std::exp(theta(theta.size() - 1)) : 0.0;
  return h;
}

/// k(r) and the length-scale derivative factor q(r) with dk/dlog(l_j) = q(r) * D_j, where
/// D_j = (x_j - x'_j)^2 / l_j^2 and r^2 = sum_j D_j.
inline double kernel_value(gp_kernel kind, double r2, double* q) {
  switch (kind) {
    case gp_kernel::rbf: {
      const double k = std::exp(-0.5 * r2);
      if (q) *q = k;
      return k;
    }
    case gp_kernel::matern32: {
      const double s = std::sqrt(3.0 * r2);
      const double e = std::exp(-s);
      if (q) *q = 3.0 * e;
      return (1.0 + s) * e;
    }
    case gp_kernel::matern52: {
      const double s = std::sqrt(5.0 * r2);
      const double e = std::exp(-s);
      if (q) *q = (5.0 / 3.0) * (1.0 + s) * e;
      return (1.0 + s + s * s / 3.0) * e;
    }
  }
  return 0.0;
}

inline double squared_distance(const Eigen::MatrixXd& z, Eigen::Index i, const Eigen::MatrixXd& z2,
                               Eigen::Index j) {
  const Eigen::Index d = z.rows();
  const double* a = z.col(i).data();
  const double* b = z2.col(j).data();
  double s = 0.0;
  for (Eigen::Index t = 0; t < d; ++t) {
    const double u = a[t] - b[t];
    s += u * u;
  }
  return s;
}

/// Fills the lower triangle of ws.k with K(theta) + (alpha + jitter) I and factors it in place.
/// Returns false when the Cholesky factorisation fails.
inline bool gp_factor(const gaussian_process_params& p, const Eigen::MatrixXd& x,
                      const gp_hyper& h, double jitter, bool keep_parts, gp_workspace& ws) {
  const Eigen::Index n = x.rows();
  const Eigen::Index d = x.cols();
  ws.z.resize(d, n);
  for (Eigen::Index i = 0; i < n; ++i)
    ws.z.col(i) = x.row(i).transpose().cwiseQuotient(h.length);
  ws.k.resize(n, n);
  if (keep_parts) {
    ws.kc.resize(n, n);
    if (p.kernel != gp_kernel::rbf) ws.g.resize(n, n);
  }
  const double diag = h.constant + h.noise + p.alpha + jitter;
  for (Eigen::Index j = 0; j < n; ++j) {
    ws.k(j, j) = diag;
    if (keep_parts) {
      ws.kc(j, j) = h.constant;
      if (p.kernel != gp_kernel::rbf) ws.g(j, j) = 0.0;
    }
    for (Eigen::Index i = j + 1; i < n; ++i) {
      double q = 0.0;
      const double kv = h.constant * kernel_value(p.kernel, squared_distance(ws.z, i, ws.z, j), &q);
      ws.k(i, j) = kv;
      if (keep_parts) {
        ws.kc(i, j) = kv;
        if (p.kernel != gp_kernel::rbf) ws.g(i, j) = h.constant * q;
      }
    }
  }
  return cholesky_in_place(ws.k);
}

/// Log marginal likelihood of (x, y) at theta, and its gradient w.r.t. theta when `grad` is set
/// (scikit-learn's GaussianProcessRegressor.log_marginal_likelihood). -inf when K is not
/// positive definite (gradient zero), as in sklearn.
inline double gp_lml(const gaussian_process_params& p, const Eigen::MatrixXd& x,
                     const Eigen::VectorXd& y, const Eigen::VectorXd& theta, Eigen::VectorXd* grad,
                     gp_workspace& ws) {
  const Eigen::Index n = x.rows();
  const Eigen::Index d = x.cols();
  const gp_hyper h = unpack_theta(p, theta, d);
  if (grad) grad->setZero(theta.size());
  if (!gp_factor(p, x, h, 0.0, grad != nullptr, ws)) return -std::numeric_limits<double>::infinity();
  ws.a = ws.k.triangularView<Eigen::Lower>().solve(y);
  ws.k.triangularView<Eigen::Lower>().adjoint().solveInPlace(ws.a);
  double logdet = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) logdet += std::log(ws.k(i, i));
  const double lml = -0.5 * y.dot(ws.a) - logdet -
                     0.5 * static_cast<double>(n) * std::log(2.0 * std::numbers::pi);
  if (!grad) return lml;

  // d lml / d theta_j = 0.5 tr((a a' - K^-1) dK/dtheta_j), summed over the lower triangle with
  // off-diagonal pairs counted twice.
  cholesky_inverse_in_place(ws.k);
  const Eigen::Index nl = p.ard ? d : 1;
  std::vector<double> acc_l(static_cast<std::size_t>(nl), 0.0);
  double acc_c = 0.0;
  double acc_w = 0.0;
  const bool rbf = p.kernel == gp_kernel::rbf;
  for (Eigen::Index j = 0; j < n; ++j) {
    const double aj = ws.a(j);
    const double wjj = aj * aj - ws.k(j, j);
    acc_c += wjj * ws.kc(j, j);
    acc_w += wjj;
    const double* zj = ws.z.col(j).data();
    for (Eigen::Index i = j + 1; i < n; ++i) {
      const double w = 2.0 * (ws.a(i) * aj - ws.k(i, j));
      acc_c += w * ws.kc(i, j);
      const double wq = w * (rbf ? ws.kc(i, j) : ws.g(i, j));
      const double* zi = ws.z.col(i).data();
      if (p.ard) {
        for (Eigen::Index t = 0; t < d; ++t) {
          const double u = zi[t] - zj[t];
          acc_l[static_cast<std::size_t>(t)] += wq * u * u;
        }
      } else {
        double r2 = 0.0;
        for (Eigen::Index t = 0; t < d; ++t) {
          const double u = zi[t] - zj[t];
          r2 += u * u;
        }
        acc_l[0] += wq * r2;
      }
    }
  }
  (*grad)(0) = 0.5 * acc_c;
  for (Eigen::Index t = 0; t < nl; ++t) (*grad)(1 + t) = 0.5 * acc_l[static_cast<std::size_t>(t)];
  if (p.white_noise) (*grad)(theta.size() - 1) = 0.5 * acc_w * h.noise;
  return lml;
}

}  // namespace detail

/// Gaussian process regressor with scikit-learn's GaussianProcessRegressor conventions.
///
/// Model: y = f(x) + noise, f ~ GP(0, c * k(x, x')), with k one of gp_kernel (ARD or isotropic
/// length scales), optional white noise, and `alpha` added to the training diagonal. fit()
/// maximises the log marginal likelihood (LML) over theta = log[c, l_1..l_d (or l), noise]
/// within the log bounds with analytic gradients and a bound-constrained L-BFGS
/// (detail::minimize_box, scipy's stopping rules), from the initial values and from
/// `n_restarts` points drawn uniformly in the log bounds (restart i from rng(seed, i)); the best
/// LML wins (ties: lowest start index). Results are bit-identical for any `threads`.
/// Predictive std includes the white noise (sklearn: `kernel_.diag(X)` contains WhiteKernel).
/// Numerical failure: the final Cholesky is retried with jitter (status ok, message says how
/// much); if all retries fail, status `failed` and the model stays unfitted. An optimiser that
/// stops at max_iterations gives status `not_converged` (the model is usable).
/// Errors: invalid params -> invalid_argument at construction; bad X/y -> see
/// detail::check_fit_inputs; predict before fit -> not_fitted.
/// Complexity: one LML + gradient evaluation is O(n^3) (Cholesky and inverse, ~n^3 flops) plus
/// O(n^2 d); prediction O(n d + n^2) per point (O(n d) for the mean only).
class gaussian_process {
 public:
  using params_type = gaussian_process_params;
  static constexpr std::string_view kind = "gaussian_process";
  static constexpr std::uint32_t format_version = 1;

  gaussian_process() = default;
  explicit gaussian_process(const gaussian_process_params& p) : p_(p) { validate(p_); }

  [[nodiscard]] const gaussian_process_params& params() const noexcept { return p_; }

  /// Fits the model: hyperparameters by maximum LML (unless params().optimize is false), then
  /// the Cholesky factor and weights. Needs at least 1 row. O(iterations * n^3).
  fit_report fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    detail::check_fit_inputs("quantkit::regression::gaussian_process::fit", x, y, 1);
    return optimise_and_factor(x, y, p_.warm_start, 1 + p_.n_restarts);
  }

  /// Fits like fit(), but the log marginal likelihood is maximised by ONE optimiser run started
  /// at the current hyperparameters (theta(), when their size matches X; else the initial
  /// values), whatever warm_start and n_restarts say. After a new observation or two the
  /// optimum moves little, so this takes a few L-BFGS iterations where fit() with restarts
  /// takes tens (Bayesian optimisation rounds between full re-optimisations). Same errors and
  /// statuses as fit(); with params().optimize false it equals refit(). O(iterations * n^3).
  fit_report refine(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    detail::check_fit_inputs("quantkit::regression::gaussian_process::refine", x, y, 1);
    return optimise_and_factor(x, y, true, 1);
  }

 private:
  // fit()/refine(): the first start is theta_ when `warm` and its size matches, else the initial
  // values; starts - 1 restarts are drawn in the log bounds.
  fit_report optimise_and_factor(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, bool warm,
                                 std::size_t starts) {
    set_training_data(x, y);
    const Eigen::Index d = x.cols();
    const Eigen::Index nt = theta_size(d);
    Eigen::VectorXd start = initial_theta(d);
    if (warm && theta_.size() == nt) start = theta_;
    fit_report rep;
    if (!p_.optimize) {
      theta_ = start;
      return factor_final(rep);
    }
    Eigen::VectorXd lo(nt);
    Eigen::VectorXd hi(nt);
    log_bounds(d, lo, hi);
    struct run {
      detail::box_lbfgs_result r;
    };
    detail::box_lbfgs_options opt;
    opt.max_iterations = p_.max_iterations;
    opt.ftol = p_.ftol;
    opt.gtol = p_.gtol;
    auto one = [&](std::size_t i) {
      Eigen::VectorXd t0 = start;
      if (i > 0) {
        rng g(p_.seed, i);
        for (Eigen::Index k = 0; k < nt; ++k) t0(k) = lo(k) + (hi(k) - lo(k)) * uniform01(g);
      }
      detail::gp_workspace ws;
      auto obj = [&](const Eigen::VectorXd& th, Eigen::VectorXd& gr) {
        const double v = detail::gp_lml(p_, x_, y_, th, &gr, ws);
        gr = -gr;
        return -v;
      };
      return run{detail::minimize_box(obj, t0, lo, hi, opt)};
    };
    std::vector<run> runs(starts);
    if (starts == 1 || resolve_threads(p_.threads, starts) == 1) {
      for (std::size_t i = 0; i < starts; ++i) runs[i] = one(i);
    } else {
      parallel_options po;
      po.threads = p_.threads;
      auto body = [&](std::size_t i) { runs[i] = one(i); };
      const parallel_report pr = quantkit::detail::run_indices(starts, body, po);
      pr.rethrow_first_error();
    }
    std::size_t best = starts;
    for (std::size_t i = 0; i < starts; ++i) {
      rep.iterations += runs[i].r.iterations;
      if (std::isfinite(runs[i].r.f) && (best == starts || runs[i].r.f < runs[best].r.f)) best = i;
    }
    if (best == starts) {
      rep.status = fit_status::failed;
      rep.message = "log marginal likelihood is -inf at every start (covariance not positive "
                    "definite); increase alpha or enable white_noise";
      fitted_ = false;
      return rep;
    }
    theta_ = runs[best].r.x;
    factor_final(rep);
    if (rep.status == fit_status::ok && !runs[best].r.converged) {
      rep.status = fit_status::not_converged;
      rep.message = "optimiser stopped: " + runs[best].r.message;
    }
    return rep;
  }

 public:

  /// Refits on new data with the current hyperparameters (theta()) held fixed: one kernel matrix
  /// and one Cholesky, O(n^2 d + n^3/3). If no hyperparameters are set yet (or their size does
  /// not match X), the initial values of params() are used. For Bayesian optimisation loops.
  fit_report refit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    detail::check_fit_inputs("quantkit::regression::gaussian_process::refit", x, y, 1);
    set_training_data(x, y);
    if (theta_.size() != theta_size(x.cols())) theta_ = initial_theta(x.cols());
    fit_report rep;
    return factor_final(rep);
  }

  /// Predictive mean at each row of X (in y's units). O(m n d).
  [[nodiscard]] Eigen::VectorXd predict(const Eigen::MatrixXd& x) const {
    detail::check_predict_inputs("quantkit::regression::gaussian_process::predict", x, fitted_,
                                 n_features());
    Eigen::MatrixXd kt = cross_kernel(x);
    Eigen::VectorXd m = kt.transpose() * alpha_;
    return (m.array() * y_std_ + y_mean_).matrix();
  }

  /// Predictive standard deviation at each row of X, white noise included (sklearn's
  /// return_std). Negative variances from rounding are set to 0. O(m n^2).
  [[nodiscard]] Eigen::VectorXd predict_std(const Eigen::MatrixXd& x) const {
    return predict_mean_std(x).std;
  }

  /// Mean and std in one pass (one cross-kernel evaluation). O(m n^2).
  [[nodiscard]] gp_prediction predict_mean_std(const Eigen::MatrixXd& x) const {
    detail::check_predict_inputs("quantkit::regression::gaussian_process::predict_mean_std", x,
                                 fitted_, n_features());
    Eigen::MatrixXd kt = cross_kernel(x);
    gp_prediction out;
    out.mean = kt.transpose() * alpha_;
    out.mean = (out.mean.array() * y_std_ + y_mean_).matrix();
    l_.triangularView<Eigen::Lower>().solveInPlace(kt);
    const double prior = hyper_.constant + hyper_.noise;
    out.std.resize(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const double var = std::max(0.0, prior - kt.col(i).squaredNorm());
      out.std(i) = std::sqrt(var) * y_std_;
    }
    return out;
  }

  /// Mean and std at a single point x (size n_features()), O(n d + n^2), one small allocation.
  /// Throws not_fitted before fit, invalid_argument on a size mismatch, data_error on NaN.
  [[nodiscard]] gp_point_prediction predict_one(std::span<const double> x) const {
    constexpr std::string_view fn = "quantkit::regression::gaussian_process::predict_one";
    if (!fitted_) detail::check_predict_inputs(fn, Eigen::MatrixXd(0, 0), false, 0);
    require(static_cast<Eigen::Index>(x.size()) == n_features(), fn, "x.size()", x.size(),
            "must equal n_features()");
    for (std::size_t j = 0; j < x.size(); ++j) {
      if (!std::isfinite(x[j]))
        QUANTKIT_THROW(data_error(0, "x",
                                  std::string(fn) + ": x has a non-finite value at index " +
                                      std::to_string(j) + " (got " +
                                      quantkit::detail::to_text(x[j]) + ")"));
    }
    const Eigen::Index n = x_.rows();
    const Eigen::Index d = x_.cols();
    Eigen::MatrixXd zq(d, 1);
    for (Eigen::Index t = 0; t < d; ++t) zq(t, 0) = x[static_cast<std::size_t>(t)] / hyper_.length(t);
    Eigen::VectorXd k(n);
    for (Eigen::Index i = 0; i < n; ++i)
      k(i) = hyper_.constant *
             detail::kernel_value(p_.kernel, detail::squared_distance(z_, i, zq, 0), nullptr);
    gp_point_prediction out;
    out.mean = k.dot(alpha_) * y_std_ + y_mean_;
    l_.triangularView<Eigen::Lower>().solveInPlace(k);
    const double var = std::max(0.0, hyper_.constant + hyper_.noise - k.squaredNorm());
    out.std = std::sqrt(var) * y_std_;
    return out;
  }

  /// LML of the training data at the fitted hyperparameters (sklearn's
  /// log_marginal_likelihood_value_; on normalised y when normalize_y).
  [[nodiscard]] double log_marginal_likelihood() const {
    require_fitted("log_marginal_likelihood");
    return lml_;
  }

  /// LML of the training data at `theta` (log hyperparameters, layout of theta()), with its
  /// gradient when `gradient` is non-null. -inf when the covariance is not positive definite.
  /// Throws not_fitted before fit, invalid_argument when theta has the wrong size or NaN.
  [[nodiscard]] double log_marginal_likelihood(const Eigen::VectorXd& theta,
                                               Eigen::VectorXd* gradient = nullptr) const {
    require_fitted("log_marginal_likelihood");
    check_theta("quantkit::regression::gaussian_process::log_marginal_likelihood", theta);
    detail::gp_workspace ws;
    return detail::gp_lml(p_, x_, y_, theta, gradient, ws);
  }

  /// Log hyperparameters [log c, log l_1..l_d (or log l), log noise (if white_noise)]: sklearn's
  /// `kernel_.theta` order for `C * K + WhiteKernel`. Empty before the first fit/set_theta.
  [[nodiscard]] const Eigen::VectorXd& theta() const noexcept { return theta_; }

  /// Sets the log hyperparameters used by the next refit() (or fit() with warm_start). Throws
  /// invalid_argument on non-finite values or a size that is not 1 + (ard ? d : 1) + white for
  /// the fitted d (any such size when unfitted).
  void set_theta(const Eigen::VectorXd& theta) {
    constexpr std::string_view fn = "quantkit::regression::gaussian_process::set_theta";
    if (fitted_) check_theta(fn, theta);
    for (Eigen::Index i = 0; i < theta.size(); ++i) require_finite(theta(i), fn, "theta");
    require(theta.size() >= 2, fn, "theta.size()", theta.size(), "must be >= 2");
    theta_ = theta;
  }

  /// Fitted hyperparameters in natural units.
  [[nodiscard]] double constant_value() const {
    require_fitted("constant_value");
    return hyper_.constant;
  }
  [[nodiscard]] Eigen::VectorXd length_scales() const {
    require_fitted("length_scales");
    return hyper_.length;
  }
  [[nodiscard]] double noise_level() const {
    require_fitted("noise_level");
    return hyper_.noise;
  }
  /// Jitter added to the diagonal by the final Cholesky (0 when none was needed).
  [[nodiscard]] double jitter() const noexcept { return jitter_; }

  [[nodiscard]] bool fitted() const noexcept { return fitted_; }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return fitted_ ? x_.cols() : 0; }
  [[nodiscard]] Eigen::Index n_train() const noexcept { return fitted_ ? x_.rows() : 0; }

  /// Serialisation payload: params, theta, normalisation, jitter, training X and normalised y.
  /// The factor is recomputed on load (the same arithmetic, so predictions are bit-identical).
  void save_payload(model_writer& w) const {
    require_fitted("save");
    w.put(static_cast<std::uint64_t>(p_.kernel));
    w.put_bool(p_.ard);
    w.put_bool(p_.white_noise);
    w.put_bool(p_.normalize_y);
    const double reals[] = {p_.length_scale,   p_.length_scale_lower, p_.length_scale_upper,
                            p_.constant_value, p_.constant_lower,     p_.constant_upper,
                            p_.noise_level,    p_.noise_lower,        p_.noise_upper,
                            p_.alpha,          p_.ftol,               p_.gtol};
    for (const double v : reals) w.put(v);
    w.put(static_cast<std::uint64_t>(p_.n_restarts));
    w.put(p_.seed);
    w.put(static_cast<std::uint64_t>(p_.max_iterations));
    w.put(theta_);
    w.put(y_mean_);
    w.put(y_std_);
    w.put(jitter_);
    w.put(lml_);
    w.put(x_);
    w.put(y_);
  }

  static gaussian_process load_payload(model_reader& r) {
    constexpr std::string_view fn = "quantkit::regression::gaussian_process::load";
    gaussian_process_params p;
    const std::uint64_t k = r.get_u64();
    if (k > 2) r.fail(std::string(fn) + ": unknown kernel id " + std::to_string(k));
    p.kernel = static_cast<gp_kernel>(k);
    p.ard = r.get_bool();
    p.white_noise = r.get_bool();
    p.normalize_y = r.get_bool();
    double reals[12];
    for (double& v : reals) v = r.get_double();
    p.length_scale = reals[0];
    p.length_scale_lower = reals[1];
    p.length_scale_upper = reals[2];
    p.constant_value = reals[3];
    p.constant_lower = reals[4];
    p.constant_upper = reals[5];
    p.noise_level = reals[6];
    p.noise_lower = reals[7];
    p.noise_upper = reals[8];
    p.alpha = reals[9];
    p.ftol = reals[10];
    p.gtol = reals[11];
    p.n_restarts = static_cast<std::size_t>(r.get_u64());
    p.seed = r.get_u64();
    p.max_iterations = static_cast<std::size_t>(r.get_u64());
    gaussian_process m(p);
    m.theta_ = r.get_vector();
    m.y_mean_ = r.get_double();
    m.y_std_ = r.get_double();
    m.jitter_ = r.get_double();
    const double lml = r.get_double();
    m.x_ = r.get_matrix();
    m.y_ = r.get_vector();
    if (m.x_.rows() != m.y_.size() || m.x_.rows() < 1 ||
        m.theta_.size() != m.theta_size(m.x_.cols()))
      r.fail(std::string(fn) + ": inconsistent model sizes");
    m.hyper_ = detail::unpack_theta(m.p_, m.theta_, m.x_.cols());
    detail::gp_workspace ws;
    if (!detail::gp_factor(m.p_, m.x_, m.hyper_, m.jitter_, false, ws))
      r.fail(std::string(fn) + ": stored model is not positive definite");
    m.finish_factor(ws);
    m.lml_ = lml;
    m.fitted_ = true;
    return m;
  }

 private:
  static void validate(const gaussian_process_params& p) {
    constexpr std::string_view fn = "quantkit::regression::gaussian_process";
    auto bounds = [&](double init, double lo, double hi, std::string_view name_init,
                      std::string_view name_lo, std::string_view name_hi) {
      require(lo > 0.0 && std::isfinite(lo), fn, name_lo, lo, "must be finite and > 0");
      require(hi >= lo && std::isfinite(hi), fn, name_hi, hi, "must be finite and >= the lower bound");
      require(init >= lo && init <= hi, fn, name_init, init, "must lie within its bounds");
    };
    bounds(p.length_scale, p.length_scale_lower, p.length_scale_upper, "length_scale",
           "length_scale_lower", "length_scale_upper");
    bounds(p.constant_value, p.constant_lower, p.constant_upper, "constant_value",
           "constant_lower", "constant_upper");
    if (p.white_noise)
      bounds(p.noise_level, p.noise_lower, p.noise_upper, "noise_level", "noise_lower",
             "noise_upper");
    require(p.alpha >= 0.0 && std::isfinite(p.alpha), fn, "alpha", p.alpha, "must be finite and >= 0");
    require(p.max_iterations >= 1, fn, "max_iterations", p.max_iterations, "must be >= 1");
    require(p.ftol >= 0.0, fn, "ftol", p.ftol, "must be >= 0");
    require(p.gtol >= 0.0, fn, "gtol", p.gtol, "must be >= 0");
    require(static_cast<unsigned>(p.kernel) <= 2U, fn, "kernel", static_cast<unsigned>(p.kernel),
            "must be rbf, matern32 or matern52");
  }

  [[nodiscard]] Eigen::Index theta_size(Eigen::Index d) const noexcept {
    return 1 + (p_.ard ? d : 1) + (p_.white_noise ? 1 : 0);
  }

  [[nodiscard]] Eigen::VectorXd initial_theta(Eigen::Index d) const {
    // Block writes rather than t(0) = ...: g++ 12 -O3 reports a false -Wnull-dereference on
    // element access right after the allocation.
    Eigen::VectorXd t = Eigen::VectorXd::Constant(theta_size(d), std::log(p_.length_scale));
    t.head<1>().setConstant(std::log(p_.constant_value));
    if (p_.white_noise) t.tail<1>().setConstant(std::log(p_.noise_level));
    return t;
  }

  void log_bounds(Eigen::Index d, Eigen::VectorXd& lo, Eigen::VectorXd& hi) const {
    lo(0) = std::log(p_.constant_lower);
    hi(0) = std::log(p_.constant_upper);
    const Eigen::Index nl = p_.ard ? d : 1;
    for (Eigen::Index j = 0; j < nl; ++j) {
      lo(1 + j) = std::log(p_.length_scale_lower);
      hi(1 + j) = std::log(p_.length_scale_upper);
    }
    if (p_.white_noise) {
      lo(lo.size() - 1) = std::log(p_.noise_lower);
      hi(hi.size() - 1) = std::log(p_.noise_upper);
    }
  }

  void check_theta(std::string_view fn, const Eigen::VectorXd& theta) const {
    require(theta.size() == theta_size(x_.cols()), fn, "theta.size()", theta.size(),
            "must be 1 + number of length scales + (white_noise ? 1 : 0)");
    for (Eigen::Index i = 0; i < theta.size(); ++i) require_finite(theta(i), fn, "theta");
  }

  void require_fitted(std::string_view what) const {
    if (!fitted_)
      detail::check_predict_inputs(
          std::string("quantkit::regression::gaussian_process::").append(what), Eigen::MatrixXd(0, 0),
          false, 0);
  }

  void set_training_data(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    fitted_ = false;
    x_ = x;
    if (p_.normalize_y) {
      const double n = static_cast<double>(y.size());
      y_mean_ = y.mean();
      const double var = (y.array() - y_mean_).square().sum() / n;
      y_std_ = std::sqrt(var);
      // sklearn's _handle_zeros_in_scale: a (near-)zero scale becomes 1.
      if (y_std_ < 10.0 * std::numeric_limits<double>::epsilon()) y_std_ = 1.0;
      y_ = ((y.array() - y_mean_) / y_std_).matrix();
    } else {
      y_mean_ = 0.0;
      y_std_ = 1.0;
      y_ = y;
    }
  }

  void finish_factor(detail::gp_workspace& ws) {
    l_ = std::move(ws.k);
    l_.triangularView<Eigen::StrictlyUpper>().setZero();
    z_ = std::move(ws.z);
    alpha_ = l_.triangularView<Eigen::Lower>().solve(y_);
    l_.triangularView<Eigen::Lower>().adjoint().solveInPlace(alpha_);
  }

  fit_report& factor_final(fit_report& rep) {
    hyper_ = detail::unpack_theta(p_, theta_, x_.cols());
    detail::gp_workspace ws;
    const double base = hyper_.constant + hyper_.noise + p_.alpha;
    jitter_ = 0.0;
    bool ok = detail::gp_factor(p_, x_, hyper_, 0.0, false, ws);
    double jit = 1e-10 * base;
    for (std::size_t k = 0; !ok && k < p_.max_jitter_tries; ++k, jit *= 10.0) {
      ok = detail::gp_factor(p_, x_, hyper_, jit, false, ws);
      if (ok) jitter_ = jit;
    }
    if (!ok) {
      rep.status = fit_status::failed;
      rep.message = "covariance is not positive definite even with jitter " +
                    std::to_string(jit / 10.0) +
                    " (duplicate rows without noise?); increase alpha or enable white_noise";
      fitted_ = false;
      return rep;
    }
    finish_factor(ws);
    // LML at the fitted theta (with the jitter actually used).
    const Eigen::Index n = x_.rows();
    double logdet = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) logdet += std::log(l_(i, i));
    lml_ = -0.5 * y_.dot(alpha_) - logdet - 0.5 * static_cast<double>(n) * std::log(2.0 * std::numbers::pi);
    if (jitter_ > 0.0)
      rep.message = "covariance was singular to working precision; added jitter " +
                    std::to_string(jitter_) + " to the diagonal";
    fitted_ = true;
    return rep;
  }

  [[nodiscard]] Eigen::MatrixXd cross_kernel(const Eigen::MatrixXd& x) const {
    const Eigen::Index m = x.rows();
    const Eigen::Index n = x_.rows();
    Eigen::MatrixXd zq(x_.cols(), m);
    for (Eigen::Index i = 0; i < m; ++i) zq.col(i) = x.row(i).transpose().cwiseQuotient(hyper_.length);
    Eigen::MatrixXd kt(n, m);
    for (Eigen::Index j = 0; j < m; ++j)
      for (Eigen::Index i = 0; i < n; ++i)
        kt(i, j) = hyper_.constant *
                   detail::kernel_value(p_.kernel, detail::squared_distance(z_, i, zq, j), nullptr);
    return kt;
  }

  gaussian_process_params p_{};
  Eigen::VectorXd theta_;
  detail::gp_hyper hyper_;
  Eigen::MatrixXd x_;
  Eigen::MatrixXd z_;  // scaled training inputs, d x n
  Eigen::VectorXd y_;  // normalised targets
  double y_mean_ = 0.0;
  double y_std_ = 1.0;
  Eigen::MatrixXd l_;
  Eigen::VectorXd alpha_;
  double lml_ = 0.0;
  double jitter_ = 0.0;
  bool fitted_ = false;
};

static_assert(probabilistic_regressor<gaussian_process>);

}  // namespace quantkit::regression
