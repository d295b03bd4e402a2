// SPDX-License-Identifier: MIT
// quantkit/regression/gradient_boosting.hpp - gradient boosting with exact CART splits
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "boosting_loss.hpp"
#include "model.hpp"
#include "random_forest.hpp"
#include "serialize.hpp"
#include "tree.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::regression {

/// Gradient boosting regressor with exact (presorted) splits: scikit-learn
/// GradientBoostingRegressor. Stage m fits a CART tree (criterion friedman_mse) to the negative
/// gradient of the loss, re-fits its leaves for absolute/Huber loss (weighted median / one Huber
/// step, over the in-bag rows), and adds learning_rate times the tree to the model. With
/// subsample < 1 each stage draws floor(subsample n) rows without replacement from
/// quantkit::rng(seed, m) (stochastic gradient boosting). With subsample = 1 and no tied splits
/// the model equals scikit-learn's (tested on float32-rounded X, which is what scikit-learn
/// grows its trees on). Stages are sequential; within a stage the presort, each large node's
/// split search and partition (per feature) and the rows' leaf lookup run on `threads` workers,
/// and so does prediction (over row blocks). Work is split only where no floating-point sum
/// crosses a task boundary, so the fitted model and predictions are bit-identical for any
/// thread count; nodes below detail::parallel_min_work (rows x features) stay serial, so a
/// 2,000-row fit never starts a thread. Complexity: fit O(d n log n + M d n depth), divided by
/// up to `threads` on large nodes; predict O(n M depth) / threads.
class gradient_boosting_regressor {
 public:
  struct params {
    boosting_loss loss = boosting_loss::squared_error;
    std::size_t n_estimators = 100;
    double learning_rate = 0.1;
    std::size_t max_depth = 3;  ///< 0 = unlimited
    std::size_t min_samples_split = 2;
    std::size_t min_samples_leaf = 1;
    std::size_t max_features = 0;        ///< features per split; 0 = use the fraction
    double max_features_fraction = 1.0;  ///< in (0, 1]
    double min_impurity_decrease = 0.0;
    double subsample = 1.0;  ///< in (0, 1]
    double alpha = 0.9;      ///< Huber: delta is this quantile of |residual|, in (0, 1)
    std::uint64_t seed = 0;
    std::size_t threads = 1;  ///< fit and prediction workers (0 = hardware); never changes results
  };
  using params_type = params;
  static constexpr std::string_view kind = "gradient_boosting";
  static constexpr std::uint32_t format_version = 1;

  gradient_boosting_regressor() = default;
  /// Throws invalid_argument for n_estimators == 0, learning_rate <= 0, subsample or
  /// max_features_fraction outside (0, 1], alpha outside (0, 1), or invalid tree settings.
  explicit gradient_boosting_regressor(const params& p) : p_(p) { validate(p_); }

  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  fit_report fit(const Eigen::Ref<const Eigen::MatrixXd>& X,
                 const Eigen::Ref<const Eigen::VectorXd>& y) {
    return fit_impl(X, y, nullptr);
  }
  fit_report fit(const Eigen::Ref<const Eigen::MatrixXd>& X,
                 const Eigen::Ref<const Eigen::VectorXd>& y,
                 const Eigen::Ref<const Eigen::VectorXd>& w) {
    return fit_impl(X, y, &w);
  }

  /// init + sum_m learning_rate * tree_m(x), added in stage order.
  [[nodiscard]] Eigen::VectorXd predict(const Eigen::Ref<const Eigen::MatrixXd>& X) const {
    detail::check_predict_inputs("quantkit::regression::gradient_boosting_regressor::predict", X,
                                 fitted(), n_features());
    Eigen::VectorXd out(X.rows());
    const auto d = X.cols();
    detail::for_each_row_block(X, p_.threads, [&](Eigen::Index first, Eigen::Index rows,
                                                  const double* buf) {
      double* o = out.data() + first;
      std::fill(o, o + rows, init_);
      for (const auto& t : packed_) t.template predict_block<true>(buf, rows, d, p_.learning_rate, o);
    });
    return out;
  }

