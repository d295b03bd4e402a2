// SPDX-License-Identifier: MIT
// quantkit/regression/linear.hpp - ordinary least squares (pivoted QR) and ridge regression
#pragma once

#include "model.hpp"
#include "serialize.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/QR>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quantkit::regression {

namespace detail {

/// Weighted column means of X and mean of y (weights w, or uniform when w is empty), and the
/// centred, sqrt(w)-rescaled design and target: scikit-learn's _preprocess_data followed by
/// _rescale_data. With fit_intercept == false nothing is centred (means are zero). O(n p).
struct centered_data {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
  Eigen::RowVectorXd x_mean;
  double y_mean = 0.0;
};

inline centered_data center_and_rescale(const mat_cref& X, const vec_cref& y, const vec_cref* w,
                                        bool fit_intercept) {
  centered_data d;
  const Eigen::Index p = X.cols();
  d.x_mean = Eigen::RowVectorXd::Zero(p);
  if (fit_intercept) {
    if (w != nullptr) {
      const double sw = w->sum();
      d.x_mean = (w->transpose() * X) / sw;
      d.y_mean = w->dot(y) / sw;
    } else {
      d.x_mean = X.colwise().mean();
      d.y_mean = y.mean();
    }
  }
  d.X = X.rowwise() - d.x_mean;
  d.y = y.array() - d.y_mean;
  if (w != nullptr) {
    const Eigen::VectorXd s = w->array().sqrt();
    d.X = s.asDiagonal() * d.X;
    d.y = d.y.cwiseProduct(s);
  }
  return d;
}

/// Coefficients and intercept shared by the linear models, with their save/load and predict.
struct linear_state {
  Eigen::VectorXd coef;
  double intercept = 0.0;
  bool fitted = false;

  [[nodiscard]] Eigen::VectorXd predict(std::string_view fn, const mat_cref& X) const {
    check_predict_inputs(fn, X, fitted, coef.size());
    Eigen::VectorXd out = X * coef;
    out.array() += intercept;
    return out;
  }
  void save(model_writer& w) const {
    w.put_bool(fitted);
    w.put(coef);
    w.put(intercept);
  }
  void load(model_reader& r) {
    fitted = r.get_bool();
    coef = r.get_vector();
    intercept = r.get_double();
    if (fitted && coef.size() == 0) r.fail("a fitted linear model must have coefficients");
  }
};

}  // namespace detail

/// Ordinary least squares, y ~ X b + c, minimising sum_i w_i (y_i - x_i b - c)^2.
///
/// Convention: scikit-learn's LinearRegression (1.2): with fit_intercept the (weighted) column means
/// are removed first and c = mean(y) - mean(X) b. Solved by a complete orthogonal decomposition
/// built on Householder QR with column pivoting (Eigen's CompleteOrthogonalDecomposition), so a
/// rank-deficient design gives the minimum-norm solution, like numpy/scipy lstsq; fit() then
/// reports fit_status::rank_deficient with the numerical rank in the message and rank().
/// Errors: see detail::check_fit_inputs / check_sample_weight (needs >= 1 row).
/// Complexity: fit O(n p^2), predict O(n p).
class linear_regression {
 public:
  struct params {
    bool fit_intercept = true;
    /// Relative threshold below which a pivot of R counts as zero (times |R_00|); negative means
    /// Eigen's default eps * min(n, p).
    double rank_tolerance = -1.0;
  };
  static constexpr std::string_view kind = "linear_regression";
  static constexpr std::uint32_t format_version = 1;

  linear_regression() = default;
  explicit linear_regression(params p) : p_(p) {}

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) { return fit_impl(X, y, nullptr); }
  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref& w) {
    return fit_impl(X, y, &w);
  }
  /// X b + c for each row. Throws not_fitted, invalid_argument (column count), data_error.
  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const {
    return s_.predict("quantkit::regression::linear_regression::predict", X);
  }
  [[nodiscard]] bool fitted() const noexcept { return s_.fitted; }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return s_.fitted ? s_.coef.size() : 0; }
  /// Coefficients b (one per column of X).
  [[nodiscard]] const Eigen::VectorXd& coef() const noexcept { return s_.coef; }
  [[nodiscard]] double intercept() const noexcept { return s_.intercept; }
  /// Numerical rank of the (centred) design found at the last fit.
  [[nodiscard]] Eigen::Index rank() const noexcept { return rank_; }
  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  void save_payload(model_writer& w) const {
    w.put_bool(p_.fit_intercept);
    w.put(p_.rank_tolerance);
    w.put(static_cast<std::int64_t>(rank_));
    s_.save(w);
  }
  static linear_regression load_payload(model_reader& r) {
    linear_regression m;
    m.p_.fit_intercept = r.get_bool();
    m.p_.rank_tolerance = r.get_double();
    m.rank_ = static_cast<Eigen::Index>(r.get_i64());
    m.s_.load(r);
    return m;
  }

 private:
  fit_report fit_impl(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref* w) {
    constexpr std::string_view fn = "quantkit::regression::linear_regression::fit";
    detail::check_fit_inputs(fn, X, y, 1);
    if (w != nullptr) detail::check_sample_weight(fn, *w, X.rows());
    const auto d = detail::center_and_rescale(X, y, w, p_.fit_intercept);
    Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(d.X);
    if (p_.rank_tolerance >= 0.0) cod.setThreshold(p_.rank_tolerance);
    s_.coef = cod.solve(d.y);
    s_.intercept = p_.fit_intercept ? d.y_mean - d.x_mean.dot(s_.coef) : 0.0;
    s_.fitted = true;
    rank_ = cod.rank();
    fit_report rep;
    if (rank_ < X.cols()) {
      rep.status = fit_status::rank_deficient;
      rep.message = "rank " + std::to_string(rank_) + " < " + std::to_string(X.cols()) +
                    " columns: minimum-norm solution";
    }
    return rep;
  }
  params p_{};
  detail::linear_state s_{};
  Eigen::Index rank_ = 0;
};

