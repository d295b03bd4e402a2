// SPDX-License-Identifier: MIT
#include <quantkit/stats/descriptive.hpp>
#include <quantkit/stats/overfitting.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace stats_test_overfitting {  // own scope for unity builds

namespace st = quantkit::stats;
namespace ti = quantkit::test::inference;
using ti::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

const quantkit::test::json& pbo_ref() {
  static const auto j = quantkit::test::load_json("stats/pbo.json");
  return j["main"];
}

// trials.csv as one row-major buffer (1000 x 50).
std::vector<double> trials_row_major() {
  const auto& cols = ti::trials();
  std::vector<double> out;
  for (std::size_t t = 0; t < cols[0].size(); ++t) {
    for (const auto& c : cols) out.push_back(c[t]);
  }
  return out;
}

std::uint64_t parse_chunks(const std::string& s) {
  std::uint64_t mask = 0;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = s.find('-', pos);
    if (end == std::string::npos) end = s.size();
    mask |= std::uint64_t{1} << std::stoul(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return mask;
}

double sharpe(std::span<const double> x) { return st::mean(x) / st::stddev(x, 1); }
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("overfitting: PBO over the 1000 x 50 trials matches pypbo.pbo") {
    const auto data = trials_row_major();
    const auto r = st::probability_of_backtest_overfitting(
        data, 1000, 50, st::matrix_layout::row_major, {.n_chunks = 16, .keep_splits = true});
    const auto& ref = pbo_ref();
    CHECK(r.rows_dropped == 8);
    CHECK(r.chunk_rows == 62);
    CHECK(r.n_splits == 12870);
    const auto& ls = ref["logits_summary"];
    CHECK(static_cast<double>(r.count_le_0) == ls["count_le_0"].num());
    check_rel(r.pbo, ref["pbo"].num(), 1e-15);  // pypbo accumulates 1/C per split
    check_rel(r.prob_oos_loss, ref["prob_oos_loss"].num(), 1e-15);
    const auto& pd = ref["performance_degradation"];
    check_rel(r.performance_degradation.slope, pd["slope"].num(), 1e-12);
    check_rel(r.performance_degradation.intercept, pd["intercept"].num(), 1e-12);
    check_rel(r.performance_degradation.rvalue, pd["rvalue"].num(), 1e-12);
    CHECK(r.performance_degradation.pvalue == pd["pvalue"].num());  // 0: t = -60 underflows
    check_rel(r.performance_degradation.slope_stderr, pd["stderr"].num(), 1e-12);
    check_rel(r.performance_degradation.intercept_stderr, pd["intercept_stderr"].num(), 1e-12);
    CHECK(static_cast<double>(r.logits.size()) == ls["count"].num());
    check_rel(st::mean(r.logits), ls["mean"].num(), 1e-12);
    check_rel(st::median(r.logits), ls["median"].num(), 1e-13);
    check_rel(st::stddev(r.logits, 0), ls["std_ddof0"].num(), 1e-12);
    check_rel(st::min(r.logits), ls["min"].num(), 1e-13);
    check_rel(st::max(r.logits), ls["max"].num(), 1e-13);
    std::vector<std::size_t> counts(50, 0);
    for (const auto& [key, v] : ref["n_star_counts"].members()) {
      counts[std::stoul(key)] = static_cast<std::size_t>(v.num());
    }
    CHECK(r.n_star_counts == counts);
    for (const auto& fc : ref["first_combinations"].items()) {
      const auto k = static_cast<std::size_t>(fc["combination"].num());
      CHECK(r.splits[k].is_chunks == parse_chunks(fc["is_chunks"].str()));
      CHECK(static_cast<double>(r.splits[k].n_star) == fc["n_star"].num());
      CHECK(r.splits[k].oos_rank == fc["oos_rank"].num());
    }
  }

  TEST_CASE("overfitting: every one of the 12870 splits matches pbo_combinations_S16.csv") {
    const auto data = trials_row_major();
    const auto r = st::probability_of_backtest_overfitting(
        data, 1000, 50, st::matrix_layout::row_major, {.keep_splits = true});
    const auto csv = quantkit::test::load_csv("stats/pbo_combinations_S16.csv");
    const auto comb = csv.numbers("combination");
    const auto chunks = csv.strings("is_chunks");
    const auto n_star = csv.numbers("n_star");
    const auto rank = csv.numbers("oos_rank");
    const auto w_bar = csv.numbers("w_bar");
    const auto logit = csv.numbers("logit");
    const auto sr_is = csv.numbers("sr_is");
    const auto sr_oos = csv.numbers("sr_oos");
    REQUIRE(comb.size() == 12870);
    REQUIRE(r.splits.size() == 12870);
    std::size_t bad_index = 0;
    std::size_t bad_chunks = 0;
    double worst_logit = 0.0;
    double worst_sr = 0.0;
    std::size_t bad_sr = 0;
    for (std::size_t k = 0; k < comb.size(); ++k) {
      const auto& s = r.splits[k];
      if (comb[k] != static_cast<double>(k) || s.n_star != static_cast<std::size_t>(n_star[k]) ||
          s.oos_rank != rank[k] || s.w_bar != w_bar[k]) {
        ++bad_index;
      }
      if (s.is_chunks != parse_chunks(chunks[k])) ++bad_chunks;
      worst_logit = std::max(worst_logit, std::fabs(s.logit - logit[k]));
      worst_sr = std::max(worst_sr, std::fabs(s.metric_is - sr_is[k]));
      worst_sr = std::max(worst_sr, std::fabs(s.metric_oos - sr_oos[k]));
      if (!quantkit::test::close(s.metric_is, sr_is[k], 1e-12, 1e-16) ||
          !quantkit::test::close(s.metric_oos, sr_oos[k], 1e-12, 1e-16)) {
        ++bad_sr;
      }
    }
    CHECK(bad_index == 0);
    CHECK(bad_chunks == 0);
    // |logit| <= 3.9; w_bar equal exactly, so only log's rounding differs.
    CHECK(worst_logit <= 1e-14);
    // Sharpe ratios agree to 1e-12 relative, or to 1e-16 absolute where the ratio is near 0 (a
    // mean of ~1e-6 from values of ~1e-2 carries ~1e-17 rounding in numpy and here alike; the
    // largest absolute difference seen is 3.6e-16 on ratios of order 0.1).
    CAPTURE(worst_sr);
    CHECK(bad_sr == 0);
    CHECK(worst_sr < 1e-15);
  }

  TEST_CASE("overfitting: layouts, thread counts and the custom-metric path agree") {
    const auto& cols = ti::trials();
    // The first 504 rows keep the test fast: S = 8, 70 splits, 63 rows per chunk.
    std::vector<std::vector<double>> short_cols;
    for (const auto& c : cols) short_cols.emplace_back(c.begin(), c.begin() + 504);
    std::vector<double> row_major;
    for (std::size_t t = 0; t < 504; ++t) {
      for (const auto& c : short_cols) row_major.push_back(c[t]);
    }
    std::vector<double> col_major;
    for (const auto& c : short_cols) col_major.insert(col_major.end(), c.begin(), c.end());
    const st::pbo_options o{.n_chunks = 8, .keep_splits = true, .threads = 1};
    st::pbo_options o3 = o;
    o3.threads = 3;
    const auto a = st::probability_of_backtest_overfitting(row_major, 504, 50,
                                                           st::matrix_layout::row_major, o);
    const auto b = st::probability_of_backtest_overfitting(col_major, 504, 50,
                                                           st::matrix_layout::column_major, o3);
    const auto c = st::probability_of_backtest_overfitting(short_cols, o);
    const auto d = st::probability_of_backtest_overfitting(
        row_major, 504, 50, st::matrix_layout::row_major, sharpe, o3);
    REQUIRE(a.splits.size() == 70);
    bool same = true;
    double worst = 0.0;
    for (std::size_t k = 0; k < 70; ++k) {
      same = same && quantkit::test::same_bits(a.logits[k], b.logits[k]) &&
             quantkit::test::same_bits(a.logits[k], c.logits[k]) &&
             quantkit::test::same_bits(a.splits[k].metric_oos, b.splits[k].metric_oos);
      CHECK(a.splits[k].n_star == d.splits[k].n_star);
      CHECK(a.splits[k].oos_rank == d.splits[k].oos_rank);
      worst = std::max(worst, std::fabs(a.splits[k].metric_is / d.splits[k].metric_is - 1.0));
    }
    CHECK(same);
    CHECK(worst < 1e-13);
    CHECK(a.count_le_0 == d.count_le_0);
    CHECK(a.pbo == d.pbo);
  }

  TEST_CASE("overfitting: a two-chunk example by hand") {
    // T = 5, N = 3, S = 2: row 0 dropped, chunk 0 = rows 1-2, chunk 1 = rows 3-4. Splits in
    // order: IS = {0}, IS = {1}. Trial returns (rows 1..4):
    //   trial 0: 1, 3 | 1, 1.5   SR chunk0 = 2 / sqrt(2) = 1.414, chunk1 = 1.25 / 0.3536 = 3.536
    //   trial 1: 2, 2.5 | 0, 2   SR = 2.25 / 0.3536 = 6.364, 1 / 1.414 = 0.707
    //   trial 2: 0, 1 | 2, 3     SR = 0.5 / 0.7071 = 0.707, 2.5 / 0.7071 = 3.536 (tie with 0)
    // Split 1 (IS chunk 0): n* = 1, OOS rank of trial 1 = 1 (worst): w = 1/4, logit ln(1/3).
    // Split 2 (IS chunk 1): IS tie between trials 0 and 2 -> first, n* = 0; OOS rank 2 of 3
    // (0.707, 1.414, 6.364 -> trial 0 is 1.414): w = 2/4, logit 0.
    const std::vector<double> data = {9, 9, 9, 1, 2, 0, 3, 2.5, 1, 1, 0, 2, 1.5, 2, 3};
    const auto r = st::probability_of_backtest_overfitting(data, 5, 3, st::matrix_layout::row_major,
                                                           {.n_chunks = 2, .keep_splits = true});
    REQUIRE(r.n_splits == 2);
    CHECK(r.rows_dropped == 1);
    CHECK(r.splits[0].is_chunks == 1);
    CHECK(r.splits[0].n_star == 1);
    CHECK(r.splits[0].oos_rank == 1.0);
    check_rel(r.splits[0].logit, std::log(1.0 / 3.0), 1e-15);
    check_rel(r.splits[0].metric_oos, 1.0 / std::sqrt(2.0), 1e-14);
    CHECK(r.splits[1].is_chunks == 2);
    CHECK(r.splits[1].n_star == 0);
    CHECK(r.splits[1].oos_rank == 2.0);
    CHECK(r.splits[1].logit == 0.0);
    CHECK(r.count_le_0 == 2);
    CHECK(r.pbo == 1.0);
    CHECK(r.prob_oos_loss == 0.0);
    CHECK(r.n_star_counts == std::vector<std::size_t>{1, 1, 0});
  }

  TEST_CASE("overfitting: combination enumeration is itertools.combinations order") {
    std::vector<std::size_t> c;
    st::detail::unrank_combination(0, 6, 3, c);
    CHECK(c == std::vector<std::size_t>{0, 1, 2});
    std::size_t k = 0;
    do {
      std::vector<std::size_t> u;
      st::detail::unrank_combination(k, 6, 3, u);
      CHECK(u == c);
      ++k;
    } while (st::detail::next_combination(c, 6));
    CHECK(k == 20);
    CHECK(c == std::vector<std::size_t>{3, 4, 5});
  }

  TEST_CASE("overfitting: bad input throws or gives NaN") {
    const std::vector<double> data(40, 0.01);
    auto run = [&](std::size_t rows, std::size_t cols, std::size_t s) {
      return st::probability_of_backtest_overfitting(data, rows, cols, st::matrix_layout::row_major,
                                                     {.n_chunks = s});
    };
    CHECK_THROWS_WITH_AS(static_cast<void>(run(10, 4, 3)),
                         "quantkit::stats::probability_of_backtest_overfitting: n_chunks must be "
                         "even and >= 2 (got 3)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(run(10, 4, 0)), quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(static_cast<void>(run(10, 4, 12)),
                         "quantkit::stats::probability_of_backtest_overfitting: n_chunks must be "
                         "<= rows (got 12)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(run(10, 3, 2)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(run(40, 1, 2)), quantkit::invalid_argument);
    const std::vector<std::vector<double>> ragged = {{1, 2, 3, 4}, {1, 2, 3}};
    CHECK_THROWS_AS(static_cast<void>(st::probability_of_backtest_overfitting(ragged)),
                    quantkit::invalid_argument);
    std::vector<double> with_nan(40, 0.0);
    for (std::size_t i = 0; i < 40; ++i) with_nan[i] = 0.001 * static_cast<double>((i * 7) % 11);
    with_nan[13] = qnan;
    const auto r = st::probability_of_backtest_overfitting(
        with_nan, 10, 4, st::matrix_layout::row_major, {.n_chunks = 2});
    CHECK(std::isnan(r.pbo));
    CHECK(std::isnan(r.prob_oos_loss));
  }
}

}  // namespace stats_test_overfitting
