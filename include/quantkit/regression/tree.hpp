// SPDX-License-Identifier: MIT
// quantkit/regression/tree.hpp - CART regression tree (scikit-learn DecisionTreeRegressor), flat nodes
#pragma once

#include "../core/error.hpp"
#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "model.hpp"
#include "serialize.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quantkit::regression {

/// One node of a fitted tree, 32 bytes. A split node sends a row left when
/// `x[feature] <= threshold` (scikit-learn's rule) and right otherwise; `child[0]` is the left
/// child, `child[1]` the right one. A leaf has feature == -1 and both children -1; `value` is
/// the prediction of a leaf (for split nodes: the node's weighted mean, kept for inspection).
struct tree_node {
  double threshold = 0.0;
  double value = 0.0;
  std::int32_t feature = -1;
  std::int32_t child[2] = {-1, -1};
  std::int32_t depth = 0;

  [[nodiscard]] bool is_leaf() const noexcept { return feature < 0; }
};

/// A fitted binary tree as flat arrays in depth-first pre-order (left subtree first, like
/// scikit-learn's tree_ arrays). `nodes` is the hot array used for prediction; `impurity`
/// (weighted variance of the node's targets), `weighted_n` (sum of sample weights) and
/// `n_samples` (distinct training rows) are per-node statistics for importance and inspection.
struct tree_structure {
  std::vector<tree_node> nodes;
  std::vector<double> impurity;
  std::vector<double> weighted_n;
  std::vector<std::int64_t> n_samples;

  [[nodiscard]] std::size_t size() const noexcept { return nodes.size(); }

  /// Index of the leaf reached by a row given as a pointer to feature 0 and a stride between
  /// features (1 for a row-major buffer, the row count for an Eigen column-major matrix).
  [[nodiscard]] std::int32_t leaf_of(const double* row, std::ptrdiff_t stride) const noexcept {
    const tree_node* n = nodes.data();
    std::int32_t i = 0;
    while (n[i].feature >= 0) {
      const double x = row[static_cast<std::ptrdiff_t>(n[i].feature) * stride];
      i = n[i].child[x > n[i].threshold ? 1 : 0];
    }
    return i;
  }

  /// Prediction for a contiguous row (row-major, stride 1).
  [[nodiscard]] double predict_row(const double* row) const noexcept {
    return nodes[static_cast<std::size_t>(leaf_of(row, 1))].value;
  }

  /// Depth of the deepest leaf (0 for a single leaf).
  [[nodiscard]] std::size_t max_depth() const noexcept {
    std::int32_t d = 0;
    for (const auto& n : nodes) d = std::max(d, n.depth);
    return static_cast<std::size_t>(d);
  }

  /// Number of leaves.
  [[nodiscard]] std::size_t n_leaves() const noexcept {
    std::size_t k = 0;
    for (const auto& n : nodes) k += n.is_leaf() ? 1U : 0U;
    return k;
  }

  /// Unnormalized impurity decrease per feature: sum over split nodes of
  /// w_node * imp_node - w_left * imp_left - w_right * imp_right, divided by the root's weight
  /// (scikit-learn's compute_feature_importances(normalize=False)). O(nodes).
  [[nodiscard]] std::vector<double> impurity_decrease(std::size_t n_features) const {
    std::vector<double> imp(n_features, 0.0);
    if (nodes.empty()) return imp;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const auto& n = nodes[i];
      if (n.is_leaf()) continue;
      const auto l = static_cast<std::size_t>(n.child[0]);
      const auto r = static_cast<std::size_t>(n.child[1]);
      imp[static_cast<std::size_t>(n.feature)] += weighted_n[i] * impurity[i] -
                                                  weighted_n[l] * impurity[l] -
                                                  weighted_n[r] * impurity[r];
    }
    for (double& v : imp) v /= weighted_n[0];
    return imp;
  }

  void save(model_writer& w) const {
    const std::size_t n = nodes.size();
    w.put(static_cast<std::uint64_t>(n));
    std::vector<double> buf(n);
    for (std::size_t i = 0; i < n; ++i) buf[i] = nodes[i].threshold;
    w.put(std::span<const double>(buf));
    for (std::size_t i = 0; i < n; ++i) buf[i] = nodes[i].value;
    w.put(std::span<const double>(buf));
    for (std::size_t i = 0; i < n; ++i) {
      w.put(static_cast<std::int64_t>(nodes[i].feature));
      w.put(static_cast<std::int64_t>(nodes[i].child[0]));
      w.put(static_cast<std::int64_t>(nodes[i].child[1]));
      w.put(static_cast<std::int64_t>(nodes[i].depth));
      w.put(n_samples[i]);
    }
    w.put(std::span<const double>(impurity));
    w.put(std::span<const double>(weighted_n));
  }

  /// Reads a tree written by save() and checks its structure (children in range and after their
  /// parent, features in [0, n_features)), so a corrupted payload can never make predict() read
  /// out of bounds. Throws data_error naming `fn` on any inconsistency.
  static tree_structure load(model_reader& r, std::size_t n_features, std::string_view fn) {
    tree_structure t;
    const std::uint64_t n = r.get_size(std::uint64_t{1} << 31, "tree node count");
    auto bad = [&](const std::string& what) {
      r.fail(std::string(fn) + ": corrupted tree payload: " + what);
    };
    if (n == 0) bad("empty tree");
    const auto thr = r.get_doubles();
    const auto val = r.get_doubles();
    if (thr.size() != n || val.size() != n) bad("array length");
    t.nodes.resize(static_cast<std::size_t>(n));
    t.n_samples.resize(static_cast<std::size_t>(n));
    const auto nn = static_cast<std::int64_t>(n);
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
      auto& nd = t.nodes[i];
      nd.threshold = thr[i];
      nd.value = val[i];
      const std::int64_t f = r.get_i64();
      const std::int64_t l = r.get_i64();
      const std::int64_t rr = r.get_i64();
      const std::int64_t d = r.get_i64();
      t.n_samples[i] = r.get_i64();
      const auto ii = static_cast<std::int64_t>(i);
      if (f < 0) {
        if (f != -1 || l != -1 || rr != -1) bad("leaf " + std::to_string(i));
      } else {
        if (f >= static_cast<std::int64_t>(n_features)) bad("feature of node " + std::to_string(i));
        if (l <= ii || rr <= ii || l >= nn || rr >= nn) bad("children of node " + std::to_string(i));
      }
      if (d < 0 || d > nn) bad("depth of node " + std::to_string(i));
      nd.feature = static_cast<std::int32_t>(f);
      nd.child[0] = static_cast<std::int32_t>(l);
      nd.child[1] = static_cast<std::int32_t>(rr);
      nd.depth = static_cast<std::int32_t>(d);
    }
    t.impurity = r.get_doubles();
    t.weighted_n = r.get_doubles();
    if (t.impurity.size() != n || t.weighted_n.size() != n) bad("statistics length");
    return t;
  }
};

