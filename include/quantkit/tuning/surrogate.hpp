// SPDX-License-Identifier: MIT
// quantkit/tuning/surrogate.hpp - surrogate-model tuning: features, diagnostics with a quality
// score, large candidate sets, top-K with confidence, optional evaluate-and-refit, importance
#pragma once

#include "../core/error.hpp"
#include "../core/random.hpp"
#include "../regression/importance.hpp"
#include "../regression/metrics.hpp"
#include "../regression/model.hpp"
#include "../regression/random_forest.hpp"
#include "../samplers/space.hpp"
#include "genetic.hpp"
#include "search.hpp"
#include "trial.hpp"
#include "tune.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace quantkit::tuning {

/// Which derived features the surrogate sees besides the parameters.
struct feature_options {
  bool interactions = true;  ///< x_i * x_j for every pair of numeric (non-categorical) dimensions
  bool ratios = true;        ///< x_i / x_j for every pair i < j of numeric dimensions (0 if |x_j| < 1e-12)
  /// Market-condition features of the data the trials ran on (e.g. the window's volatility and
  /// trend), appended to every row. Constant within one study; they matter when the trials of
  /// several windows or assets are pooled into one surrogate.
  std::vector<metric_value> market{};
};

/// Builds surrogate feature rows from points of a samplers::space: the point's features()
/// (numeric values; one-hot blocks for categorical dimensions), then the pairwise interactions
/// and ratios of the numeric dimensions, then the market features. O(d^2) per row.
class surrogate_features {
 public:
  surrogate_features(const samplers::space& sp, feature_options options)
      : opt_(std::move(options)) {
    names_ = sp.feature_names();
    std::size_t pos = 0;
    for (std::size_t i = 0; i < sp.size(); ++i) {
      const auto& d = sp.dimension(i);
      if (d.kind == samplers::dim_kind::categorical) {
        pos += d.labels.size();
      } else {
        numeric_.push_back(pos);
        numeric_names_.push_back(d.name);
        ++pos;
      }
    }
    base_ = pos;
    for (std::size_t a = 0; a < numeric_.size(); ++a) {
      for (std::size_t b = a + 1; b < numeric_.size(); ++b) {
        if (opt_.interactions) names_.push_back(numeric_names_[a] + "*" + numeric_names_[b]);
      }
    }
    for (std::size_t a = 0; a < numeric_.size(); ++a) {
      for (std::size_t b = a + 1; b < numeric_.size(); ++b) {
        if (opt_.ratios) names_.push_back(numeric_names_[a] + "/" + numeric_names_[b]);
      }
    }
    for (const auto& m : opt_.market) {
      require_finite(m.value, "quantkit::tuning::surrogate_features", "market");
      names_.push_back(m.name);
    }
  }

  [[nodiscard]] std::size_t width() const noexcept { return names_.size(); }
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }

  /// Writes the features of p into row r of x (x must have width() columns).
  void row(const samplers::point& p, Eigen::MatrixXd& x, Eigen::Index r) const {
    const std::vector<double> f = p.features();
    Eigen::Index c = 0;
    for (double v : f) x(r, c++) = v;
    if (opt_.interactions) {
      for (std::size_t a = 0; a < numeric_.size(); ++a) {
        for (std::size_t b = a + 1; b < numeric_.size(); ++b) x(r, c++) = f[numeric_[a]] * f[numeric_[b]];
      }
    }
    if (opt_.ratios) {
      for (std::size_t a = 0; a < numeric_.size(); ++a) {
        for (std::size_t b = a + 1; b < numeric_.size(); ++b) {
          const double den = f[numeric_[b]];
          x(r, c++) = std::fabs(den) < 1e-12 ? 0.0 : f[numeric_[a]] / den;
        }
      }
    }
    for (const auto& m : opt_.market) x(r, c++) = m.value;
  }

 private:
  feature_options opt_;
  std::vector<std::string> names_;
  std::vector<std::size_t> numeric_;
  std::vector<std::string> numeric_names_;
  std::size_t base_ = 0;
};

/// One documented quality criterion of a surrogate, its measured value and whether it passed.
struct quality_criterion {
  std::string name;       ///< e.g. "validation R^2 > 0.5"
  double value = std::numeric_limits<double>::quiet_NaN();
  double threshold = std::numeric_limits<double>::quiet_NaN();
  bool passed = false;
};

