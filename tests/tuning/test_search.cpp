// SPDX-License-Identifier: MIT
// tuning/search.hpp: the search context of a space (dimension kinds read or probed, snapping,
// feasibility), the sampled and design searches (design order, batches, end of the design), and
// their bad input. Expected values by hand from the documented mappings: a discrete dimension of
// k buckets maps u to bucket floor(u k) and back to its centre (b + 0.5) / k.
#include <quantkit/samplers/grid.hpp>
#include <quantkit/samplers/sampler.hpp>
#include <quantkit/samplers/space.hpp>
#include <quantkit/tuning/search.hpp>

#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace tuning_test_search {  // own scope for unity builds

namespace tn = quantkit::tuning;
namespace sm = quantkit::samplers;
using quantkit::test::check_invalid_param;

namespace {

// A space that is not a samplers::space: x continuous in [0, 1), k in {0, 1, 2, 3} (floor(4u)),
// feasible unless k == 3. Its dimension kinds must be probed.
struct toy_space {
  struct pt {
    double x = 0.0;
    int k = 0;
  };
  bool categorical_k = false;
  [[nodiscard]] std::size_t size() const { return 2; }
  [[nodiscard]] pt from_unit(std::span<const double> u) const {
    return {u[0], static_cast<int>(std::floor(std::min(u[1], 0.999999) * 4.0))};
  }
  [[nodiscard]] std::vector<double> to_unit(const pt& p) const {
    return {p.x, (static_cast<double>(p.k) + 0.5) / 4.0};
  }
  [[nodiscard]] bool feasible(const pt& p) const { return p.k != 3; }
};

// The same with k declared categorical.
struct toy_categorical : toy_space {
  [[nodiscard]] bool is_categorical(std::size_t i) const { return i == 1; }
};

sm::space mixed_space() {
  sm::space s;
  s.add_real("x", 0.0, 1.0).add_int("n", 1, 5).add_categorical("c", {"a", "b", "c"});
  return s;
}

}  // namespace