namespace detail {

/// scikit-learn's constants: values closer than this are one value for splitting
/// (FEATURE_THRESHOLD in _splitter.pyx), and a node whose impurity is <= DBL_EPSILON is a leaf.
inline constexpr double feature_threshold = 1e-7;
inline constexpr double impurity_epsilon = std::numeric_limits<double>::epsilon();

/// Work (rows x features) of one step of a tree fit below which the fit stays on the calling
/// thread. Starting and joining the workers of core/parallel.hpp costs tens of microseconds,
/// about the time of a 60,000-element histogram or split scan, so a 2,000-row fit never goes
/// parallel. The value only decides where work runs, never what it computes.
inline constexpr std::size_t parallel_min_work = std::size_t{1} << 17;

/// Workers to use for `tasks` independent tasks totalling `work` element operations: 1 below
/// parallel_min_work, otherwise resolve_threads(threads, tasks) (threads 0 = hardware).
inline std::size_t work_threads(std::size_t threads, std::size_t tasks, std::size_t work) noexcept {
  return work < parallel_min_work ? 1 : resolve_threads(threads, tasks);
}

/// Calls task(i) for every i in [0, n): on the calling thread in index order when workers <= 1,
/// otherwise on `workers` threads of core/parallel.hpp (indices handed out dynamically, so
/// task(i) must depend only on i and write only its own outputs). Rethrows the exception of the
/// lowest failing index.
template <class F>
void run_tasks(std::size_t n, std::size_t workers, F&& task) {
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) task(i);
    return;
  }
  parallel_options opt;
  opt.threads = workers;
  parallel_for(n, task, opt).rethrow_first_error();
}

/// Calls body(first, last) for consecutive row ranges covering [0, n) of `chunk` rows each, on
/// up to `threads` workers when n is at least parallel_min_work, else as one range on the
/// calling thread. body must treat every row independently (no cross-row reduction), so the
/// result does not depend on the split into ranges.
template <class F>
void for_row_ranges(std::size_t n, std::size_t threads, F&& body) {
  constexpr std::size_t chunk = 16384;
  const std::size_t n_chunks = (n + chunk - 1) / chunk;
  const std::size_t workers = work_threads(threads, n_chunks, n);
  if (workers <= 1) {
    body(std::size_t{0}, n);
    return;
  }
  run_tasks(n_chunks, workers,
            [&](std::size_t c) { body(c * chunk, std::min(n, (c + 1) * chunk)); });
}

/// Per-feature argsort of the rows of X (ascending value, ties by row index), column-major:
/// order[f * n + k] is the row with the k-th smallest value of feature f. Computed once per
/// fit and shared read-only by every tree of a forest or boosting run. The features are sorted
/// on up to `threads` workers (0 = hardware) when n d is large; the order is a total order, so
/// the result never depends on them. O(d n log n).
struct sorted_columns {
  std::vector<std::int32_t> order;
  std::size_t n = 0;
  std::size_t d = 0;

  static sorted_columns make(const Eigen::Ref<const Eigen::MatrixXd>& X, std::size_t threads = 1) {
    sorted_columns s;
    s.n = static_cast<std::size_t>(X.rows());
    s.d = static_cast<std::size_t>(X.cols());
    s.order.resize(s.n * s.d);
    run_tasks(s.d, work_threads(threads, s.d, s.n * s.d), [&](std::size_t f) {
      const double* col = X.col(static_cast<Eigen::Index>(f)).data();
      auto* o = s.order.data() + f * s.n;
      for (std::size_t i = 0; i < s.n; ++i) o[i] = static_cast<std::int32_t>(i);
      std::sort(o, o + s.n, [col](std::int32_t a, std::int32_t b) {
        return col[a] < col[b] || (col[a] == col[b] && a < b);
      });
    });
    return s;
  }
};

/// Split criterion: plain squared error (DecisionTreeRegressor, RandomForestRegressor) or
/// Friedman's improvement score (GradientBoostingRegressor's criterion='friedman_mse'). Both rank
/// splits identically in exact arithmetic; the proxy formulas follow scikit-learn's.
enum class split_criterion { squared_error, friedman_mse };

struct cart_settings {
  std::size_t max_depth = 0;  ///< 0 = unlimited
  std::size_t min_samples_split = 2;
  std::size_t min_samples_leaf = 1;
  std::size_t max_features = 0;  ///< resolved count in [1, d]
  double min_impurity_decrease = 0.0;
  split_criterion criterion = split_criterion::squared_error;
};

