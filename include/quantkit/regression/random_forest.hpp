// SPDX-License-Identifier: MIT
// quantkit/regression/random_forest.hpp - random forest regressor (bootstrap, OOB R^2, tree spread)
#pragma once

#include "../core/error.hpp"
#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "model.hpp"
#include "serialize.hpp"
#include "tree.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quantkit::regression {

namespace detail {

inline void require_positive(std::string_view fn, std::string_view name, double v) {
  require(v > 0.0 && std::isfinite(v), fn, name, v, "must be finite and > 0");
}

}  // namespace detail

/// Random forest regressor (scikit-learn RandomForestRegressor): `n_estimators` CART trees, each
/// grown to the given limits on a bootstrap sample of the rows (drawn with replacement; the draw
/// counts become sample weights, as in scikit-learn) considering `max_features` random features
/// per split. Prediction is the mean of the trees; predict_std() is the spread of the trees'
/// predictions (population standard deviation over trees, a confidence for surrogate models).
/// Out-of-bag: with `oob_score`, each training row is predicted by the trees that did not draw
/// it and oob_score() is the R^2 of those predictions over rows with at least one such tree
/// (scikit-learn counts a row with none as a prediction of 0; see docs/regression.md).
/// Determinism: tree i draws from quantkit::rng(seed, i), so the forest is bit-identical for any
/// `threads`. Defaults follow scikit-learn 1.2 (100 trees, all features, unlimited depth).
/// Complexity: fit O(d n log n + T d n log n) (presorted, O(d n) per level), predict
/// O(n T depth); memory O(T nodes).
class random_forest_regressor {
 public:
  struct params {
    std::size_t n_estimators = 100;
    std::size_t max_depth = 0;  ///< 0 = unlimited
    std::size_t min_samples_split = 2;
    std::size_t min_samples_leaf = 1;
    std::size_t max_features = 0;        ///< features per split; 0 = use the fraction
    double max_features_fraction = 1.0;  ///< in (0, 1]; scikit-learn's regressor default 1.0
    double min_impurity_decrease = 0.0;
    bool bootstrap = true;
    double max_samples_fraction = 1.0;  ///< bootstrap draws = max(1, round(fraction * n))
    bool oob_score = false;
    std::uint64_t seed = 0;
    std::size_t threads = 1;  ///< fit/predict workers (0 = hardware); never changes results
  };
  using params_type = params;
  static constexpr std::string_view kind = "random_forest";
  static constexpr std::uint32_t format_version = 1;

  random_forest_regressor() = default;
  /// Throws invalid_argument for n_estimators == 0, invalid tree settings, a max_samples_fraction
  /// outside (0, 1], or oob_score without bootstrap.
  explicit random_forest_regressor(const params& p) : p_(p) { validate(p_); }

  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  fit_report fit(const Eigen::Ref<const Eigen::MatrixXd>& X,
                 const Eigen::Ref<const Eigen::VectorXd>& y) {
    return fit_impl(X, y, nullptr);
  }
  /// Weighted fit (weights multiply the bootstrap counts).
  fit_report fit(const Eigen::Ref<const Eigen::MatrixXd>& X,
                 const Eigen::Ref<const Eigen::VectorXd>& y,
                 const Eigen::Ref<const Eigen::VectorXd>& w) {
    return fit_impl(X, y, &w);
  }

  /// Mean prediction of the trees (summed in tree order). O(n T depth).
  [[nodiscard]] Eigen::VectorXd predict(const Eigen::Ref<const Eigen::MatrixXd>& X) const {
    detail::check_predict_inputs("quantkit::regression::random_forest_regressor::predict", X,
                                 fitted(), n_features());
    Eigen::VectorXd out(X.rows());
    const auto d = X.cols();
    const double inv = 1.0 / static_cast<double>(trees_.size());
    detail::for_each_row_block(X, p_.threads, [&](Eigen::Index first, Eigen::Index rows,
                                                  const double* buf) {
      double* acc = out.data() + first;
      std::fill(acc, acc + rows, 0.0);
      for (const auto& t : packed_) t.template predict_block<true>(buf, rows, d, 1.0, acc);
      for (Eigen::Index i = 0; i < rows; ++i) acc[i] *= inv;
    });
    return out;
  }

