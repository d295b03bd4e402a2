// SPDX-License-Identifier: MIT
// quantkit/regression/coordinate_descent.hpp - lasso and elastic net by cyclic coordinate descent
#pragma once

#include "linear.hpp"
#include "model.hpp"
#include "serialize.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quantkit::regression {

namespace detail {

/// Result of enet_coordinate_descent.
struct cd_result {
  std::size_t iterations = 0;
  double gap = 0.0;      ///< final duality gap (unscaled)
  double gap_tol = 0.0;  ///< tol * ||y||^2, the convergence threshold on the gap
  bool converged = false;
};

/// Cyclic coordinate descent for
///   min_b 1/2 ||y - X b||^2 + l1 ||b||_1 + l2/2 ||b||^2
/// (scikit-learn's cd_fast.enet_coordinate_descent, with l1 = alpha rho n, l2 = alpha (1-rho) n).
/// One sweep updates every coordinate in column order; after a sweep whose largest coefficient
/// change is below tol * max|b| (or at the last sweep) the duality gap is computed and the
/// iteration stops once gap < tol ||y||^2. `b` holds the warm start and receives the solution.
/// O(n p) per sweep.
inline cd_result enet_coordinate_descent(Eigen::VectorXd& b, double l1, double l2,
                                         const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                         std::size_t max_iter, double tol) {
  const Eigen::Index n = X.rows();
  const Eigen::Index p = X.cols();
  const Eigen::VectorXd col_sq = X.colwise().squaredNorm().transpose();
  Eigen::VectorXd R = y - X * b;
  cd_result res;
  res.gap_tol = tol * y.squaredNorm();
  if (res.gap_tol == 0.0) {  // y == 0: b = 0 is optimal
    b.setZero();
    res.converged = true;
    return res;
  }
  for (std::size_t it = 0; it < max_iter; ++it) {
    double w_max = 0.0;
    double d_w_max = 0.0;
    for (Eigen::Index j = 0; j < p; ++j) {
      if (col_sq[j] == 0.0) continue;
      const double w_old = b[j];
      const double* xj = X.col(j).data();
      double tmp = 0.0;
      for (Eigen::Index i = 0; i < n; ++i) tmp += xj[i] * R[i];
      tmp += w_old * col_sq[j];
      const double mag = std::fabs(tmp) - l1;
      const double w_new = mag > 0.0 ? std::copysign(mag, tmp) / (col_sq[j] + l2) : 0.0;
      if (w_new != w_old) {
        const double delta = w_old - w_new;
        for (Eigen::Index i = 0; i < n; ++i) R[i] += xj[i] * delta;
      }
      b[j] = w_new;
      d_w_max = std::max(d_w_max, std::fabs(w_new - w_old));
      w_max = std::max(w_max, std::fabs(w_new));
    }
    res.iterations = it + 1;
    if (w_max == 0.0 || d_w_max / w_max < tol || it + 1 == max_iter) {
      // Duality gap (Friedman, Hastie & Tibshirani 2010; the form of scikit-learn's cd_fast).
      const Eigen::VectorXd XtA = X.transpose() * R - l2 * b;
      const double dual_norm = XtA.cwiseAbs().maxCoeff();
      const double R_norm2 = R.squaredNorm();
      const double w_norm2 = b.squaredNorm();
      double cst = 1.0;
      double gap = R_norm2;
      if (dual_norm > l1) {
        cst = l1 / dual_norm;
        gap = 0.5 * (R_norm2 + R_norm2 * cst * cst);
      }
      gap += l1 * b.lpNorm<1>() - cst * R.dot(y) + 0.5 * l2 * (1.0 + cst * cst) * w_norm2;
      res.gap = gap;
      if (gap < res.gap_tol) {
        res.converged = true;
        break;
      }
    }
  }
  return res;
}

}  // namespace detail