/// Grows CART trees on presorted data. Reuse one builder for many trees of the same data set (a
/// boosting run): its buffers are allocated once. Not thread-safe; one builder per thread/tree.
///
/// Algorithm: each node owns the same range [start, end) of every feature's sorted index list;
/// the best split of a feature is one linear scan of its list (prefix sums of w and w*y), and
/// after the split every other feature's range is stably partitioned by a left/right mark.
/// O(d n) per tree level instead of the O(d n log n) re-sort per node scikit-learn does.
///
/// Threads: a builder made with `threads` != 1 scans the features of a node, and partitions
/// them after its split, on up to `threads` workers (0 = hardware) when the node's rows x
/// features reach parallel_min_work. Each feature's scan is the serial code; the per-feature
/// winners are compared afterwards in visiting order with the same strict `>`, so the tree
/// (ties included) is bit-identical for any thread count. The default of 1 is what a forest
/// uses, since it already runs its trees in parallel.
class cart_builder {
 public:
  explicit cart_builder(std::size_t threads = 1) noexcept : threads_(threads) {}

  /// Builds a tree. `y` and `w` have X.rows() entries; rows with w == 0 are left out (as in
  /// scikit-learn, so bootstrap counts can be passed as weights); `w == nullptr` means all 1.
  /// `g` shuffles the feature visiting order (scikit-learn's random_state role).
  tree_structure build(const Eigen::Ref<const Eigen::MatrixXd>& X, const double* y,
                       const double* w, const sorted_columns& sc, const cart_settings& s,
                       rng& g) {
    const std::size_t n = sc.n;
    const std::size_t d = sc.d;
    // Active rows (w > 0), in each feature's sorted order.
    m_ = 0;
    for (std::size_t i = 0; i < n; ++i) m_ += (w == nullptr || w[i] > 0.0) ? 1 : 0;
    idx_.resize(m_ * d);
    const std::size_t copy_workers = threads_ == 1 ? 1 : work_threads(threads_, d, n * d);
    run_tasks(d, copy_workers, [&](std::size_t f) {
      const std::int32_t* o = sc.order.data() + f * n;
      std::int32_t* dst = idx_.data() + f * m_;
      std::size_t k = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const std::int32_t i = o[j];
        if (w == nullptr || w[i] > 0.0) dst[k++] = i;
      }
    });
    left_mark_.assign(n, 0);
    features_.resize(d);
    for (std::size_t f = 0; f < d; ++f) features_[f] = static_cast<std::int32_t>(f);
    cols_.resize(d);
    for (std::size_t f = 0; f < d; ++f) cols_[f] = X.col(static_cast<Eigen::Index>(f)).data();

