// SPDX-License-Identifier: MIT
#include <quantkit/core/random.hpp>
#include <quantkit/samplers/sampler.hpp>
#include <quantkit/samplers/space.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace qs = quantkit::samplers;
using quantkit::test::check_invalid_param;

TEST_SUITE("samplers") {
  TEST_CASE("random_sampler: row i is d uniforms of rng(seed, i)") {
    const qs::random_sampler s;
    const auto u = s.unit_sample(3, 5, 42);
    REQUIRE(u.size() == 15);
    for (std::size_t i = 0; i < 5; ++i) {
      quantkit::rng g(42, i);
      for (std::size_t j = 0; j < 3; ++j) CHECK(u[i * 3 + j] == quantkit::uniform01(g));
    }
    CHECK(s.unit_sample(3, 5, 42) == u);
    CHECK(s.unit_sample(3, 5, 43) != u);
    CHECK(s.unit_sample(3, 0, 42).empty());
  }

  TEST_CASE("random_sampler: sample maps the unit design through the space") {
    qs::space sp;
    sp.add_real("x", -2.0, 2.0).add_int("k", 1, 6);
    const qs::random_sampler s;
    const auto pts = s.sample(sp, 200, 7);
    const auto u = s.unit_sample(2, 200, 7);
    REQUIRE(pts.size() == 200);
    for (std::size_t i = 0; i < pts.size(); ++i) {
      CHECK(pts[i] == sp.from_unit(std::span<const double>(u.data() + 2 * i, 2)));
    }
  }

  TEST_CASE("random_sampler: uniform coordinates have mean 1/2 and variance 1/12") {
    const qs::random_sampler s;
    const std::size_t n = 20000;
    const auto u = s.unit_sample(2, n, 1);
    double sum = 0.0;
    double sum2 = 0.0;
    for (double x : u) {
      CHECK(x >= 0.0);
      CHECK(x < 1.0);
      sum += x;
      sum2 += (x - 0.5) * (x - 0.5);
    }
    const double m = static_cast<double>(u.size());
    // standard error of the mean: sqrt(1/12 / m) = 0.00144; 5 sigma
    CHECK(std::fabs(sum / m - 0.5) < 5.0 * std::sqrt(1.0 / 12.0 / m));
    // var of (x - 1/2)^2 is 1/80 - 1/144; 5 sigma
    CHECK(std::fabs(sum2 / m - 1.0 / 12.0) < 5.0 * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / m));
  }

  TEST_CASE("random_sampler: constraints are applied by rejection, deterministically") {
    qs::space sp;
    sp.add_int("fast", 2, 50).add_int("slow", 10, 60);
    sp.add_constraint("fast < slow",
                      [](const qs::point& p) { return p.at("fast") < p.at("slow"); });
    const qs::random_sampler s;
    const auto pts = s.sample(sp, 500, 3);
    REQUIRE(pts.size() == 500);
    for (const auto& p : pts) CHECK(p.at("fast") < p.at("slow"));
    CHECK(s.sample(sp, 500, 3) == pts);
    // the accepted points are the feasible rows of the design, in order
    const auto u = s.unit_sample(2, 2000, 3);
    std::size_t k = 0;
    for (std::size_t i = 0; i < 2000 && k < pts.size(); ++i) {
      const auto p = sp.from_unit(std::span<const double>(u.data() + 2 * i, 2));
      if (sp.feasible(p)) {
        CHECK(p == pts[k]);
        ++k;
      }
    }
    CHECK(k == pts.size());
  }

  TEST_CASE("random_sampler: an empty feasible region gives a clear error") {
    qs::space sp;
    sp.add_real("a", 0.0, 1.0).add_real("b", 0.0, 1.0);
    sp.add_constraint("a > 2", [](const qs::point& p) { return p.at("a") > 2.0; });
    qs::random_sampler s;
    s.max_draws_per_point = 50;
    check_invalid_param([&] { (void)s.sample(sp, 10, 1); },
                        "quantkit::samplers::random_sampler::sample", "space");
    try {
      (void)s.sample(sp, 10, 1);
    } catch (const quantkit::invalid_argument& e) {
      const std::string what = e.what();
      CHECK(what.find("only 0 of 500 candidate points") != std::string::npos);
      CHECK(what.find("[a > 2]") != std::string::npos);
    }
    CHECK(s.sample(sp, 0, 1).empty());
  }

  TEST_CASE("random_sampler: bad arguments are rejected with the parameter named") {
    qs::random_sampler s;
    check_invalid_param([&] { (void)s.unit_sample(0, 5, 1); },
                        "quantkit::samplers::random_sampler::unit_sample", "d");
    check_invalid_param([&] { (void)s.sample(qs::space{}, 5, 1); },
                        "quantkit::samplers::random_sampler::sample", "space");
    qs::space sp;
    sp.add_real("x", 0.0, 1.0);
    s.max_draws_per_point = 0;
    check_invalid_param([&] { (void)s.sample(sp, 5, 1); },
                        "quantkit::samplers::random_sampler::sample", "max_draws_per_point");
  }
}

// The concept accepts the library's samplers and rejects types without the interface.
static_assert(qs::Sampler<qs::random_sampler>);
static_assert(qs::sampler<qs::random_sampler>);
static_assert(!qs::Sampler<int>);
static_assert(!qs::Sampler<qs::space>);