/// Thresholds of the surrogate quality score.
struct diagnostics_options {
  double validation_fraction = 0.2;  ///< share of rows held out for validation
  double test_fraction = 0.2;        ///< share of rows held out for the final test
  std::uint64_t seed = 0;            ///< shuffles the rows before splitting
  double min_validation_r2 = 0.5;
  double max_gap = 0.2;              ///< train R^2 - validation R^2
  double min_train_r2 = 0.6;
  double max_validation_mae = 0.0;   ///< <= 0: criterion not used
};

/// Train / validation / test R^2 and MAE (scikit-learn r2_score / mean_absolute_error), the
/// overfitting gap (train R^2 - validation R^2), every criterion with its value, the quality
/// score (criteria passed / criteria used, in [0, 1]) and a plain-words verdict.
struct surrogate_diagnostics {
  double train_r2 = std::numeric_limits<double>::quiet_NaN();
  double validation_r2 = std::numeric_limits<double>::quiet_NaN();
  double test_r2 = std::numeric_limits<double>::quiet_NaN();
  double train_mae = std::numeric_limits<double>::quiet_NaN();
  double validation_mae = std::numeric_limits<double>::quiet_NaN();
  double test_mae = std::numeric_limits<double>::quiet_NaN();
  double gap = std::numeric_limits<double>::quiet_NaN();
  std::vector<quality_criterion> criteria;
  double quality = 0.0;
  std::string verdict;
  regression::fit_report fit;
  std::size_t train_rows = 0, validation_rows = 0, test_rows = 0;
};

/// Fits a copy of `model` on a shuffled train split of (X, y) and scores it on the train,
/// validation and test splits (see diagnostics_options for the split and the criteria:
/// validation R^2 > min_validation_r2, gap < max_gap, train R^2 > min_train_r2, and validation
/// MAE < max_validation_mae when that is > 0). Verdict: "good" when every criterion passes,
/// "usable with care" when all but one pass, "unreliable" otherwise; a failed fit gives quality
/// 0 and says so. Throws invalid_argument for fractions outside [0, 1) summing to >= 0.8 of the
/// rows, or fewer than 5 training rows. O(model fit + predict).
template <regression::regressor Model>
surrogate_diagnostics diagnose_surrogate(Model model, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                         const diagnostics_options& o = {}) {
  constexpr const char* fn = "quantkit::tuning::diagnose_surrogate";
  require(o.validation_fraction > 0.0 && o.validation_fraction < 1.0, fn,
          "options.validation_fraction", o.validation_fraction, "must be in (0, 1)");
  require(o.test_fraction >= 0.0 && o.test_fraction < 1.0, fn, "options.test_fraction",
          o.test_fraction, "must be in [0, 1)");
  require(o.validation_fraction + o.test_fraction <= 0.8, fn, "options.test_fraction",
          o.test_fraction, "plus validation_fraction must be <= 0.8");
  require_same_length(fn, "x rows", static_cast<std::size_t>(x.rows()), "y", static_cast<std::size_t>(y.size()));
  const auto n = static_cast<std::size_t>(x.rows());
  const auto n_val = static_cast<std::size_t>(std::round(o.validation_fraction * static_cast<double>(n)));
  const auto n_test = static_cast<std::size_t>(std::round(o.test_fraction * static_cast<double>(n)));
  require(n >= n_val + n_test + 5 && n_val >= 1, fn, "x", n,
          "needs at least 5 training rows and 1 validation row");
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  rng g(o.seed, 0);
  shuffle(std::span<std::size_t>(idx), g);
  auto take = [&](std::size_t from, std::size_t count, Eigen::MatrixXd& xs, Eigen::VectorXd& ys) {
    xs.resize(static_cast<Eigen::Index>(count), x.cols());
    ys.resize(static_cast<Eigen::Index>(count));
    for (std::size_t k = 0; k < count; ++k) {
      xs.row(static_cast<Eigen::Index>(k)) = x.row(static_cast<Eigen::Index>(idx[from + k]));
      ys(static_cast<Eigen::Index>(k)) = y(static_cast<Eigen::Index>(idx[from + k]));
    }
  };
  Eigen::MatrixXd xtr, xva, xte;
  Eigen::VectorXd ytr, yva, yte;
  const std::size_t n_train = n - n_val - n_test;
  take(0, n_train, xtr, ytr);
  take(n_train, n_val, xva, yva);
  take(n_train + n_val, n_test, xte, yte);
  surrogate_diagnostics d;
  d.train_rows = n_train;
  d.validation_rows = n_val;
  d.test_rows = n_test;
  d.fit = model.fit(xtr, ytr);
  if (!d.fit.ok()) {
    d.quality = 0.0;
    d.verdict = "unreliable: the surrogate fit failed (" + d.fit.message + ")";
    return d;
  }
  const Eigen::VectorXd ptr = model.predict(xtr);
  const Eigen::VectorXd pva = model.predict(xva);
  d.train_r2 = regression::r2(ytr, ptr);
  d.train_mae = regression::mae(ytr, ptr);
  d.validation_r2 = n_val >= 2 ? regression::r2(yva, pva) : std::numeric_limits<double>::quiet_NaN();
  d.validation_mae = regression::mae(yva, pva);
  if (n_test >= 2) {
    const Eigen::VectorXd pte = model.predict(xte);
    d.test_r2 = regression::r2(yte, pte);
    d.test_mae = regression::mae(yte, pte);
  }
  d.gap = d.train_r2 - d.validation_r2;
  auto add = [&](std::string name, double value, double threshold, bool passed) {
    d.criteria.push_back(quality_criterion{std::move(name), value, threshold, passed});
  };
  add("validation R^2 > " + quantkit::detail::to_text(o.min_validation_r2), d.validation_r2,
      o.min_validation_r2, d.validation_r2 > o.min_validation_r2);
  add("train - validation R^2 gap < " + quantkit::detail::to_text(o.max_gap), d.gap, o.max_gap,
      d.gap < o.max_gap);
  add("train R^2 > " + quantkit::detail::to_text(o.min_train_r2), d.train_r2, o.min_train_r2,
      d.train_r2 > o.min_train_r2);
  if (o.max_validation_mae > 0.0) {
    add("validation MAE < " + quantkit::detail::to_text(o.max_validation_mae), d.validation_mae,
        o.max_validation_mae, d.validation_mae < o.max_validation_mae);
  }
  std::size_t passed = 0;
  for (const auto& c : d.criteria) passed += c.passed ? 1u : 0u;
  d.quality = static_cast<double>(passed) / static_cast<double>(d.criteria.size());
  if (passed == d.criteria.size()) {
    d.verdict = "good: the surrogate generalises; its ranking of candidates can be trusted";
  } else if (passed + 1 == d.criteria.size()) {
    d.verdict = "usable with care: one criterion fails; evaluate the top candidates before use";
  } else {
    d.verdict = "unreliable: the surrogate does not generalise; sample more points or simplify "
                "the features";
  }
  return d;
}

