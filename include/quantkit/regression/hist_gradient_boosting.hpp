// SPDX-License-Identifier: MIT
// quantkit/regression/hist_gradient_boosting.hpp - histogram gradient boosting (LightGBM-style)
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

/// Early stopping switch of hist_gradient_boosting_regressor (scikit-learn's early_stopping).
enum class early_stopping_mode : std::uint8_t {
  automatic,  ///< on when the training set has more than 10,000 rows (scikit-learn "auto")
  on,
  off
};

namespace detail {

/// Bin edges of one feature, scikit-learn's _find_binning_thresholds: with at most max_bins
/// distinct values, the midpoints between consecutive distinct values; otherwise the
/// numpy.percentile(method="midpoint") values at linspace(0, 100, max_bins + 1)[1:-1].
/// A value x falls in bin i iff thresholds[i - 1] < x <= thresholds[i]. O(n log n).
inline std::vector<double> binning_thresholds(std::vector<double> col, std::size_t max_bins) {
  std::sort(col.begin(), col.end());
  std::vector<double> distinct;
  for (double v : col) {
    if (distinct.empty() || v != distinct.back()) distinct.push_back(v);
  }
  std::vector<double> out;
  if (distinct.size() <= max_bins) {
    for (std::size_t i = 0; i + 1 < distinct.size(); ++i) {
      out.push_back((distinct[i] + distinct[i + 1]) * 0.5);
    }
  } else {
    const double n = static_cast<double>(col.size());
    const double step = 100.0 / static_cast<double>(max_bins);
    for (std::size_t k = 1; k < max_bins; ++k) {
      const double q = (static_cast<double>(k) * step) / 100.0;
      const double v = n * q + (1.0 - q) - 1.0;  // numpy's virtual index, alpha = beta = 1
      const double lo = std::floor(v);
      const double hi = std::ceil(v);
      const double a = col[static_cast<std::size_t>(lo)];
      const double b = col[std::min(static_cast<std::size_t>(hi), col.size() - 1)];
      out.push_back(lo == hi ? a : b - (b - a) * 0.5);
    }
  }
  constexpr double almost_inf = 1e300;  // scikit-learn clips +inf edges to ALMOST_INF
  for (double& t : out) t = std::min(t, almost_inf);
  return out;
}

/// Bin of x: the number of thresholds below x (first i with x <= thresholds[i]).
inline std::uint8_t bin_of(const std::vector<double>& thr, double x) noexcept {
  return static_cast<std::uint8_t>(std::lower_bound(thr.begin(), thr.end(), x) - thr.begin());
}

struct hist_bin {
  double g = 0.0;
  double h = 0.0;
  std::uint32_t count = 0;
};

}  // namespace detail

/// Histogram gradient boosting regressor: scikit-learn HistGradientBoostingRegressor (its
/// defaults: 100 iterations, learning rate 0.1, 31 leaves grown best-first, min_samples_leaf 20,
/// no L2, 255 bins, early stopping "auto"). Features are binned once into at most max_bins
/// quantile bins (thresholds as scikit-learn); each iteration builds gradient/hessian histograms
/// (the larger child by subtraction from the parent), splits the leaf with the largest gain
///   G_L^2 / (H_L + l2) + G_R^2 / (H_R + l2) - G^2 / (H + l2)
/// and sets leaf values -G / (H + l2) times the learning rate (absolute/Huber leaves re-fitted
/// to the residual median, as scikit-learn's absolute_error). Early stopping holds out
/// validation_fraction of the rows (drawn from quantkit::rng(seed)) and stops when the
/// validation loss has not improved by tol in n_iter_no_change iterations. Extensions over
/// scikit-learn 1.2: Huber loss and row subsampling (rng(seed, iteration)). Deviation:
/// gradients are double (scikit-learn: float32), so results agree closely but not bit for bit.
/// NaN inputs are rejected. Threads: binning (per feature), each large node's histograms and
/// split search (per feature; the per-feature winners are then compared in feature order with
/// the serial code's strict `>`), the gradients and the raw-prediction updates (per row) run on
/// `threads` workers, as does prediction; no floating-point sum crosses a task boundary, so the
/// model is bit-identical for any thread count. Nodes below detail::parallel_min_work (rows x
/// features) stay serial, so a 2,000-row fit never starts a thread. Complexity: binning
/// O(d n log n); per iteration O(d n) histogram work + O(leaves d bins) split search, divided by
/// up to `threads` on large nodes; predict O(n iterations depth) / threads.
class hist_gradient_boosting_regressor {
 public:
  struct params {
    boosting_loss loss = boosting_loss::squared_error;
    double learning_rate = 0.1;
    std::size_t max_iter = 100;
    std::size_t max_leaf_nodes = 31;  ///< 0 = unlimited
    std::size_t max_depth = 0;        ///< 0 = unlimited
    std::size_t min_samples_leaf = 20;
    double l2_regularization = 0.0;
    std::size_t max_bins = 255;  ///< in [2, 255]
    early_stopping_mode early_stopping = early_stopping_mode::automatic;
    double validation_fraction = 0.1;  ///< in (0, 1)
    std::size_t n_iter_no_change = 10;
    double tol = 1e-7;
    double subsample = 1.0;  ///< rows per iteration, in (0, 1]
    double alpha = 0.9;      ///< Huber: delta is this quantile of |residual|
    std::uint64_t seed = 0;
    std::size_t threads = 1;  ///< fit and prediction workers (0 = hardware); never changes results
  };
  using params_type = params;
  static constexpr std::string_view kind = "hist_gradient_boosting";
  static constexpr std::uint32_t format_version = 1;

