// SPDX-License-Identifier: MIT
#include <quantkit/core/error.hpp>
#include <quantkit/core/time.hpp>
#include <quantkit/stats/returns.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace stats_test_returns {  // own scope for unity builds

namespace st = quantkit::stats;
using quantkit::test::approx;
using quantkit::test::check_series;

namespace {
struct sample {
  std::vector<double> r;
  std::vector<quantkit::timestamp> times;
};
const sample& data() {
  static const sample s = [] {
    const auto t = quantkit::test::load_csv("stats/inputs/returns.csv");
    sample out{t.numbers("returns"), {}};
    for (const auto& d : t.strings("date")) out.times.push_back(quantkit::parse_timestamp(d));
    return out;
  }();
  return s;
}
const quantkit::test::json& ref() {
  static const auto j = quantkit::test::load_json("stats/empyrical.json");
  return j;
}
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("returns: cumulative returns match empyrical's full series") {
    const auto& r = data().r;
    const auto series = quantkit::test::load_csv("stats/empyrical_series.csv");
    // cumprod in numpy's sequential order: the same doubles.
    check_series(st::cum_returns(r), series.numbers("cum_returns"), 1e-15, 0.0, "cum_returns");
    check_series(st::cum_returns(r, 100.0), series.numbers("cum_returns_start100"), 1e-15, 0.0,
                 "cum_returns_start100");
    const auto& first50 = ref()["main"]["series_first50"];
    const auto head = st::cum_returns(std::span<const double>(r).first(50));
    check_series(head, first50["cum_returns"].numbers(), 1e-15, 0.0, "first50");
    const auto& s = ref()["main"]["scalars"];
    CHECK(st::cum_returns_final(r) == approx(s["cum_returns_final"].num(), 1e-14));
    CHECK(st::cum_returns_final(r, 100.0) == approx(s["cum_returns_final_start100"].num(), 1e-14));
    CHECK(st::annual_return(r) == approx(s["annual_return"].num(), 1e-14));
    CHECK(st::cagr(r, st::periods_per_year(st::frequency::daily)) ==
          approx(s["cagr"].num(), 1e-14));
  }

  TEST_CASE("returns: aggregate_returns matches empyrical for every bucket size") {
    const auto& r = data().r;
    const auto& times = data().times;
    const auto& agg = ref()["main"]["aggregate_returns"];
    const std::pair<const char*, st::aggregation> cases[] = {
        {"weekly", st::aggregation::weekly},
        {"monthly", st::aggregation::monthly},
        {"quarterly", st::aggregation::quarterly},
        {"yearly", st::aggregation::yearly}};
    for (const auto& c : cases) {
      const std::string name = c.first;
      const st::aggregation to = c.second;
      CAPTURE(name);
      const auto got = st::aggregate_returns(r, times, to);
      const auto& expected = agg[name].items();
      REQUIRE(got.size() == expected.size());
      for (std::size_t i = 0; i < got.size(); ++i) {
        CAPTURE(i);
        const auto& key = expected[i][0];
        CHECK(got[i].year == static_cast<int>(key[0].num()));
        CHECK(got[i].period == (key.size() > 1 ? static_cast<int>(key[1].num()) : 0));
        CHECK(got[i].value == approx(expected[i][1].num(), 1e-14));
      }
    }
  }

  TEST_CASE("returns: ISO weeks pair with calendar years as in empyrical") {
    // ISO 8601: the week holding the Thursday. 2016-01-01 (a Friday) is in week 53 of 2015;
    // 2014-12-29 (a Monday) is in week 1 of 2015; 2021-01-03 (a Sunday) in week 53 of 2020.
    CHECK(st::iso_week({2016, 1, 1}) == 53);
    CHECK(st::iso_week({2014, 12, 29}) == 1);
    CHECK(st::iso_week({2021, 1, 3}) == 53);
    CHECK(st::iso_week({2021, 1, 4}) == 1);
    CHECK(st::iso_week({2018, 12, 31}) == 1);
    CHECK(st::iso_week({2015, 6, 15}) == 25);
    // The calendar year stays: 2014-12-29 joins (2014, 1) with 2014-01-02 (a Thursday, week 1).
    const std::vector<quantkit::timestamp> t = {
        quantkit::make_timestamp(2014, 1, 2), quantkit::make_timestamp(2014, 12, 29),
        quantkit::make_timestamp(2016, 1, 1), quantkit::make_timestamp(2016, 12, 30)};
    const std::vector<double> r = {0.1, 0.2, -0.5, qnan};
    const auto w = st::aggregate_returns(r, t, st::aggregation::weekly);
    REQUIRE(w.size() == 3);
    CHECK(w[0] == st::period_return{2014, 1, 1.1 * 1.2 - 1.0});
    CHECK(w[1] == st::period_return{2016, 52, 0.0});  // NaN is a flat day
    CHECK(w[2] == st::period_return{2016, 53, -0.5});
    const auto q = st::aggregate_returns(r, t, st::aggregation::quarterly);
    REQUIRE(q.size() == 4);
    CHECK(q[1] == st::period_return{2014, 4, 1.2 - 1.0});  // prod(1 + r) - 1 as computed
    CHECK(st::aggregate_returns(std::vector<double>{}, std::vector<quantkit::timestamp>{},
                                st::aggregation::monthly)
              .empty());
    CHECK_THROWS_WITH_AS(
        static_cast<void>(st::aggregate_returns(r, std::span(t).first(3), st::aggregation::yearly)),
        "quantkit::stats::aggregate_returns: returns and times must have the same length (got 4 "
        "and 3)",
        quantkit::invalid_argument);
  }

