// SPDX-License-Identifier: MIT
#include <quantkit/samplers/block_length.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"
#include "support/param_errors.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace qs = quantkit::samplers;
using quantkit::test::approx;
using quantkit::test::check_invalid_param;

namespace {
std::vector<double> series(const std::string& key) {
  const auto ret = quantkit::test::load_csv("stats/inputs/returns.csv");
  if (key == "returns") return ret.numbers("returns");
  if (key == "benchmark") return ret.numbers("benchmark");
  if (key == "returns_squared" || key == "abs_returns") {
    auto r = ret.numbers("returns");
    for (double& v : r) v = key == "abs_returns" ? std::fabs(v) : v * v;
    return r;
  }
  return quantkit::test::load_csv("stats/inputs/ar1.csv").numbers("x");
}
}  // namespace

TEST_SUITE("samplers") {
  TEST_CASE("optimal_block_length: equals arch.bootstrap.optimal_block_length") {
    const auto ref = quantkit::test::load_json("stats/block_length.json")["series"];
    for (const char* key : {"returns", "returns_squared", "abs_returns", "benchmark", "ar1"}) {
      CAPTURE(key);
      const auto x = series(key);
      REQUIRE(static_cast<double>(x.size()) == ref[key]["n"].num());
      const auto r = qs::optimal_block_length(x);
      // deterministic algorithm; sums in the same order as arch's dot products up to BLAS
      // blocking: 1e-12 relative (README of the reference suite)
      CHECK(r.stationary == approx(ref[key]["stationary"].num(), 1e-12));
      CHECK(r.circular == approx(ref[key]["circular"].num(), 1e-12));
      CHECK(r.circular > r.stationary);  // D_CB < D_SB: ratio (3/2)^(1/3)
      CHECK(r.circular / r.stationary == approx(std::cbrt(1.5), 1e-14));
    }
  }

  TEST_CASE("optimal_block_length: an AR(1) series needs longer blocks than noise") {
    const auto ar = qs::optimal_block_length(series("ar1"));
    const auto noise = qs::optimal_block_length(series("returns"));
    CHECK(ar.stationary > 2.0 * noise.stationary);
    CHECK(ar.bandwidth >= 2);
    CHECK(ar.b_max == std::ceil(std::min(3.0 * std::sqrt(1000.0), 1000.0 / 3.0)));
  }

  TEST_CASE("optimal_block_length: the cap b_max applies to a slow cycle") {
    // x_t = sin(0.3 t), n = 100: the autocorrelations never die out (M = m_max = 15) and the
    // long-run variance nearly cancels, so the uncapped b (about 89 by the documented formula)
    // exceeds b_max = ceil(min(3 sqrt(100), 100 / 3)) = 30
    std::vector<double> x(100);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.3 * static_cast<double>(i));
    const auto r = qs::optimal_block_length(x);
    CHECK(r.b_max == 30.0);
    CHECK(r.bandwidth == 15);
    CHECK(r.stationary == 30.0);
    CHECK(r.circular == 30.0);
  }

  TEST_CASE("optimal_block_length: constant series gives NaN, short series throws") {
    const std::vector<double> c(50, 2.0);
    const auto r = qs::optimal_block_length(c);
    CHECK(std::isnan(r.stationary));
    CHECK(std::isnan(r.circular));
    check_invalid_param([] { (void)qs::optimal_block_length(std::vector<double>(10, 1.0)); },
                        "quantkit::samplers::optimal_block_length", "x");
    check_invalid_param([] { (void)qs::optimal_block_length(std::vector<double>{}); },
                        "quantkit::samplers::optimal_block_length", "x");
    std::vector<double> ok(11);
    for (std::size_t i = 0; i < ok.size(); ++i) ok[i] = std::sin(static_cast<double>(i));
    CHECK_NOTHROW((void)qs::optimal_block_length(ok));
  }
}
