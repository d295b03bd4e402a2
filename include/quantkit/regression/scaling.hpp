// SPDX-License-Identifier: MIT
// quantkit/regression/scaling.hpp - standard and min-max feature scaling, and a scale-then-fit pipeline
#pragma once

#include "model.hpp"
#include "serialize.hpp"

#include <Eigen/Core>

#include <cmath>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace quantkit::regression {

/// Standardises each column to zero mean and unit variance: (x - mean) / scale.
///
/// Convention: scikit-learn 1.2 StandardScaler(with_mean, with_std): population standard
/// deviation (ddof = 0); a column with zero variance gets scale 1 (it is only centred).
/// Fit on training data only, then transform train and test with the same statistics.
/// Errors: fit needs >= 1 row and finite X; transform checks fitted/column count/finite.
/// Complexity: O(n p).
class standard_scaler {
 public:
  struct params {
    bool with_mean = true;
    bool with_std = true;
  };
  static constexpr std::string_view kind = "standard_scaler";
  static constexpr std::uint32_t format_version = 1;

  standard_scaler() = default;
  explicit standard_scaler(params p) : p_(p) {}

  void fit(const detail::mat_cref& X) {
    constexpr std::string_view fn = "quantkit::regression::standard_scaler::fit";
    if (X.cols() < 1) throw_invalid_argument(fn, "X", "must have at least 1 column", X.cols());
    if (X.rows() < 1) throw_invalid_argument(fn, "X", "must have at least 1 rows", X.rows());
    detail::check_finite_matrix(fn, "X", X);
    mean_ = X.colwise().mean();
    scale_ = Eigen::RowVectorXd::Ones(X.cols());
    if (p_.with_std) {
      for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const double var = (X.col(j).array() - mean_[j]).square().mean();
        scale_[j] = var > 0.0 ? std::sqrt(var) : 1.0;
      }
    }
    if (!p_.with_mean) mean_.setZero();
  }
  [[nodiscard]] Eigen::MatrixXd transform(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::standard_scaler::transform", X, fitted(),
                                 mean_.size());
    return (X.rowwise() - mean_).array().rowwise() / scale_.array();
  }
  [[nodiscard]] Eigen::MatrixXd fit_transform(const detail::mat_cref& X) {
    fit(X);
    return transform(X);
  }
  [[nodiscard]] Eigen::MatrixXd inverse_transform(const detail::mat_cref& Z) const {
    detail::check_predict_inputs("quantkit::regression::standard_scaler::inverse_transform", Z,
                                 fitted(), mean_.size());
    return (Z.array().rowwise() * scale_.array()).matrix().rowwise() + mean_;
  }
  [[nodiscard]] bool fitted() const noexcept { return mean_.size() > 0; }
  [[nodiscard]] const Eigen::RowVectorXd& mean() const noexcept { return mean_; }
  [[nodiscard]] const Eigen::RowVectorXd& scale() const noexcept { return scale_; }

  void save_payload(model_writer& w) const {
    w.put_bool(p_.with_mean);
    w.put_bool(p_.with_std);
    w.put(Eigen::VectorXd(mean_.transpose()));
    w.put(Eigen::VectorXd(scale_.transpose()));
  }
  static standard_scaler load_payload(model_reader& r) {
    standard_scaler s;
    s.p_.with_mean = r.get_bool();
    s.p_.with_std = r.get_bool();
    s.mean_ = r.get_vector().transpose();
    s.scale_ = r.get_vector().transpose();
    if (s.mean_.size() != s.scale_.size()) r.fail("mean and scale sizes differ");
    return s;
  }

 private:
  params p_{};
  Eigen::RowVectorXd mean_;
  Eigen::RowVectorXd scale_;
};

/// Maps each column linearly onto [lo, hi] (default [0, 1]) using the training minimum and maximum.
///
/// Convention: scikit-learn 1.2 MinMaxScaler(feature_range): x * scale + min_ with scale =
/// (hi - lo) / (max - min), a constant column (max == min) gets scale (hi - lo) (its range is
/// treated as 1). Test values outside the training range map outside [lo, hi] (no clipping).
/// Errors: lo < hi finite (invalid_argument); data checks as standard_scaler. Complexity: O(n p).
class minmax_scaler {
 public:
  struct params {
    double lo = 0.0;
    double hi = 1.0;
  };
  static constexpr std::string_view kind = "minmax_scaler";
  static constexpr std::uint32_t format_version = 1;

  minmax_scaler() = default;
  explicit minmax_scaler(params p) : p_(p) {
    require(std::isfinite(p_.lo) && std::isfinite(p_.hi) && p_.lo < p_.hi,
            "quantkit::regression::minmax_scaler", "hi", p_.hi, "must be finite and > lo");
  }