    tree_structure t;
    if (m_ == 0) return t;
    struct record {
      std::size_t start, end;
      std::int32_t depth, parent;
      int side;
    };
    std::vector<record> stack;
    stack.push_back({0, m_, 0, -1, 0});
    double root_weight = 0.0;
    const std::size_t max_depth =
        s.max_depth == 0 ? std::numeric_limits<std::size_t>::max() : s.max_depth;
    while (!stack.empty()) {
      const record rec = stack.back();
      stack.pop_back();
      // Node statistics (the row set is the same in every feature's list).
      const std::int32_t* ix0 = idx_.data();
      double wsum = 0.0, ysum = 0.0, sq = 0.0;
      for (std::size_t p = rec.start; p < rec.end; ++p) {
        const std::int32_t i = ix0[p];
        const double wi = w == nullptr ? 1.0 : w[i];
        wsum += wi;
        ysum += wi * y[i];
        sq += wi * y[i] * y[i];
      }
      if (rec.parent < 0) root_weight = wsum;
      const double mean = ysum / wsum;
      const double impurity = sq / wsum - mean * mean;
      const auto id = static_cast<std::int32_t>(t.nodes.size());
      tree_node node;
      node.value = mean;
      node.depth = rec.depth;
      t.nodes.push_back(node);
      t.impurity.push_back(impurity);
      t.weighted_n.push_back(wsum);
      t.n_samples.push_back(static_cast<std::int64_t>(rec.end - rec.start));
      if (rec.parent >= 0) t.nodes[static_cast<std::size_t>(rec.parent)].child[rec.side] = id;

      const std::size_t cnt = rec.end - rec.start;
      bool leaf = static_cast<std::size_t>(rec.depth) >= max_depth || cnt < s.min_samples_split ||
                  cnt < 2 * s.min_samples_leaf || impurity <= impurity_epsilon;
      split best;
      if (!leaf) {
        best = find_split(rec.start, rec.end, y, w, wsum, ysum, s, g);
        leaf = best.feature < 0;
      }
      if (!leaf) {
        // Children statistics as scikit-learn's children_impurity: left summed, right by difference.
        const std::int32_t* ixb = idx_.data() + static_cast<std::size_t>(best.feature) * m_;
        double wl = 0.0, sl = 0.0, sql = 0.0;
        for (std::size_t p = rec.start; p < best.pos; ++p) {
          const std::int32_t i = ixb[p];
          const double wi = w == nullptr ? 1.0 : w[i];
          wl += wi;
          sl += wi * y[i];
          sql += wi * y[i] * y[i];
        }
        const double wr = wsum - wl;
        const double sr = ysum - sl;
        const double sqr = sq - sql;
        const double imp_l = sql / wl - (sl / wl) * (sl / wl);
        const double imp_r = sqr / wr - (sr / wr) * (sr / wr);
        const double improvement =
            (wsum / root_weight) * (impurity - wr / wsum * imp_r - wl / wsum * imp_l);
        if (improvement + impurity_epsilon < s.min_impurity_decrease) leaf = true;
      }
      if (leaf) continue;
      auto& nd = t.nodes[static_cast<std::size_t>(id)];
      nd.feature = best.feature;
      nd.threshold = best.threshold;
      partition(rec.start, best.pos, rec.end, static_cast<std::size_t>(best.feature), d);
      stack.push_back({best.pos, rec.end, rec.depth + 1, id, 1});
      stack.push_back({rec.start, best.pos, rec.depth + 1, id, 0});
    }
    return t;
  }

 private:
  struct split {
    std::int32_t feature = -1;
    std::size_t pos = 0;
    double threshold = 0.0;
    double proxy = -std::numeric_limits<double>::infinity();
  };

  split find_split(std::size_t start, std::size_t end, const double* y, const double* w,
                   double wsum, double ysum, const cart_settings& s, rng& g) {
    // Visiting order first (serial, the same random draws as a one-pass search): the k-th
    // visited feature is drawn from the ones not visited yet (partial Fisher-Yates), and features
    // constant in the node do not count towards max_features.
    const std::size_t d = features_.size();
    scan_.clear();
    for (std::size_t k = 0; k < d && scan_.size() < s.max_features; ++k) {
      const auto j = k + static_cast<std::size_t>(uniform_index(g, d - k));
      std::swap(features_[k], features_[j]);
      const auto f = static_cast<std::size_t>(features_[k]);
      const std::int32_t* ix = idx_.data() + f * m_;
      const double* xf = cols_[f];
      if (xf[ix[end - 1]] <= xf[ix[start]] + feature_threshold) continue;  // constant here
      scan_.push_back(f);
    }
    const std::size_t workers =
        threads_ == 1 ? 1 : work_threads(threads_, scan_.size(), (end - start) * scan_.size());
    split best;
    if (workers <= 1) {
      // One pass carrying the best split across features (the fastest serial form: few
      // positions beat a good split found earlier).
      for (const std::size_t f : scan_) best = scan_feature(f, start, end, y, w, wsum, ysum, s, best);
      return best;
    }
    // Each feature's best split (the first strict maximum of its scan) in parallel, then the
    // first strict maximum over the features in visiting order: what the serial pass picks.
    cand_.resize(scan_.size());
    run_tasks(scan_.size(), workers, [&](std::size_t q) {
      cand_[q] = scan_feature(scan_[q], start, end, y, w, wsum, ysum, s, split{});
    });
    for (const split& c : cand_) {
      if (c.proxy > best.proxy) best = c;
    }
    return best;
  }

  // The scan of feature f over [start, end): `best` improved by every position whose proxy
  // beats it strictly (the first strict maximum wins).
  split scan_feature(std::size_t f, std::size_t start, std::size_t end, const double* y,
                     const double* w, double wsum, double ysum, const cart_settings& s,
                     split best) const {
    const std::size_t msl = s.min_samples_leaf;
    const std::int32_t* ix = idx_.data() + f * m_;
    const double* xf = cols_[f];
    double wl = 0.0, sl = 0.0;
    double xcur = xf[ix[start]];
    for (std::size_t p = start; p + 1 < end; ++p) {
      const std::int32_t i = ix[p];
      const double wi = w == nullptr ? 1.0 : w[i];
      wl += wi;
      sl += wi * y[i];
      const double xnext = xf[ix[p + 1]];
      if (xnext <= xcur + feature_threshold) {
        xcur = xnext;
        continue;
      }
      const std::size_t nl = p + 1 - start;
      const std::size_t nr = end - p - 1;
      if (nl < msl) {
        xcur = xnext;
        continue;
      }
      if (nr < msl) break;
      const double wr = wsum - wl;
      const double sr = ysum - sl;
      double proxy = 0.0;
      if (s.criterion == split_criterion::squared_error) {
        proxy = sl * sl / wl + sr * sr / wr;
      } else {
        const double diff = wr * sl - wl * sr;
        proxy = diff * diff / (wl * wr);
      }
      if (proxy > best.proxy) {
        best.proxy = proxy;
        best.feature = static_cast<std::int32_t>(f);
        best.pos = p + 1;
        double thr = xcur / 2.0 + xnext / 2.0;
        if (thr == xnext || std::isinf(thr)) thr = xcur;
        best.threshold = thr;
      }
      xcur = xnext;
    }
    return best;
  }

  // Stable partition of every feature's range [start, end) other than bf by the left mark; the
  // features are dealt round-robin to the workers, each with its own scratch buffer.
  void partition(std::size_t start, std::size_t pos, std::size_t end, std::size_t bf,
                 std::size_t d) {
    const std::int32_t* ixb = idx_.data() + bf * m_;
    for (std::size_t p = start; p < pos; ++p) left_mark_[static_cast<std::size_t>(ixb[p])] = 1;
    for (std::size_t p = pos; p < end; ++p) left_mark_[static_cast<std::size_t>(ixb[p])] = 0;
    const std::size_t workers =
        threads_ == 1 ? 1 : work_threads(threads_, d - 1, (end - start) * (d - 1));
    if (tmp_.size() < workers) tmp_.resize(workers);
    run_tasks(workers, workers, [&](std::size_t wk) {
      std::vector<std::int32_t>& tmp = tmp_[wk];
      if (tmp.size() < end - start) tmp.resize(m_);
      for (std::size_t f = wk; f < d; f += workers) {
        if (f == bf) continue;
        std::int32_t* ix = idx_.data() + f * m_;
        std::size_t l = start;
        std::size_t r = 0;
        for (std::size_t p = start; p < end; ++p) {
          const std::int32_t i = ix[p];
          if (left_mark_[static_cast<std::size_t>(i)] != 0) {
            ix[l++] = i;
          } else {
            tmp[r++] = i;
          }
        }
        std::copy(tmp.begin(), tmp.begin() + static_cast<std::ptrdiff_t>(r), ix + l);
      }
    });
  }

  std::size_t threads_ = 1;
  std::size_t m_ = 0;
  std::vector<std::int32_t> idx_;
  std::vector<std::vector<std::int32_t>> tmp_;  // one scratch buffer per partition worker
  std::vector<std::uint8_t> left_mark_;
  std::vector<std::int32_t> features_;
  std::vector<const double*> cols_;
  std::vector<std::size_t> scan_;  // features scanned at the current node, in visiting order
  std::vector<split> cand_;        // their best splits
};

