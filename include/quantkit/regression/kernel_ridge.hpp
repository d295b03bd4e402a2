// SPDX-License-Identifier: MIT
// quantkit/regression/kernel_ridge.hpp - kernel ridge regression (linear, RBF, polynomial kernels)
#pragma once

#include "model.hpp"
#include "serialize.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/QR>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace quantkit::regression {

/// Kernel of kernel_ridge (scikit-learn's pairwise kernels of the same names).
enum class kernel_type {
  linear,  ///< k(a, b) = a.b
  rbf,     ///< k(a, b) = exp(-gamma ||a - b||^2)
  poly     ///< k(a, b) = (gamma a.b + coef0)^degree
};

/// Kernel ridge regression: dual coefficients a = (K + alpha I)^-1 y, prediction k(x, X_train) a.
/// No intercept (as scikit-learn's KernelRidge; centre y or use coef0 with a poly kernel).
///
/// Convention: scikit-learn 1.2 KernelRidge(alpha, kernel, gamma, degree, coef0): gamma NaN (the
/// default) means 1 / n_features for rbf and poly; squared distances use ||a||^2 + ||b||^2 - 2 a.b
/// clipped at 0 with an exact 0 diagonal on the training kernel, as sklearn's euclidean_distances.
/// Sample weights scale the problem as sklearn's _solve_cholesky_kernel: K <- S K S, y <- S y,
/// a <- S a with S = diag(sqrt(w)). If K + alpha I is not positive definite the dual is solved by
/// least squares (sklearn's lstsq fallback) and fit() reports rank_deficient.
/// Errors: alpha >= 0 finite, gamma > 0 or NaN, degree >= 1 (invalid_argument).
/// Complexity: fit O(n^2 p + n^3), predict O(m n p); memory O(n^2) at fit, O(n p) kept.
class kernel_ridge {
 public:
  struct params {
    double alpha = 1.0;
    kernel_type kernel = kernel_type::linear;
    double gamma = std::numeric_limits<double>::quiet_NaN();
    int degree = 3;
    double coef0 = 1.0;
  };
  static constexpr std::string_view kind = "kernel_ridge";
  static constexpr std::uint32_t format_version = 1;

  kernel_ridge() = default;
  explicit kernel_ridge(params p) : p_(p) { validate(); }

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) { return fit_impl(X, y, nullptr); }
  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref& w) {
    return fit_impl(X, y, &w);
  }
  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::kernel_ridge::predict", X, fitted(),
                                 n_features());
    return kernel(X, X_, false) * dual_;
  }
  [[nodiscard]] bool fitted() const noexcept { return dual_.size() > 0; }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return fitted() ? X_.cols() : 0; }
  /// Dual coefficients a (one per training row).
  [[nodiscard]] const Eigen::VectorXd& dual_coef() const noexcept { return dual_; }
  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  /// The kernel matrix k(A_i, B_j) with this model's kernel (gamma resolved against A.cols()).
  /// `same` marks A and B as the same matrix (sets the RBF distance diagonal to exactly 0).
  [[nodiscard]] Eigen::MatrixXd kernel(const detail::mat_cref& A, const detail::mat_cref& B,
                                       bool same) const {
    const double g = std::isnan(p_.gamma) ? 1.0 / static_cast<double>(A.cols()) : p_.gamma;
    Eigen::MatrixXd K = A * B.transpose();
    switch (p_.kernel) {
      case kernel_type::linear: break;
      case kernel_type::rbf: {
        const Eigen::VectorXd a2 = A.rowwise().squaredNorm();
        const Eigen::VectorXd b2 = B.rowwise().squaredNorm();
        for (Eigen::Index j = 0; j < K.cols(); ++j) {
          for (Eigen::Index i = 0; i < K.rows(); ++i) {
            double d2 = a2[i] + b2[j] - 2.0 * K(i, j);
            if (d2 < 0.0 || (same && i == j)) d2 = 0.0;
            K(i, j) = std::exp(-g * d2);
          }
        }
        break;
      }
      case kernel_type::poly: K = (g * K.array() + p_.coef0).pow(static_cast<double>(p_.degree)); break;
    }
    return K;
  }

  void save_payload(model_writer& w) const {
    w.put(p_.alpha);
    w.put(static_cast<std::uint64_t>(p_.kernel));
    w.put(p_.gamma);
    w.put(static_cast<std::int64_t>(p_.degree));
    w.put(p_.coef0);
    w.put(X_);
    w.put(dual_);
  }
  static kernel_ridge load_payload(model_reader& r) {
    kernel_ridge m;
    m.p_.alpha = r.get_double();
    m.p_.kernel = static_cast<kernel_type>(r.get_size(2, "kernel code"));
    m.p_.gamma = r.get_double();
    m.p_.degree = static_cast<int>(r.get_i64());
    m.p_.coef0 = r.get_double();
    m.X_ = r.get_matrix();
    m.dual_ = r.get_vector();
    if (m.X_.rows() != m.dual_.size()) r.fail("training matrix and dual coefficients disagree");
    return m;
  }

 private:
  void validate() const {
    constexpr std::string_view fn = "quantkit::regression::kernel_ridge";
    require(std::isfinite(p_.alpha) && p_.alpha >= 0.0, fn, "alpha", p_.alpha,
            "must be finite and >= 0");
    require(std::isnan(p_.gamma) || (std::isfinite(p_.gamma) && p_.gamma > 0.0), fn, "gamma",
            p_.gamma, "must be > 0 (or NaN for 1 / n_features)");
    require(p_.degree >= 1, fn, "degree", p_.degree, "must be >= 1");
    require_finite(p_.coef0, fn, "coef0");
  }
  fit_report fit_impl(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref* w) {
    constexpr std::string_view fn = "quantkit::regression::kernel_ridge::fit";
    detail::check_fit_inputs(fn, X, y, 1);
    if (w != nullptr) detail::check_sample_weight(fn, *w, X.rows());
    Eigen::MatrixXd K = kernel(X, X, true);
    Eigen::VectorXd rhs = y;
    Eigen::VectorXd s;
    if (w != nullptr) {
      s = w->array().sqrt();
      K = s.asDiagonal() * K * s.asDiagonal();
      rhs = rhs.cwiseProduct(s);
    }
    K.diagonal().array() += p_.alpha;
    fit_report rep;
    Eigen::LLT<Eigen::MatrixXd> llt(K);
    if (llt.info() == Eigen::Success) {
      dual_ = llt.solve(rhs);
    } else {
      Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(K);
      dual_ = cod.solve(rhs);
      rep.status = fit_status::rank_deficient;
      rep.message = "K + alpha I is not positive definite (rank " + std::to_string(cod.rank()) +
                    " of " + std::to_string(K.rows()) + "): least-squares dual coefficients";
    }
    if (w != nullptr) dual_ = dual_.cwiseProduct(s);
    X_ = X;
    return rep;
  }
  params p_{};
  Eigen::MatrixXd X_;
  Eigen::VectorXd dual_;
};

static_assert(weighted_regressor<kernel_ridge>);
static_assert(serializable_model<kernel_ridge>);

}  // namespace quantkit::regression
