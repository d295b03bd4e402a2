// SPDX-License-Identifier: MIT
#include <quantkit/stats/drawdown.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace stats_test_drawdown {  // own scope for unity builds

namespace st = quantkit::stats;
using quantkit::test::approx;
using quantkit::test::check_series;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
}

TEST_SUITE("stats") {
  TEST_CASE("drawdown: the drawdown series and maximum match empyrical") {
    const auto r = quantkit::test::load_csv("stats/inputs/returns.csv").numbers("returns");
    const auto series = quantkit::test::load_csv("stats/empyrical_series.csv");
    // Same operations as empyrical (cumprod, times 100, fmax.accumulate, divide): same doubles.
    check_series(st::drawdown_series(r), series.numbers("drawdown"), 0.0, 0.0, "drawdown");
    const auto j = quantkit::test::load_json("stats/empyrical.json");
    CHECK(st::max_drawdown(r) == approx(j["main"]["scalars"]["max_drawdown"].num(), 1e-15));
    const auto info = st::max_drawdown_info(r);
    CHECK(info.max_drawdown == st::max_drawdown(r));
    const auto dd = st::drawdown_series(r);
    CHECK(dd[info.trough] == info.max_drawdown);
    CHECK(dd[info.peak] == 0.0);
    for (std::size_t i = info.peak + 1; i < info.trough; ++i) CHECK(dd[i] < 0.0);
    if (info.recovered()) {
      CHECK(dd[info.recovery] == 0.0);
      for (std::size_t i = info.peak + 1; i < info.recovery; ++i) CHECK(dd[i] < 0.0);
      CHECK(info.duration == info.recovery - info.peak - 1);
    } else {
      CHECK(info.duration == r.size() - info.peak - 1);
    }
  }

  TEST_CASE("drawdown: peak, trough, recovery and time under water by hand") {
    // Wealth 100 -> 110, 88, 92.4, 110.88, 99.792: peak bar 0 (110), trough bar 1 (-20%),
    // recovery bar 3 (110.88 >= 110), 2 bars under water (1, 2); then 1 bar under water at the end.
    const std::vector<double> r = {0.1, -0.2, 0.05, 0.2, -0.1};
    const auto info = st::max_drawdown_info(r);
    CHECK(info.max_drawdown == approx(-0.2, 1e-15));
    CHECK(info.peak == 0);
    CHECK(info.trough == 1);
    CHECK(info.recovery == 3);
    CHECK(info.recovered());
    CHECK(info.duration == 2);
    const auto dd = st::drawdown_series(r);
    CHECK(dd[2] == approx(92.4 / 110.0 - 1.0, 1e-14));
    CHECK(dd[4] == approx(99.792 / 110.88 - 1.0, 1e-14));
    const auto t = st::under_water_time(r);
    CHECK(t.longest == 2);
    CHECK(t.current == 1);
    // A loss on the first bar: the starting capital is the peak (empyrical), no recovery bar
    // within 90, 94.5 -> under water for both bars.
    const std::vector<double> first_loss = {-0.1, 0.05};
    const auto a = st::max_drawdown_info(first_loss);
    CHECK(a.max_drawdown == approx(-0.1, 1e-15));
    CHECK(a.peak == st::no_bar);
    CHECK(a.trough == 0);
    CHECK(a.recovery == st::no_bar);
    CHECK_FALSE(a.recovered());
    CHECK(a.duration == 2);
    CHECK(st::under_water_time(first_loss).current == 2);
    // Excluding the start (pyfolio / quantstats): the first close is the peak, 94.5 is above it.
    const auto b = st::max_drawdown_info(first_loss, st::drawdown_start::excluded);
    CHECK(b.max_drawdown == 0.0);
    CHECK(b.trough == st::no_bar);
    CHECK(b.duration == 0);
    const auto dx = st::drawdown_series(first_loss, st::drawdown_start::excluded);
    CHECK(dx[0] == 0.0);
    CHECK(dx[1] == 0.0);
    CHECK(st::under_water_time(first_loss, st::drawdown_start::excluded).longest == 0);
  }

  TEST_CASE("drawdown: pyfolio's underwater series equals the start-excluded drawdown") {
    const auto r = quantkit::test::load_csv("stats/inputs/returns.csv").numbers("returns");
    // W / peak - 1 versus (100 W - 100 peak) / (100 peak): the same number up to rounding.
    check_series(st::underwater(r), st::drawdown_series(r, st::drawdown_start::excluded), 1e-13,
                 1e-15, "underwater");
    const std::vector<double> x = {0.1, -0.2, 0.05};
    const auto u = st::underwater(x);
    CHECK(u[0] == 0.0);
    CHECK(u[1] == approx(-0.2, 1e-15));
    CHECK(u[2] == approx(1.1 * 0.8 * 1.05 / 1.1 - 1.0, 1e-14));
  }

  TEST_CASE("drawdown: NaN is a flat bar and empty input has no drawdown") {
    const std::vector<double> r = {0.1, qnan, -0.2};
    const auto dd = st::drawdown_series(r);
    CHECK(dd[1] == 0.0);
    CHECK(dd[2] == approx(-0.2, 1e-15));
    const auto info = st::max_drawdown_info(r);
    CHECK(info.trough == 2);
    CHECK(info.peak == 1);  // the flat NaN bar ties the peak: the last bar at the maximum
    CHECK(info.duration == 1);
    const std::vector<double> e;
    CHECK(std::isnan(st::max_drawdown(e)));
    CHECK(std::isnan(st::max_drawdown_info(e).max_drawdown));
    CHECK(st::drawdown_series(e).empty());
    CHECK(st::underwater(e).empty());
    CHECK(st::under_water_time(e).longest == 0);
    const std::vector<double> all_nan(4, qnan);
    CHECK(st::max_drawdown(all_nan) == 0.0);
    CHECK(st::max_drawdown_info(all_nan).max_drawdown == 0.0);
    CHECK(st::max_drawdown_info(all_nan).duration == 0);
  }
}

}  // namespace stats_test_drawdown
