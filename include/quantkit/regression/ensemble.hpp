// SPDX-License-Identifier: MIT
// quantkit/regression/ensemble.hpp - averaging and stacking ensembles of heterogeneous regressors
#pragma once

#include "model.hpp"
#include "model_selection.hpp"
#include "serialize.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace quantkit::regression {

namespace detail {
/// Severity order used to merge member reports: ok < rank_deficient < not_converged < failed.
inline int severity(fit_status s) noexcept {
  switch (s) {
    case fit_status::ok: return 0;
    case fit_status::rank_deficient: return 1;
    case fit_status::not_converged: return 2;
    case fit_status::failed: return 3;
  }
  return 3;
}
inline void merge_report(fit_report& into, const fit_report& r, std::string_view who) {
  into.iterations += r.iterations;
  if (r.status == fit_status::ok) return;
  if (severity(r.status) > severity(into.status)) into.status = r.status;
  if (!into.message.empty()) into.message += "; ";
  into.message.append(who).append(": ").append(to_string(r.status));
  if (!r.message.empty()) into.message.append(" (").append(r.message).append(")");
}
/// Row-wise population standard deviation of the columns of P (member predictions).
inline Eigen::VectorXd row_spread(const Eigen::MatrixXd& P) {
  const Eigen::VectorXd mean = P.rowwise().mean();
  return ((P.colwise() - mean).array().square().rowwise().sum() / static_cast<double>(P.cols()))
      .sqrt()
      .matrix();
}
template <class Tuple>
Eigen::MatrixXd member_predictions(const Tuple& members, const mat_cref& X) {
  constexpr std::size_t m = std::tuple_size_v<Tuple>;
  Eigen::MatrixXd P(X.rows(), static_cast<Eigen::Index>(m));
  std::apply(
      [&](const auto&... ms) {
        Eigen::Index j = 0;
        ((P.col(j++) = ms.predict(X)), ...);
      },
      members);
  return P;
}
template <class Tuple>
fit_report fit_members(Tuple& members, const mat_cref& X, const vec_cref& y) {
  fit_report rep;
  std::apply(
      [&](auto&... ms) {
        std::size_t j = 0;
        ((merge_report(rep, ms.fit(X, y), "member " + std::to_string(j++))), ...);
      },
      members);
  return rep;
}
template <class Tuple>
bool all_fitted(const Tuple& members) {
  return std::apply([](const auto&... ms) { return (ms.fitted() && ...); }, members);
}
template <class Tuple>
void save_members(const Tuple& members, model_writer& w) {
  std::apply([&](const auto&... ms) { (w.put(std::string_view(to_bytes(ms))), ...); }, members);
}
template <class Tuple>
void load_members(Tuple& members, model_reader& r) {
  std::apply(
      [&](auto&... ms) {
        ((ms = from_bytes<std::decay_t<decltype(ms)>>(r.get_string(),
                                                        r.source() + " (nested member)")),
         ...);
      },
      members);
}
}  // namespace detail

/// Averaging ensemble: every member is fitted on the same data; the prediction is the weighted
/// mean of the member predictions and predict_std() their spread (population standard deviation
/// across members, weights ignored), a cheap disagreement-based confidence.
///
/// Members are any regressors, held by value in a std::tuple (no virtual dispatch). fit() returns
/// the most severe member status with every member's message ("member 1: not_converged (...)").
/// Weights default to equal; they must be >= 0 with a positive sum, one per member
/// (invalid_argument). Like scikit-learn's VotingRegressor (plus the spread).
/// Complexity: the sum of the members' fit / predict costs.
template <regressor... Ms>
  requires(sizeof...(Ms) >= 1)
class averaging {
 public:
  static constexpr std::string_view kind = "averaging";
  static constexpr std::uint32_t format_version = 1;

  averaging() : weights_(sizeof...(Ms), 1.0) {}
  explicit averaging(Ms... members) : members_(std::move(members)...), weights_(sizeof...(Ms), 1.0) {}
  averaging(std::vector<double> weights, Ms... members)
      : members_(std::move(members)...), weights_(std::move(weights)) {
    constexpr std::string_view fn = "quantkit::regression::averaging";
    require_same_length(fn, "weights", weights_.size(), "members", sizeof...(Ms));
    double s = 0.0;
    for (const double w : weights_) {
      require(std::isfinite(w) && w >= 0.0, fn, "weights", w, "must be finite and >= 0");
      s += w;
    }
    require(s > 0.0, fn, "weights", s, "must have a positive sum");
  }

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) {
    detail::check_fit_inputs("quantkit::regression::averaging::fit", X, y, 1);
    return detail::fit_members(members_, X, y);
  }
  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const {
    const Eigen::MatrixXd P = member_predictions(X);
    const Eigen::Map<const Eigen::VectorXd> w(weights_.data(), static_cast<Eigen::Index>(weights_.size()));
    return P * w / w.sum();
  }
  [[nodiscard]] Eigen::VectorXd predict_std(const detail::mat_cref& X) const {
    return detail::row_spread(member_predictions(X));
  }
  /// n x members matrix of the member predictions.
  [[nodiscard]] Eigen::MatrixXd member_predictions(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::averaging::predict", X, fitted(), n_features());
    return detail::member_predictions(members_, X);
  }
  [[nodiscard]] bool fitted() const { return detail::all_fitted(members_); }
  [[nodiscard]] Eigen::Index n_features() const {
    return fitted() ? std::get<0>(members_).n_features() : 0;
  }
  [[nodiscard]] const std::tuple<Ms...>& members() const noexcept { return members_; }
  [[nodiscard]] const std::vector<double>& weights() const noexcept { return weights_; }

  void save_payload(model_writer& w) const
    requires(serializable_model<Ms> && ...)
  {
    w.put(std::span<const double>(weights_));
    detail::save_members(members_, w);
  }
  static averaging load_payload(model_reader& r)
    requires(serializable_model<Ms> && ...)
  {
    averaging a;
    a.weights_ = r.get_doubles();
    if (a.weights_.size() != sizeof...(Ms)) r.fail("averaging: wrong number of weights");
    detail::load_members(a.members_, r);
    return a;
  }

 private:
  std::tuple<Ms...> members_;
  std::vector<double> weights_;
};