/// Elastic net: minimises
///   1/(2 n) sum_i w_i (y_i - x_i b - c)^2 + alpha l1_ratio ||b||_1 + alpha (1 - l1_ratio)/2 ||b||^2
/// with weights normalised to sum to n (scikit-learn's ElasticNet objective and scaling).
///
/// Convention: scikit-learn 1.2 ElasticNet (selection="cyclic", precompute=False): centre with the
/// (weighted) means, rescale rows by sqrt(w), cyclic coordinate descent with its stopping rule
/// (largest coefficient change < tol max|b|, then duality gap < tol ||y||^2). Stopping at max_iter
/// without a small gap returns fit_status::not_converged (the model keeps the last iterate, as
/// scikit-learn does with its ConvergenceWarning). A refit starts from zero (no warm start).
/// alpha > 0 finite, l1_ratio in [0, 1], tol > 0, max_iter >= 1 (invalid_argument otherwise).
/// A constant target gives b = 0, c = mean(y). Complexity: O(n p) per sweep.
class elastic_net {
 public:
  struct params {
    double alpha = 1.0;
    double l1_ratio = 0.5;
    bool fit_intercept = true;
    std::size_t max_iter = 1000;
    double tol = 1e-4;
  };
  static constexpr std::string_view kind = "elastic_net";
  static constexpr std::uint32_t format_version = 1;

  elastic_net() = default;
  explicit elastic_net(params p) : p_(p) { validate(); }

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) { return fit_impl(X, y, nullptr); }
  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref& w) {
    return fit_impl(X, y, &w);
  }
  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const {
    return s_.predict(predict_name(), X);
  }
  [[nodiscard]] bool fitted() const noexcept { return s_.fitted; }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return s_.fitted ? s_.coef.size() : 0; }
  [[nodiscard]] const Eigen::VectorXd& coef() const noexcept { return s_.coef; }
  [[nodiscard]] double intercept() const noexcept { return s_.intercept; }
  /// Duality gap at the end of the last fit (in scikit-learn's unnormalised units).
  [[nodiscard]] double dual_gap() const noexcept { return gap_; }
  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  void save_payload(model_writer& w) const {
    w.put(p_.alpha);
    w.put(p_.l1_ratio);
    w.put_bool(p_.fit_intercept);
    w.put(static_cast<std::uint64_t>(p_.max_iter));
    w.put(p_.tol);
    w.put(gap_);
    s_.save(w);
  }
  static elastic_net load_payload(model_reader& r) {
    elastic_net m;
    m.p_.alpha = r.get_double();
    m.p_.l1_ratio = r.get_double();
    m.p_.fit_intercept = r.get_bool();
    m.p_.max_iter = static_cast<std::size_t>(r.get_u64());
    m.p_.tol = r.get_double();
    m.gap_ = r.get_double();
    m.s_.load(r);
    return m;
  }

  /// Shared with lasso: the qualified names used in messages.
  void set_names(std::string_view fit_name, std::string_view predict_name) {
    fit_name_ = fit_name;
    predict_name_ = predict_name;
  }

 private:
  [[nodiscard]] std::string_view predict_name() const noexcept { return predict_name_; }
  void validate() const {
    constexpr std::string_view fn = "quantkit::regression::elastic_net";
    require(std::isfinite(p_.alpha) && p_.alpha > 0.0, fn, "alpha", p_.alpha,
            "must be finite and > 0 (use linear_regression for alpha = 0)");
    require(p_.l1_ratio >= 0.0 && p_.l1_ratio <= 1.0, fn, "l1_ratio", p_.l1_ratio,
            "must be in [0, 1]");
    require(p_.max_iter >= 1, fn, "max_iter", p_.max_iter, "must be >= 1");
    require(std::isfinite(p_.tol) && p_.tol > 0.0, fn, "tol", p_.tol, "must be finite and > 0");
  }
  fit_report fit_impl(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref* w) {
    detail::check_fit_inputs(fit_name_, X, y, 1);
    const auto n = static_cast<double>(X.rows());
    detail::centered_data d;
    if (w != nullptr) {
      detail::check_sample_weight(fit_name_, *w, X.rows());
      // scikit-learn rescales the weights to sum to n_samples before centring.
      const Eigen::VectorXd sw = *w * (n / w->sum());
      const detail::vec_cref swr(sw);
      d = detail::center_and_rescale(X, y, &swr, p_.fit_intercept);
    } else {
      d = detail::center_and_rescale(X, y, nullptr, p_.fit_intercept);
    }
    Eigen::VectorXd b = Eigen::VectorXd::Zero(X.cols());
    const double l1 = p_.alpha * p_.l1_ratio * n;
    const double l2 = p_.alpha * (1.0 - p_.l1_ratio) * n;
    const auto res = detail::enet_coordinate_descent(b, l1, l2, d.X, d.y, p_.max_iter, p_.tol);
    s_.coef = b;
    s_.intercept = p_.fit_intercept ? d.y_mean - d.x_mean.dot(b) : 0.0;
    s_.fitted = true;
    gap_ = res.gap;
    fit_report rep;
    rep.iterations = res.iterations;
    if (!res.converged) {
      rep.status = fit_status::not_converged;
      rep.message = "duality gap " + quantkit::detail::to_text(res.gap) + " >= tol * ||y||^2 = " +
                    quantkit::detail::to_text(res.gap_tol) + " after " +
                    std::to_string(res.iterations) + " iterations";
    }
    return rep;
  }
  params p_{};
  detail::linear_state s_{};
  double gap_ = 0.0;
  std::string_view fit_name_ = "quantkit::regression::elastic_net::fit";
  std::string_view predict_name_ = "quantkit::regression::elastic_net::predict";
};