  hist_gradient_boosting_regressor() = default;
  /// Throws invalid_argument for a non-positive learning rate, max_iter 0, max_leaf_nodes 1,
  /// min_samples_leaf 0, negative l2, max_bins outside [2, 255], validation_fraction outside
  /// (0, 1), n_iter_no_change 0, negative tol, subsample outside (0, 1], alpha outside (0, 1).
  explicit hist_gradient_boosting_regressor(const params& p) : p_(p) { validate(p_); }

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

  /// baseline + sum of the trees (leaf values already include the learning rate).
  [[nodiscard]] Eigen::VectorXd predict(const Eigen::Ref<const Eigen::MatrixXd>& X) const {
    detail::check_predict_inputs("quantkit::regression::hist_gradient_boosting_regressor::predict",
                                 X, fitted(), n_features());
    Eigen::VectorXd out(X.rows());
    const auto d = X.cols();
    detail::for_each_row_block(X, p_.threads, [&](Eigen::Index first, Eigen::Index rows,
                                                  const double* buf) {
      double* o = out.data() + first;
      std::fill(o, o + rows, baseline_);
      for (const auto& t : packed_) t.template predict_block<true>(buf, rows, d, 1.0, o);
    });
    return out;
  }

  [[nodiscard]] bool fitted() const noexcept { return !trees_.empty(); }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return n_features_; }
  /// Iterations run (<= max_iter; fewer when early stopping triggered).
  [[nodiscard]] std::size_t n_iter() const noexcept { return trees_.size(); }
  [[nodiscard]] const std::vector<tree_structure>& trees() const noexcept { return trees_; }
  [[nodiscard]] double baseline() const noexcept { return baseline_; }
  /// Bin edges per feature (scikit-learn's bin_thresholds_).
  [[nodiscard]] const std::vector<std::vector<double>>& bin_thresholds() const noexcept {
    return thresholds_;
  }
  /// Negative validation loss before the first and after each iteration (empty without early
  /// stopping), scikit-learn's validation_score_ with scoring="loss".
  [[nodiscard]] const std::vector<double>& validation_score() const noexcept {
    return validation_score_;
  }

  void save_payload(model_writer& w) const {
    w.put(static_cast<std::uint64_t>(p_.loss));
    w.put(p_.learning_rate);
    w.put(static_cast<std::uint64_t>(p_.max_iter));
    w.put(static_cast<std::uint64_t>(p_.max_leaf_nodes));
    w.put(static_cast<std::uint64_t>(p_.max_depth));
    w.put(static_cast<std::uint64_t>(p_.min_samples_leaf));
    w.put(p_.l2_regularization);
    w.put(static_cast<std::uint64_t>(p_.max_bins));
    w.put(static_cast<std::uint64_t>(p_.early_stopping));
    w.put(p_.validation_fraction);
    w.put(static_cast<std::uint64_t>(p_.n_iter_no_change));
    w.put(p_.tol);
    w.put(p_.subsample);
    w.put(p_.alpha);
    w.put(p_.seed);
    w.put(static_cast<std::uint64_t>(p_.threads));
    w.put(static_cast<std::uint64_t>(n_features_));
    w.put(baseline_);
    for (const auto& t : thresholds_) w.put(std::span<const double>(t));
    w.put(std::span<const double>(validation_score_));
    w.put(static_cast<std::uint64_t>(trees_.size()));
    for (const auto& t : trees_) t.save(w);
  }
  static hist_gradient_boosting_regressor load_payload(model_reader& r) {
    params p;
    const std::uint64_t loss = r.get_u64();
    if (loss > 2) r.fail("unknown loss code " + std::to_string(loss));
    p.loss = static_cast<boosting_loss>(loss);
    p.learning_rate = r.get_double();
    p.max_iter = static_cast<std::size_t>(r.get_u64());
    p.max_leaf_nodes = static_cast<std::size_t>(r.get_u64());
    p.max_depth = static_cast<std::size_t>(r.get_u64());
    p.min_samples_leaf = static_cast<std::size_t>(r.get_u64());
    p.l2_regularization = r.get_double();
    p.max_bins = static_cast<std::size_t>(r.get_u64());
    const std::uint64_t es = r.get_u64();
    if (es > 2) r.fail("unknown early_stopping code " + std::to_string(es));
    p.early_stopping = static_cast<early_stopping_mode>(es);
    p.validation_fraction = r.get_double();
    p.n_iter_no_change = static_cast<std::size_t>(r.get_u64());
    p.tol = r.get_double();
    p.subsample = r.get_double();
    p.alpha = r.get_double();
    p.seed = r.get_u64();
    p.threads = static_cast<std::size_t>(r.get_u64());
    hist_gradient_boosting_regressor m(p);
    // Every feature stores at least its bin-edge count (8 bytes): bound d by the bytes left.
    const std::uint64_t d = r.get_size(r.remaining() / 8, "n_features");
    if (d == 0) r.fail("n_features is 0");
    m.n_features_ = static_cast<Eigen::Index>(d);
    m.baseline_ = r.get_double();
    m.thresholds_.resize(static_cast<std::size_t>(d));
    for (auto& t : m.thresholds_) {
      t = r.get_doubles();
      if (t.size() > 254 || !std::is_sorted(t.begin(), t.end())) r.fail("corrupted bin edges");
    }
    m.validation_score_ = r.get_doubles();
    const std::uint64_t nt = r.get_size(std::uint64_t{1} << 24, "tree count");
    if (nt == 0) r.fail("a fitted model has no trees");
    for (std::uint64_t i = 0; i < nt; ++i) {
      m.trees_.push_back(tree_structure::load(
          r, static_cast<std::size_t>(d), "quantkit::regression::hist_gradient_boosting_regressor"));
    }
    m.pack();
    return m;
  }

 private:
  static void validate(const params& p) {
    constexpr std::string_view fn = "quantkit::regression::hist_gradient_boosting_regressor";
    detail::require_positive(fn, "learning_rate", p.learning_rate);
    require(p.max_iter >= 1, fn, "max_iter", p.max_iter, "must be >= 1");
    require(p.max_leaf_nodes != 1, fn, "max_leaf_nodes", p.max_leaf_nodes,
            "must be >= 2 (or 0 = unlimited)");
    require(p.min_samples_leaf >= 1, fn, "min_samples_leaf", p.min_samples_leaf, "must be >= 1");
    require(p.l2_regularization >= 0.0 && std::isfinite(p.l2_regularization), fn,
            "l2_regularization", p.l2_regularization, "must be finite and >= 0");
    require(p.max_bins >= 2 && p.max_bins <= 255, fn, "max_bins", p.max_bins,
            "must be in [2, 255]");
    require(p.validation_fraction > 0.0 && p.validation_fraction < 1.0, fn,
            "validation_fraction", p.validation_fraction, "must be in (0, 1)");
    require(p.n_iter_no_change >= 1, fn, "n_iter_no_change", p.n_iter_no_change, "must be >= 1");
    require(p.tol >= 0.0 && std::isfinite(p.tol), fn, "tol", p.tol, "must be finite and >= 0");
    require(p.subsample > 0.0 && p.subsample <= 1.0, fn, "subsample", p.subsample,
            "must be in (0, 1]");
    require(p.alpha > 0.0 && p.alpha < 1.0, fn, "alpha", p.alpha, "must be in (0, 1)");
  }

  void pack() {
    packed_.clear();
    for (const auto& t : trees_) packed_.push_back(detail::packed_tree::make(t));
  }

  // ---- tree growing ------------------------------------------------------------------------
  struct gnode {
    std::size_t start = 0, end = 0;
    std::int32_t depth = 0;
    double sum_g = 0.0, sum_h = 0.0, value = 0.0;
    std::size_t hist = 0;  // slot in the histogram pool
    bool leaf = true;
    // best split
    double gain = -1.0;
    std::int32_t feature = -1;
    std::uint8_t bin = 0;
    double g_left = 0.0, h_left = 0.0;
    std::size_t n_left = 0;
    std::int32_t left = -1, right = -1;
  };

  struct grower {
    const hist_gradient_boosting_regressor& m;
    const std::vector<std::uint8_t>& binned;  // column-major n x d
    std::size_t n, d;
    const std::vector<double>& g;
    const std::vector<double>& h;
    bool const_h;
    std::vector<std::uint32_t>& part;
    std::vector<detail::hist_bin>& pool;
    std::vector<std::size_t> free_slots{};
    std::size_t next_slot = 0;
    std::size_t threads = 1;  // workers for large nodes (0 = hardware)
    std::vector<gnode> nodes{};
    std::vector<std::uint32_t> tmp{};
    std::vector<std::size_t> chunk_left{};  // prefix sums of left rows per chunk (split)

    std::size_t slot() {
      std::size_t s = 0;
      if (!free_slots.empty()) {
        s = free_slots.back();
        free_slots.pop_back();
      } else {
        s = next_slot++;
        if (pool.size() < next_slot * d * 256) pool.resize(next_slot * d * 256);
      }
      return s;
    }
    detail::hist_bin* hist(std::size_t s) { return pool.data() + s * d * 256; }

    // Histogram of feature f over the rows of nd (hf: that feature's 256 bins).
    void build_hist_feature(const gnode& nd, detail::hist_bin* hf, std::size_t f) const {
      std::fill(hf, hf + 256, detail::hist_bin{});
      const std::uint32_t* ix = part.data() + nd.start;
      const std::size_t cnt = nd.end - nd.start;
      const std::uint8_t* col = binned.data() + f * n;
      if (const_h) {
        for (std::size_t k = 0; k < cnt; ++k) {
          const std::uint32_t i = ix[k];
          auto& b = hf[col[i]];
          b.g += g[i];
          ++b.count;
        }
      } else {
        for (std::size_t k = 0; k < cnt; ++k) {
          const std::uint32_t i = ix[k];
          auto& b = hf[col[i]];
          b.g += g[i];
          b.h += h[i];
          ++b.count;
        }
      }
    }

    static double node_value(double sg, double sh, double l2) {
      return -sg / (sh + l2 + 1e-15);
    }

    // Best split of one feature: the first bin with the largest gain > 0 (gain -1: none).
    struct feature_split {
      double gain = -1.0;
      std::uint8_t bin = 0;
      double g_left = 0.0, h_left = 0.0;
      std::size_t n_left = 0;
    };
    std::vector<feature_split> cand_a{}, cand_b{};  // per-feature best splits of a node pair

    feature_split best_of_feature(const gnode& nd, const detail::hist_bin* hf,
                                  std::size_t f) const {
      const double l2 = m.p_.l2_regularization;
      const std::size_t msl = m.p_.min_samples_leaf;
      const std::size_t cnt = nd.end - nd.start;
      const double loss_node = nd.sum_g * nd.value;
      feature_split out;
      double best = 0.0;  // min_gain_to_split = 0: a split needs gain > 0
      const std::size_t nb = m.thresholds_[f].size() + 1;
      double gl = 0.0, hl = 0.0;
      std::size_t nl = 0;
      for (std::size_t b = 0; b + 1 < nb; ++b) {
        nl += hf[b].count;
        hl += const_h ? static_cast<double>(hf[b].count) * h[0] : hf[b].h;
        gl += hf[b].g;
        const std::size_t nr = cnt - nl;
        const double hr = nd.sum_h - hl;
        const double gr = nd.sum_g - gl;
        if (nl < msl) continue;
        if (nr < msl) break;
        if (hl < 1e-3) continue;
        if (hr < 1e-3) break;
        const double gain = loss_node - gl * node_value(gl, hl, l2) - gr * node_value(gr, hr, l2);
        if (gain > best) {
          best = gain;
          out.gain = gain;
          out.bin = static_cast<std::uint8_t>(b);
          out.g_left = gl;
          out.h_left = hl;
          out.n_left = nl;
        }
      }
      return out;
    }

    // The node's split: the first feature (in feature order) whose best gain is strictly the
    // largest, which is what one serial pass over features and bins picks.
    static void choose_split(gnode& nd, const std::vector<feature_split>& cand) {
      nd.gain = -1.0;
      nd.feature = -1;
      double best = 0.0;
      for (std::size_t f = 0; f < cand.size(); ++f) {
        if (cand[f].gain > best) {
          best = cand[f].gain;
          nd.gain = cand[f].gain;
          nd.feature = static_cast<std::int32_t>(f);
          nd.bin = cand[f].bin;
          nd.g_left = cand[f].g_left;
          nd.h_left = cand[f].h_left;
          nd.n_left = cand[f].n_left;
        }
      }
    }

    // Root: histograms and split search, per feature (in parallel when large).
    void process_root(gnode& nd) {
      detail::hist_bin* hb = hist(nd.hist);
      cand_a.assign(d, feature_split{});
      const std::size_t workers = detail::work_threads(threads, d, (nd.end - nd.start) * d);
      detail::run_tasks(d, workers, [&](std::size_t f) {
        build_hist_feature(nd, hb + f * 256, f);
        cand_a[f] = best_of_feature(nd, hb + f * 256, f);
      });
      choose_split(nd, cand_a);
    }

    // Children of a split: the smaller child's histograms are built, the larger child's are the
    // parent's minus them (in place in the parent's slot), then each child that may split is
    // searched; all per feature, in parallel when the smaller child is large.
    void process_children(gnode& small, gnode& large, bool search_small, bool search_large) {
      detail::hist_bin* hs = hist(small.hist);
      detail::hist_bin* hl = hist(large.hist);
      cand_a.assign(d, feature_split{});
      cand_b.assign(d, feature_split{});
      const std::size_t workers =
          detail::work_threads(threads, d, (small.end - small.start) * d);
      detail::run_tasks(d, workers, [&](std::size_t f) {
        detail::hist_bin* ps = hs + f * 256;
        detail::hist_bin* pl = hl + f * 256;
        build_hist_feature(small, ps, f);
        for (std::size_t q = 0; q < 256; ++q) {
          pl[q].g -= ps[q].g;
          pl[q].h -= ps[q].h;
          pl[q].count -= ps[q].count;
        }
        if (search_small) cand_a[f] = best_of_feature(small, ps, f);
        if (search_large) cand_b[f] = best_of_feature(large, pl, f);
      });
      if (search_small) choose_split(small, cand_a);
      if (search_large) choose_split(large, cand_b);
    }

    // Splits node k into two children (appended to nodes): a stable partition of the node's rows
    // by its split (left rows first, each side in order).
    // Large nodes: chunks of fixed size count their left rows, then scatter to offsets from the
    // prefix sums of those counts; the same order as the serial pass for any thread count.
    void split(std::size_t k) {
      const std::size_t f = static_cast<std::size_t>(nodes[k].feature);
      const std::uint8_t bin = nodes[k].bin;
      const std::uint8_t* col = binned.data() + f * n;
      const std::size_t start = nodes[k].start;
      const std::size_t end = nodes[k].end;
      constexpr std::size_t chunk = 16384;
      const std::size_t n_chunks = (end - start + chunk - 1) / chunk;
      const std::size_t workers = detail::work_threads(threads, n_chunks, end - start);
      std::size_t l = start;
      tmp.resize(end - start);
      if (workers <= 1) {
        std::size_t r = 0;
        for (std::size_t p = start; p < end; ++p) {
          const std::uint32_t i = part[p];
          if (col[i] <= bin) {
            part[l++] = i;
          } else {
            tmp[r++] = i;
          }
        }
        std::copy(tmp.begin(), tmp.begin() + static_cast<std::ptrdiff_t>(r),
                  part.begin() + static_cast<std::ptrdiff_t>(l));
      } else {
        chunk_left.assign(n_chunks + 1, 0);
        detail::run_tasks(n_chunks, workers, [&](std::size_t c) {
          std::size_t cl = 0;
          const std::size_t last = std::min(end, start + (c + 1) * chunk);
          for (std::size_t p = start + c * chunk; p < last; ++p) cl += col[part[p]] <= bin ? 1U : 0U;
          chunk_left[c + 1] = cl;
        });
        for (std::size_t c = 0; c < n_chunks; ++c) chunk_left[c + 1] += chunk_left[c];
        const std::size_t n_left = chunk_left[n_chunks];
        detail::run_tasks(n_chunks, workers, [&](std::size_t c) {
          const std::size_t first = start + c * chunk;
          const std::size_t last = std::min(end, first + chunk);
          std::size_t lo = chunk_left[c];
          std::size_t ro = n_left + (first - start) - chunk_left[c];
          for (std::size_t p = first; p < last; ++p) {
            const std::uint32_t i = part[p];
            if (col[i] <= bin) {
              tmp[lo++] = i;
            } else {
              tmp[ro++] = i;
            }
          }
        });
        std::copy(tmp.begin(), tmp.end(), part.begin() + static_cast<std::ptrdiff_t>(start));
        l = start + n_left;
      }
      const double l2 = m.p_.l2_regularization;
      gnode a;
      a.start = nodes[k].start;
      a.end = l;
      a.depth = nodes[k].depth + 1;
      a.sum_g = nodes[k].g_left;
      a.sum_h = nodes[k].h_left;
      a.value = node_value(a.sum_g, a.sum_h, l2);
      gnode b;
      b.start = l;
      b.end = nodes[k].end;
      b.depth = a.depth;
      b.sum_g = nodes[k].sum_g - nodes[k].g_left;
      b.sum_h = nodes[k].sum_h - nodes[k].h_left;
      b.value = node_value(b.sum_g, b.sum_h, l2);
      nodes[k].leaf = false;
      nodes[k].left = static_cast<std::int32_t>(nodes.size());
      nodes[k].right = nodes[k].left + 1;
      nodes.push_back(a);
      nodes.push_back(b);
    }

    // Grows one tree over part[0, count); leaves keep their row ranges in `part`.
    void grow(std::size_t count) {
      nodes.clear();
      free_slots.clear();
      next_slot = 0;
      gnode root;
      root.start = 0;
      root.end = count;
      for (std::size_t k = 0; k < count; ++k) root.sum_g += g[part[k]];
      if (const_h) {
        root.sum_h = h[0] * static_cast<double>(count);
      } else {
        for (std::size_t k = 0; k < count; ++k) root.sum_h += h[part[k]];
      }
      root.value = 0.0;  // scikit-learn: the root's value (and so its "loss") is 0
      nodes.push_back(root);
      const std::size_t msl = m.p_.min_samples_leaf;
      const std::size_t max_leaves = m.p_.max_leaf_nodes;
      const auto max_depth = static_cast<std::int32_t>(m.p_.max_depth);
      std::vector<std::size_t> splittable;
      std::size_t finalized = 0;
      if (count >= 2 * msl && nodes[0].sum_h >= 1e-3) {
        nodes[0].hist = slot();
        process_root(nodes[0]);
        if (nodes[0].gain > 0.0) {
          splittable.push_back(0);
        } else {
          ++finalized;
        }
      } else {
        ++finalized;
      }
      while (!splittable.empty()) {
        // Largest gain first (the first of equal gains).
        std::size_t bi = 0;
        for (std::size_t q = 1; q < splittable.size(); ++q) {
          if (nodes[splittable[q]].gain > nodes[splittable[bi]].gain) bi = q;
        }
        const std::size_t k = splittable[bi];
        splittable.erase(splittable.begin() + static_cast<std::ptrdiff_t>(bi));
        split(k);
        const auto li = static_cast<std::size_t>(nodes[k].left);
        const auto ri = li + 1;
        const std::size_t n_leaves = finalized + splittable.size() + 2;
        if (max_leaves != 0 && n_leaves == max_leaves) {
          finalized += 2 + splittable.size();
          splittable.clear();
          break;
        }
        if (max_depth != 0 && nodes[li].depth == max_depth) {
          finalized += 2;
          free_slots.push_back(nodes[k].hist);
          continue;
        }
        const bool split_l = nodes[li].end - nodes[li].start >= 2 * msl;
        const bool split_r = nodes[ri].end - nodes[ri].start >= 2 * msl;
        finalized += (split_l ? 0U : 1U) + (split_r ? 0U : 1U);
        if (split_l || split_r) {
          const bool left_small =
              nodes[li].end - nodes[li].start < nodes[ri].end - nodes[ri].start;
          const std::size_t small = left_small ? li : ri;
          const std::size_t large = left_small ? ri : li;
          nodes[small].hist = slot();
          // The larger child reuses the parent's slot: parent - smaller, in place.
          nodes[large].hist = nodes[k].hist;
          process_children(nodes[small], nodes[large], small == li ? split_l : split_r,
                           large == li ? split_l : split_r);
          for (const std::size_t c : {li, ri}) {
            if (!(c == li ? split_l : split_r)) {
              free_slots.push_back(nodes[c].hist);
              continue;
            }
            if (nodes[c].gain > 0.0) {
              splittable.push_back(c);
            } else {
              ++finalized;
              free_slots.push_back(nodes[c].hist);
            }
          }
        } else {
          free_slots.push_back(nodes[k].hist);
        }
      }
    }
  };

  fit_report fit_impl(const Eigen::Ref<const Eigen::MatrixXd>& X,
                      const Eigen::Ref<const Eigen::VectorXd>& y,
                      const Eigen::Ref<const Eigen::VectorXd>* w) {
    constexpr std::string_view fn = "quantkit::regression::hist_gradient_boosting_regressor::fit";
    detail::check_fit_inputs(fn, X, y, 2);
    if (w != nullptr) detail::check_sample_weight(fn, *w, X.rows());
    const auto n_all = static_cast<std::size_t>(X.rows());
    const auto d = static_cast<std::size_t>(X.cols());
    require(n_all <= std::numeric_limits<std::uint32_t>::max(), fn, "X.rows()", n_all,
            "must be < 2^32");
    const bool early = p_.early_stopping == early_stopping_mode::on ||
                       (p_.early_stopping == early_stopping_mode::automatic && n_all > 10000);

    // Train / validation split (scikit-learn's train_test_split sizes: ceil for validation).
    std::vector<std::size_t> rows(n_all);
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    std::size_t n_val = 0;
    if (early) {
      n_val = static_cast<std::size_t>(
          std::ceil(p_.validation_fraction * static_cast<double>(n_all)));
      require(n_val >= 1 && n_val < n_all, fn, "validation_fraction", p_.validation_fraction,
              "leaves an empty training or validation set");
      rng g(p_.seed);
      shuffle(std::span<std::size_t>(rows), g);
      std::sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n_all - n_val));
      std::sort(rows.begin() + static_cast<std::ptrdiff_t>(n_all - n_val), rows.end());
    }
    const std::size_t n = n_all - n_val;
    std::vector<double> yt(n), wt(n, 1.0), yv(n_val), wvv(n_val, 1.0);
    for (std::size_t k = 0; k < n; ++k) {
      yt[k] = y(static_cast<Eigen::Index>(rows[k]));
      if (w != nullptr) wt[k] = (*w)(static_cast<Eigen::Index>(rows[k]));
    }
    for (std::size_t k = 0; k < n_val; ++k) {
      yv[k] = y(static_cast<Eigen::Index>(rows[n + k]));
      if (w != nullptr) wvv[k] = (*w)(static_cast<Eigen::Index>(rows[n + k]));
    }

    // Binning on the training rows (scikit-learn subsamples 200,000 rows for the edges).
    thresholds_.assign(d, {});
    std::vector<std::uint8_t> binned(n * d);
    std::vector<std::uint8_t> binned_val(n_val * d);
    {
      std::vector<std::size_t> sub;
      if (n > 200000) {
        sub.resize(n);
        std::iota(sub.begin(), sub.end(), std::size_t{0});
        rng g(p_.seed, 0x62696e73ULL);  // "bins"
        for (std::size_t k = 0; k < 200000; ++k) {
          std::swap(sub[k], sub[k + static_cast<std::size_t>(uniform_index(g, n - k))]);
        }
        sub.resize(200000);
        std::sort(sub.begin(), sub.end());
      }
      // One task per feature (its own edges and bin columns).
      detail::run_tasks(d, detail::work_threads(p_.threads, d, n_all * d), [&](std::size_t f) {
        const auto fi = static_cast<Eigen::Index>(f);
        std::vector<double> col;
        col.reserve(sub.empty() ? n : sub.size());
        if (sub.empty()) {
          for (std::size_t k = 0; k < n; ++k) col.push_back(X(static_cast<Eigen::Index>(rows[k]), fi));
        } else {
          for (std::size_t k : sub) col.push_back(X(static_cast<Eigen::Index>(rows[k]), fi));
        }
        thresholds_[f] = detail::binning_thresholds(col, p_.max_bins);
        for (std::size_t k = 0; k < n; ++k) {
          binned[f * n + k] = detail::bin_of(thresholds_[f], X(static_cast<Eigen::Index>(rows[k]), fi));
        }
        for (std::size_t k = 0; k < n_val; ++k) {
          binned_val[f * n_val + k] =
              detail::bin_of(thresholds_[f], X(static_cast<Eigen::Index>(rows[n + k]), fi));
        }
      });
    }

    std::vector<double> scratch;
    std::vector<std::size_t> order;
    // Baseline: weighted mean (squared) or median (absolute, Huber).
    if (p_.loss == boosting_loss::squared_error) {
      double sw = 0.0, s = 0.0;
      for (std::size_t k = 0; k < n; ++k) {
        sw += wt[k];
        s += wt[k] * yt[k];
      }
      baseline_ = s / sw;
    } else if (w == nullptr) {
      baseline_ = detail::percentile_linear(yt, 50.0, scratch);
    } else {
      baseline_ = detail::weighted_percentile(yt, wt, 50.0, order);
    }

    std::vector<double> raw(n, baseline_), raw_val(n_val, baseline_);
    std::vector<double> grad(n), hess(n, 1.0);
    const bool const_h = w == nullptr;
    if (!const_h) hess = wt;
    std::vector<std::uint32_t> part(n);
    std::vector<detail::hist_bin> pool;
    std::vector<double> absdiff(n), leaf_diff, leaf_w;
    grower gr{*this, binned, n, d, grad, hess, const_h, part, pool};
    gr.threads = p_.threads;
    trees_.clear();
    validation_score_.clear();
    auto val_loss = [&](double delta) {
      double s = 0.0, sw = 0.0;
      for (std::size_t k = 0; k < n_val; ++k) {
        const double r = yv[k] - raw_val[k];
        s += wvv[k] * (p_.loss == boosting_loss::squared_error   ? 0.5 * r * r
                       : p_.loss == boosting_loss::absolute_error ? std::fabs(r)
                                                                  : detail::huber_term(r, delta));
        sw += wvv[k];
      }
      return s / sw;
    };
    double delta = 0.0;
    auto update_delta = [&]() {
      if (p_.loss != boosting_loss::huber) return;
      for (std::size_t k = 0; k < n; ++k) absdiff[k] = std::fabs(yt[k] - raw[k]);
      delta = detail::weighted_percentile(absdiff, wt, p_.alpha * 100.0, order);
    };
    update_delta();
    if (early) validation_score_.push_back(-val_loss(delta));
    const std::size_t n_sub =
        p_.subsample < 1.0
            ? std::max<std::size_t>(1, static_cast<std::size_t>(p_.subsample * static_cast<double>(n)))
            : n;
    fit_report rep;
    for (std::size_t it = 0; it < p_.max_iter; ++it) {
      // Gradients of the loss w.r.t. the raw prediction (scikit-learn's half squared error).
      detail::for_row_ranges(n, p_.threads, [&](std::size_t first, std::size_t last) {
        for (std::size_t k = first; k < last; ++k) {
          const double r = raw[k] - yt[k];
          double gk = r;
          if (p_.loss == boosting_loss::absolute_error) {
            gk = r > 0.0 ? 1.0 : (r < 0.0 ? -1.0 : 0.0);
          } else if (p_.loss == boosting_loss::huber) {
            gk = std::fabs(r) <= delta ? r : (r > 0.0 ? delta : -delta);
          }
          grad[k] = const_h ? gk : gk * wt[k];
        }
      });
      std::iota(part.begin(), part.end(), std::uint32_t{0});
      if (n_sub < n) {
        rng g(p_.seed, it + 1);
        for (std::size_t k = 0; k < n_sub; ++k) {
          std::swap(part[k], part[k + static_cast<std::size_t>(uniform_index(g, n - k))]);
        }
        std::sort(part.begin(), part.begin() + static_cast<std::ptrdiff_t>(n_sub));
      }
      gr.grow(n_sub);
      // Leaf values: shrunk Newton step, or the residual median for absolute/Huber loss.
      for (auto& nd : gr.nodes) {
        if (!nd.leaf) continue;
        double v = nd.value;
        if (p_.loss != boosting_loss::squared_error && nd.end > nd.start) {
          leaf_diff.clear();
          leaf_w.clear();
          for (std::size_t q = nd.start; q < nd.end; ++q) {
            leaf_diff.push_back(yt[part[q]] - raw[part[q]]);
            leaf_w.push_back(wt[part[q]]);
          }
          const double med = w == nullptr
                                 ? detail::percentile_linear(leaf_diff, 50.0, scratch)
                                 : detail::weighted_percentile(leaf_diff, leaf_w, 50.0, order);
          v = med;
          if (p_.loss == boosting_loss::huber) {
            double acc = 0.0;
            for (double dd : leaf_diff) {
              const double r = dd - med;
              acc += (r > 0.0 ? 1.0 : (r < 0.0 ? -1.0 : 0.0)) * std::min(std::fabs(r), delta);
            }
            v = med + acc / static_cast<double>(leaf_diff.size());
          }
        }
        nd.value = v * p_.learning_rate;
      }
      tree_structure t = to_tree(gr.nodes, n_sub);
      // Raw predictions of every training / validation row through the binned tree.
      auto walk = [&](const std::vector<std::uint8_t>& bins, std::size_t rows_n, std::size_t k) {
        std::size_t i = 0;
        while (!gr.nodes[i].leaf) {
          const auto f = static_cast<std::size_t>(gr.nodes[i].feature);
          i = static_cast<std::size_t>(bins[f * rows_n + k] <= gr.nodes[i].bin ? gr.nodes[i].left
                                                                               : gr.nodes[i].right);
        }
        return gr.nodes[i].value;
      };
      detail::for_row_ranges(n, p_.threads, [&](std::size_t first, std::size_t last) {
        for (std::size_t k = first; k < last; ++k) raw[k] += walk(binned, n, k);
      });
      detail::for_row_ranges(n_val, p_.threads, [&](std::size_t first, std::size_t last) {
        for (std::size_t k = first; k < last; ++k) raw_val[k] += walk(binned_val, n_val, k);
      });
      trees_.push_back(std::move(t));
      update_delta();
      if (early) {
        validation_score_.push_back(-val_loss(delta));
        const std::size_t ref_pos = p_.n_iter_no_change + 1;
        if (validation_score_.size() >= ref_pos) {
          const double reference = validation_score_[validation_score_.size() - ref_pos] + p_.tol;
          bool improved = false;
          for (std::size_t q = validation_score_.size() - ref_pos + 1; q < validation_score_.size();
               ++q) {
            improved = improved || validation_score_[q] > reference;
          }
          if (!improved) break;
        }
      }
    }
    n_features_ = X.cols();
    pack();
    rep.iterations = trees_.size();
    return rep;
  }

  // Grower nodes -> a tree_structure in pre-order with real-valued thresholds.
  tree_structure to_tree(const std::vector<gnode>& g, std::size_t n_rows) const {
    tree_structure t;
    struct item {
      std::size_t node;
      std::int32_t parent;
      int side;
    };
    std::vector<item> stack{{0, -1, 0}};
    while (!stack.empty()) {
      const item it = stack.back();
      stack.pop_back();
      const gnode& nd = g[it.node];
      const auto id = static_cast<std::int32_t>(t.nodes.size());
      tree_node tn;
      tn.depth = nd.depth;
      tn.value = nd.value;
      if (!nd.leaf) {
        tn.feature = nd.feature;
        tn.threshold = thresholds_[static_cast<std::size_t>(nd.feature)][nd.bin];
      }
      t.nodes.push_back(tn);
      t.impurity.push_back(0.0);
      t.weighted_n.push_back(nd.sum_h);
      t.n_samples.push_back(static_cast<std::int64_t>(nd.end - nd.start));
      if (it.parent >= 0) t.nodes[static_cast<std::size_t>(it.parent)].child[it.side] = id;
      if (!nd.leaf) {
        stack.push_back({static_cast<std::size_t>(nd.right), id, 1});
        stack.push_back({static_cast<std::size_t>(nd.left), id, 0});
      }
    }
    static_cast<void>(n_rows);
    return t;
  }

  params p_{};
  double baseline_ = 0.0;
  std::vector<std::vector<double>> thresholds_;
  std::vector<double> validation_score_;
  std::vector<tree_structure> trees_;
  std::vector<detail::packed_tree> packed_;
  Eigen::Index n_features_ = 0;
};

static_assert(weighted_regressor<hist_gradient_boosting_regressor>);

}  // namespace quantkit::regression