/// Ridge regression: minimises sum_i w_i (y_i - x_i b - c)^2 + alpha ||b||^2 (intercept not
/// penalised).
///
/// Convention: scikit-learn's Ridge (1.2, solver "cholesky"): centre with (weighted) means, rescale
/// rows by sqrt(w), solve (Xc'Xc + alpha I) b = Xc'yc by Cholesky when n >= p, or the dual
/// b = Xc'(Xc Xc' + alpha I)^-1 yc when n < p. alpha must be >= 0 and finite; alpha == 0 is
/// ordinary least squares (solved as linear_regression, status rank_deficient if so).
/// Errors: invalid alpha (invalid_argument, at construction), bad data as check_fit_inputs.
/// Complexity: fit O(n p^2 + p^3) (or O(n^2 p + n^3) when n < p), predict O(n p).
class ridge {
 public:
  struct params {
    double alpha = 1.0;
    bool fit_intercept = true;
  };
  static constexpr std::string_view kind = "ridge";
  static constexpr std::uint32_t format_version = 1;

  ridge() = default;
  explicit ridge(params p) : p_(p) { validate(); }
  explicit ridge(double alpha) : p_{alpha, true} { validate(); }

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) { return fit_impl(X, y, nullptr); }
  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref& w) {
    return fit_impl(X, y, &w);
  }
  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const {
    return s_.predict("quantkit::regression::ridge::predict", X);
  }
  [[nodiscard]] bool fitted() const noexcept { return s_.fitted; }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return s_.fitted ? s_.coef.size() : 0; }
  [[nodiscard]] const Eigen::VectorXd& coef() const noexcept { return s_.coef; }
  [[nodiscard]] double intercept() const noexcept { return s_.intercept; }
  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  void save_payload(model_writer& w) const {
    w.put(p_.alpha);
    w.put_bool(p_.fit_intercept);
    s_.save(w);
  }
  static ridge load_payload(model_reader& r) {
    ridge m;
    m.p_.alpha = r.get_double();
    m.p_.fit_intercept = r.get_bool();
    m.s_.load(r);
    return m;
  }

 private:
  void validate() const {
    require(std::isfinite(p_.alpha) && p_.alpha >= 0.0, "quantkit::regression::ridge", "alpha",
            p_.alpha, "must be finite and >= 0");
  }
  fit_report fit_impl(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref* w) {
    constexpr std::string_view fn = "quantkit::regression::ridge::fit";
    if (p_.alpha == 0.0) {
      linear_regression ols({.fit_intercept = p_.fit_intercept});
      detail::check_fit_inputs(fn, X, y, 1);
      fit_report rep = w != nullptr ? ols.fit(X, y, *w) : ols.fit(X, y);
      s_.coef = ols.coef();
      s_.intercept = ols.intercept();
      s_.fitted = true;
      return rep;
    }
    detail::check_fit_inputs(fn, X, y, 1);
    if (w != nullptr) detail::check_sample_weight(fn, *w, X.rows());
    const auto d = detail::center_and_rescale(X, y, w, p_.fit_intercept);
    const Eigen::Index n = d.X.rows();
    const Eigen::Index p = d.X.cols();
    if (n >= p) {
      Eigen::MatrixXd A = Eigen::MatrixXd::Zero(p, p);
      A.selfadjointView<Eigen::Lower>().rankUpdate(d.X.transpose());
      A.diagonal().array() += p_.alpha;
      Eigen::LLT<Eigen::MatrixXd> llt(A.selfadjointView<Eigen::Lower>());
      s_.coef = llt.solve(d.X.transpose() * d.y);
    } else {
      Eigen::MatrixXd K = Eigen::MatrixXd::Zero(n, n);
      K.selfadjointView<Eigen::Lower>().rankUpdate(d.X);
      K.diagonal().array() += p_.alpha;
      Eigen::LLT<Eigen::MatrixXd> llt(K.selfadjointView<Eigen::Lower>());
      s_.coef = d.X.transpose() * llt.solve(d.y);
    }
    s_.intercept = p_.fit_intercept ? d.y_mean - d.x_mean.dot(s_.coef) : 0.0;
    s_.fitted = true;
    return {};
  }
  params p_{};
  detail::linear_state s_{};
};

static_assert(weighted_regressor<linear_regression>);
static_assert(weighted_regressor<ridge>);
static_assert(serializable_model<linear_regression>);
static_assert(serializable_model<ridge>);

}  // namespace quantkit::regression
