// SPDX-License-Identifier: MIT
#include <quantkit/core/error.hpp>
#include <quantkit/stats/risk.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace stats_test_risk {  // own scope for unity builds

namespace st = quantkit::stats;
using quantkit::test::approx;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
const std::vector<double>& returns() {
  static const auto r = quantkit::test::load_csv("stats/inputs/returns.csv").numbers("returns");
  return r;
}
const quantkit::test::json& scipy() {
  static const auto j = quantkit::test::load_json("stats/scipy_stats.json");
  return j;
}
// scipy.stats.norm.ppf(p) from the reference grid.
double norm_ppf(double p) {
  const auto& d = scipy()["distributions"];
  const auto probs = d["probs"].numbers();
  for (std::size_t i = 0; i < probs.size(); ++i) {
    if (probs[i] == p) return d["norm_ppf"][i].num();
  }
  return qnan;
}
double phi(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); }

// E[Z 1{Z < g}] under the Edgeworth density phi(z) [1 + s He3 / 6 + k He4 / 24 + s^2 He6 / 72],
// by composite Simpson on [-40, g]: an independent check of the closed form.
double edgeworth_tail_integral(double g, double s, double k) {
  auto density = [&](double z) {
    const double z2 = z * z;
    const double he3 = z2 * z - 3.0 * z;
    const double he4 = z2 * z2 - 6.0 * z2 + 3.0;
    const double he6 = z2 * z2 * z2 - 15.0 * z2 * z2 + 45.0 * z2 - 15.0;
    return phi(z) * (1.0 + s * he3 / 6.0 + k * he4 / 24.0 + s * s * he6 / 72.0);
  };
  const double a = -40.0;
  const int m = 400000;
  const double h = (g - a) / m;
  double acc = a * density(a) + g * density(g);
  for (int i = 1; i < m; ++i) {
    const double z = a + h * i;
    acc += (i % 2 == 1 ? 4.0 : 2.0) * z * density(z);
  }
  return acc * h / 3.0;
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("risk: historical VaR and ES follow empyrical's conventions") {
    const auto& r = returns();
    const auto j = quantkit::test::load_json("stats/empyrical.json");
    const auto& s = j["main"]["scalars"];
    const auto h = st::var_es(r, {.confidence = 0.95});
    // p = 1 - 0.95 is 0.05 + 4e-17: the linear index moves by 7e-14 of a gap, hence 1e-13.
    CHECK(h.var == approx(s["value_at_risk_0.05"].num(), 1e-13));
    CHECK(h.es == approx(s["conditional_value_at_risk_0.05"].num(), 1e-14));
    const auto h99 = st::var_es(r, {.confidence = 0.99});
    CHECK(h99.var == approx(s["value_at_risk_0.01"].num(), 1e-13));
    CHECK(h99.es == approx(s["conditional_value_at_risk_0.01"].num(), 1e-14));
    // Other numpy quantile methods: 'lower' takes s[floor((n - 1) p)] = s[74].
    std::vector<double> sorted = r;
    std::sort(sorted.begin(), sorted.end());
    CHECK(st::value_at_risk(r, {.quantile = st::quantile_method::lower}) == sorted[74]);
    // ES is the mean of the floor(1499 * 0.05) + 1 = 75 smallest returns.
    double tail = 0.0;
    for (std::size_t i = 0; i < 75; ++i) tail += sorted[i];
    CHECK(st::expected_shortfall(r) == approx(tail / 75.0, 1e-13));
    // Positive-loss convention flips both signs.
    const auto loss = st::var_es(r, {.as_loss = true});
    CHECK(loss.var == -h.var);
    CHECK(loss.es == -h.es);
  }

  TEST_CASE("risk: Gaussian VaR and ES from the sample mean and standard deviation") {
    const auto& r = returns();
    const auto& d = scipy()["descriptive"]["returns"];
    const double mu = d["mean"].num();
    const double sd = d["std_ddof1"].num();
    for (const double p : {0.05, 0.01}) {
      CAPTURE(p);
      const double z = norm_ppf(p);
      const auto g = st::var_es(r, {.confidence = 1.0 - p, .method = st::var_method::gaussian});
      // z is evaluated at 1 - (1 - p), a few ulps from p: dz = dp / phi(z) ~ 1e-15 relative.
      CHECK(g.var == approx(mu + sd * z, 1e-13));
      CHECK(g.es == approx(mu - sd * phi(z) / p, 1e-12));
    }
  }

  TEST_CASE("risk: Cornish-Fisher VaR and ES with biased and unbiased moments") {
    const auto& r = returns();
    const auto& d = scipy()["descriptive"]["returns"];
    const double mu = d["mean"].num();
    const double sd = d["std_ddof1"].num();
    const double p = 0.05;
    const double z = norm_ppf(p);
    for (const bool unbiased : {false, true}) {
      CAPTURE(unbiased);
      const double s = d[unbiased ? "skew_bias_false" : "skew_bias_true"].num();
      const double k =
          d[unbiased ? "kurtosis_fisher_bias_false" : "kurtosis_fisher_bias_true"].num();
      // Cornish-Fisher quantile (Zangari 1996): z + (z^2-1)S/6 + (z^3-3z)K/24 - (2z^3-5z)S^2/36.
      const double g = z + (z * z - 1.0) * s / 6.0 + (z * z * z - 3.0 * z) * k / 24.0 -
                       (2.0 * z * z * z - 5.0 * z) * s * s / 36.0;
      const auto cf = st::var_es(
          r, {.method = st::var_method::cornish_fisher,
              .moments = unbiased ? st::moment_estimator::unbiased : st::moment_estimator::biased});
      CHECK(cf.var == approx(mu + sd * g, 1e-12));
      // ES: the tail mean of the Edgeworth density up to g, by numerical integration; floored at
      // the VaR. Simpson with 4e5 panels is accurate to ~1e-12 here.
      const double tail = edgeworth_tail_integral(g, s, k) / p;
      CHECK(cf.es == approx(mu + sd * std::fmin(tail, g), 1e-9));
      CHECK(cf.es <= cf.var);
    }
    // Without skew and excess kurtosis the expansion is the normal quantile and tail mean.
    CHECK(st::detail::cornish_fisher_z(z, 0.0, 0.0) == z);
    CHECK(st::detail::cornish_fisher_tail_mean(z, 0.0, 0.0, p, phi(z)) == -phi(z) / p);
    // With mild shape parameters the closed form equals the integral (no floor involved).
    const double g = st::detail::cornish_fisher_z(z, -0.5, 2.0);
    CHECK(st::detail::cornish_fisher_tail_mean(g, -0.5, 2.0, p, phi(g)) ==
          approx(edgeworth_tail_integral(g, -0.5, 2.0) / p, 1e-9));
  }

  TEST_CASE("risk: degenerate samples and invalid confidence levels") {
    const std::vector<double> e;
    const std::vector<double> with_nan = {0.01, qnan, -0.02};
    for (const auto m :
         {st::var_method::historical, st::var_method::gaussian, st::var_method::cornish_fisher}) {
      CAPTURE(static_cast<int>(m));
      CHECK(std::isnan(st::var_es(e, {.method = m}).var));
      CHECK(std::isnan(st::var_es(e, {.method = m}).es));
      CHECK(std::isnan(st::var_es(with_nan, {.method = m}).var));  // NaN propagates
      // Constant data: no dispersion, VaR = ES = the constant.
      const std::vector<double> flat(10, -0.01);
      CHECK(st::var_es(flat, {.method = m}).var == approx(-0.01, 1e-12));
      CHECK(st::var_es(flat, {.method = m}).es == approx(-0.01, 1e-12));
    }
    const std::vector<double> one = {0.01};
    CHECK(std::isnan(st::var_es(one, {.method = st::var_method::gaussian}).var));
    CHECK(st::var_es(one).var == 0.01);  // historical: the single return
    const auto& r = returns();
    CHECK_THROWS_WITH_AS(static_cast<void>(st::var_es(r, {.confidence = 1.5})),
                         "quantkit::stats::var_es: confidence must be in (0, 1) (got 1.5)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::value_at_risk(r, st::var_options{.confidence = 0.0})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::expected_shortfall(r, {.confidence = 1.0})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::var_es(r, {.confidence = qnan})),
                    quantkit::invalid_argument);
  }
}

}  // namespace stats_test_risk
