// SPDX-License-Identifier: MIT
#include <quantkit/core/bar_series.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>
#include <numeric>
#include <ranges>
#include <vector>

namespace qk = quantkit;

namespace {
qk::bar_series make_series(int n) {
  qk::bar_series s;
  for (int i = 0; i < n; ++i) {
    const double c = 100.0 + i;
    s.push_back({qk::days(i), c - 0.5, c + 1.0, c - 1.0, c, 1000.0 + i});
  }
  return s;
}
}  // namespace

static_assert(std::random_access_iterator<qk::bar_series_view::iterator>);
static_assert(std::ranges::random_access_range<qk::bar_series_view>);
static_assert(std::ranges::sized_range<qk::bar_series>);

TEST_SUITE("core") {
  TEST_CASE("bar_series: push_back stores columns contiguously and reads back bars") {
    const auto s = make_series(5);
    REQUIRE(s.size() == 5);
    CHECK_FALSE(s.empty());
    CHECK(s[2] == qk::bar{qk::days(2), 101.5, 103.0, 101.0, 102.0, 1002.0});
    CHECK(s.front().time == 0);
    CHECK(s.back().close == 104.0);
    CHECK(s.closes().size() == 5);
    CHECK(s.closes().data() + 1 == &s.closes()[1]);
    CHECK(std::accumulate(s.volumes().begin(), s.volumes().end(), 0.0) == 5010.0);
    CHECK(s.times()[4] == qk::days(4));
    CHECK(s.opens()[0] == 99.5);
    CHECK(s.highs()[0] == 101.0);
    CHECK(s.lows()[0] == 99.0);
  }

  TEST_CASE("bar_series: iteration yields bars in order, as a random-access range") {
    const auto s = make_series(4);
    std::vector<double> closes;
    for (const qk::bar b : s) closes.push_back(b.close);
    CHECK(closes == std::vector<double>{100, 101, 102, 103});
    const auto v = s.view();
    auto it = v.begin();
    CHECK((*(it + 3)).close == 103.0);
    CHECK(it[2].close == 102.0);
    CHECK(v.end() - v.begin() == 4);
    CHECK(std::ranges::count_if(v, [](const qk::bar& b) { return b.close > 101.0; }) == 2);
    auto rit = std::make_reverse_iterator(v.end());
    CHECK((*rit).close == 103.0);
    // An iterator outlives the temporary view that produced it (it points into the columns).
    auto it2 = s.view().begin();
    ++it2;
    CHECK((*it2).close == 101.0);
  }

  TEST_CASE("bar_series: slicing is cheap and bounds-checked") {
    const auto s = make_series(10);
    const auto v = s.slice(3, 4);
    REQUIRE(v.size() == 4);
    CHECK(v.front().close == 103.0);
    CHECK(v.back().close == 106.0);
    CHECK(v.closes().data() == s.closes().data() + 3);  // no copy
    CHECK(v.slice(1, 2).front().close == 104.0);
    CHECK(s.view().first(2).back().close == 101.0);
    CHECK(s.view().last(3).front().close == 107.0);
    CHECK(s.view().drop_front(8).size() == 2);
    CHECK(s.view().drop_front(10).empty());
    CHECK(s.slice(10, 0).empty());
    CHECK_THROWS_AS(static_cast<void>(s.slice(8, 3)), qk::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(s.slice(11, 0)), qk::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(s.view().last(11)), qk::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(s.view().first(11)), qk::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(s.view().drop_front(11)), qk::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(s.at(10)), qk::invalid_argument);
    CHECK(s.at(9).close == 109.0);
  }

  TEST_CASE("bar_series: construction from columns checks lengths") {
    std::vector<qk::timestamp> t{0, 1};
    std::vector<double> a{1, 2};
    std::vector<double> b{1};
    CHECK_NOTHROW(qk::bar_series(t, a, a, a, a, a));
    CHECK_THROWS_WITH_AS(qk::bar_series(t, a, a, a, b, a),
                         "quantkit::bar_series_view: time and close must have the same length "
                         "(got 2 and 1)",
                         qk::invalid_argument);
    CHECK_THROWS_AS(qk::bar_series_view(t, a, a, a, a, b), qk::invalid_argument);
  }

  TEST_CASE("bar_series: append, copy from a view, equality, clear") {
    auto s = make_series(3);
    const auto other = make_series(6);
    s.append(other.slice(3, 3));
    CHECK(s == other);
    const qk::bar_series copy(other.slice(1, 2));
    CHECK(copy.size() == 2);
    CHECK(copy[0] == other[1]);
    s.clear();
    CHECK(s.empty());
    CHECK(s.begin() == s.end());
    CHECK(qk::bar_series_view().empty());
  }

  TEST_CASE("bar_series: mutable columns allow in-place transforms") {
    auto s = make_series(3);
    for (double& c : s.closes_mut()) c *= 2.0;
    for (double& v : s.volumes_mut()) v = 0.0;
    CHECK(s[1].close == 202.0);
    CHECK(s[2].volume == 0.0);
    CHECK(s.times_mut().size() == 3);
    CHECK(s.opens_mut().size() == 3);
    CHECK(s.highs_mut().size() == 3);
    CHECK(s.lows_mut().size() == 3);
  }
}
