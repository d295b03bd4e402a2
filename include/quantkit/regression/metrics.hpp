// SPDX-License-Identifier: MIT
// quantkit/regression/metrics.hpp - regression and classification metrics (scikit-learn definitions)
#pragma once

#include "model.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::regression {

namespace detail {
inline void check_metric_inputs(std::string_view fn, const vec_cref& y_true, const vec_cref& y_pred) {
  require_same_length(fn, "y_true", static_cast<std::size_t>(y_true.size()), "y_pred",
                      static_cast<std::size_t>(y_pred.size()));
  if (y_true.size() == 0) throw_invalid_argument(fn, "y_true", "must not be empty", 0);
  check_finite_vector(fn, "y_true", y_true);
  check_finite_vector(fn, "y_pred", y_pred);
}
}  // namespace detail

// Every metric checks that y_true and y_pred have the same, non-zero length (invalid_argument) and
// are finite (data_error naming the row). O(n) unless stated otherwise.

/// Mean squared error, (1/n) sum (y - yhat)^2. scikit-learn mean_squared_error.
[[nodiscard]] inline double mse(const detail::vec_cref& y_true, const detail::vec_cref& y_pred) {
  detail::check_metric_inputs("quantkit::regression::mse", y_true, y_pred);
  return (y_true - y_pred).squaredNorm() / static_cast<double>(y_true.size());
}

/// Root mean squared error, sqrt(mse). scikit-learn mean_squared_error(squared=False).
[[nodiscard]] inline double rmse(const detail::vec_cref& y_true, const detail::vec_cref& y_pred) {
  detail::check_metric_inputs("quantkit::regression::rmse", y_true, y_pred);
  return std::sqrt((y_true - y_pred).squaredNorm() / static_cast<double>(y_true.size()));
}

/// Mean absolute error. scikit-learn mean_absolute_error.
[[nodiscard]] inline double mae(const detail::vec_cref& y_true, const detail::vec_cref& y_pred) {
  detail::check_metric_inputs("quantkit::regression::mae", y_true, y_pred);
  return (y_true - y_pred).cwiseAbs().sum() / static_cast<double>(y_true.size());
}

/// Mean absolute percentage error as a fraction (not percent): mean |y - yhat| / max(|y|, eps),
/// eps = 2.22e-16 (double epsilon), so y = 0 gives a huge but finite term, as scikit-learn's
/// mean_absolute_percentage_error.
[[nodiscard]] inline double mape(const detail::vec_cref& y_true, const detail::vec_cref& y_pred) {
  detail::check_metric_inputs("quantkit::regression::mape", y_true, y_pred);
  const double eps = std::numeric_limits<double>::epsilon();
  double s = 0.0;
  for (Eigen::Index i = 0; i < y_true.size(); ++i)
    s += std::fabs(y_true[i] - y_pred[i]) / std::fmax(std::fabs(y_true[i]), eps);
  return s / static_cast<double>(y_true.size());
}

/// Coefficient of determination 1 - SS_res / SS_tot. scikit-learn r2_score (force_finite): a
/// constant y_true gives 1 if the prediction is perfect, else 0 (never NaN or -inf).
[[nodiscard]] inline double r2(const detail::vec_cref& y_true, const detail::vec_cref& y_pred) {
  detail::check_metric_inputs("quantkit::regression::r2", y_true, y_pred);
  const double ss_res = (y_true - y_pred).squaredNorm();
  const double ss_tot = (y_true.array() - y_true.mean()).matrix().squaredNorm();
  if (ss_tot == 0.0) return ss_res == 0.0 ? 1.0 : 0.0;
  return 1.0 - ss_res / ss_tot;
}

/// Explained variance 1 - Var(y - yhat) / Var(y) (population variances). scikit-learn
/// explained_variance_score (force_finite: constant y_true gives 1 if Var(y - yhat) == 0, else 0).
[[nodiscard]] inline double explained_variance(const detail::vec_cref& y_true,
                                               const detail::vec_cref& y_pred) {
  detail::check_metric_inputs("quantkit::regression::explained_variance", y_true, y_pred);
  const Eigen::VectorXd e = y_true - y_pred;
  const double n = static_cast<double>(e.size());
  const double var_e = (e.array() - e.mean()).matrix().squaredNorm() / n;
  const double var_y = (y_true.array() - y_true.mean()).matrix().squaredNorm() / n;
  if (var_y == 0.0) return var_e == 0.0 ? 1.0 : 0.0;
  return 1.0 - var_e / var_y;
}

/// Fraction of exact matches y_true == y_pred (labels). scikit-learn accuracy_score.
[[nodiscard]] inline double accuracy(const detail::vec_cref& y_true, const detail::vec_cref& y_pred) {
  detail::check_metric_inputs("quantkit::regression::accuracy", y_true, y_pred);
  return (y_true.array() == y_pred.array()).cast<double>().sum() / static_cast<double>(y_true.size());
}