/// Lasso: elastic net with l1_ratio = 1, i.e. minimises
///   1/(2 n) sum_i w_i (y_i - x_i b - c)^2 + alpha ||b||_1.
/// Convention, stopping rule, status and errors as elastic_net (scikit-learn's Lasso).
class lasso {
 public:
  struct params {
    double alpha = 1.0;
    bool fit_intercept = true;
    std::size_t max_iter = 1000;
    double tol = 1e-4;
  };
  static constexpr std::string_view kind = "lasso";
  static constexpr std::uint32_t format_version = 1;

  lasso() : lasso(params{}) {}
  explicit lasso(params p) : p_(p), net_(to_net(p)) {
    net_.set_names("quantkit::regression::lasso::fit", "quantkit::regression::lasso::predict");
  }

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) { return net_.fit(X, y); }
  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref& w) {
    return net_.fit(X, y, w);
  }
  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const { return net_.predict(X); }
  [[nodiscard]] bool fitted() const noexcept { return net_.fitted(); }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return net_.n_features(); }
  [[nodiscard]] const Eigen::VectorXd& coef() const noexcept { return net_.coef(); }
  [[nodiscard]] double intercept() const noexcept { return net_.intercept(); }
  [[nodiscard]] double dual_gap() const noexcept { return net_.dual_gap(); }
  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  void save_payload(model_writer& w) const { net_.save_payload(w); }
  static lasso load_payload(model_reader& r) {
    const std::size_t at = r.offset();
    elastic_net net = elastic_net::load_payload(r);
    if (net.get_params().l1_ratio != 1.0) {
      model_reader(std::string_view{}, r.source(), at).fail("a lasso payload must have l1_ratio 1");
    }
    lasso m({net.get_params().alpha, net.get_params().fit_intercept, net.get_params().max_iter,
             net.get_params().tol});
    net.set_names("quantkit::regression::lasso::fit", "quantkit::regression::lasso::predict");
    m.net_ = net;
    return m;
  }

 private:
  static elastic_net to_net(const params& p) {
    try {
      return elastic_net({p.alpha, 1.0, p.fit_intercept, p.max_iter, p.tol});
    } catch (const invalid_argument& e) {
      // re-issue under lasso's name
      std::string msg = e.what();
      const std::string from = "quantkit::regression::elastic_net";
      if (msg.rfind(from, 0) == 0) msg = "quantkit::regression::lasso" + msg.substr(from.size());
      QUANTKIT_THROW(invalid_argument("quantkit::regression::lasso", e.parameter(), msg));
    }
  }
  params p_{};
  elastic_net net_;
};

static_assert(weighted_regressor<elastic_net>);
static_assert(weighted_regressor<lasso>);
static_assert(serializable_model<elastic_net>);
static_assert(serializable_model<lasso>);

}  // namespace quantkit::regression
