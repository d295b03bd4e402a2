// SPDX-License-Identifier: MIT
#include <quantkit/samplers/grid.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace qs = quantkit::samplers;
using quantkit::test::approx;
using quantkit::test::check_invalid_param;

TEST_SUITE("samplers") {
  TEST_CASE("grid: level values per dimension kind") {
    qs::space sp;
    sp.add_real("r", 0.0, 1.0)
        .add_log_real("lr", 1e-4, 1.0)
        .add_int("i", 1, 3)
        .add_int("big", 0, 100)
        .add_choice("c", {7.0, 9.0})
        .add_categorical("k", {"a", "b", "c"})
        .add_normal("n", 0.0, 1.0);
    qs::grid_sampler g;
    CHECK(g.dimension_levels(sp, 0) == std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0});
    const auto lr = g.dimension_levels(sp, 1);
    REQUIRE(lr.size() == 5);
    for (std::size_t k = 0; k < 5; ++k) CHECK(lr[k] == approx(std::pow(10.0, -4.0 + double(k))));
    CHECK(g.dimension_levels(sp, 2) == std::vector<double>{1.0, 2.0, 3.0});  // fewer than levels
    CHECK(g.dimension_levels(sp, 3) == std::vector<double>{0.0, 25.0, 50.0, 75.0, 100.0});
    CHECK(g.dimension_levels(sp, 4) == std::vector<double>{7.0, 9.0});
    CHECK(g.dimension_levels(sp, 5) == std::vector<double>{0.0, 1.0, 2.0});
    // normal: quantiles at 0.1, 0.3, 0.5, 0.7, 0.9; scipy norm.ppf(0.1) = -1.2815515655446004,
    // norm.ppf(0.3) = -0.5244005127080407
    const auto nv = g.dimension_levels(sp, 6);
    REQUIRE(nv.size() == 5);
    CHECK(nv[0] == approx(-1.2815515655446004, 1e-14));
    CHECK(nv[1] == approx(-0.5244005127080407, 1e-14));
    CHECK(nv[2] == approx(0.0));
    CHECK(nv[4] == approx(1.2815515655446004, 1e-14));
    g.with_levels("r", 1);
    CHECK(g.dimension_levels(sp, 0) == std::vector<double>{0.5});
  }

  TEST_CASE("grid: the full grid has the product of the level counts, last dimension fastest") {
    qs::space sp;
    sp.add_int("a", 1, 3).add_categorical("b", {"x", "y"}).add_real("c", 0.0, 1.0);
    qs::grid_sampler g;
    g.with_levels("c", 4);
    CHECK(g.full_size(sp) == 3 * 2 * 4);
    const auto pts = g.sample(sp, 0, 0);
    REQUIRE(pts.size() == 24);
    CHECK(pts[0].to_string() == "{a=1, b=x, c=0}");
    CHECK(pts[1].to_string() == "{a=1, b=x, c=0.3333333333333333}");
    CHECK(pts[4].to_string() == "{a=1, b=y, c=0}");
    CHECK(pts[23].to_string() == "{a=3, b=y, c=1}");
    std::set<std::string> distinct;
    for (const auto& p : pts) distinct.insert(p.to_string());
    CHECK(distinct.size() == 24);
    CHECK(g.sample(sp, 1000, 0).size() == 24);  // n above the grid size: the whole grid
  }

  TEST_CASE("grid: strided grid keeps every k-th point from the offset") {
    qs::space sp;
    sp.add_int("a", 0, 9).add_int("b", 0, 9);
    qs::grid_sampler g;
    g.levels = 10;
    g.stride = 7;
    g.offset = 3;
    const auto pts = g.sample(sp, 0, 0);
    // indices 3, 10, ..., 94: ceil((100 - 3) / 7) = 14 points; index i is (i / 10, i % 10)
    REQUIRE(pts.size() == 14);
    for (std::size_t k = 0; k < pts.size(); ++k) {
      const std::size_t idx = 3 + 7 * k;
      CHECK(pts[k][0] == static_cast<double>(idx / 10));
      CHECK(pts[k][1] == static_cast<double>(idx % 10));
    }
  }

  TEST_CASE("grid: constraints filter the grid and n picks an even spread") {
    qs::space sp;
    sp.add_int("fast", 1, 10).add_int("slow", 1, 10);
    sp.add_constraint("fast < slow", [](const qs::point& p) { return p[0] < p[1]; });
    qs::grid_sampler g;
    g.levels = 10;
    const auto pts = g.sample(sp, 0, 0);
    CHECK(pts.size() == 45);  // pairs fast < slow of 1..10: 10 * 9 / 2
    for (const auto& p : pts) CHECK(p[0] < p[1]);
    const auto some = g.sample(sp, 9, 0);
    REQUIRE(some.size() == 9);
    for (std::size_t i = 0; i < 9; ++i) CHECK(some[i] == pts[i * 45 / 9]);
  }

  TEST_CASE("grid: unit grid") {
    qs::grid_sampler g;
    g.levels = 3;
    const auto u = g.unit_sample(2, 0, 0);
    const std::vector<double> expected{0, 0, 0, 0.5, 0, 1, 0.5, 0, 0.5, 0.5, 0.5, 1, 1, 0, 1, 0.5, 1, 1};
    CHECK(u == expected);
    CHECK(g.unit_sample(2, 3, 0) == std::vector<double>{0, 0, 0.5, 0, 1, 0});  // rows 0, 3, 6
    g.levels = 1;
    CHECK(g.unit_sample(3, 0, 0) == std::vector<double>{0.5, 0.5, 0.5});
  }

  TEST_CASE("grid: bad arguments are rejected with the parameter named") {
    qs::space sp;
    sp.add_real("x", 0.0, 1.0);
    qs::grid_sampler g;
    g.stride = 0;
    check_invalid_param([&] { (void)g.sample(sp, 0, 0); }, "quantkit::samplers::grid_sampler::sample",
                        "stride");
    check_invalid_param([&] { (void)g.unit_sample(2, 0, 0); },
                        "quantkit::samplers::grid_sampler::unit_sample", "stride");
    g.stride = 1;
    g.levels = 0;
    check_invalid_param([&] { (void)g.sample(sp, 0, 0); }, "quantkit::samplers::grid_sampler::sample",
                        "levels");
    check_invalid_param([&] { (void)g.unit_sample(2, 0, 0); },
                        "quantkit::samplers::grid_sampler::unit_sample", "levels");
    check_invalid_param([&] { (void)g.dimension_levels(sp, 0); },
                        "quantkit::samplers::grid_sampler::dimension_levels", "levels");
    g.levels = 5;
    check_invalid_param([&] { (void)g.unit_sample(0, 0, 0); },
                        "quantkit::samplers::grid_sampler::unit_sample", "d");
    check_invalid_param([&] { (void)g.sample(qs::space{}, 0, 0); },
                        "quantkit::samplers::grid_sampler::sample", "space");
    g.offset = 5;  // the 1-dimensional grid of 5 levels has indices 0..4
    check_invalid_param([&] { (void)g.sample(sp, 0, 0); }, "quantkit::samplers::grid_sampler::sample",
                        "offset");
    check_invalid_param([&] { (void)g.unit_sample(1, 0, 0); },
                        "quantkit::samplers::grid_sampler::unit_sample", "offset");
    g.offset = 4;
    CHECK(g.sample(sp, 0, 0).size() == 1);
    g.offset = 0;
    g.levels = 1000;
    check_invalid_param([&] { (void)g.unit_sample(4, 0, 0); },
                        "quantkit::samplers::grid_sampler::unit_sample", "levels");
    qs::space wide;
    for (int i = 0; i < 4; ++i) wide.add_real("x" + std::to_string(i), 0.0, 1.0);
    check_invalid_param([&] { (void)g.full_size(wide); },
                        "quantkit::samplers::grid_sampler::full_size", "levels");
    check_invalid_param([&] { (void)g.points(wide); }, "quantkit::samplers::grid_sampler::points",
                        "levels");
    sp.add_constraint("never", [](const qs::point&) { return false; });
    g.levels = 5;
    check_invalid_param([&] { (void)g.sample(sp, 0, 0); }, "quantkit::samplers::grid_sampler::sample",
                        "space");
  }
}