namespace detail {
inline void check_binary_labels(std::string_view fn, const vec_cref& y) {
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (y[i] != 0.0 && y[i] != 1.0) {
      QUANTKIT_THROW(data_error(static_cast<std::size_t>(i), "y_true",
                                std::string(fn) + ": y_true must hold labels 0 or 1 (row " +
                                    std::to_string(i) + " is " + quantkit::detail::to_text(y[i]) +
                                    ")"));
    }
  }
}
}  // namespace detail

/// Binary cross-entropy -(1/n) sum [y log p + (1 - y) log(1 - p)] with p = P(y = 1) clipped to
/// [eps, 1 - eps], eps = 2.22e-16. scikit-learn 1.2 log_loss(eps="auto") for float64 input.
/// y_true must be 0/1 (data_error), p in [0, 1] (invalid_argument).
[[nodiscard]] inline double log_loss(const detail::vec_cref& y_true, const detail::vec_cref& p) {
  constexpr std::string_view fn = "quantkit::regression::log_loss";
  detail::check_metric_inputs(fn, y_true, p);
  detail::check_binary_labels(fn, y_true);
  const double eps = std::numeric_limits<double>::epsilon();
  double s = 0.0;
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    require(p[i] >= 0.0 && p[i] <= 1.0, fn, "p", p[i], "must be in [0, 1]");
    const double q = std::clamp(p[i], eps, 1.0 - eps);
    s -= y_true[i] == 1.0 ? std::log(q) : std::log1p(-q);
  }
  return s / static_cast<double>(p.size());
}

/// Area under the ROC curve for scores (any real; larger = more likely 1), computed as the
/// Mann-Whitney statistic with average ranks for tied scores. Equals scikit-learn roc_auc_score
/// for binary labels. Needs both classes (invalid_argument). O(n log n).
[[nodiscard]] inline double roc_auc(const detail::vec_cref& y_true, const detail::vec_cref& score) {
  constexpr std::string_view fn = "quantkit::regression::roc_auc";
  detail::check_metric_inputs(fn, y_true, score);
  detail::check_binary_labels(fn, y_true);
  const auto n = static_cast<std::size_t>(score.size());
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return score[static_cast<Eigen::Index>(a)] < score[static_cast<Eigen::Index>(b)];
  });
  double rank_sum_pos = 0.0;
  double n_pos = 0.0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && score[static_cast<Eigen::Index>(idx[j + 1])] ==
                            score[static_cast<Eigen::Index>(idx[i])])
      ++j;
    const double avg_rank = 0.5 * static_cast<double>(i + j) + 1.0;  // 1-based average rank
    for (std::size_t k = i; k <= j; ++k) {
      if (y_true[static_cast<Eigen::Index>(idx[k])] == 1.0) {
        rank_sum_pos += avg_rank;
        n_pos += 1.0;
      }
    }
    i = j + 1;
  }
  const double n_neg = static_cast<double>(n) - n_pos;
  if (n_pos == 0.0 || n_neg == 0.0) {
    throw_invalid_argument(fn, "y_true", "y_true must contain both classes 0 and 1 (got only one)");
  }
  return (rank_sum_pos - n_pos * (n_pos + 1.0) / 2.0) / (n_pos * n_neg);
}

/// The regression scores usable by cross_val_score and permutation_importance. Scores are
/// "greater is better": errors are negated (scikit-learn's neg_mean_squared_error convention).
enum class score_kind {
  r2,
  neg_mse,
  neg_rmse,
  neg_mae,
  neg_mape,
  explained_variance,
  accuracy
};

/// Evaluates a score_kind on (y_true, y_pred).
[[nodiscard]] inline double score(score_kind k, const detail::vec_cref& y_true,
                                  const detail::vec_cref& y_pred) {
  switch (k) {
    case score_kind::r2: return r2(y_true, y_pred);
    case score_kind::neg_mse: return -mse(y_true, y_pred);
    case score_kind::neg_rmse: return -rmse(y_true, y_pred);
    case score_kind::neg_mae: return -mae(y_true, y_pred);
    case score_kind::neg_mape: return -mape(y_true, y_pred);
    case score_kind::explained_variance: return explained_variance(y_true, y_pred);
    case score_kind::accuracy: return accuracy(y_true, y_pred);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

/// Name of a score ("r2", "neg_mse", ...), as in scikit-learn's scorer strings where they exist.
[[nodiscard]] constexpr std::string_view to_string(score_kind k) noexcept {
  switch (k) {
    case score_kind::r2: return "r2";
    case score_kind::neg_mse: return "neg_mean_squared_error";
    case score_kind::neg_rmse: return "neg_root_mean_squared_error";
    case score_kind::neg_mae: return "neg_mean_absolute_error";
    case score_kind::neg_mape: return "neg_mean_absolute_percentage_error";
    case score_kind::explained_variance: return "explained_variance";
    case score_kind::accuracy: return "accuracy";
  }
  return "unknown";
}

}  // namespace quantkit::regression
