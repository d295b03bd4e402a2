// SPDX-License-Identifier: MIT
// CV splits vs scikit-learn 1.2.1 KFold/TimeSeriesSplit (sklearn_extra.json) and hand-worked purging.
#include <quantkit/regression/linear.hpp>
#include <quantkit/regression/logistic.hpp>
#include <quantkit/regression/model_selection.hpp>

#include "regression/regression_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace regression_test_model_selection {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace tr = quantkit::test::regression;
using quantkit::test::json;

namespace {
std::vector<std::size_t> idx(const json& a) {
  std::vector<std::size_t> out;
  for (const double v : a.numbers()) out.push_back(static_cast<std::size_t>(v));
  return out;
}
std::vector<std::size_t> range(std::size_t a, std::size_t b) {
  std::vector<std::size_t> out;
  for (std::size_t i = a; i < b; ++i) out.push_back(i);
  return out;
}
}  // namespace

TEST_CASE("model selection - kfold equals sklearn KFold") {
  const auto s = rg::kfold(10, 3);
  REQUIRE(s.size() == 3);
  for (std::size_t f = 0; f < 3; ++f) {
    CHECK(s[f].test == idx(tr::sklearn_extra()["kfold_10_3"][f]));
    CHECK(s[f].train.size() + s[f].test.size() == 10);
  }
  const auto s7 = rg::kfold(7, 7);
  for (std::size_t f = 0; f < 7; ++f) CHECK(s7[f].test == idx(tr::sklearn_extra()["kfold_7_7"][f]));
  CHECK_THROWS_AS((void)rg::kfold(3, 4), quantkit::invalid_argument);
  CHECK_THROWS_AS((void)rg::kfold(3, 1), quantkit::invalid_argument);
}

TEST_CASE("model selection - shuffled_kfold is a seeded partition") {
  const auto a = rg::shuffled_kfold(23, 4, 7);
  const auto b = rg::shuffled_kfold(23, 4, 7);
  const auto c = rg::shuffled_kfold(23, 4, 8);
  std::vector<int> seen(23, 0);
  bool differs = false;
  for (std::size_t f = 0; f < 4; ++f) {
    CHECK(a[f].test == b[f].test);
    differs = differs || a[f].test != c[f].test;
    CHECK(a[f].test.size() == (f < 3 ? 6u : 5u));  // 23 = 6 + 6 + 6 + 5
    for (const auto i : a[f].test) ++seen[i];
    CHECK(std::is_sorted(a[f].test.begin(), a[f].test.end()));
    CHECK(a[f].train.size() == 23 - a[f].test.size());
  }
  CHECK(differs);
  for (const int s : seen) CHECK(s == 1);
  CHECK(a[0].test != range(0, 6));  // actually shuffled
}

TEST_CASE("model selection - time_series_splits equal sklearn TimeSeriesSplit") {
  const auto s = rg::time_series_splits(10, {.n_splits = 3});
  REQUIRE(s.size() == 3);
  for (std::size_t f = 0; f < 3; ++f) {
    CHECK(s[f].train == idx(tr::sklearn_extra()["tss_10_3"][f][0]));
    CHECK(s[f].test == idx(tr::sklearn_extra()["tss_10_3"][f][1]));
  }
  const auto g = rg::time_series_splits(20, {.n_splits = 4, .max_train_size = 5, .test_size = 3, .gap = 2});
  REQUIRE(g.size() == 4);
  for (std::size_t f = 0; f < 4; ++f) {
    CHECK(g[f].train == idx(tr::sklearn_extra()["tss_20_4_gap2_max5_test3"][f][0]));
    CHECK(g[f].test == idx(tr::sklearn_extra()["tss_20_4_gap2_max5_test3"][f][1]));
  }
  CHECK_THROWS_AS((void)rg::time_series_splits(3, {.n_splits = 3}), quantkit::invalid_argument);
  CHECK_THROWS_AS((void)rg::time_series_splits(10, {.n_splits = 3, .test_size = 4}),
                  quantkit::invalid_argument);
}