/// Prediction layout of a tree: 16-byte nodes in breadth-first order with the two children of a
/// split adjacent (right = left + 1). Offsets are stored in bytes, so a step is
/// `at = left_offset + (x > threshold ? 16 : 0)` with `x` read at `row + feature_offset`: no
/// branch and no index scaling. A leaf loops onto itself (feature 0, threshold +inf), so a walk
/// that went on after reaching a leaf stays there. The comparison is the one of
/// tree_structure::leaf_of (left unless x > threshold; a NaN goes left), so every row reaches the
/// same leaf as the one-row walk.
struct packed_node {
  double threshold;
  std::int32_t feature_offset;  ///< feature * sizeof(double)
  std::int32_t left_offset;     ///< left child index * sizeof(packed_node); right child + 16
};
static_assert(sizeof(packed_node) == 16);

/// A tree in prediction layout (built from a tree_structure by make(); never saved) and its
/// block walk. Measured on the 100-tree Friedman #1 forest (fully grown, mean leaf depth 12,
/// depth up to 26) predicting 100,000 rows: ~120 ms on one thread, against 270 ms for 16-row
/// lockstep walks to the deepest lane over 256-row blocks (docs/performance.md).
struct packed_tree {
  std::vector<packed_node> nodes;
  std::vector<double> value;  ///< per node (breadth-first), read at leaves
  std::int32_t depth = 0;
  /// Steps of the first pass over all rows: the median depth of the leaves weighted by their
  /// training weight (the tree's depth when the weights are absent), in [min(1, depth), depth].
  std::int32_t first_steps = 0;

  /// Lanes walked in lockstep, rows per worklist chunk, steps per pass after the first.
  static constexpr std::ptrdiff_t lanes = 16;
  static constexpr std::ptrdiff_t chunk = 1024;
  static constexpr std::int32_t pass_steps = 4;

  /// Breadth-first copy of t. Throws invalid_argument when a byte offset would not fit 32 bits
  /// (2^27 nodes or more, a feature index of 2^28 or more). O(nodes log nodes).
  static packed_tree make(const tree_structure& t) {
    constexpr std::string_view fn = "quantkit::regression::detail::packed_tree::make";
    packed_tree p;
    const std::size_t n = t.nodes.size();
    require(n < (std::size_t{1} << 27), fn, "t.nodes.size()", n, "must be < 2^27");
    p.nodes.reserve(n);
    p.value.reserve(n);
    std::vector<std::int32_t> order;  // breadth-first old ids; position = new id
    order.reserve(n);
    if (n > 0) order.push_back(0);
    constexpr auto node_bytes = static_cast<std::int32_t>(sizeof(packed_node));
    constexpr auto x_bytes = static_cast<std::int32_t>(sizeof(double));
    for (std::size_t k = 0; k < order.size(); ++k) {
      const auto& nd = t.nodes[static_cast<std::size_t>(order[k])];
      p.value.push_back(nd.value);
      p.depth = std::max(p.depth, nd.depth);
      if (nd.is_leaf()) {
        p.nodes.push_back({std::numeric_limits<double>::infinity(), 0,
                           static_cast<std::int32_t>(k) * node_bytes});
      } else {
        require(nd.feature < (std::int32_t{1} << 28), fn, "feature", nd.feature,
                "must be < 2^28");
        p.nodes.push_back({nd.threshold, nd.feature * x_bytes,
                           static_cast<std::int32_t>(order.size()) * node_bytes});
        order.push_back(nd.child[0]);
        order.push_back(nd.child[1]);
      }
    }
    p.first_steps = p.depth;
    if (t.weighted_n.size() == n && n > 1) {
      std::vector<std::pair<std::int32_t, double>> leaves;  // (depth, weight)
      double total = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        if (!t.nodes[i].is_leaf()) continue;
        leaves.emplace_back(t.nodes[i].depth, t.weighted_n[i]);
        total += t.weighted_n[i];
      }
      if (total > 0.0) {
        std::sort(leaves.begin(), leaves.end());
        double c = 0.0;
        for (const auto& [leaf_depth, w] : leaves) {
          c += w;
          if (c >= 0.5 * total) {
            p.first_steps = std::clamp(leaf_depth, std::int32_t{1}, p.depth);
            break;
          }
        }
      }
    }
    return p;
  }

  /// out[i] (+)= scale * prediction of row i of a row-major block (rows x d); Add = false
  /// writes (`v = scale * leaf value`, then `out[i] += v` or `out[i] = v`). Rows go through in
  /// chunks of 1,024 (stack worklists, no allocation): a first pass walks every row
  /// `first_steps` steps, 16 rows in lockstep (their loads are independent, so the memory
  /// latencies overlap); then the rows not yet on a leaf (those whose last step moved) are packed
  /// into a worklist and walked again, 16 at a time, in passes of 4 steps until none is left or
  /// `depth` steps are done. Each row ends on the leaf of tree_structure::leaf_of, so the result
  /// is bit-identical to the one-row walk. Callers walk many rows (thousands) through one tree
  /// before the next, so the tree's nodes stay in cache. Complexity: O(rows * (first_steps + 4 *
  /// passes)) steps, about rows * (mean leaf depth + 3); no memory beyond 8 KB of stack.
  template <bool Add>
  void predict_block(const double* block, std::ptrdiff_t rows, std::ptrdiff_t d, double scale,
                     double* out) const noexcept {
    std::int32_t at[chunk];      // byte offset of each row's current node
    std::int32_t active[chunk];  // rows (of the chunk) not known to sit on a leaf
    for (std::ptrdiff_t c0 = 0; c0 < rows; c0 += chunk) {
      const std::ptrdiff_t m = std::min(chunk, rows - c0);
      walk(block + c0 * d, m, d, at, active);
      for (std::ptrdiff_t i = 0; i < m; ++i) {
        const double v = scale * value[static_cast<std::size_t>(at[i]) / sizeof(packed_node)];
        if constexpr (Add) {
          out[c0 + i] += v;
        } else {
          out[c0 + i] = v;
        }
      }
    }
  }

 private:
  // Leaves at[0, m) on the leaf of each row of the row-major chunk (m <= chunk rows).
  void walk(const double* block, std::ptrdiff_t m, std::ptrdiff_t d, std::int32_t* at,
            std::int32_t* active) const noexcept {
    const auto* base = reinterpret_cast<const unsigned char*>(nodes.data());
    const unsigned char* row[lanes];
    std::ptrdiff_t pos[lanes];
    std::ptrdiff_t prev[lanes];
    // Runs `steps` steps on every lane; prev = the position before the last one.
    auto run = [&](std::int32_t steps) {
      for (std::int32_t s = 1; s < steps; ++s) {
        for (std::ptrdiff_t l = 0; l < lanes; ++l) pos[l] = step(base, row[l], pos[l]);
      }
      for (std::ptrdiff_t l = 0; l < lanes; ++l) {
        prev[l] = pos[l];
        pos[l] = step(base, row[l], pos[l]);
      }
    };
    // First pass: every row from the root, in order (idle lanes repeat the last row).
    std::ptrdiff_t n_active = 0;
    const std::int32_t first = std::max(first_steps, std::int32_t{1});
    for (std::ptrdiff_t g = 0; g < m; g += lanes) {
      const std::ptrdiff_t live = std::min(lanes, m - g);
      for (std::ptrdiff_t l = 0; l < lanes; ++l) {
        row[l] = reinterpret_cast<const unsigned char*>(block + (g + std::min(l, live - 1)) * d);
        pos[l] = 0;
      }
      run(first);
      if (first >= depth) {  // every row is on its leaf (shallow trees: boosting)
        for (std::ptrdiff_t l = 0; l < live; ++l) at[g + l] = static_cast<std::int32_t>(pos[l]);
        continue;
      }
      for (std::ptrdiff_t l = 0; l < live; ++l) {
        at[g + l] = static_cast<std::int32_t>(pos[l]);
        active[n_active] = static_cast<std::int32_t>(g + l);
        n_active += prev[l] != pos[l] ? 1 : 0;  // a split always moves; a leaf never does
      }
    }
    // Further passes over the rows whose last step moved, packed 16 to a group.
    for (std::int32_t done = first; n_active > 0 && done < depth;) {
      const std::int32_t steps = std::min(pass_steps, depth - done);
      std::ptrdiff_t kept = 0;
      for (std::ptrdiff_t g = 0; g < n_active; g += lanes) {
        const std::ptrdiff_t live = std::min(lanes, n_active - g);
        for (std::ptrdiff_t l = 0; l < lanes; ++l) {
          const std::int32_t r = active[g + std::min(l, live - 1)];
          row[l] = reinterpret_cast<const unsigned char*>(block + r * d);
          pos[l] = at[r];
        }
        run(steps);
        for (std::ptrdiff_t l = 0; l < live; ++l) {
          const std::int32_t r = active[g + l];
          at[r] = static_cast<std::int32_t>(pos[l]);
          active[kept] = r;  // kept <= g + l: never overwrites an entry still to be read
          kept += prev[l] != pos[l] ? 1 : 0;
        }
      }
      n_active = kept;
      done += steps;
    }
  }

  static std::ptrdiff_t step(const unsigned char* base, const unsigned char* row,
                             std::ptrdiff_t pos) noexcept {
    const auto& q = *reinterpret_cast<const packed_node*>(base + pos);
    const double x = *reinterpret_cast<const double*>(row + q.feature_offset);
    return q.left_offset + (x > q.threshold ? std::ptrdiff_t{sizeof(packed_node)} : 0);
  }
};

