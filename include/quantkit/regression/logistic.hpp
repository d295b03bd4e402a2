// SPDX-License-Identifier: MIT
// quantkit/regression/logistic.hpp - L2-penalised binary logistic regression (Newton / IRLS)
#pragma once

#include "model.hpp"
#include "serialize.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quantkit::regression {

namespace detail {
/// log(1 + exp(z)) without overflow.
inline double log1pexp(double z) noexcept {
  return z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}
/// 1 / (1 + exp(-z)) without overflow.
inline double sigmoid(double z) noexcept {
  if (z >= 0.0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}
}  // namespace detail

/// Binary logistic regression with an L2 penalty on the coefficients (not on the intercept):
/// minimises  C sum_i w_i [log(1 + exp(z_i)) - y_i z_i] + 1/2 ||b||^2,  z_i = x_i b + c.
///
/// Convention: scikit-learn 1.2 LogisticRegression(penalty="l2", C) for two classes; labels y must
/// be 0 or 1 (data_error otherwise) and both must occur (invalid_argument). Solved by Newton's
/// method (IRLS) with the exact Hessian and a backtracking (Armijo) line search; converged when
/// max |gradient| <= tol (scikit-learn's lbfgs criterion on the same objective). Stopping at
/// max_iter returns fit_status::not_converged with the last iterate; a Hessian that cannot be
/// factorised returns fit_status::failed. predict() gives labels (P >= 0.5 -> 1; ties at 0.5 go to
/// 0 as scikit-learn's argmax), predict_proba() P(y = 1), decision_function() z.
/// Errors: C > 0 finite, tol > 0, max_iter >= 1 (invalid_argument); data as check_fit_inputs
/// (needs >= 2 rows). Complexity: O(n p^2 + p^3) per Newton step (p = features + 1).
class logistic_regression {
 public:
  struct params {
    double C = 1.0;
    bool fit_intercept = true;
    std::size_t max_iter = 100;
    double tol = 1e-8;
  };
  static constexpr std::string_view kind = "logistic_regression";
  static constexpr std::uint32_t format_version = 1;