  void fit(const detail::mat_cref& X) {
    constexpr std::string_view fn = "quantkit::regression::minmax_scaler::fit";
    if (X.cols() < 1) throw_invalid_argument(fn, "X", "must have at least 1 column", X.cols());
    if (X.rows() < 1) throw_invalid_argument(fn, "X", "must have at least 1 rows", X.rows());
    detail::check_finite_matrix(fn, "X", X);
    data_min_ = X.colwise().minCoeff();
    data_max_ = X.colwise().maxCoeff();
    scale_.resize(X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      const double range = data_max_[j] - data_min_[j];
      scale_[j] = (p_.hi - p_.lo) / (range > 0.0 ? range : 1.0);
    }
    min_ = (p_.lo - data_min_.array() * scale_.array()).matrix();
  }
  [[nodiscard]] Eigen::MatrixXd transform(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::minmax_scaler::transform", X, fitted(),
                                 scale_.size());
    return (X.array().rowwise() * scale_.array()).matrix().rowwise() + min_;
  }
  [[nodiscard]] Eigen::MatrixXd fit_transform(const detail::mat_cref& X) {
    fit(X);
    return transform(X);
  }
  [[nodiscard]] Eigen::MatrixXd inverse_transform(const detail::mat_cref& Z) const {
    detail::check_predict_inputs("quantkit::regression::minmax_scaler::inverse_transform", Z,
                                 fitted(), scale_.size());
    return (Z.rowwise() - min_).array().rowwise() / scale_.array();
  }
  [[nodiscard]] bool fitted() const noexcept { return scale_.size() > 0; }
  [[nodiscard]] const Eigen::RowVectorXd& data_min() const noexcept { return data_min_; }
  [[nodiscard]] const Eigen::RowVectorXd& data_max() const noexcept { return data_max_; }

  void save_payload(model_writer& w) const {
    w.put(p_.lo);
    w.put(p_.hi);
    w.put(Eigen::VectorXd(data_min_.transpose()));
    w.put(Eigen::VectorXd(data_max_.transpose()));
    w.put(Eigen::VectorXd(scale_.transpose()));
    w.put(Eigen::VectorXd(min_.transpose()));
  }
  static minmax_scaler load_payload(model_reader& r) {
    minmax_scaler s;
    s.p_.lo = r.get_double();
    s.p_.hi = r.get_double();
    s.data_min_ = r.get_vector().transpose();
    s.data_max_ = r.get_vector().transpose();
    s.scale_ = r.get_vector().transpose();
    s.min_ = r.get_vector().transpose();
    if (s.data_min_.size() != s.scale_.size() || s.data_max_.size() != s.scale_.size() ||
        s.min_.size() != s.scale_.size()) {
      r.fail("min-max scaler vectors differ in size");
    }
    return s;
  }

 private:
  params p_{};
  Eigen::RowVectorXd data_min_;
  Eigen::RowVectorXd data_max_;
  Eigen::RowVectorXd scale_;
  Eigen::RowVectorXd min_;
};

/// A feature scaler: fit(X), transform(X) const, fitted() const.
template <class S>
concept scaler = requires(S& s, const S& cs, const Eigen::MatrixXd& X) {
  s.fit(X);
  { cs.transform(X) } -> std::same_as<Eigen::MatrixXd>;
  { cs.fitted() } -> std::convertible_to<bool>;
};

/// Pipeline: fit() fits the scaler on the training X only, then the model on the scaled X;
/// predict() (and predict_std() when the model has it) scale X with the training statistics.
/// Inside cross_val_score each fold fits its own scaler on its own training rows, so no test-fold
/// information leaks into the scaling. Saved as kind "scaled" with both parts nested.
/// Example: `scaled<standard_scaler, kernel_ridge> m({}, kernel_ridge({.kernel = kernel_type::rbf}));`
template <scaler S, regressor M>
class scaled {
 public:
  static constexpr std::string_view kind = "scaled";
  static constexpr std::uint32_t format_version = 1;

  scaled() = default;
  scaled(S s, M m) : scaler_(std::move(s)), model_(std::move(m)) {}

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) {
    detail::check_fit_inputs("quantkit::regression::scaled::fit", X, y, 1);
    scaler_.fit(X);
    return model_.fit(scaler_.transform(X), y);
  }
  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y, const detail::vec_cref& w)
    requires weighted_regressor<M>
  {
    detail::check_fit_inputs("quantkit::regression::scaled::fit", X, y, 1);
    scaler_.fit(X);
    return model_.fit(scaler_.transform(X), y, w);
  }
  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::scaled::predict", X, fitted(), n_features());
    return model_.predict(scaler_.transform(X));
  }
  [[nodiscard]] Eigen::VectorXd predict_std(const detail::mat_cref& X) const
    requires probabilistic_regressor<M>
  {
    detail::check_predict_inputs("quantkit::regression::scaled::predict_std", X, fitted(), n_features());
    return model_.predict_std(scaler_.transform(X));
  }
  [[nodiscard]] bool fitted() const { return scaler_.fitted() && model_.fitted(); }
  [[nodiscard]] Eigen::Index n_features() const { return fitted() ? model_.n_features() : 0; }
  [[nodiscard]] const S& get_scaler() const noexcept { return scaler_; }
  [[nodiscard]] const M& model() const noexcept { return model_; }
  [[nodiscard]] M& model() noexcept { return model_; }

  void save_payload(model_writer& w) const
    requires serializable_model<S> && serializable_model<M>
  {
    w.put(std::string_view(to_bytes(scaler_)));
    w.put(std::string_view(to_bytes(model_)));
  }
  static scaled load_payload(model_reader& r)
    requires serializable_model<S> && serializable_model<M>
  {
    scaled p;
    p.scaler_ = from_bytes<S>(r.get_string(), r.source() + " (nested scaler)");
    p.model_ = from_bytes<M>(r.get_string(), r.source() + " (nested model)");
    return p;
  }

 private:
  S scaler_{};
  M model_{};
};

}  // namespace quantkit::regression