/// Rows per prediction block for n rows of d features on `threads` workers: about 256 KB of
/// row-major copy (4,096 rows of 8 features; at least 256 rows, at most 4,096), so each tree is
/// walked by thousands of rows while its nodes stay in L1/L2, and the blocks split evenly over
/// the workers. A block size never changes a result (each row is summed over the trees in tree
/// order whatever block it falls in).
inline Eigen::Index predict_block_rows(Eigen::Index n, Eigen::Index d, std::size_t threads) {
  constexpr Eigen::Index target_values = 32768;
  const Eigen::Index cap =
      std::clamp<Eigen::Index>(target_values / std::max<Eigen::Index>(d, 1), 256, 4096);
  const auto t = static_cast<Eigen::Index>(std::max<std::size_t>(threads, 1));
  // Block count: at least n / cap, rounded up to a multiple of the workers, at most n.
  Eigen::Index blocks = (n + cap - 1) / cap;
  blocks = std::min(n, (blocks + t - 1) / t * t);
  blocks = std::max<Eigen::Index>(blocks, 1);
  return (n + blocks - 1) / blocks;
}

/// Calls body(first_row, rows, rowmajor) for consecutive row blocks of X (predict_block_rows),
/// blocks spread over `threads` workers; `rowmajor` is 64-byte aligned. body writes only rows
/// [first_row, first_row + rows) of its outputs, so the result does not depend on the thread
/// count. O(n d) copying; one buffer per worker.
template <class Body>
void for_each_row_block(const Eigen::Ref<const Eigen::MatrixXd>& X, std::size_t threads,
                        Body&& body) {
  const Eigen::Index n = X.rows();
  const Eigen::Index d = X.cols();
  if (n == 0) return;
  const std::size_t t0 = resolve_threads(threads, static_cast<std::size_t>(n));
  const Eigen::Index block = predict_block_rows(n, d, t0);
  const auto n_blocks = static_cast<std::size_t>((n + block - 1) / block);
  auto run = [&](std::size_t b, std::vector<double>& store) {
    const Eigen::Index first = static_cast<Eigen::Index>(b) * block;
    const Eigen::Index rows = std::min(block, n - first);
    store.resize(static_cast<std::size_t>(block * d) + 8);
    // Align to a cache line: a row of 8 features is then exactly one line.
    const auto addr = reinterpret_cast<std::uintptr_t>(store.data());
    double* buf = store.data() + ((64 - addr % 64) % 64) / sizeof(double);
    for (Eigen::Index j = 0; j < d; ++j) {
      const double* col = X.col(j).data() + first;
      for (Eigen::Index i = 0; i < rows; ++i) buf[i * d + j] = col[i];
    }
    body(first, rows, static_cast<const double*>(buf));
  };
  const std::size_t t = resolve_threads(t0, n_blocks);
  if (t <= 1) {
    std::vector<double> buf;
    for (std::size_t b = 0; b < n_blocks; ++b) run(b, buf);
    return;
  }
  // One chunk of blocks per worker keeps the buffer allocation per worker, not per block.
  const std::size_t per = (n_blocks + t - 1) / t;
  parallel_options opt;
  opt.threads = t;
  const auto rep = parallel_for(
      t,
      [&](std::size_t w) {
        std::vector<double> buf;
        for (std::size_t b = w * per; b < std::min(n_blocks, (w + 1) * per); ++b) run(b, buf);
      },
      opt);
  rep.rethrow_first_error();
}