  /// Standard deviation of the trees' predictions per row (ddof 0), two-pass in tree order.
  [[nodiscard]] Eigen::VectorXd predict_std(const Eigen::Ref<const Eigen::MatrixXd>& X) const {
    const Eigen::MatrixXd all = predict_trees(X);
    Eigen::VectorXd out(X.rows());
    for (Eigen::Index i = 0; i < all.rows(); ++i) {
      const double mean = all.row(i).mean();
      out(i) = std::sqrt((all.row(i).array() - mean).square().mean());
    }
    return out;
  }

  /// Every tree's prediction: an n x T matrix (column t = tree t). O(n T) memory.
  [[nodiscard]] Eigen::MatrixXd predict_trees(const Eigen::Ref<const Eigen::MatrixXd>& X) const {
    detail::check_predict_inputs("quantkit::regression::random_forest_regressor::predict_trees",
                                 X, fitted(), n_features());
    Eigen::MatrixXd out(X.rows(), static_cast<Eigen::Index>(trees_.size()));
    const auto d = X.cols();
    detail::for_each_row_block(X, p_.threads, [&](Eigen::Index first, Eigen::Index rows,
                                                  const double* buf) {
      for (std::size_t t = 0; t < packed_.size(); ++t) {
        double* col = out.col(static_cast<Eigen::Index>(t)).data() + first;
        packed_[t].template predict_block<false>(buf, rows, d, 1.0, col);
      }
    });
    return out;
  }