  [[nodiscard]] bool fitted() const noexcept { return !trees_.empty(); }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return n_features_; }
  [[nodiscard]] const std::vector<tree_structure>& trees() const noexcept { return trees_; }
  /// The initial (constant) prediction.
  [[nodiscard]] double init_value() const noexcept { return init_; }
  /// Training loss (on the in-bag rows, weighted) after each stage.
  [[nodiscard]] const std::vector<double>& train_loss() const noexcept { return train_loss_; }

  /// Impurity importance: mean over stages (trees with a split) of the unnormalized impurity
  /// decrease, normalized to sum 1 (scikit-learn feature_importances_).
  [[nodiscard]] Eigen::VectorXd feature_importances() const {
    detail::require_fitted(
        "quantkit::regression::gradient_boosting_regressor::feature_importances", fitted());
    const auto d = static_cast<std::size_t>(n_features_);
    std::vector<double> acc(d, 0.0);
    std::size_t used = 0;
    for (const auto& t : trees_) {
      if (t.size() <= 1) continue;
      const auto v = t.impurity_decrease(d);
      for (std::size_t j = 0; j < d; ++j) acc[j] += v[j];
      ++used;
    }
    if (used > 0) {
      for (double& a : acc) a /= static_cast<double>(used);
    }
    return detail::normalized(acc);
  }

  void save_payload(model_writer& w) const {
    w.put(static_cast<std::uint64_t>(p_.loss));
    w.put(static_cast<std::uint64_t>(p_.n_estimators));
    w.put(p_.learning_rate);
    w.put(static_cast<std::uint64_t>(p_.max_depth));
    w.put(static_cast<std::uint64_t>(p_.min_samples_split));
    w.put(static_cast<std::uint64_t>(p_.min_samples_leaf));
    w.put(static_cast<std::uint64_t>(p_.max_features));
    w.put(p_.max_features_fraction);
    w.put(p_.min_impurity_decrease);
    w.put(p_.subsample);
    w.put(p_.alpha);
    w.put(p_.seed);
    w.put(static_cast<std::uint64_t>(p_.threads));
    w.put(static_cast<std::uint64_t>(n_features_));
    w.put(init_);
    w.put(std::span<const double>(train_loss_));
    w.put(static_cast<std::uint64_t>(trees_.size()));
    for (const auto& t : trees_) t.save(w);
  }
  static gradient_boosting_regressor load_payload(model_reader& r) {
    params p;
    const std::uint64_t loss = r.get_u64();
    if (loss > 2) r.fail("unknown loss code " + std::to_string(loss));
    p.loss = static_cast<boosting_loss>(loss);
    p.n_estimators = static_cast<std::size_t>(r.get_u64());
    p.learning_rate = r.get_double();
    p.max_depth = static_cast<std::size_t>(r.get_u64());
    p.min_samples_split = static_cast<std::size_t>(r.get_u64());
    p.min_samples_leaf = static_cast<std::size_t>(r.get_u64());
    p.max_features = static_cast<std::size_t>(r.get_u64());
    p.max_features_fraction = r.get_double();
    p.min_impurity_decrease = r.get_double();
    p.subsample = r.get_double();
    p.alpha = r.get_double();
    p.seed = r.get_u64();
    p.threads = static_cast<std::size_t>(r.get_u64());
    gradient_boosting_regressor m(p);
    const std::uint64_t d = r.get_size(std::uint64_t{1} << 31, "n_features");
    if (d == 0) r.fail("n_features is 0");
    m.n_features_ = static_cast<Eigen::Index>(d);
    m.init_ = r.get_double();
    m.train_loss_ = r.get_doubles();
    const std::uint64_t nt = r.get_size(std::uint64_t{1} << 24, "tree count");
    if (nt == 0) r.fail("a fitted model has no trees");
    for (std::uint64_t i = 0; i < nt; ++i) {
      m.trees_.push_back(tree_structure::load(r, static_cast<std::size_t>(d),
                                              "quantkit::regression::gradient_boosting_regressor"));
    }
    m.pack();
    return m;
  }

 private:
  static void validate(const params& p) {
    constexpr std::string_view fn = "quantkit::regression::gradient_boosting_regressor";
    require(p.n_estimators >= 1, fn, "n_estimators", p.n_estimators, "must be >= 1");
    detail::require_positive(fn, "learning_rate", p.learning_rate);
    detail::check_tree_settings(fn, p.min_samples_split, p.min_samples_leaf,
                                p.max_features_fraction);
    require(p.min_impurity_decrease >= 0.0 && std::isfinite(p.min_impurity_decrease), fn,
            "min_impurity_decrease", p.min_impurity_decrease, "must be finite and >= 0");
    require(p.subsample > 0.0 && p.subsample <= 1.0, fn, "subsample", p.subsample,
            "must be in (0, 1]");
    require(p.alpha > 0.0 && p.alpha < 1.0, fn, "alpha", p.alpha, "must be in (0, 1)");
  }

  void pack() {
    packed_.clear();
    for (const auto& t : trees_) packed_.push_back(detail::packed_tree::make(t));
  }

  fit_report fit_impl(const Eigen::Ref<const Eigen::MatrixXd>& X,
                      const Eigen::Ref<const Eigen::VectorXd>& y,
                      const Eigen::Ref<const Eigen::VectorXd>* w) {
    constexpr std::string_view fn = "quantkit::regression::gradient_boosting_regressor::fit";
    detail::check_fit_inputs(fn, X, y, 2);
    if (w != nullptr) detail::check_sample_weight(fn, *w, X.rows());
    const auto n = static_cast<std::size_t>(X.rows());
    const auto d = static_cast<std::size_t>(X.cols());
    const std::vector<double> yv(y.data(), y.data() + n);
    std::vector<double> wv(n, 1.0);
    if (w != nullptr) {
      for (std::size_t i = 0; i < n; ++i) wv[i] = (*w)(static_cast<Eigen::Index>(i));
    }
    std::vector<std::size_t> order;
    std::vector<double> scratch;

    // Initial prediction (scikit-learn's DummyRegressor: mean, or the median; np.median without
    // weights, the weighted percentile with them).
    if (p_.loss == boosting_loss::squared_error) {
      double sw = 0.0, s = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        sw += wv[i];
        s += wv[i] * yv[i];
      }
      init_ = s / sw;
    } else if (w == nullptr) {
      init_ = detail::percentile_linear(yv, 50.0, scratch);
    } else {
      init_ = detail::weighted_percentile(yv, wv, 50.0, order);
    }

    const auto sc = detail::sorted_columns::make(X, p_.threads);
    detail::cart_settings s;
    s.max_depth = p_.max_depth;
    s.min_samples_split = p_.min_samples_split;
    s.min_samples_leaf = p_.min_samples_leaf;
    s.max_features = detail::resolve_max_features(p_.max_features, p_.max_features_fraction, d);
    s.min_impurity_decrease = p_.min_impurity_decrease;
    s.criterion = detail::split_criterion::friedman_mse;

    std::vector<double> raw(n, init_);
    std::vector<double> residual(n);
    std::vector<double> fit_w(n);
    std::vector<double> absdiff(n);
    std::vector<std::size_t> perm(n);
    std::vector<std::uint8_t> inbag(n, 1);
    std::vector<std::int32_t> leaf(n);
    std::vector<double> leaf_diff;
    std::vector<double> leaf_w;
    std::vector<std::size_t> by_leaf(n);
    const std::size_t n_inbag =
        p_.subsample < 1.0
            ? std::max<std::size_t>(1, static_cast<std::size_t>(p_.subsample * static_cast<double>(n)))
            : n;
    detail::cart_builder builder(p_.threads);
    trees_.clear();
    train_loss_.clear();
    trees_.reserve(p_.n_estimators);
    for (std::size_t m = 0; m < p_.n_estimators; ++m) {
      rng g(p_.seed, m);
      if (n_inbag < n) {
        std::iota(perm.begin(), perm.end(), std::size_t{0});
        std::fill(inbag.begin(), inbag.end(), std::uint8_t{0});
        for (std::size_t k = 0; k < n_inbag; ++k) {
          const auto j = k + static_cast<std::size_t>(uniform_index(g, n - k));
          std::swap(perm[k], perm[j]);
          inbag[perm[k]] = 1;
        }
      }
      double gamma = 0.0;
      if (p_.loss == boosting_loss::squared_error) {
        for (std::size_t i = 0; i < n; ++i) residual[i] = yv[i] - raw[i];
      } else if (p_.loss == boosting_loss::absolute_error) {
        for (std::size_t i = 0; i < n; ++i) residual[i] = yv[i] - raw[i] > 0.0 ? 1.0 : -1.0;
      } else {
        for (std::size_t i = 0; i < n; ++i) absdiff[i] = std::fabs(yv[i] - raw[i]);
        gamma = detail::weighted_percentile(absdiff, wv, p_.alpha * 100.0, order);
        for (std::size_t i = 0; i < n; ++i) {
          const double diff = yv[i] - raw[i];
          residual[i] = std::fabs(diff) <= gamma ? diff : gamma * (diff > 0.0 ? 1.0 : (diff < 0.0 ? -1.0 : 0.0));
        }
      }
      for (std::size_t i = 0; i < n; ++i) fit_w[i] = inbag[i] != 0 ? wv[i] : 0.0;
      tree_structure t = builder.build(X, residual.data(), fit_w.data(), sc, s, g);
      detail::for_row_ranges(n, p_.threads, [&](std::size_t first, std::size_t last) {
        for (std::size_t i = first; i < last; ++i) {
          leaf[i] = t.leaf_of(X.data() + i, X.outerStride());
        }
      });
      if (p_.loss != boosting_loss::squared_error) {
        // Counting sort of the in-bag rows by leaf, then one re-fit per leaf.
        const std::size_t nn = t.size();
        std::vector<std::size_t> start(nn + 1, 0);
        for (std::size_t i = 0; i < n; ++i) {
          if (inbag[i] != 0) ++start[static_cast<std::size_t>(leaf[i]) + 1];
        }
        for (std::size_t k = 0; k < nn; ++k) start[k + 1] += start[k];
        std::vector<std::size_t> pos(start.begin(), start.end() - 1);
        for (std::size_t i = 0; i < n; ++i) {
          if (inbag[i] != 0) by_leaf[pos[static_cast<std::size_t>(leaf[i])]++] = i;
        }
        for (std::size_t k = 0; k < nn; ++k) {
          if (!t.nodes[k].is_leaf() || start[k + 1] == start[k]) continue;
          leaf_diff.clear();
          leaf_w.clear();
          for (std::size_t q = start[k]; q < start[k + 1]; ++q) {
            const std::size_t i = by_leaf[q];
            leaf_diff.push_back(yv[i] - raw[i]);
            leaf_w.push_back(wv[i]);
          }
          const double med = detail::weighted_percentile(leaf_diff, leaf_w, 50.0, order);
          double v = med;
          if (p_.loss == boosting_loss::huber) {
            double acc = 0.0;
            for (double dd : leaf_diff) {
              const double r = dd - med;
              const double sg = r > 0.0 ? 1.0 : (r < 0.0 ? -1.0 : 0.0);
              acc += sg * std::min(std::fabs(r), gamma);
            }
            v = med + acc / static_cast<double>(leaf_diff.size());
          }
          t.nodes[k].value = v;
        }
      }
      double loss = 0.0, sw = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        raw[i] += p_.learning_rate * t.nodes[static_cast<std::size_t>(leaf[i])].value;
        if (inbag[i] == 0) continue;
        const double r = yv[i] - raw[i];
        sw += wv[i];
        loss += wv[i] * (p_.loss == boosting_loss::squared_error   ? r * r
                         : p_.loss == boosting_loss::absolute_error ? std::fabs(r)
                                                                    : detail::huber_term(r, gamma));
      }
      train_loss_.push_back(loss / sw);
      trees_.push_back(std::move(t));
    }
    n_features_ = X.cols();
    pack();
    fit_report rep;
    rep.iterations = p_.n_estimators;
    return rep;
  }

  params p_{};
  double init_ = 0.0;
  std::vector<tree_structure> trees_;
  std::vector<detail::packed_tree> packed_;
  std::vector<double> train_loss_;
  Eigen::Index n_features_ = 0;
};

static_assert(weighted_regressor<gradient_boosting_regressor>);

}  // namespace quantkit::regression