/// Number of features to consider per split: `count` if > 0, otherwise
/// max(1, floor(fraction * d)) (scikit-learn's int / float max_features).
inline std::size_t resolve_max_features(std::size_t count, double fraction, std::size_t d) {
  if (count > 0) return std::min(count, d);
  const auto k = static_cast<std::size_t>(fraction * static_cast<double>(d));
  return std::clamp<std::size_t>(k, 1, d);
}

inline void check_tree_settings(std::string_view fn, std::size_t min_samples_split,
                                std::size_t min_samples_leaf, double max_features_fraction) {
  require(min_samples_split >= 2, fn, "min_samples_split", min_samples_split, "must be >= 2");
  require(min_samples_leaf >= 1, fn, "min_samples_leaf", min_samples_leaf, "must be >= 1");
  require(max_features_fraction > 0.0 && max_features_fraction <= 1.0, fn,
          "max_features_fraction", max_features_fraction, "must be in (0, 1]");
}

/// Throws not_fitted "<fn>: the model is not fitted; call fit() first" unless `fitted`.
inline void require_fitted(std::string_view fn, bool fitted) {
  if (!fitted) {
    QUANTKIT_THROW(not_fitted(std::string(fn) + ": the model is not fitted; call fit() first"));
  }
}

/// Normalizes v to sum 1 when its sum is > 0 (scikit-learn's feature_importances_).
inline Eigen::VectorXd normalized(const std::vector<double>& v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  double total = 0.0;
  for (double x : v) total += x;
  for (std::size_t i = 0; i < v.size(); ++i) {
    out(static_cast<Eigen::Index>(i)) = total > 0.0 ? v[i] / total : v[i];
  }
  return out;
}

}  // namespace detail

/// CART regression tree with the squared-error criterion (scikit-learn DecisionTreeRegressor,
/// splitter="best"). Splits are searched at midpoints between consecutive distinct values
/// (values within 1e-7 count as equal), a split must leave min_samples_leaf rows on each side,
/// a node is a leaf at max_depth, below min_samples_split rows, or when its weighted variance is
/// <= DBL_EPSILON. The tree is identical to scikit-learn's whenever no two candidate splits tie
/// (ties are broken by a feature order drawn from `seed`, not numpy's stream). Leaves predict the
/// weighted mean. Sample weights are supported (rows with weight 0 are ignored).
/// Complexity: fit O(d n log n) for the presort + O(d n) per level; predict O(depth) per row
/// (16 rows walked in lockstep, see predict).
class decision_tree_regressor {
 public:
  struct params {
    std::size_t max_depth = 0;  ///< 0 = unlimited (scikit-learn None)
    std::size_t min_samples_split = 2;
    std::size_t min_samples_leaf = 1;
    std::size_t max_features = 0;         ///< features per split; 0 = use the fraction
    double max_features_fraction = 1.0;   ///< in (0, 1]; 1 = all (scikit-learn None)
    double min_impurity_decrease = 0.0;   ///< >= 0, weighted as in scikit-learn
    std::uint64_t seed = 0;               ///< feature visiting order (ties only)
  };
  using params_type = params;
  static constexpr std::string_view kind = "decision_tree";
  static constexpr std::uint32_t format_version = 1;

  decision_tree_regressor() = default;
  /// Throws invalid_argument for min_samples_split < 2, min_samples_leaf < 1, a fraction outside
  /// (0, 1], or a negative/NaN min_impurity_decrease.
  explicit decision_tree_regressor(const params& p) : p_(p) { validate(p_); }

  [[nodiscard]] const params& get_params() const noexcept { return p_; }

  /// Fits on X (n x d) and y (n). Throws invalid_argument/data_error for shape mismatches, fewer
  /// than 1 row, NaN/inf. A constant target gives a single leaf (status ok).
  fit_report fit(const Eigen::Ref<const Eigen::MatrixXd>& X,
                 const Eigen::Ref<const Eigen::VectorXd>& y) {
    return fit_impl(X, y, nullptr);
  }
  /// Weighted fit: w >= 0 with a positive sum (checked).
  fit_report fit(const Eigen::Ref<const Eigen::MatrixXd>& X,
                 const Eigen::Ref<const Eigen::VectorXd>& y,
                 const Eigen::Ref<const Eigen::VectorXd>& w) {
    return fit_impl(X, y, &w);
  }