  [[nodiscard]] bool fitted() const noexcept { return !trees_.empty(); }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return n_features_; }
  [[nodiscard]] const std::vector<tree_structure>& trees() const noexcept { return trees_; }

  /// Out-of-bag R^2 (NaN unless fitted with oob_score, or when fewer than 2 rows were out of bag
  /// or their targets are constant).
  [[nodiscard]] double oob_score() const noexcept { return oob_score_; }
  /// Out-of-bag prediction per training row (NaN for rows every tree drew); empty unless
  /// fitted with oob_score.
  [[nodiscard]] const Eigen::VectorXd& oob_prediction() const noexcept { return oob_pred_; }

  /// Impurity importance: the mean over trees (with at least one split) of each tree's
  /// normalized importance, normalized to sum 1 (scikit-learn feature_importances_).
  [[nodiscard]] Eigen::VectorXd feature_importances() const {
    detail::require_fitted("quantkit::regression::random_forest_regressor::feature_importances",
                           fitted());
    const auto d = static_cast<std::size_t>(n_features_);
    std::vector<double> acc(d, 0.0);
    std::size_t used = 0;
    for (const auto& t : trees_) {
      if (t.size() <= 1) continue;
      const Eigen::VectorXd v = detail::normalized(t.impurity_decrease(d));
      for (std::size_t j = 0; j < d; ++j) acc[j] += v(static_cast<Eigen::Index>(j));
      ++used;
    }
    if (used > 0) {
      for (double& a : acc) a /= static_cast<double>(used);
    }
    return detail::normalized(acc);
  }

  void save_payload(model_writer& w) const {
    w.put(static_cast<std::uint64_t>(p_.n_estimators));
    w.put(static_cast<std::uint64_t>(p_.max_depth));
    w.put(static_cast<std::uint64_t>(p_.min_samples_split));
    w.put(static_cast<std::uint64_t>(p_.min_samples_leaf));
    w.put(static_cast<std::uint64_t>(p_.max_features));
    w.put(p_.max_features_fraction);
    w.put(p_.min_impurity_decrease);
    w.put_bool(p_.bootstrap);
    w.put(p_.max_samples_fraction);
    w.put_bool(p_.oob_score);
    w.put(p_.seed);
    w.put(static_cast<std::uint64_t>(p_.threads));
    w.put(static_cast<std::uint64_t>(n_features_));
    w.put(oob_score_);
    w.put(oob_pred_);
    w.put(static_cast<std::uint64_t>(trees_.size()));
    for (const auto& t : trees_) t.save(w);
  }
  static random_forest_regressor load_payload(model_reader& r) {
    params p;
    p.n_estimators = static_cast<std::size_t>(r.get_u64());
    p.max_depth = static_cast<std::size_t>(r.get_u64());
    p.min_samples_split = static_cast<std::size_t>(r.get_u64());
    p.min_samples_leaf = static_cast<std::size_t>(r.get_u64());
    p.max_features = static_cast<std::size_t>(r.get_u64());
    p.max_features_fraction = r.get_double();
    p.min_impurity_decrease = r.get_double();
    p.bootstrap = r.get_bool();
    p.max_samples_fraction = r.get_double();
    p.oob_score = r.get_bool();
    p.seed = r.get_u64();
    p.threads = static_cast<std::size_t>(r.get_u64());
    random_forest_regressor m(p);
    const std::uint64_t d = r.get_size(std::uint64_t{1} << 31, "n_features");
    if (d == 0) r.fail("n_features is 0");
    m.n_features_ = static_cast<Eigen::Index>(d);
    m.oob_score_ = r.get_double();
    m.oob_pred_ = r.get_vector();
    const std::uint64_t nt = r.get_size(std::uint64_t{1} << 24, "tree count");
    if (nt == 0) r.fail("a fitted forest has no trees");
    for (std::uint64_t i = 0; i < nt; ++i) {
      m.trees_.push_back(tree_structure::load(r, static_cast<std::size_t>(d),
                                              "quantkit::regression::random_forest_regressor"));
    }
    m.pack();
    return m;
  }

 private:
  void pack() {
    packed_.clear();
    packed_.reserve(trees_.size());
    for (const auto& t : trees_) packed_.push_back(detail::packed_tree::make(t));
  }

  static void validate(const params& p) {
    constexpr std::string_view fn = "quantkit::regression::random_forest_regressor";
    require(p.n_estimators >= 1, fn, "n_estimators", p.n_estimators, "must be >= 1");
    detail::check_tree_settings(fn, p.min_samples_split, p.min_samples_leaf,
                                p.max_features_fraction);
    require(p.min_impurity_decrease >= 0.0 && std::isfinite(p.min_impurity_decrease), fn,
            "min_impurity_decrease", p.min_impurity_decrease, "must be finite and >= 0");
    require(p.max_samples_fraction > 0.0 && p.max_samples_fraction <= 1.0, fn,
            "max_samples_fraction", p.max_samples_fraction, "must be in (0, 1]");
    if (p.oob_score && !p.bootstrap) {
      throw_invalid_argument(fn, "oob_score", "oob_score requires bootstrap = true");
    }
  }

  struct tree_result {
    tree_structure tree;
    std::vector<std::int32_t> oob_rows;
    std::vector<double> oob_values;
  };

  fit_report fit_impl(const Eigen::Ref<const Eigen::MatrixXd>& X,
                      const Eigen::Ref<const Eigen::VectorXd>& y,
                      const Eigen::Ref<const Eigen::VectorXd>* w) {
    constexpr std::string_view fn = "quantkit::regression::random_forest_regressor::fit";
    detail::check_fit_inputs(fn, X, y, p_.oob_score ? 2 : 1);
    if (w != nullptr) detail::check_sample_weight(fn, *w, X.rows());
    const auto n = static_cast<std::size_t>(X.rows());
    const auto d = static_cast<std::size_t>(X.cols());
    const Eigen::VectorXd yc = y;
    Eigen::VectorXd wc;
    if (w != nullptr) wc = *w;
    // Presorted on the fit's workers (the order is total: the same for any thread count).
    const auto sc = detail::sorted_columns::make(X, p_.threads);
    detail::cart_settings s;
    s.max_depth = p_.max_depth;
    s.min_samples_split = p_.min_samples_split;
    s.min_samples_leaf = p_.min_samples_leaf;
    s.max_features = detail::resolve_max_features(p_.max_features, p_.max_features_fraction, d);
    s.min_impurity_decrease = p_.min_impurity_decrease;
    const auto draws = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::llround(p_.max_samples_fraction * static_cast<double>(n))));

    auto grow = [&](std::size_t i) {
      rng g(p_.seed, i);
      tree_result res;
      std::vector<double> weight(n, 1.0);
      if (p_.bootstrap) {
        std::fill(weight.begin(), weight.end(), 0.0);
        for (std::size_t k = 0; k < draws; ++k) weight[uniform_index(g, n)] += 1.0;
      }
      if (p_.oob_score) {
        for (std::size_t k = 0; k < n; ++k) {
          if (weight[k] == 0.0) res.oob_rows.push_back(static_cast<std::int32_t>(k));
        }
      }
      if (w != nullptr) {
        for (std::size_t k = 0; k < n; ++k) weight[k] *= wc(static_cast<Eigen::Index>(k));
      }
      bool any = false;
      for (double v : weight) any = any || v > 0.0;
      if (!any) {
        // Every drawn row has weight 0: an unweighted bootstrap sample of the rows with weight > 0
        // would change the stream; a single leaf at the weighted mean is the honest answer.
        weight.assign(n, 0.0);
        for (std::size_t k = 0; k < n; ++k) weight[k] = wc(static_cast<Eigen::Index>(k));
      }
      detail::cart_builder b;
      res.tree = b.build(X, yc.data(), weight.data(), sc, s, g);
      res.oob_values.reserve(res.oob_rows.size());
      for (const std::int32_t k : res.oob_rows) {
        res.oob_values.push_back(
            res.tree.nodes[static_cast<std::size_t>(res.tree.leaf_of(X.data() + k, X.outerStride()))]
                .value);
      }
      return res;
    };
    parallel_options opt;
    opt.threads = p_.threads;
    auto results = parallel_map(p_.n_estimators, grow, opt);
    results.report.rethrow_first_error();

    trees_.clear();
    trees_.reserve(p_.n_estimators);
    oob_score_ = std::numeric_limits<double>::quiet_NaN();
    oob_pred_.resize(0);
    std::vector<double> oob_sum;
    std::vector<std::size_t> oob_cnt;
    if (p_.oob_score) {
      oob_sum.assign(n, 0.0);
      oob_cnt.assign(n, 0);
    }
    for (auto& v : results.values) {
      tree_result& r = *v;
      for (std::size_t k = 0; k < r.oob_rows.size(); ++k) {
        const auto row = static_cast<std::size_t>(r.oob_rows[k]);
        oob_sum[row] += r.oob_values[k];
        ++oob_cnt[row];
      }
      trees_.push_back(std::move(r.tree));
    }
    n_features_ = X.cols();
    pack();
    fit_report rep;
    if (p_.oob_score) {
      oob_pred_ = Eigen::VectorXd::Constant(X.rows(), std::numeric_limits<double>::quiet_NaN());
      double ymean = 0.0;
      std::size_t m = 0;
      for (std::size_t k = 0; k < n; ++k) {
        if (oob_cnt[k] == 0) continue;
        oob_pred_(static_cast<Eigen::Index>(k)) = oob_sum[k] / static_cast<double>(oob_cnt[k]);
        ymean += yc(static_cast<Eigen::Index>(k));
        ++m;
      }
      if (m >= 2) {
        ymean /= static_cast<double>(m);
        double ss_res = 0.0, ss_tot = 0.0;
        for (std::size_t k = 0; k < n; ++k) {
          if (oob_cnt[k] == 0) continue;
          const double yk = yc(static_cast<Eigen::Index>(k));
          ss_res += (yk - oob_pred_(static_cast<Eigen::Index>(k))) *
                    (yk - oob_pred_(static_cast<Eigen::Index>(k)));
          ss_tot += (yk - ymean) * (yk - ymean);
        }
        if (ss_tot > 0.0) oob_score_ = 1.0 - ss_res / ss_tot;
      }
      if (m < n) {
        rep.message = std::to_string(n - m) +
                      " rows were drawn by every tree and have no out-of-bag prediction";
      }
    }
    return rep;
  }

  params p_{};
  std::vector<tree_structure> trees_;
  std::vector<detail::packed_tree> packed_;  // prediction layout of trees_
  Eigen::Index n_features_ = 0;
  double oob_score_ = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd oob_pred_;
};

static_assert(weighted_regressor<random_forest_regressor>);
static_assert(probabilistic_regressor<random_forest_regressor>);

}  // namespace quantkit::regression