  TEST_CASE("returns: simple and log returns from prices in both layouts") {
    const std::vector<double> p = {100.0, 110.0, 99.0, 99.0};
    const auto s = st::simple_returns(p);
    REQUIRE(s.size() == 3);
    CHECK(s[0] == approx(0.1, 1e-15));
    CHECK(s[1] == approx(-0.1, 1e-15));
    CHECK(s[2] == 0.0);
    const auto sa = st::simple_returns(p, st::return_alignment::leading_nan);
    REQUIRE(sa.size() == 4);
    CHECK(std::isnan(sa[0]));
    CHECK(sa[1] == s[0]);
    const auto l = st::log_returns(p);
    CHECK(l[0] == approx(std::log(1.1), 1e-15));
    CHECK(l[1] == approx(std::log(0.9), 1e-15));
    const auto la = st::log_returns(p, st::return_alignment::leading_nan);
    CHECK(std::isnan(la[0]));
    CHECK(la[2] == l[1]);
    // Round trips: equity from returns gives the prices back; log <-> simple.
    const auto equity = st::cum_returns(s, 100.0);
    CHECK(equity[0] == approx(110.0, 1e-15));
    CHECK(equity[2] == approx(99.0, 1e-15));
    const auto back = st::simple_from_log_returns(l);
    CHECK(back[1] == approx(-0.1, 1e-15));
    CHECK(st::log_from_simple_returns(s)[0] == approx(std::log(1.1), 1e-15));
    // Degenerate input: too short, NaN and zero prices do not throw.
    CHECK(st::simple_returns(std::vector<double>{100.0}).empty());
    CHECK(st::simple_returns(std::vector<double>{}).empty());
    CHECK(st::simple_returns(std::vector<double>{}, st::return_alignment::leading_nan).empty());
    const auto z = st::simple_returns(std::vector<double>{0.0, 1.0, qnan, 2.0});
    CHECK(z[0] == std::numeric_limits<double>::infinity());
    CHECK(std::isnan(z[1]));
    CHECK(std::isnan(z[2]));
  }

  TEST_CASE("returns: annualization constants and annual_return rules") {
    CHECK(st::periods_per_year(st::frequency::daily) == 252.0);
    CHECK(st::periods_per_year(st::frequency::weekly) == 52.0);
    CHECK(st::periods_per_year(st::frequency::monthly) == 12.0);
    CHECK(st::periods_per_year(st::frequency::quarterly) == 4.0);
    CHECK(st::periods_per_year(st::frequency::yearly) == 1.0);
    // 12 monthly returns of 1%: CAGR = 1.01^12 - 1 over exactly one year.
    const std::vector<double> m(12, 0.01);
    CHECK(st::annual_return(m, st::annualization::monthly) ==
          approx(std::pow(1.01, 12) - 1.0, 1e-14));
    // A loss beyond -100% makes the wealth negative: numpy's power gives NaN.
    CHECK(std::isnan(st::annual_return(std::vector<double>{-1.5, 0.1, 0.0}, 2.0)));  // ^(2/3)
    CHECK(std::isnan(st::cum_returns_final(std::vector<double>{})));
    CHECK(st::cum_returns(std::vector<double>{}).empty());
    CHECK(st::cum_returns_final(std::vector<double>{qnan, 0.5}) == 0.5);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::annual_return(m, 0.0)),
                         "quantkit::stats::annual_return: periods_per_year must be finite and > 0 "
                         "(got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::annual_return(m, qnan)), quantkit::invalid_argument);
  }
}

}  // namespace stats_test_returns
