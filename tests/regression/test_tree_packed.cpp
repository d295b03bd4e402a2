// SPDX-License-Identifier: MIT
// The block prediction kernel (detail::packed_tree in tree.hpp) and the ensembles' predict
// paths that run on it, checked bit for bit against the plain one-row walk
// tree_structure::leaf_of: same leaf per row, tree sums in the same order, same final scaling.
#include <quantkit/regression/gradient_boosting.hpp>
#include <quantkit/regression/hist_gradient_boosting.hpp>
#include <quantkit/regression/random_forest.hpp>
#include <quantkit/regression/tree.hpp>

#include "regression/tree_support.hpp"

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace regression_test_tree_packed {

namespace rg = quantkit::regression;
namespace tt = quantkit::test::trees;

// Reference: the leaf value of row i of X (column-major, any stride) by the one-row walk.
double leaf_value(const rg::tree_structure& t, const Eigen::MatrixXd& X, Eigen::Index i) {
  const auto leaf = t.leaf_of(X.data() + i, X.outerStride());
  return t.nodes[static_cast<std::size_t>(leaf)].value;
}

// Number of rows whose prediction is not bit-identical to the reference.
std::size_t mismatches(const Eigen::VectorXd& got, const Eigen::VectorXd& want) {
  std::size_t bad = 0;
  for (Eigen::Index i = 0; i < got.size(); ++i) {
    // Bit identity (== would also accept -0.0 for 0.0); NaN never occurs here.
    bad += std::memcmp(&got(i), &want(i), sizeof(double)) != 0 ? 1U : 0U;
  }
  return bad;
}

// Forest reference: sum over trees in tree order, then times 1 / T, one row at a time.
Eigen::VectorXd forest_reference(const std::vector<rg::tree_structure>& trees,
                                 const Eigen::MatrixXd& X) {
  Eigen::VectorXd out(X.rows());
  const double inv = 1.0 / static_cast<double>(trees.size());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    double sum = 0.0;
    for (const auto& t : trees) sum += leaf_value(t, X, i);
    out(i) = sum * inv;
  }
  return out;
}

// Uniform rows on [-0.1, 1.1)^d (a little outside the training box), fixed seed.
Eigen::MatrixXd uniform_rows(Eigen::Index n, Eigen::Index d, std::uint64_t seed) {
  quantkit::rng g(seed);
  Eigen::MatrixXd X(n, d);
  for (Eigen::Index j = 0; j < d; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) X(i, j) = -0.1 + 1.2 * quantkit::uniform01(g);
  }
  return X;
}

// Row-major copy of X.
std::vector<double> row_major(const Eigen::MatrixXd& X) {
  std::vector<double> b(static_cast<std::size_t>(X.size()));
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) b[static_cast<std::size_t>(i * X.cols() + j)] = X(i, j);
  }
  return b;
}

// predict_block<Add> of one tree against init + scale * leaf value (Add) or scale * value.
void check_kernel(const rg::tree_structure& t, const Eigen::MatrixXd& X, double scale) {
  const auto p = rg::detail::packed_tree::make(t);
  const auto b = row_major(X);
  const auto n = static_cast<std::size_t>(X.rows());
  std::vector<double> add(n);
  std::vector<double> set(n, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < n; ++i) add[i] = 0.25 * static_cast<double>(i);
  p.predict_block<true>(b.data(), X.rows(), X.cols(), scale, add.data());
  p.predict_block<false>(b.data(), X.rows(), X.cols(), scale, set.data());
  std::size_t bad_add = 0;
  std::size_t bad_set = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = scale * leaf_value(t, X, static_cast<Eigen::Index>(i));
    const double want_add = 0.25 * static_cast<double>(i) + v;
    bad_add += std::memcmp(&add[i], &want_add, sizeof(double)) != 0 ? 1U : 0U;
    bad_set += std::memcmp(&set[i], &v, sizeof(double)) != 0 ? 1U : 0U;
  }
  CAPTURE(n);
  CAPTURE(scale);
  CHECK(bad_add == 0);
  CHECK(bad_set == 0);
}