TEST_SUITE("tuning") {
  TEST_CASE("search: make_context reads a samplers::space's kinds and bucket counts") {
    const auto s = mixed_space();
    const tn::search_context ctx = tn::make_context(s, 42, 17);
    CHECK(ctx.dims == 3);
    CHECK(ctx.seed == 42);
    CHECK(ctx.max_trials == 17);
    REQUIRE(ctx.kinds.size() == 3);
    CHECK(ctx.kinds[0] == tn::dimension_kind::continuous);
    CHECK(ctx.kinds[1] == tn::dimension_kind::ordinal);
    CHECK(ctx.kinds[2] == tn::dimension_kind::categorical);
    CHECK(ctx.levels == std::vector<std::size_t>{0, 5, 3});
  }

  TEST_CASE("search: snap clamps to the cube and moves discrete coordinates to bucket centres") {
    const auto s = mixed_space();
    const tn::search_context ctx = tn::make_context(s, 1, 10);
    // n: 0.5 x 5 = 2.5 -> bucket 2 -> centre 2.5 / 5 = 0.5; c: 0.9 x 3 = 2.7 -> bucket 2 ->
    // 2.5 / 3; x below 0 clamps to 0.
    const auto u = ctx.snapped({-0.25, 0.5, 0.9});
    REQUIRE(u.size() == 3);
    CHECK(u[0] == 0.0);
    CHECK(u[1] == doctest::Approx(0.5).epsilon(1e-15));
    CHECK(u[2] == doctest::Approx(2.5 / 3.0).epsilon(1e-15));
    // Above 1 clamps to 1: the last bucket of n (5), centre 4.5 / 5.
    CHECK(ctx.snapped({0.25, 1.5, 0.0})[1] == doctest::Approx(0.9).epsilon(1e-15));
    // Snapping twice changes nothing.
    CHECK(ctx.snapped(u) == u);
  }

  TEST_CASE("search: feasibility follows the space's constraints") {
    auto s = mixed_space();
    s.add_constraint("n >= 3", [](const sm::point& p) { return p.at("n") >= 3.0; });
    const tn::search_context ctx = tn::make_context(s, 1, 10);
    const std::vector<double> low{0.5, 0.1, 0.5};   // n bucket 0: n = 1
    const std::vector<double> high{0.5, 0.7, 0.5};  // n bucket 3: n = 4
    CHECK_FALSE(ctx.is_feasible(low));
    CHECK(ctx.is_feasible(high));
    // A context without a feasibility test accepts everything.
    const tn::search_context bare;
    CHECK(bare.is_feasible(low));
    CHECK(bare.snapped({2.0}) == std::vector<double>{2.0});
  }

  TEST_CASE("search: another space type's dimensions are probed") {
    const toy_space toy;
    const tn::search_context ctx = tn::make_context(toy, 3, 8);
    CHECK(ctx.dims == 2);
    CHECK(ctx.kinds[0] == tn::dimension_kind::continuous);
    CHECK(ctx.kinds[1] == tn::dimension_kind::ordinal);
    CHECK(ctx.levels == std::vector<std::size_t>{0, 4});
    CHECK(ctx.snapped({0.3, 0.3})[1] == 0.375);  // bucket 1, centre 1.5 / 4
    CHECK_FALSE(ctx.is_feasible(std::vector<double>{0.3, 0.9}));  // k = 3
    const toy_categorical cat;
    const tn::search_context cc = tn::make_context(cat, 3, 8);
    CHECK(cc.kinds[1] == tn::dimension_kind::categorical);
    CHECK(cc.levels[1] == 4);
  }

  TEST_CASE("search: sampled_search hands out the sampler's snapped design in order, in batches") {
    const toy_space toy;
    const tn::search_context ctx = tn::make_context(toy, 9, 10);
    tn::sampled_search<sm::random_sampler> rs({}, 4);
    rs.start(ctx);
    // The design: the sampler's unit points in order, snapped, infeasible ones (k = 3) skipped,
    // the first 10 kept.
    const auto flat = sm::random_sampler{}.unit_sample(2, 40, 9);
    std::vector<std::vector<double>> want;
    for (std::size_t r = 0; r < 40 && want.size() < 10; ++r) {
      auto u = ctx.snapped({flat[2 * r], flat[2 * r + 1]});
      if (ctx.is_feasible(u)) want.push_back(u);
    }
    REQUIRE(want.size() == 10);
    CHECK(rs.design() == want);
    // Batches of at most 4 (and at most what is asked), then nothing.
    const auto a = rs.ask(ctx, 100);
    const auto b = rs.ask(ctx, 3);
    const auto c = rs.ask(ctx, 100);
    const auto d = rs.ask(ctx, 100);
    REQUIRE(a.size() == 4);
    REQUIRE(b.size() == 3);
    REQUIRE(c.size() == 3);
    CHECK(d.empty());
    CHECK(a[0] == want[0]);
    CHECK(b[0] == want[4]);
    CHECK(c[2] == want[9]);
    // start() again restarts the same design.
    rs.start(ctx);
    CHECK(rs.ask(ctx, 1)[0] == want[0]);
  }

  TEST_CASE("search: a grid on a samplers::space gives its own points, all of them, then ends") {
    sm::space s;
    s.add_int("n", 1, 3).add_categorical("c", {"a", "b"});
    const tn::search_context ctx = tn::make_context(s, 5, 100);
    tn::grid_search gs;
    gs.start(ctx, s);
    // 3 integers x 2 labels = 6 points, fewer than the 100 trials allowed.
    REQUIRE(gs.design().size() == 6);
    for (const auto& u : gs.design()) CHECK(ctx.snapped(u) == u);
    CHECK(gs.ask(ctx, 100).size() == 6);
    CHECK(gs.ask(ctx, 100).empty());
  }

  TEST_CASE("search: design_search evaluates its points in order, batch at a time") {
    const tn::search_context ctx = tn::make_context(mixed_space(), 1, 10);
    const std::vector<std::vector<double>> pts{{0.1, 0.1, 0.1}, {0.2, 0.2, 0.2}, {0.3, 0.3, 0.3}};
    tn::design_search ds(pts, 2);
    ds.start(ctx);
    CHECK(ds.ask(ctx, 5) == std::vector<std::vector<double>>{pts[0], pts[1]});
    CHECK(ds.ask(ctx, 5) == std::vector<std::vector<double>>{pts[2]});
    CHECK(ds.ask(ctx, 5).empty());
  }

  TEST_CASE("search: bad batches and design points are rejected naming the parameter") {
    check_invalid_param([] { tn::sampled_search<sm::random_sampler> s({}, 0); },
                        "quantkit::tuning::sampled_search", "batch");
    check_invalid_param([] { tn::design_search s({}, 0); }, "quantkit::tuning::design_search",
                        "batch");
    const tn::search_context ctx = tn::make_context(mixed_space(), 1, 10);
    tn::design_search wrong({{0.5, 0.5}}, 4);  // two coordinates for three dimensions
    check_invalid_param([&] { wrong.start(ctx); }, "quantkit::tuning::design_search", "points");
  }
}

}  // namespace tuning_test_search