/// Options of surrogate_tune.
struct surrogate_options {
  std::size_t samples = 1000;       ///< Latin-hypercube points evaluated with the objective
  std::size_t candidates = 100000;  ///< random candidate points scored by the surrogate
  std::size_t top = 20;             ///< K best predicted candidates returned
  std::size_t refine_rounds = 0;    ///< rounds of: evaluate the top K, refit, re-predict
  feature_options features{};
  diagnostics_options diagnostics{};
  std::size_t permutation_repeats = 5;  ///< permutation importance repeats (0 = skip)
};

/// A candidate ranked by the surrogate: its point, unit coordinates, predicted metric (in the
/// metric's own units and direction), confidence (the surrogate's predict_std: tree spread for a
/// forest, member spread for an ensemble, predictive std for a GP) and the index of its trial
/// in the study when it was evaluated (npos otherwise).
template <class Point>
struct surrogate_candidate {
  Point point{};
  std::vector<double> unit;
  double predicted = std::numeric_limits<double>::quiet_NaN();
  double confidence = std::numeric_limits<double>::quiet_NaN();
  std::size_t trial = static_cast<std::size_t>(-1);
};

/// Everything surrogate_tune produced.
template <class Point, class Model>
struct surrogate_result {
  study<Point> trials;  ///< the sampled (and refined) trials
  Model model;          ///< fitted on every successful trial
  std::vector<std::string> feature_names;
  surrogate_diagnostics diagnostics;
  std::vector<surrogate_candidate<Point>> top;
  std::size_t candidates_scored = 0;
  /// Impurity importance per feature when the model has feature_importances() (forests, trees,
  /// boosting); empty otherwise.
  std::vector<double> impurity_importance;
  /// Permutation importance per feature (mean R^2 drop over permutation_repeats shuffles, on the
  /// successful trials the final model was fitted on); empty if skipped.
  std::vector<double> permutation_importance;
};

