// SPDX-License-Identifier: MIT
#include <quantkit/stats/bootstrap.hpp>
#include <quantkit/stats/descriptive.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace stats_test_bootstrap {  // own scope for unity builds

namespace st = quantkit::stats;
namespace ti = quantkit::test::inference;
using ti::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

const quantkit::test::json& boot_ref() { return ti::scipy()["bootstrap"]; }

std::vector<double> scipy_distribution() {
  return quantkit::test::load_csv("stats/bootstrap_distribution.csv").numbers("mean");
}

double sharpe(std::span<const double> x) { return st::mean(x) / st::stddev(x, 1); }

// The RNG-based intervals cannot reproduce scipy's (numpy's PCG64 stream vs quantkit::rng). Each
// end point is a Monte Carlo quantile estimate: with B = 9999 its standard deviation is about
// sqrt(0.025 * 0.975 / B) / phi(1.96) = 0.027 sigma, i.e. 0.7% of the interval width (3.92 sigma);
// two independent runs differ by about 1% of the width. 5% of the width is a 5-sigma bound.
void check_loose(const st::interval& got, std::span<const double> expected, const std::string& w) {
  const double width = expected[1] - expected[0];
  CAPTURE(w);
  CAPTURE(got.lower);
  CAPTURE(got.upper);
  CHECK(std::fabs(got.lower - expected[0]) < 0.05 * width);
  CHECK(std::fabs(got.upper - expected[1]) < 0.05 * width);
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("bootstrap: interval arithmetic reproduces scipy.stats.bootstrap on its distribution") {
    const auto dist = scipy_distribution();
    REQUIRE(dist.size() == 9999);
    const auto t = ti::trades();
    const auto& bca = boot_ref()["bca_internals"];
    const double theta = bca["theta_hat"].num();
    check_rel(st::mean(t), theta, 1e-13);
    check_rel(st::bca_z0(dist, theta), bca["z0_hat"].num(), 1e-13);
    const double a = st::bca_acceleration(
        st::jackknife(t, [](std::span<const double> s) { return st::mean(s); }));
    // scipy forms U_i from leave-one-out means that agree to ~1e-3 relative: its a_hat carries
    // that cancellation (~1e-13 relative); seen here 5e-14.
    check_rel(a, bca["a_hat"].num(), 1e-11);
    const auto lv = st::bca_alphas(bca["z0_hat"].num(), bca["a_hat"].num(), 0.95);
    check_rel(lv.alpha_1, bca["alpha_1"].num(), 1e-14);
    check_rel(lv.alpha_2, bca["alpha_2"].num(), 1e-14);
    const auto ci =
        st::bootstrap_interval(dist, theta, 0.95, st::bootstrap_method::bca, bca["a_hat"].num());
    check_rel(ci.lower, bca["ci"].numbers()[0], 1e-13);
    check_rel(ci.upper, bca["ci"].numbers()[1], 1e-13);
    check_rel(ci.lower, boot_ref()["BCa"]["ci"].numbers()[0], 1e-13);
    check_rel(ci.upper, boot_ref()["BCa"]["ci"].numbers()[1], 1e-13);
    const auto pc = st::bootstrap_interval(dist, theta, 0.95, st::bootstrap_method::percentile);
    check_rel(pc.lower, boot_ref()["percentile_from_distribution"].numbers()[0], 1e-14);
    check_rel(pc.upper, boot_ref()["percentile_from_distribution"].numbers()[1], 1e-14);
    check_rel(pc.lower, boot_ref()["percentile"]["ci"].numbers()[0], 1e-14);
    check_rel(pc.upper, boot_ref()["percentile"]["ci"].numbers()[1], 1e-14);
    const auto bc = st::bootstrap_interval(dist, theta, 0.95, st::bootstrap_method::basic);
    check_rel(bc.lower, boot_ref()["basic"]["ci"].numbers()[0], 1e-13);
    check_rel(bc.upper, boot_ref()["basic"]["ci"].numbers()[1], 1e-13);
    check_rel(st::stddev(dist, 1), boot_ref()["percentile"]["standard_error"].num(), 1e-13);
  }

  TEST_CASE("bootstrap: resampled intervals agree with scipy's to within Monte Carlo error") {
    const auto t = ti::trades();
    struct one_case {
      std::string key;
      st::bootstrap_method method;
    };
    for (const auto& c : {one_case{"percentile", st::bootstrap_method::percentile},
                          one_case{"basic", st::bootstrap_method::basic},
                          one_case{"BCa", st::bootstrap_method::bca}}) {
      const auto r = st::bootstrap_mean(t, {.method = c.method, .seed = 12345});
      check_loose(r.ci, boot_ref()[c.key]["ci"].numbers(), c.key);
      // The standard error is a Monte Carlo estimate too: relative sd 1/sqrt(2 (B - 1)) = 0.7%.
      CHECK(std::fabs(r.standard_error / boot_ref()[c.key]["standard_error"].num() - 1.0) < 0.035);
    }
    const auto sp =
        st::bootstrap(t, sharpe, {.method = st::bootstrap_method::percentile, .seed = 7});
    check_loose(sp.ci, boot_ref()["sharpe_percentile"]["ci"].numbers(), "sharpe percentile");
    const auto sb = st::bootstrap(t, sharpe, {.method = st::bootstrap_method::bca, .seed = 7});
    check_loose(sb.ci, boot_ref()["sharpe_BCa"]["ci"].numbers(), "sharpe BCa");
    check_rel(sb.theta_hat, sharpe(t), 1e-15);
    CHECK(std::fabs(sb.standard_error / boot_ref()["sharpe_BCa"]["standard_error"].num() - 1.0) <
          0.035);
  }

  TEST_CASE("bootstrap: results are identical for any thread count and the mean fast path") {
    const auto t = ti::trades();
    const st::bootstrap_options one{
        .n_resamples = 500, .seed = 99, .threads = 1, .keep_distribution = true};
    st::bootstrap_options four = one;
    four.threads = 4;
    auto mean_fn = [](std::span<const double> s) { return st::mean(s); };
    const auto a = st::bootstrap(t, mean_fn, one);
    const auto b = st::bootstrap(t, mean_fn, four);
    const auto c = st::bootstrap_mean(t, four);
    REQUIRE(a.distribution.size() == 500);
    bool same = true;
    for (std::size_t i = 0; i < 500; ++i) {
      same = same && quantkit::test::same_bits(a.distribution[i], b.distribution[i]) &&
             quantkit::test::same_bits(a.distribution[i], c.distribution[i]);
    }
    CHECK(same);
    CHECK(quantkit::test::same_bits(a.ci.lower, b.ci.lower));
    CHECK(quantkit::test::same_bits(a.ci.upper, b.ci.upper));
    CHECK(quantkit::test::same_bits(a.ci.lower, c.ci.lower));
    // The closed-form acceleration of the mean equals the generic jackknife one.
    check_rel(c.acceleration, a.acceleration, 1e-12);
    // Replicate b is rng(99, b): replicate 0 by hand.
    quantkit::rng g(99, 0);
    double s = 0.0;
    std::vector<double> r0(t.size());
    for (double& v : r0) v = t[quantkit::uniform_index(g, t.size())];
    s = st::mean(r0);
    CHECK(quantkit::test::same_bits(a.distribution[0], s));
    CHECK(st::bootstrap_mean(t, {.n_resamples = 50}).distribution.empty());
  }

  TEST_CASE("bootstrap: hand calculations of the interval step") {
    // Distribution {1, 2, 3, 4, 5}, confidence 0.5: alpha = 0.25, linear quantiles 2 and 4.
    const std::vector<double> d = {5, 1, 4, 2, 3};
    const auto p = st::bootstrap_interval(d, 3.0, 0.5, st::bootstrap_method::percentile);
    CHECK(p.lower == 2.0);
    CHECK(p.upper == 4.0);
    // basic with theta = 3.5: [7 - 4, 7 - 2].
    const auto b = st::bootstrap_interval(d, 3.5, 0.5, st::bootstrap_method::basic);
    CHECK(b.lower == 3.0);
    CHECK(b.upper == 5.0);
    // bca with theta = 3 (z0 = Phi^-1((2 + 3) / 10) = 0) and a = 0 reduces to the percentile.
    CHECK(st::bca_z0(d, 3.0) == 0.0);
    const auto c = st::bootstrap_interval(d, 3.0, 0.5, st::bootstrap_method::bca, 0.0);
    check_rel(c.lower, 2.0, 1e-15);
    check_rel(c.upper, 4.0, 1e-15);
    // z0 for theta above every replicate is +inf; Phi^-1(0.3) for theta = 2.5.
    CHECK(st::bca_z0(d, 10.0) == std::numeric_limits<double>::infinity());
    check_rel(st::bca_z0(d, 2.5), st::normal_ppf(0.4), 1e-15);
    // Jackknife of the mean of {1, 2, 6}: {(2+6)/2, (1+6)/2, (1+2)/2}; U = 2 (mean - theta_i) =
    // {-1, 0, 1} * ... = x_i - mean(x) = {-2, -1, 3}: a = (sum U^3 / 27) / 6 / (sum U^2 / 9)^1.5.
    const std::vector<double> x = {1, 2, 6};
    const auto jk = st::jackknife(x, [](std::span<const double> s) { return st::mean(s); });
    REQUIRE(jk.size() == 3);
    CHECK(jk[0] == 4.0);
    CHECK(jk[1] == 3.5);
    CHECK(jk[2] == 1.5);
    const double a = (18.0 / 27.0) / 6.0 / std::pow(14.0 / 9.0, 1.5);
    check_rel(st::bca_acceleration(jk), a, 1e-14);
    // Symmetric data: zero acceleration.
    const std::vector<double> sym = {-2, -1, 0, 1, 2};
    CHECK(std::fabs(st::bca_acceleration(
              st::jackknife(sym, [](std::span<const double> s) { return st::mean(s); }))) < 1e-17);
  }

  TEST_CASE("bootstrap: bad input gives NaN or throws") {
    const std::vector<double> x = {1, 2, 3};
    const std::vector<double> empty;
    const std::vector<double> with_nan = {1, qnan, 3};
    CHECK_THROWS_WITH_AS(static_cast<void>(st::bootstrap_mean(x, {.confidence = 1.0})),
                         "quantkit::stats::bootstrap_mean: confidence must be in (0, 1) (got 1)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::bootstrap(x, sharpe, {.confidence = -0.1})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::bootstrap(x, sharpe, {.n_resamples = 1})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(
        static_cast<void>(st::bootstrap_interval(x, 2.0, 1.5, st::bootstrap_method::percentile)),
        quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::bca_alphas(0.0, 0.0, 0.0)), quantkit::invalid_argument);
    CHECK(std::isnan(st::bootstrap_mean(empty).ci.lower));
    CHECK(std::isnan(st::bootstrap(empty, sharpe).ci.upper));
    const auto rn = st::bootstrap_mean(with_nan, {.n_resamples = 100});
    CHECK(std::isnan(rn.ci.lower));
    CHECK(std::isnan(rn.theta_hat));
    CHECK(std::isnan(st::bootstrap_interval(empty, 1.0, 0.9, st::bootstrap_method::bca).lower));
    CHECK(std::isnan(st::bootstrap_interval(with_nan, 1.0, 0.9, st::bootstrap_method::bca).lower));
    CHECK(std::isnan(st::bca_z0(x, qnan)));
    // Constant data: the jackknife is constant, the acceleration 0/0 = NaN, BCa interval NaN.
    const std::vector<double> flat = {2, 2, 2, 2};
    CHECK(std::isnan(st::bootstrap_mean(flat, {.n_resamples = 20}).ci.lower));
    CHECK(st::bootstrap_mean(flat, {.n_resamples = 20, .method = st::bootstrap_method::percentile})
              .ci.lower == 2.0);
  }
}

}  // namespace stats_test_bootstrap