  logistic_regression() = default;
  explicit logistic_regression(params p) : p_(p) { validate(); }

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) { return fit_impl(X, y, nullptr); }
  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref& w) {
    return fit_impl(X, y, &w);
  }

  /// z = X b + c per row.
  [[nodiscard]] Eigen::VectorXd decision_function(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::logistic_regression::decision_function", X,
                                 fitted_, coef_.size());
    return z_of(X);
  }
  /// P(y = 1 | x) per row.
  [[nodiscard]] Eigen::VectorXd predict_proba(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::logistic_regression::predict_proba", X,
                                 fitted_, coef_.size());
    Eigen::VectorXd z = z_of(X);
    for (Eigen::Index i = 0; i < z.size(); ++i) z[i] = detail::sigmoid(z[i]);
    return z;
  }
  /// Predicted label (0 or 1) per row.
  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::logistic_regression::predict", X, fitted_,
                                 coef_.size());
    Eigen::VectorXd z = z_of(X);
    for (Eigen::Index i = 0; i < z.size(); ++i) z[i] = z[i] > 0.0 ? 1.0 : 0.0;
    return z;
  }
  [[nodiscard]] bool fitted() const noexcept { return fitted_; }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return fitted_ ? coef_.size() : 0; }
  [[nodiscard]] const Eigen::VectorXd& coef() const noexcept { return coef_; }
  [[nodiscard]] double intercept() const noexcept { return intercept_; }
  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  void save_payload(model_writer& w) const {
    w.put(p_.C);
    w.put_bool(p_.fit_intercept);
    w.put(static_cast<std::uint64_t>(p_.max_iter));
    w.put(p_.tol);
    w.put_bool(fitted_);
    w.put(coef_);
    w.put(intercept_);
  }
  static logistic_regression load_payload(model_reader& r) {
    logistic_regression m;
    m.p_.C = r.get_double();
    m.p_.fit_intercept = r.get_bool();
    m.p_.max_iter = static_cast<std::size_t>(r.get_u64());
    m.p_.tol = r.get_double();
    m.fitted_ = r.get_bool();
    m.coef_ = r.get_vector();
    m.intercept_ = r.get_double();
    if (m.fitted_ && m.coef_.size() == 0) r.fail("a fitted logistic model must have coefficients");
    return m;
  }

 private:
  [[nodiscard]] Eigen::VectorXd z_of(const detail::mat_cref& X) const {
    Eigen::VectorXd z = X * coef_;
    z.array() += intercept_;
    return z;
  }
  void validate() const {
    constexpr std::string_view fn = "quantkit::regression::logistic_regression";
    require(std::isfinite(p_.C) && p_.C > 0.0, fn, "C", p_.C, "must be finite and > 0");
    require(p_.max_iter >= 1, fn, "max_iter", p_.max_iter, "must be >= 1");
    require(std::isfinite(p_.tol) && p_.tol > 0.0, fn, "tol", p_.tol, "must be finite and > 0");
  }

  fit_report fit_impl(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref* w) {
    constexpr std::string_view fn = "quantkit::regression::logistic_regression::fit";
    detail::check_fit_inputs(fn, X, y, 2);
    if (w != nullptr) detail::check_sample_weight(fn, *w, X.rows());
    bool has0 = false;
    bool has1 = false;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      if (y[i] == 0.0) {
        has0 = true;
      } else if (y[i] == 1.0) {
        has1 = true;
      } else {
        QUANTKIT_THROW(data_error(static_cast<std::size_t>(i), "y",
                                  std::string(fn) + ": y must hold class labels 0 or 1 (row " +
                                      std::to_string(i) + " is " +
                                      quantkit::detail::to_text(y[i]) + ")"));
      }
    }
    if (!(has0 && has1)) {
      throw_invalid_argument(fn, "y", "y must contain both classes 0 and 1 (got only one)");
    }
    const Eigen::Index n = X.rows();
    const Eigen::Index p = X.cols();
    const Eigen::Index q = p + (p_.fit_intercept ? 1 : 0);
    Eigen::VectorXd sw = w != nullptr ? Eigen::VectorXd(*w) : Eigen::VectorXd::Ones(n);
    sw *= p_.C;
    // Augmented design [X 1].
    Eigen::MatrixXd A(n, q);
    A.leftCols(p) = X;
    if (p_.fit_intercept) A.col(p).setOnes();
    Eigen::VectorXd pen = Eigen::VectorXd::Ones(q);
    if (p_.fit_intercept) pen[p] = 0.0;

    auto objective = [&](const Eigen::VectorXd& beta, Eigen::VectorXd& z) {
      z = A * beta;
      double f = 0.5 * (pen.array() * beta.array().square()).sum();
      for (Eigen::Index i = 0; i < n; ++i) f += sw[i] * (detail::log1pexp(z[i]) - y[i] * z[i]);
      return f;
    };
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(q);
    Eigen::VectorXd z;
    double f = objective(beta, z);
    fit_report rep;
    Eigen::VectorXd g(q);
    Eigen::VectorXd r(n);
    Eigen::VectorXd hw(n);
    bool converged = false;
    std::size_t it = 0;
    for (; it < p_.max_iter; ++it) {
      for (Eigen::Index i = 0; i < n; ++i) {
        const double pi = detail::sigmoid(z[i]);
        r[i] = sw[i] * (pi - y[i]);
        hw[i] = sw[i] * pi * (1.0 - pi);
      }
      g = A.transpose() * r + pen.cwiseProduct(beta);
      if (g.cwiseAbs().maxCoeff() <= p_.tol) {
        converged = true;
        break;
      }
      Eigen::MatrixXd H = Eigen::MatrixXd::Zero(q, q);
      const Eigen::MatrixXd As = hw.array().sqrt().matrix().asDiagonal() * A;
      H.selfadjointView<Eigen::Lower>().rankUpdate(As.transpose());
      H.diagonal() += pen;
      Eigen::LDLT<Eigen::MatrixXd> ldlt(H.selfadjointView<Eigen::Lower>());
      if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) {
        rep.status = fit_status::failed;
        rep.message = "the Hessian is not positive definite (separable data with huge C?)";
        fitted_ = false;
        rep.iterations = it;
        return rep;
      }
      const Eigen::VectorXd step = ldlt.solve(g);
      const double slope = g.dot(step);
      double t = 1.0;
      Eigen::VectorXd trial;
      Eigen::VectorXd zt;
      double ft = f;
      bool accepted = false;
      for (int ls = 0; ls < 60; ++ls) {
        trial = beta - t * step;
        ft = objective(trial, zt);
        if (ft <= f - 1e-4 * t * slope) {
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) {
        // No decrease is representable any more: we are at the optimum to machine precision.
        converged = g.cwiseAbs().maxCoeff() <= std::sqrt(p_.tol);
        break;
      }
      beta = trial;
      z = zt;
      f = ft;
    }
    coef_ = beta.head(p);
    intercept_ = p_.fit_intercept ? beta[p] : 0.0;
    fitted_ = true;
    rep.iterations = it;
    if (!converged) {
      rep.status = fit_status::not_converged;
      rep.message = "max |gradient| " + quantkit::detail::to_text(g.cwiseAbs().maxCoeff()) +
                    " > tol " + quantkit::detail::to_text(p_.tol) + " after " +
                    std::to_string(it) + " Newton iterations";
    }
    return rep;
  }

  params p_{};
  Eigen::VectorXd coef_;
  double intercept_ = 0.0;
  bool fitted_ = false;
};

static_assert(weighted_regressor<logistic_regression>);
static_assert(serializable_model<logistic_regression>);

}  // namespace quantkit::regression
