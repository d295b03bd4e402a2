// SPDX-License-Identifier: MIT
// quantkit/regression/knn.hpp - k-nearest-neighbours regression (brute force, Euclidean)
#pragma once

#include "model.hpp"
#include "serialize.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quantkit::regression {

/// How the k neighbours' targets are combined.
enum class knn_weights {
  uniform,  ///< plain mean
  distance  ///< weights 1/d; if some neighbours are at distance 0, only those count (equally)
};

/// k-nearest-neighbours regressor: the prediction for x is the (weighted) mean of the targets of
/// the k training rows closest to x in Euclidean distance.
///
/// Convention: scikit-learn 1.2 KNeighborsRegressor(n_neighbors=k, weights, algorithm="brute",
/// metric="minkowski", p=2). Ties in distance are broken by the lower training-row index (scikit-
/// learn's order among exact ties is unspecified). fit() stores a copy of the training data.
/// Errors: k >= 1 (invalid_argument at construction); fit needs >= k rows; sample weights are not
/// supported (as in scikit-learn). Complexity: fit O(n p); predict O(m n (p + log k)) for m rows.
class knn_regressor {
 public:
  struct params {
    std::size_t k = 5;
    knn_weights weights = knn_weights::uniform;
  };
  static constexpr std::string_view kind = "knn_regressor";
  static constexpr std::uint32_t format_version = 1;

  knn_regressor() = default;
  explicit knn_regressor(params p) : p_(p) { validate(); }

  fit_report fit(const detail::mat_cref& X, const detail::vec_cref& y) {
    detail::check_fit_inputs("quantkit::regression::knn_regressor::fit", X, y,
                             static_cast<Eigen::Index>(p_.k));
    Xt_ = X.transpose();
    y_ = y;
    return {};
  }

  [[nodiscard]] Eigen::VectorXd predict(const detail::mat_cref& X) const {
    detail::check_predict_inputs("quantkit::regression::knn_regressor::predict", X, fitted(),
                                 n_features());
    const Eigen::Index n = Xt_.cols();
    const Eigen::Index p = Xt_.rows();
    const auto k = static_cast<std::ptrdiff_t>(p_.k);
    Eigen::VectorXd out(X.rows());
    std::vector<std::pair<double, Eigen::Index>> d(static_cast<std::size_t>(n));
    // std::vector, not an Eigen temporary: g++ 12 -O3 reports a false -Wuse-after-free inside
    // Eigen's aligned_free for an Eigen vector here.
    std::vector<double> q(static_cast<std::size_t>(p));
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      for (Eigen::Index j = 0; j < p; ++j) q[static_cast<std::size_t>(j)] = X(r, j);
      for (Eigen::Index i = 0; i < n; ++i) {
        const double* xi = Xt_.col(i).data();
        double s = 0.0;
        for (Eigen::Index j = 0; j < p; ++j) {
          const double diff = xi[j] - q[static_cast<std::size_t>(j)];
          s += diff * diff;
        }
        d[static_cast<std::size_t>(i)] = {s, i};
      }
      std::partial_sort(d.begin(), d.begin() + k, d.end());
      if (p_.weights == knn_weights::uniform) {
        double s = 0.0;
        for (std::ptrdiff_t j = 0; j < k; ++j) s += y_[d[static_cast<std::size_t>(j)].second];
        out[r] = s / static_cast<double>(k);
      } else if (d[0].first == 0.0) {
        double s = 0.0;
        double c = 0.0;
        for (std::ptrdiff_t j = 0; j < k && d[static_cast<std::size_t>(j)].first == 0.0; ++j) {
          s += y_[d[static_cast<std::size_t>(j)].second];
          c += 1.0;
        }
        out[r] = s / c;
      } else {
        double s = 0.0;
        double ws = 0.0;
        for (std::ptrdiff_t j = 0; j < k; ++j) {
          const auto& e = d[static_cast<std::size_t>(j)];
          const double w = 1.0 / std::sqrt(e.first);
          s += w * y_[e.second];
          ws += w;
        }
        out[r] = s / ws;
      }
    }
    return out;
  }

  [[nodiscard]] bool fitted() const noexcept { return y_.size() > 0; }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return fitted() ? Xt_.rows() : 0; }
  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  void save_payload(model_writer& w) const {
    w.put(static_cast<std::uint64_t>(p_.k));
    w.put(static_cast<std::uint64_t>(p_.weights == knn_weights::distance ? 1 : 0));
    w.put(Xt_);
    w.put(y_);
  }
  static knn_regressor load_payload(model_reader& r) {
    knn_regressor m;
    m.p_.k = static_cast<std::size_t>(r.get_size(std::uint64_t{1} << 40, "k"));
    const std::uint64_t wt = r.get_size(1, "weights code");
    m.p_.weights = wt == 1 ? knn_weights::distance : knn_weights::uniform;
    m.Xt_ = r.get_matrix();
    m.y_ = r.get_vector();
    if (m.p_.k < 1) r.fail("k must be >= 1");
    if (m.Xt_.cols() != m.y_.size()) r.fail("training matrix and targets disagree in size");
    if (m.y_.size() > 0 && m.y_.size() < static_cast<Eigen::Index>(m.p_.k)) r.fail("fewer rows than k");
    return m;
  }

 private:
  void validate() const {
    require(p_.k >= 1, "quantkit::regression::knn_regressor", "k", p_.k, "must be >= 1");
  }
  params p_{};
  Eigen::MatrixXd Xt_;  // features x rows: each training row contiguous
  Eigen::VectorXd y_;
};

static_assert(regressor<knn_regressor>);
static_assert(serializable_model<knn_regressor>);

}  // namespace quantkit::regression
