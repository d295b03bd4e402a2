// SPDX-License-Identifier: MIT
// quantkit/regression/importance.hpp - permutation importance (any model) and coefficient importance
#pragma once

#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "metrics.hpp"
#include "model.hpp"

#include <Eigen/Core>

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quantkit::regression {

/// Result of permutation_importance (scikit-learn's Bunch fields).
struct permutation_importance_result {
  double baseline = 0.0;     ///< score of the unpermuted data
  Eigen::VectorXd mean;      ///< per feature: mean over repeats of baseline - permuted score
  Eigen::VectorXd stddev;    ///< per feature: population std over repeats (numpy std)
  Eigen::MatrixXd raw;       ///< features x repeats: baseline - permuted score
};

/// Permutation importance of each column of X for a fitted model (Breiman 2001; scikit-learn
/// 1.2 permutation_importance convention): importance = baseline score - score after shuffling
/// that column, repeated n_repeats times. Feature j's shuffles come from quantkit::rng(seed, j),
/// and features run in parallel (options.threads), so the result is identical for any thread
/// count (scikit-learn's numpy permutations are not reproduced). Scores are "greater is
/// better" (score_kind). Errors: model not fitted (not_fitted), X/y checks, n_repeats >= 1.
/// Complexity: p * n_repeats predictions of n rows.
template <regressor M>
[[nodiscard]] permutation_importance_result permutation_importance(
    const M& model, const detail::mat_cref& X, const detail::vec_cref& y, std::size_t n_repeats,
    std::uint64_t seed, score_kind kind = score_kind::r2, const parallel_options& options = {}) {
  constexpr std::string_view fn = "quantkit::regression::permutation_importance";
  require(n_repeats >= 1, fn, "n_repeats", n_repeats, "must be >= 1");
  detail::check_fit_inputs(fn, X, y, 1);
  detail::check_predict_inputs(fn, X, model.fitted(), model.n_features());
  permutation_importance_result res;
  res.baseline = score(kind, y, model.predict(X));
  const auto n = static_cast<std::uint64_t>(X.rows());
  auto run = [&](std::size_t j) {
    rng g(seed, j);
    Eigen::MatrixXd Xp = X;
    const auto col = static_cast<Eigen::Index>(j);
    Eigen::VectorXd scores(static_cast<Eigen::Index>(n_repeats));
    for (std::size_t r = 0; r < n_repeats; ++r) {
      Xp.col(col) = X.col(col);
      for (std::uint64_t i = n; i > 1; --i) {
        const auto k = static_cast<Eigen::Index>(uniform_index(g, i));
        std::swap(Xp(static_cast<Eigen::Index>(i - 1), col), Xp(k, col));
      }
      scores[static_cast<Eigen::Index>(r)] = res.baseline - score(kind, y, model.predict(Xp));
    }
    return scores;
  };
  auto out = parallel_map(static_cast<std::size_t>(X.cols()), run, options);
  out.report.rethrow_first_error();
  res.raw.resize(X.cols(), static_cast<Eigen::Index>(n_repeats));
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    res.raw.row(j) = out.values[static_cast<std::size_t>(j)]->transpose();
  }
  res.mean = res.raw.rowwise().mean();
  res.stddev = ((res.raw.colwise() - res.mean).array().square().rowwise().sum() /
                static_cast<double>(n_repeats))
                   .sqrt()
                   .matrix();
  return res;
}

/// A fitted linear model exposing coef() (linear_regression, ridge, lasso, elastic_net,
/// logistic_regression).
template <class M>
concept linear_model = requires(const M& m) {
  { m.coef() } -> std::convertible_to<Eigen::VectorXd>;
};

/// Coefficients as importance: |b_j| * sd(X_j) (population sd of the training column), the change
/// in prediction per one-standard-deviation move of the feature, comparable across features of
/// different units. Pass the training X; with `X.rows() == 0` the raw |b_j| is returned.
/// Errors: not fitted (not_fitted); X column count (invalid_argument). O(n p).
template <linear_model M>
[[nodiscard]] Eigen::VectorXd coefficient_importance(const M& model, const detail::mat_cref& X) {
  constexpr std::string_view fn = "quantkit::regression::coefficient_importance";
  if (!model.fitted()) {
    QUANTKIT_THROW(not_fitted(std::string(fn) + ": the model is not fitted; call fit() first"));
  }
  Eigen::VectorXd imp = model.coef().cwiseAbs();
  if (X.rows() == 0) return imp;
  detail::check_predict_inputs(fn, X, true, imp.size());
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const double m = X.col(j).mean();
    imp[j] *= std::sqrt((X.col(j).array() - m).square().mean());
  }
  return imp;
}

}  // namespace quantkit::regression