/// Stacking ensemble (Wolpert 1992; scikit-learn's StackingRegressor without passthrough): the
/// members' out-of-fold predictions on the training data (k-fold, contiguous folds, or shuffled
/// with `seed`) are the features of the meta-model; the members are then refitted on all rows.
/// predict() = meta(member predictions); predict_std() = spread of the member predictions.
///
/// Use a simple meta-model (ridge, linear_regression with fit_intercept). For time-ordered data
/// set shuffle = false (the default) so each fold predicts a contiguous block.
/// fit() returns the most severe status over every member fit (out-of-fold and final) and the
/// meta fit. Errors: folds >= 2, n >= folds (invalid_argument). Complexity: (folds + 1) member
/// fits + one meta fit.
template <regressor Meta, regressor... Ms>
  requires(sizeof...(Ms) >= 1)
class stacking {
 public:
  struct params {
    std::size_t folds = 5;
    bool shuffle = false;
    std::uint64_t seed = 0;
  };
  static constexpr std::string_view kind = "stacking";
  static constexpr std::uint32_t format_version = 1;

  stacking() = default;
  stacking(params p, Meta meta, Ms... members)
      : p_(p), meta_(std::move(meta)), members_(std::move(members)...) {
    require(p_.folds >= 2, "quantkit::regression::stacking", "folds", p_.folds, "must be >= 2");
  }

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) {
    constexpr std::string_view fn = "quantkit::regression::stacking::fit";
    detail::check_fit_inputs(fn, X, y, static_cast<Eigen::Index>(p_.folds));
    const auto n = static_cast<std::size_t>(X.rows());
    const std::vector<split> splits =
        p_.shuffle ? shuffled_kfold(n, p_.folds, p_.seed) : kfold(n, p_.folds);
    Eigen::MatrixXd Z(X.rows(), static_cast<Eigen::Index>(sizeof...(Ms)));
    fit_report rep;
    for (std::size_t f = 0; f < splits.size(); ++f) {
      std::tuple<Ms...> fold_members = members_;
      const fit_report r = detail::fit_members(fold_members, detail::take_rows(X, splits[f].train),
                                               detail::take(y, splits[f].train));
      detail::merge_report(rep, r, "fold " + std::to_string(f));
      if (r.status == fit_status::failed) return rep;
      const Eigen::MatrixXd P =
          detail::member_predictions(fold_members, detail::take_rows(X, splits[f].test));
      for (std::size_t i = 0; i < splits[f].test.size(); ++i)
        Z.row(static_cast<Eigen::Index>(splits[f].test[i])) = P.row(static_cast<Eigen::Index>(i));
    }
    detail::merge_report(rep, meta_.fit(Z, y), "meta-model");
    detail::merge_report(rep, detail::fit_members(members_, X, y), "final members");
    return rep;
  }
  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const {
    return meta_.predict(member_predictions(X));
  }
  [[nodiscard]] Eigen::VectorXd predict_std(const detail::mat_cref& X) const {
    return detail::row_spread(member_predictions(X));
  }
  [[nodiscard]] Eigen::MatrixXd member_predictions(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::stacking::predict", X, fitted(), n_features());
    return detail::member_predictions(members_, X);
  }
  [[nodiscard]] bool fitted() const { return meta_.fitted() && detail::all_fitted(members_); }
  [[nodiscard]] Eigen::Index n_features() const {
    return fitted() ? std::get<0>(members_).n_features() : 0;
  }
  [[nodiscard]] const Meta& meta() const noexcept { return meta_; }
  [[nodiscard]] const std::tuple<Ms...>& members() const noexcept { return members_; }

  void save_payload(model_writer& w) const
    requires serializable_model<Meta> && (serializable_model<Ms> && ...)
  {
    w.put(static_cast<std::uint64_t>(p_.folds));
    w.put_bool(p_.shuffle);
    w.put(p_.seed);
    w.put(std::string_view(to_bytes(meta_)));
    detail::save_members(members_, w);
  }
  static stacking load_payload(model_reader& r)
    requires serializable_model<Meta> && (serializable_model<Ms> && ...)
  {
    stacking s;
    s.p_.folds = static_cast<std::size_t>(r.get_u64());
    s.p_.shuffle = r.get_bool();
    s.p_.seed = r.get_u64();
    s.meta_ = from_bytes<Meta>(r.get_string(), r.source() + " (nested meta-model)");
    detail::load_members(s.members_, r);
    return s;
  }

 private:
  params p_{};
  Meta meta_{};
  std::tuple<Ms...> members_;
};

}  // namespace quantkit::regression