TEST_CASE("model selection - purged kfold with embargo, worked by hand") {
  // n = 12, 3 folds of 4 rows, labels look 2 rows ahead (label_end[i] = min(i + 2, 11)), embargo 1.
  // Fold 1 = rows 4..7, its label window is [4, 9]. Train rows before: j with j + 2 < 4 -> 0, 1.
  // Rows after: j > 9 + 1 (embargo) -> 11. Rows 2, 3 (labels reach 4, 5), 8, 9 (inside the
  // window) and 10 (embargo) are dropped.
  const auto s = rg::purged_kfold(12, 3, 2, 1);
  REQUIRE(s.size() == 3);
  CHECK(s[1].test == range(4, 8));
  CHECK(s[1].train == std::vector<std::size_t>{0, 1, 11});
  // fold 0 = 0..3, window [0, 5]: train j > 5 + 1 -> 7..11
  CHECK(s[0].train == range(7, 12));
  // fold 2 = 8..11, window [8, 11]: train j with j + 2 < 8 -> 0..5
  CHECK(s[2].train == range(0, 6));
  // horizon 0 and embargo 0 is plain kfold
  const auto plain = rg::purged_kfold(12, 3, 0, 0);
  const auto kf = rg::kfold(12, 3);
  for (std::size_t f = 0; f < 3; ++f) CHECK(plain[f].train == kf[f].train);
  // explicit label ends: row 0's label reaches row 9 -> purged from every fold but its own
  std::vector<std::size_t> ends = {9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  const auto e = rg::purged_kfold(ends, 3, 0);
  CHECK(e[1].train == std::vector<std::size_t>{1, 2, 3, 8, 9, 10, 11});
  CHECK(e[2].train == range(1, 8));
  ends[3] = 2;
  CHECK_THROWS_AS((void)rg::purged_kfold(ends, 3, 0), quantkit::data_error);
  CHECK(rg::embargo_rows(1000, 0.01) == 10);
  CHECK(rg::embargo_rows(1000, 0.0001) == 1);
}

TEST_CASE("model selection - combinatorial purged CV counts, groups and paths") {
  // N = 6 groups, k = 2 test groups: C(6, 2) = 15 splits, phi = 2/6 * 15 = 5 paths
  const auto r = rg::combinatorial_purged_cv(60, 6, 2, 0, 0);
  CHECK(r.splits.size() == 15);
  CHECK(r.n_paths == 5);
  CHECK(r.test_groups.front() == std::vector<std::size_t>{0, 1});
  CHECK(r.test_groups.back() == std::vector<std::size_t>{4, 5});
  CHECK(r.splits[0].test == range(0, 20));
  CHECK(r.splits[0].train == range(20, 60));
  // every group appears in exactly n_paths splits, and each path covers each group once
  for (std::size_t g = 0; g < 6; ++g) {
    std::size_t count = 0;
    for (const auto& tg : r.test_groups) count += static_cast<std::size_t>(std::count(tg.begin(), tg.end(), g));
    CHECK(count == 5);
    std::vector<std::size_t> used;
    for (std::size_t p = 0; p < 5; ++p) used.push_back(r.paths[p][g]);
    std::sort(used.begin(), used.end());
    CHECK(std::adjacent_find(used.begin(), used.end()) == used.end());
  }
  // purging around two separate test groups: groups {1, 3} of N = 4 on n = 16, horizon 1, embargo 1
  // tests 4..7 and 12..15; window [4, 8] drops 3 (label reaches 4), 8, and embargo 9.
  const auto q = rg::combinatorial_purged_cv(16, 4, 2, 1, 1);
  CHECK(q.test_groups[4] == std::vector<std::size_t>{1, 3});
  CHECK(q.splits[4].train == std::vector<std::size_t>{0, 1, 2, 10});
  CHECK_THROWS_AS((void)rg::combinatorial_purged_cv(16, 4, 4, 0, 0), quantkit::invalid_argument);
}

TEST_CASE("model selection - cross_val_score matches a manual loop and any thread count") {
  const auto& d = tr::friedman_train();
  const Eigen::MatrixXd X = d.X.topRows(300);
  const Eigen::VectorXd y = d.y.head(300);
  const auto splits = rg::shuffled_kfold(300, 5, 42);
  const rg::ridge model(1.0);
  const auto one = rg::cross_val_score(model, X, y, splits, rg::score_kind::r2, {.threads = 1});
  const auto two = rg::cross_val_score(model, X, y, splits, rg::score_kind::r2, {.threads = 2});
  const auto four = rg::cross_val_score(model, X, y, splits, rg::score_kind::r2, {.threads = 4});
  CHECK(one.scores == two.scores);
  CHECK(one.scores == four.scores);
  REQUIRE(one.scores.size() == 5);
  for (std::size_t f = 0; f < 5; ++f) {
    rg::ridge m(1.0);
    (void)m.fit(rg::detail::take_rows(X, splits[f].train), rg::detail::take(y, splits[f].train));
    const double r2 = rg::r2(rg::detail::take(y, splits[f].test),
                             m.predict(rg::detail::take_rows(X, splits[f].test)));
    CHECK(one.scores[f] == r2);
    CHECK(one.reports[f].ok());
  }
  CHECK(one.mean() > 0.6);
  CHECK(one.stddev() > 0.0);
  std::vector<rg::split> bad = splits;
  bad[2].test.push_back(300);
  CHECK_THROWS_AS((void)rg::cross_val_score(model, X, y, bad), quantkit::invalid_argument);
  CHECK_THROWS_AS((void)rg::cross_val_score(model, X, y, {}), quantkit::invalid_argument);
}

TEST_CASE("model selection - cross_val_score of a classifier on time-series splits") {
  const auto& d = tr::classification();
  const auto splits = rg::time_series_splits(1000, {.n_splits = 4});
  const auto cv = rg::cross_val_score(rg::logistic_regression(), d.X, d.y, splits, rg::score_kind::accuracy);
  REQUIRE(cv.scores.size() == 4);
  for (std::size_t f = 0; f < 4; ++f) {
    CHECK(splits[f].test.size() == 200);  // 1000 / (4 + 1)
    rg::logistic_regression m;
    (void)m.fit(rg::detail::take_rows(d.X, splits[f].train), rg::detail::take(d.y, splits[f].train));
    CHECK(cv.scores[f] == rg::accuracy(rg::detail::take(d.y, splits[f].test),
                                       m.predict(rg::detail::take_rows(d.X, splits[f].test))));
    CHECK(cv.scores[f] > 0.85);
  }
}

}  // namespace regression_test_model_selection