// A fitted tree (fully grown on the Friedman #1 training set: depth 20+).
const rg::decision_tree_regressor& deep_tree() {
  static const rg::decision_tree_regressor m = [] {
    const auto train = tt::friedman("train");
    rg::decision_tree_regressor t;
    t.fit(train.X, train.y);
    return t;
  }();
  return m;
}

TEST_SUITE("regression") {
  TEST_CASE("packed tree - first_steps is the weighted median leaf depth, depth without weights") {
    // Hand-built: root (depth 0) splits x0 at 0.5; left leaf (depth 1, weight 3); right split
    // (depth 1) on x1 at 0.0 into two leaves (depth 2, weights 1 and 1). Leaf depths by weight:
    // 1 x3, 2 x2 -> the weighted median (first depth reaching half of the weight 5) is 1.
    rg::tree_structure t;
    t.nodes.resize(5);
    t.nodes[0] = {0.5, 0.0, 0, {1, 2}, 0};
    t.nodes[1] = {0.0, 10.0, -1, {-1, -1}, 1};
    t.nodes[2] = {0.0, 0.0, 1, {3, 4}, 1};
    t.nodes[3] = {0.0, 20.0, -1, {-1, -1}, 2};
    t.nodes[4] = {0.0, 30.0, -1, {-1, -1}, 2};
    t.weighted_n = {5.0, 3.0, 2.0, 1.0, 1.0};
    const auto p = rg::detail::packed_tree::make(t);
    CHECK(p.depth == 2);
    CHECK(p.first_steps == 1);
    // Breadth-first byte offsets: root 0 -> children at nodes 1, 2 (offset 16); node 2 (right
    // split) -> children at 3, 4 (offset 48); leaves point at themselves.
    CHECK(p.nodes[0].left_offset == 16);
    CHECK(p.nodes[0].feature_offset == 0);
    CHECK(p.nodes[1].left_offset == 16);
    CHECK(p.nodes[2].left_offset == 48);
    CHECK(p.nodes[2].feature_offset == 8);
    CHECK(p.nodes[3].left_offset == 48);
    CHECK(p.nodes[4].left_offset == 64);
    // Heavier deep leaves move the median to depth 2; no weights: the tree's depth.
    t.weighted_n = {5.0, 1.0, 4.0, 2.0, 2.0};
    CHECK(rg::detail::packed_tree::make(t).first_steps == 2);
    t.weighted_n.clear();
    CHECK(rg::detail::packed_tree::make(t).first_steps == 2);
    // x0 <= 0.5 -> 10; else x1 <= 0 -> 20, else 30 (ties go left).
    Eigen::MatrixXd X(5, 2);
    X << 0.5, 9.0, 0.6, 0.0, 0.6, 1e-300, -1.0, 0.0, 2.0, -3.0;
    check_kernel(t, X, 1.0);
    const Eigen::VectorXd want = (Eigen::VectorXd(5) << 10.0, 20.0, 30.0, 10.0, 20.0).finished();
    const auto p2 = rg::detail::packed_tree::make(t);
    const auto b = row_major(X);
    std::vector<double> out(5);
    p2.predict_block<false>(b.data(), 5, 2, 1.0, out.data());
    for (std::size_t i = 0; i < 5; ++i) CHECK(out[i] == want(static_cast<Eigen::Index>(i)));
  }

  TEST_CASE("packed tree - a feature index beyond 2^28 is rejected") {
    rg::tree_structure t;
    t.nodes.resize(3);
    t.nodes[0] = {0.5, 0.0, std::int32_t{1} << 28, {1, 2}, 0};
    t.nodes[1] = {0.0, 1.0, -1, {-1, -1}, 1};
    t.nodes[2] = {0.0, 2.0, -1, {-1, -1}, 1};
    CHECK_THROWS_AS(rg::detail::packed_tree::make(t), quantkit::invalid_argument);
    CHECK_THROWS_WITH(rg::detail::packed_tree::make(t),
                      doctest::Contains("packed_tree::make: feature must be < 2^28"));
  }

  TEST_CASE("packed tree - deep tree: every row reaches the leaf of the one-row walk") {
    const auto& m = deep_tree();
    REQUIRE(m.depth() >= 16);
    // Row counts around the 16-row lanes and the 1,024-row worklist chunks.
    for (const Eigen::Index n : {1, 15, 16, 17, 1023, 1024, 1025, 3001}) {
      const auto X = uniform_rows(n, 8, 100 + static_cast<std::uint64_t>(n));
      check_kernel(m.tree(), X, 1.0);
    }
    check_kernel(m.tree(), uniform_rows(77, 8, 5), 0.1);
  }

  TEST_CASE("packed tree - rows on the thresholds go left, just above go right, NaN and inf") {
    // For every split of the deep tree, a training row that reaches it, once with the split's
    // feature set to the threshold and once to the next double up: both still reach the split
    // (its threshold lies inside the ancestors' bounds on that feature), so every comparison is
    // exercised on its edge. NaN goes left at every split (x > threshold is false), +inf right,
    // -inf left, as in tree_structure::leaf_of (public predict rejects non-finite X; the kernel
    // must still agree).
    const auto& t = deep_tree().tree();
    const auto train = tt::friedman("train");
    std::vector<Eigen::Index> reach(t.size(), -1);  // first training row through each node
    for (Eigen::Index i = 0; i < train.X.rows(); ++i) {
      std::size_t k = 0;
      while (true) {
        if (reach[k] < 0) reach[k] = i;
        const auto& nd = t.nodes[k];
        if (nd.is_leaf()) break;
        k = static_cast<std::size_t>(nd.child[train.X(i, nd.feature) > nd.threshold ? 1 : 0]);
      }
    }
    std::vector<std::size_t> splits;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (!t.nodes[k].is_leaf()) splits.push_back(k);
    }
    REQUIRE(splits.size() > 1000);
    Eigen::MatrixXd X(static_cast<Eigen::Index>(2 * splits.size() + 3), 8);
    std::size_t on_left = 0;
    for (std::size_t k = 0; k < splits.size(); ++k) {
      const auto& nd = t.nodes[splits[k]];
      REQUIRE(reach[splits[k]] >= 0);
      const auto r = static_cast<Eigen::Index>(2 * k);
      X.row(r) = train.X.row(reach[splits[k]]);
      X.row(r + 1) = X.row(r);
      X(r, nd.feature) = nd.threshold;
      X(r + 1, nd.feature) = std::nextafter(nd.threshold, std::numeric_limits<double>::infinity());
      // The row at the threshold ends in the left subtree of the split: its leaf has an index in
      // [left child, right child) (depth-first pre-order, left subtree first).
      const auto leaf = t.leaf_of(X.data() + r, X.outerStride());
      on_left += leaf >= nd.child[0] && leaf < nd.child[1] ? 1U : 0U;
    }
    CHECK(on_left == splits.size());
    const auto last = static_cast<Eigen::Index>(2 * splits.size());
    X.row(last).setConstant(std::numeric_limits<double>::quiet_NaN());
    X.row(last + 1).setConstant(std::numeric_limits<double>::infinity());
    X.row(last + 2).setConstant(-std::numeric_limits<double>::infinity());
    X(last + 2, 3) = std::numeric_limits<double>::quiet_NaN();
    check_kernel(t, X, 1.0);
    // The NaN row lands on the leftmost leaf: all the way down child[0].
    std::int32_t i = 0;
    while (!t.nodes[static_cast<std::size_t>(i)].is_leaf()) {
      i = t.nodes[static_cast<std::size_t>(i)].child[0];
    }
    CHECK(leaf_value(t, X, last) == t.nodes[static_cast<std::size_t>(i)].value);
  }

  TEST_CASE("packed tree - a chain 60 levels deep and a single leaf") {
    // y = 4^i on x = i: the best split always peels off the largest x, so the tree is a chain of
    // depth 59 (most rows walk far past the first pass, through many 4-step passes).
    const Eigen::Index n = 60;
    Eigen::MatrixXd X(n, 1);
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      X(i, 0) = static_cast<double>(i);
      y(i) = std::ldexp(1.0, static_cast<int>(2 * i));
    }
    rg::decision_tree_regressor chain;
    REQUIRE(chain.fit(X, y).ok());
    CHECK(chain.depth() == 59);
    Eigen::MatrixXd Xq(241, 1);
    for (Eigen::Index i = 0; i < Xq.rows(); ++i) Xq(i, 0) = -1.0 + 0.25 * static_cast<double>(i);
    check_kernel(chain.tree(), Xq, 1.0);
    // A constant target: a single leaf, depth 0.
    rg::decision_tree_regressor leaf;
    REQUIRE(leaf.fit(X, Eigen::VectorXd::Constant(n, 2.5)).ok());
    REQUIRE(leaf.tree().size() == 1);
    check_kernel(leaf.tree(), Xq, 3.0);
  }

  TEST_CASE("packed tree - forest predict is the tree-order sum over the one-row walks") {
    // Fully grown trees on all 2,000 rows; row counts that are not multiples of the lanes,
    // the chunks or the blocks, on 1 and 2 threads; predict_trees column by column.
    const auto train = tt::friedman("train");
    for (const std::size_t th : {std::size_t{1}, std::size_t{2}}) {
      rg::random_forest_regressor m({.n_estimators = 7, .seed = 3, .threads = th});
      REQUIRE(m.fit(train.X, train.y).ok());
      for (const Eigen::Index n : {1, 17, 1025, 5003, 9001}) {
        const auto X = uniform_rows(n, 8, 200 + static_cast<std::uint64_t>(n));
        CAPTURE(th);
        CAPTURE(n);
        const Eigen::VectorXd want = forest_reference(m.trees(), X);
        CHECK(mismatches(m.predict(X), want) == 0);
        if (n == 1025) {
          const Eigen::MatrixXd all = m.predict_trees(X);
          for (std::size_t t = 0; t < m.trees().size(); ++t) {
            Eigen::VectorXd col(n);
            for (Eigen::Index i = 0; i < n; ++i) col(i) = leaf_value(m.trees()[t], X, i);
            CHECK(mismatches(all.col(static_cast<Eigen::Index>(t)), col) == 0);
          }
        }
      }
    }
  }

  TEST_CASE("packed tree - boosting predictions are the stage-order sums of the one-row walks") {
    const auto train = tt::friedman("train", 600);
    const auto X = uniform_rows(4099, 8, 17);
    for (const std::size_t th : {std::size_t{1}, std::size_t{2}}) {
      CAPTURE(th);
      rg::gradient_boosting_regressor gb(
          {.n_estimators = 20, .learning_rate = 0.3, .max_depth = 6, .threads = th});
      REQUIRE(gb.fit(train.X, train.y).ok());
      Eigen::VectorXd want(X.rows());
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        double o = gb.init_value();
        for (const auto& t : gb.trees()) o += 0.3 * leaf_value(t, X, i);
        want(i) = o;
      }
      CHECK(mismatches(gb.predict(X), want) == 0);

      rg::hist_gradient_boosting_regressor hgb({.max_iter = 20, .threads = th});
      REQUIRE(hgb.fit(train.X, train.y).ok());
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        double o = hgb.baseline();
        for (const auto& t : hgb.trees()) o += 1.0 * leaf_value(t, X, i);
        want(i) = o;
      }
      CHECK(mismatches(hgb.predict(X), want) == 0);
    }
  }

  TEST_CASE("packed tree - prediction blocks: at most 4,096 rows, even over the workers") {
    // 100,000 x 8 on 1 thread: 25 blocks of 4,000; on 2 threads 26 (a multiple of 2) of 3,847.
    CHECK(rg::detail::predict_block_rows(100000, 8, 1) == 4000);
    CHECK(rg::detail::predict_block_rows(100000, 8, 2) == 3847);
    // 5,000 rows on 2 threads: 2 blocks of 2,500 (not 4,096 + 904).
    CHECK(rg::detail::predict_block_rows(5000, 8, 2) == 2500);
    // Many features: 32,768 / 1,000 = 32 rows, raised to the 256-row floor.
    CHECK(rg::detail::predict_block_rows(100000, 1000, 1) == 256);
    // Fewer rows than workers: one row per block.
    CHECK(rg::detail::predict_block_rows(3, 8, 4) == 1);
    CHECK(rg::detail::predict_block_rows(1, 8, 1) == 1);
  }
}

}  // namespace regression_test_tree_packed