  /// Predictions for the rows of X. Throws if unfitted or X has another feature count.
  /// The rows are copied to row-major blocks and walked 16 at a time through the tree in
  /// prediction layout (detail::packed_tree, as the forests do): each row reaches the leaf of
  /// tree().leaf_of, so the values are the same bits as the one-row walk. O(n depth).
  [[nodiscard]] Eigen::VectorXd predict(const Eigen::Ref<const Eigen::MatrixXd>& X) const {
    detail::check_predict_inputs("quantkit::regression::decision_tree_regressor::predict", X,
                                 fitted(), n_features());
    Eigen::VectorXd out(X.rows());
    const Eigen::Index d = X.cols();
    detail::for_each_row_block(X, 1, [&](Eigen::Index first, Eigen::Index rows, const double* buf) {
      // scale 1: 1 x value is value
      packed_.template predict_block<false>(buf, rows, d, 1.0, out.data() + first);
    });
    return out;
  }

  /// Leaf index (into tree().nodes) of each row of X (scikit-learn apply()).
  [[nodiscard]] Eigen::VectorXi apply(const Eigen::Ref<const Eigen::MatrixXd>& X) const {
    detail::check_predict_inputs("quantkit::regression::decision_tree_regressor::apply", X,
                                 fitted(), n_features());
    Eigen::VectorXi out(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) out(i) = tree_.leaf_of(X.data() + i, X.outerStride());
    return out;
  }

  [[nodiscard]] bool fitted() const noexcept { return !tree_.nodes.empty(); }
  [[nodiscard]] Eigen::Index n_features() const noexcept { return n_features_; }
  [[nodiscard]] const tree_structure& tree() const noexcept { return tree_; }
  [[nodiscard]] std::size_t depth() const noexcept { return tree_.max_depth(); }
  [[nodiscard]] std::size_t n_leaves() const noexcept { return tree_.n_leaves(); }

  /// Impurity-based importance, normalized to sum 1 (scikit-learn feature_importances_); all
  /// zeros for a single-leaf tree.
  [[nodiscard]] Eigen::VectorXd feature_importances() const {
    detail::require_fitted("quantkit::regression::decision_tree_regressor::feature_importances",
                           fitted());
    return detail::normalized(tree_.impurity_decrease(static_cast<std::size_t>(n_features_)));
  }

  void save_payload(model_writer& w) const {
    w.put(static_cast<std::uint64_t>(p_.max_depth));
    w.put(static_cast<std::uint64_t>(p_.min_samples_split));
    w.put(static_cast<std::uint64_t>(p_.min_samples_leaf));
    w.put(static_cast<std::uint64_t>(p_.max_features));
    w.put(p_.max_features_fraction);
    w.put(p_.min_impurity_decrease);
    w.put(p_.seed);
    w.put(static_cast<std::uint64_t>(n_features_));
    tree_.save(w);
  }
  static decision_tree_regressor load_payload(model_reader& r) {
    params p;
    p.max_depth = static_cast<std::size_t>(r.get_u64());
    p.min_samples_split = static_cast<std::size_t>(r.get_u64());
    p.min_samples_leaf = static_cast<std::size_t>(r.get_u64());
    p.max_features = static_cast<std::size_t>(r.get_u64());
    p.max_features_fraction = r.get_double();
    p.min_impurity_decrease = r.get_double();
    p.seed = r.get_u64();
    decision_tree_regressor m(p);
    const std::uint64_t d = r.get_size(std::uint64_t{1} << 31, "n_features");
    if (d == 0) r.fail("n_features is 0");
    m.n_features_ = static_cast<Eigen::Index>(d);
    m.tree_ = tree_structure::load(r, static_cast<std::size_t>(d),
                                   "quantkit::regression::decision_tree_regressor");
    m.packed_ = detail::packed_tree::make(m.tree_);
    return m;
  }

 private:
  static void validate(const params& p) {
    constexpr std::string_view fn = "quantkit::regression::decision_tree_regressor";
    detail::check_tree_settings(fn, p.min_samples_split, p.min_samples_leaf,
                                p.max_features_fraction);
    require(p.min_impurity_decrease >= 0.0 && std::isfinite(p.min_impurity_decrease), fn,
            "min_impurity_decrease", p.min_impurity_decrease, "must be finite and >= 0");
  }

  fit_report fit_impl(const Eigen::Ref<const Eigen::MatrixXd>& X,
                      const Eigen::Ref<const Eigen::VectorXd>& y,
                      const Eigen::Ref<const Eigen::VectorXd>* w) {
    constexpr std::string_view fn = "quantkit::regression::decision_tree_regressor::fit";
    detail::check_fit_inputs(fn, X, y, 1);
    if (w != nullptr) detail::check_sample_weight(fn, *w, X.rows());
    // A contiguous copy when X is a strided view (Ref guarantees unit inner stride).
    const Eigen::VectorXd yc = y;
    Eigen::VectorXd wc;
    if (w != nullptr) wc = *w;
    const auto sc = detail::sorted_columns::make(X);
    detail::cart_settings s;
    s.max_depth = p_.max_depth;
    s.min_samples_split = p_.min_samples_split;
    s.min_samples_leaf = p_.min_samples_leaf;
    s.max_features = detail::resolve_max_features(p_.max_features, p_.max_features_fraction,
                                                  static_cast<std::size_t>(X.cols()));
    s.min_impurity_decrease = p_.min_impurity_decrease;
    rng g(p_.seed);
    detail::cart_builder b;
    tree_structure tree = b.build(X, yc.data(), w != nullptr ? wc.data() : nullptr, sc, s, g);
    detail::packed_tree packed = detail::packed_tree::make(tree);  // may throw: nothing changed
    tree_ = std::move(tree);
    packed_ = std::move(packed);
    n_features_ = X.cols();
    fit_report rep;
    if (tree_.size() == 1) rep.message = "single leaf (constant target or no admissible split)";
    return rep;
  }

  params p_{};
  tree_structure tree_{};
  detail::packed_tree packed_{};  // prediction layout of tree_
  Eigen::Index n_features_ = 0;
};

static_assert(weighted_regressor<decision_tree_regressor>);

}  // namespace quantkit::regression