/// The default surrogate: a random forest of 100 trees (min_samples_leaf 2, half the features
/// per split), seeded from `seed`.
inline regression::random_forest_regressor default_forest(std::uint64_t seed = 0, std::size_t threads = 1) {
  regression::random_forest_regressor::params p;
  p.n_estimators = 100;
  p.min_samples_leaf = 2;
  p.max_features_fraction = 0.5;
  p.seed = seed;
  p.threads = threads;
  return regression::random_forest_regressor(p);
}


/// Surrogate-model tuning (the "ML tuning" workflow): evaluate `samples` Latin-hypercube points
/// of `space` with `objective` (tune() with lhs_search, in parallel; options as in tune, whose
/// max_trials is ignored), fit `model` to the successful trials' scores from their features
/// (surrogate_features), diagnose it (diagnose_surrogate on a split), score `candidates` random
/// feasible points (rng(seed ^ constant, chunk) per 4096-point chunk, snapped to the space),
/// and return the `top` K distinct not-yet-evaluated candidates by predicted score with the
/// surrogate's confidence. With refine_rounds > 0, each round evaluates the current top K
/// (recorded in the study), refits on all trials and re-ranks. With options.journal set, the
/// Latin-hypercube study journals to that file and refinement round r to the file with
/// "-round<r>" before the extension, so an interrupted search resumes without re-evaluating. Importance: impurity (when the
/// model has feature_importances()) and permutation (regression::permutation_importance on the
/// successful trials). Deterministic for any thread count. Throws invalid_argument for samples <
/// 10, candidates < top or top = 0, and when fewer than 10 trials succeed. Cost: samples
/// objective calls + model fits + candidates predictions.
template <class Objective, regression::probabilistic_regressor Model = regression::random_forest_regressor>
requires objective_for<Objective, samplers::point>
surrogate_result<samplers::point, Model> surrogate_tune(const samplers::space& space, Objective objective,
                                                        const surrogate_options& so,
                                                        const tune_options& options = {},
                                                        Model model = default_forest()) {
  constexpr const char* fn = "quantkit::tuning::surrogate_tune";
  require(so.samples >= 10, fn, "options.samples", so.samples, "must be >= 10");
  require(so.top >= 1, fn, "options.top", so.top, "must be >= 1");
  require(so.candidates >= so.top, fn, "options.candidates", so.candidates, "must be >= options.top");
  tune_options to = options;
  to.max_trials = so.samples;
  surrogate_result<samplers::point, Model> res{tune(space, lhs_search{}, objective, to), std::move(model), {}, {}, {}, 0, {}, {}};
  const surrogate_features feats(space, so.features);
  res.feature_names = feats.names();
  const search_context ctx = make_context(space, options.seed, so.samples);

  // Candidate set, once: random snapped feasible unit points.
  constexpr std::size_t chunk = 4096;
  const std::size_t n_chunks = (so.candidates + chunk - 1) / chunk;
  std::vector<std::vector<double>> cand_units;
  std::vector<samplers::point> cand_points;
  cand_units.reserve(so.candidates);
  cand_points.reserve(so.candidates);
  for (std::size_t c = 0; c < n_chunks; ++c) {
    rng g(options.seed ^ 0xA5A5A5A5C3C3C3C3ULL, c);
    const std::size_t m = std::min(chunk, so.candidates - c * chunk);
    for (std::size_t k = 0; k < m; ++k) {
      auto u = detail::random_unit_point(ctx, g);
      auto p = space.from_unit(std::span<const double>(u));
      if (!space.feasible(p)) continue;
      cand_units.push_back(std::move(u));
      cand_points.push_back(std::move(p));
    }
  }
  res.candidates_scored = cand_points.size();
  Eigen::MatrixXd cx(static_cast<Eigen::Index>(cand_points.size()), static_cast<Eigen::Index>(feats.width()));
  for (std::size_t i = 0; i < cand_points.size(); ++i) feats.row(cand_points[i], cx, static_cast<Eigen::Index>(i));

  const double sign = res.trials.direction == goal::maximize ? 1.0 : -1.0;
  for (std::size_t round = 0;; ++round) {
    std::vector<const samplers::point*> pts;
    std::vector<double> ys;
    for (const auto& t : res.trials.trials) {
      if (!t.ok()) continue;
      pts.push_back(&t.point);
      ys.push_back(t.score);
    }
    require(pts.size() >= 10, fn, "objective", pts.size(), "must succeed on at least 10 samples");
    Eigen::MatrixXd x(static_cast<Eigen::Index>(pts.size()), static_cast<Eigen::Index>(feats.width()));
    Eigen::VectorXd y(static_cast<Eigen::Index>(ys.size()));
    for (std::size_t i = 0; i < pts.size(); ++i) {
      feats.row(*pts[i], x, static_cast<Eigen::Index>(i));
      y(static_cast<Eigen::Index>(i)) = ys[i];
    }
    res.diagnostics = diagnose_surrogate(res.model, x, y, so.diagnostics);
    const bool fitted = res.model.fit(x, y).ok();
    res.top.clear();
    if (!fitted) break;
    const Eigen::VectorXd mu = res.model.predict(cx);
    const Eigen::VectorXd sd = res.model.predict_std(cx);
    std::vector<std::size_t> order(cand_points.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const std::size_t want = std::min(order.size(), so.top * 4 + 16);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(want), order.end(),
                      [&](std::size_t a, std::size_t b) {
                        const double va = mu(static_cast<Eigen::Index>(a));
                        const double vb = mu(static_cast<Eigen::Index>(b));
                        return va > vb || (va == vb && a < b);
                      });
    std::vector<std::vector<double>> taken;
    for (const auto& t : res.trials.trials) taken.push_back(t.unit);
    for (std::size_t i = 0; i < want && res.top.size() < so.top; ++i) {
      const std::size_t k = order[i];
      if (std::find(taken.begin(), taken.end(), cand_units[k]) != taken.end()) continue;
      taken.push_back(cand_units[k]);
      surrogate_candidate<samplers::point> c;
      c.point = cand_points[k];
      c.unit = cand_units[k];
      c.predicted = sign * mu(static_cast<Eigen::Index>(k));
      c.confidence = sd(static_cast<Eigen::Index>(k));
      res.top.push_back(std::move(c));
    }
    if (round >= so.refine_rounds) break;
    // Evaluate the top K, append them to the study, refit next round.
    std::vector<std::vector<double>> design;
    for (const auto& c : res.top) design.push_back(c.unit);
    tune_options eo = options;
    eo.max_trials = design.size();
    eo.journal = detail::journal_variant(options.journal, "round" + std::to_string(round + 1));
    eo.journal_key += (eo.journal_key.empty() ? "" : " ") + std::string("surrogate_round=") +
                      std::to_string(round + 1);
    auto more = tune(space, design_search(design), objective, eo);
    const std::size_t base = res.trials.trials.size();
    for (auto& t : more.trials) {
      t.index += base;
      t.round += res.trials.rounds;
      res.trials.trials.push_back(std::move(t));
    }
    res.trials.rounds += more.rounds;
    detail::finalize(res.trials);
  }
  // Mark evaluated candidates.
  for (auto& c : res.top) {
    for (std::size_t i = 0; i < res.trials.trials.size(); ++i) {
      if (res.trials.trials[i].unit == c.unit) c.trial = i;
    }
  }
  // Importance.
  if constexpr (requires { res.model.feature_importances(); }) {
    if (res.model.fitted()) {
      const Eigen::VectorXd imp = res.model.feature_importances();
      res.impurity_importance.assign(imp.data(), imp.data() + imp.size());
    }
  }
  if (so.permutation_repeats > 0 && res.model.fitted()) {
    std::vector<const samplers::point*> pts;
    std::vector<double> ys;
    for (const auto& t : res.trials.trials) {
      if (!t.ok()) continue;
      pts.push_back(&t.point);
      ys.push_back(t.score);
    }
    Eigen::MatrixXd x(static_cast<Eigen::Index>(pts.size()), static_cast<Eigen::Index>(feats.width()));
    Eigen::VectorXd y(static_cast<Eigen::Index>(ys.size()));
    for (std::size_t i = 0; i < pts.size(); ++i) {
      feats.row(*pts[i], x, static_cast<Eigen::Index>(i));
      y(static_cast<Eigen::Index>(i)) = ys[i];
    }
    parallel_options po;
    po.threads = options.parallel.threads;
    const auto pi = regression::permutation_importance(res.model, x, y, so.permutation_repeats,
                                                       options.seed, regression::score_kind::r2, po);
    res.permutation_importance.assign(pi.mean.data(), pi.mean.data() + pi.mean.size());
  }
  return res;
}

}  // namespace quantkit::tuning
