// SPDX-License-Identifier: MIT
// quantkit/regression/model.hpp - the regressor concepts, fit_report/fit_status, input checks
#pragma once

#include "../core/error.hpp"

#include <Eigen/Core>

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

namespace quantkit::regression {

/// Outcome of a fit. Numerical trouble is reported here, never thrown (tuning runs thousands of
/// fits): `ok`; `rank_deficient` (the design matrix has lower rank than its column count; the model
/// is still usable, see its documentation for the minimum-norm/pivoted convention);
/// `not_converged` (an iterative solver stopped at its iteration cap; the model holds the last
/// iterate); `failed` (no usable model, e.g. a non-positive-definite kernel matrix; predict()
/// throws not_fitted).
enum class fit_status { ok, rank_deficient, not_converged, failed };

/// Text name of a status ("ok", "rank_deficient", "not_converged", "failed").
[[nodiscard]] constexpr std::string_view to_string(fit_status s) noexcept {
  switch (s) {
    case fit_status::ok: return "ok";
    case fit_status::rank_deficient: return "rank_deficient";
    case fit_status::not_converged: return "not_converged";
    case fit_status::failed: return "failed";
  }
  return "unknown";
}

/// What fit() returns: the status, the solver iterations used (0 for direct solvers) and a
/// human-readable message (empty when ok; e.g. "rank 3 < 5 columns" or "duality gap 2e-3 >
/// tol 1e-4 after 1000 iterations").
struct fit_report {
  fit_status status = fit_status::ok;
  std::size_t iterations = 0;
  std::string message;
  /// True when status == fit_status::ok.
  [[nodiscard]] bool ok() const noexcept { return status == fit_status::ok; }
};

/// Thrown by predict()/predict_std()/accessors of a model that has not been fitted (or whose
/// fit failed). A quantkit::error, so `catch (const quantkit::error&)` handles it.
class not_fitted : public error {
 public:
  explicit not_fitted(const std::string& message) : error(message) {}
};

/// A regression model: `fit(X, y) -> fit_report` with X n_samples x n_features and y of length
/// n_samples, `predict(X) const -> VectorXd`, `fitted()`, `n_features()` (columns seen at fit;
/// 0 before). A model is a value type: copy it to keep a fitted snapshot.
template <class M>
concept regressor = requires(M& m, const M& cm, const Eigen::MatrixXd& X,
                             const Eigen::VectorXd& y) {
  { m.fit(X, y) } -> std::same_as<fit_report>;
  { cm.predict(X) } -> std::same_as<Eigen::VectorXd>;
  { cm.fitted() } -> std::convertible_to<bool>;
  { cm.n_features() } -> std::convertible_to<Eigen::Index>;
};

/// A regressor that also accepts non-negative sample weights: `fit(X, y, w)`.
template <class M>
concept weighted_regressor =
    regressor<M> && requires(M& m, const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                             const Eigen::VectorXd& w) {
      { m.fit(X, y, w) } -> std::same_as<fit_report>;
    };

/// A regressor with a per-row predictive standard deviation: `predict_std(X) const -> VectorXd`.
template <class M>
concept probabilistic_regressor = regressor<M> && requires(const M& cm, const Eigen::MatrixXd& X) {
  { cm.predict_std(X) } -> std::same_as<Eigen::VectorXd>;
};

namespace detail {

using mat_cref = Eigen::Ref<const Eigen::MatrixXd>;
using vec_cref = Eigen::Ref<const Eigen::VectorXd>;

inline bool is_finite(double x) noexcept { return x - x == 0.0; }

/// Throws data_error naming the first non-finite entry of X (row-major scan order: lowest row,
/// then lowest column) as "<fn>: X has a non-finite value at row r, column c (got nan)".
inline void check_finite_matrix(std::string_view fn, std::string_view name, const mat_cref& X) {
  // Fast path: the sum of (x - x) is NaN iff some entry is NaN or +-inf.
  if (is_finite((X.array() - X.array()).sum())) return;
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    for (Eigen::Index c = 0; c < X.cols(); ++c) {
      const double v = X(r, c);
      if (!is_finite(v)) {
        std::string msg;
        msg.append(fn).append(": ").append(name).append(" has a non-finite value at row ");
        msg.append(std::to_string(r)).append(", column ").append(std::to_string(c));
        msg.append(" (got ").append(quantkit::detail::to_text(v)).append(")");
        QUANTKIT_THROW(data_error(static_cast<std::size_t>(r), std::string(name), msg));
      }
    }
  }
}

/// Throws data_error naming the first non-finite entry of v: "<fn>: y has a non-finite value at
/// row r (got inf)".
inline void check_finite_vector(std::string_view fn, std::string_view name, const vec_cref& v) {
  if (is_finite((v.array() - v.array()).sum())) return;
  for (Eigen::Index r = 0; r < v.size(); ++r) {
    if (!is_finite(v[r])) {
      std::string msg;
      msg.append(fn).append(": ").append(name).append(" has a non-finite value at row ");
      msg.append(std::to_string(r)).append(" (got ").append(quantkit::detail::to_text(v[r]));
      msg.append(")");
      QUANTKIT_THROW(data_error(static_cast<std::size_t>(r), std::string(name), msg));
    }
  }
}

/// Checks the training inputs of `fn` (a qualified name such as "quantkit::regression::ridge::fit"):
///  - X has at least one column and y.size() == X.rows() (invalid_argument, both sizes named);
///  - X.rows() >= min_rows (invalid_argument "X must have at least 2 rows (got 1)");
///  - every entry of X and y is finite (data_error with the row, and column for X).
/// O(n p).
inline void check_fit_inputs(std::string_view fn, const mat_cref& X, const vec_cref& y,
                             Eigen::Index min_rows) {
  if (X.cols() < 1) throw_invalid_argument(fn, "X", "must have at least 1 column", X.cols());
  require_same_length(fn, "X.rows()", static_cast<std::size_t>(X.rows()), "y.size()",
                      static_cast<std::size_t>(y.size()));
  if (X.rows() < min_rows) {
    throw_invalid_argument(fn, "X",
                           "must have at least " + std::to_string(min_rows) + " rows", X.rows());
  }
  check_finite_matrix(fn, "X", X);
  check_finite_vector(fn, "y", y);
}

/// Checks sample weights for n rows: w.size() == n, every weight finite and >= 0, and a positive
/// sum (invalid_argument; data_error for a non-finite weight, with its row). O(n).
inline void check_sample_weight(std::string_view fn, const vec_cref& w, Eigen::Index n) {
  require_same_length(fn, "sample_weight.size()", static_cast<std::size_t>(w.size()), "X.rows()",
                      static_cast<std::size_t>(n));
  check_finite_vector(fn, "sample_weight", w);
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    if (w[i] < 0.0) {
      throw_invalid_argument(fn, "sample_weight",
                             "must be >= 0 (row " + std::to_string(i) + ")", w[i]);
    }
  }
  if (!(w.sum() > 0.0)) throw_invalid_argument(fn, "sample_weight", "must have a positive sum", w.sum());
}

/// Checks prediction inputs: the model is fitted (else not_fitted "<fn>: the model is not fitted;
/// call fit() first"), X.cols() == n_features (invalid_argument naming both counts), and every
/// entry of X is finite (data_error with row and column). O(n p).
inline void check_predict_inputs(std::string_view fn, const mat_cref& X, bool fitted,
                                 Eigen::Index n_features) {
  if (!fitted) {
    std::string msg;
    msg.append(fn).append(": the model is not fitted; call fit() first (or its fit failed)");
    QUANTKIT_THROW(not_fitted(msg));
  }
  if (X.cols() != n_features) {
    throw_invalid_argument(
        fn, "X",
        "X must have as many columns as the training data (" + std::to_string(n_features) +
            " features at fit, got " + std::to_string(X.cols()) + ")");
  }
  check_finite_matrix(fn, "X", X);
}

}  // namespace detail

}  // namespace quantkit::regression
