// SPDX-License-Identifier: MIT
#include <quantkit/core/error.hpp>
#include <quantkit/stats/performance.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace stats_test_performance {  // own scope for unity builds

namespace st = quantkit::stats;
using quantkit::test::approx;

namespace {
struct sample {
  std::vector<double> r;
  std::vector<double> f;
};
const sample& data() {
  static const sample s = [] {
    const auto t = quantkit::test::load_csv("stats/inputs/returns.csv");
    return sample{t.numbers("returns"), t.numbers("benchmark")};
  }();
  return s;
}
const quantkit::test::json& ref() {
  static const auto j = quantkit::test::load_json("stats/empyrical.json");
  return j;
}
double scalar(const std::string& key) { return ref()["main"]["scalars"][key].num(); }
double factor(const std::string& key) { return ref()["main"]["factor"][key].num(); }
double with_rf(const std::string& key) { return ref()["main"]["risk_free"][key].num(); }
const quantkit::test::json& node(const std::string& section, const std::string& key) {
  return ref()["main"][section][key];
}
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("performance: scalar metrics match empyrical on the returns sample") {
    const auto& r = data().r;
    REQUIRE(static_cast<double>(r.size()) == ref()["main"]["n"].num());
    CHECK(st::annual_volatility(r) == approx(scalar("annual_volatility"), 1e-13));
    CHECK(st::sharpe_ratio(r) == approx(scalar("sharpe_ratio"), 1e-13));
    CHECK(st::sortino_ratio(r) == approx(scalar("sortino_ratio"), 1e-13));
    CHECK(st::downside_risk(r) == approx(scalar("downside_risk"), 1e-13));
    CHECK(st::calmar_ratio(r) == approx(scalar("calmar_ratio"), 1e-13));
    CHECK(st::omega_ratio(r) == approx(scalar("omega_ratio"), 1e-13));
    CHECK(st::omega_ratio(r, 0.0, 0.05) ==
          approx(scalar("omega_ratio_required_return_5pct_annual"), 1e-13));
    CHECK(st::stability_of_timeseries(r) == approx(scalar("stability_of_timeseries"), 1e-13));
    CHECK(st::tail_ratio(r) == approx(scalar("tail_ratio"), 1e-15));
    CHECK(st::value_at_risk(r, 0.05) == approx(scalar("value_at_risk_0.05"), 1e-15));
    CHECK(st::value_at_risk(r, 0.01) == approx(scalar("value_at_risk_0.01"), 1e-15));
    CHECK(st::conditional_value_at_risk(r, 0.05) ==
          approx(scalar("conditional_value_at_risk_0.05"), 1e-14));
    CHECK(st::conditional_value_at_risk(r, 0.01) ==
          approx(scalar("conditional_value_at_risk_0.01"), 1e-14));
    CHECK(st::skewness(r) == approx(scalar("skew"), 1e-13));
    CHECK(st::kurtosis(r) == approx(scalar("kurtosis"), 1e-13));
    // pyfolio's common sense ratio from the two empyrical references it is made of.
    CHECK(st::common_sense_ratio(r) ==
          approx(scalar("tail_ratio") * (1.0 + scalar("annual_return")), 1e-13));
  }

  TEST_CASE("performance: benchmark metrics match empyrical") {
    const auto& r = data().r;
    const auto& f = data().f;
    const auto ab = st::alpha_beta(r, f);
    CHECK(ab.alpha == approx(factor("alpha"), 1e-12));
    CHECK(ab.beta == approx(factor("beta"), 1e-13));
    CHECK(st::alpha(r, f) == approx(node("factor", "alpha_beta")[0].num(), 1e-12));
    CHECK(st::beta(r, f) == approx(node("factor", "alpha_beta")[1].num(), 1e-13));
    const auto up = st::up_alpha_beta(r, f);
    CHECK(up.alpha == approx(node("factor", "up_alpha_beta")[0].num(), 1e-12));
    CHECK(up.beta == approx(node("factor", "up_alpha_beta")[1].num(), 1e-13));
    const auto down = st::down_alpha_beta(r, f);
    CHECK(down.alpha == approx(node("factor", "down_alpha_beta")[0].num(), 1e-12));
    CHECK(down.beta == approx(node("factor", "down_alpha_beta")[1].num(), 1e-13));
    CHECK(st::capture(r, f) == approx(factor("capture"), 1e-12));
    CHECK(st::up_capture(r, f) == approx(factor("up_capture"), 1e-12));
    CHECK(st::down_capture(r, f) == approx(factor("down_capture"), 1e-12));
    CHECK(st::up_down_capture(r, f) == approx(factor("up_down_capture"), 1e-12));
    CHECK(st::excess_sharpe(r, f) == approx(factor("excess_sharpe"), 1e-12));
    const auto ba = st::batting_average(r, f);
    CHECK(ba.overall == approx(node("factor", "batting_average")["batting average"].num(), 1e-15));
    CHECK(ba.up_market == approx(node("factor", "batting_average")["up market"].num(), 1e-15));
    CHECK(ba.down_market == approx(node("factor", "batting_average")["down market"].num(), 1e-15));
    CHECK(st::beta_fragility_heuristic(r, f) == approx(factor("beta_fragility_heuristic"), 1e-13));
  }

  TEST_CASE("performance: risk-free variants match empyrical") {
    const auto& r = data().r;
    const auto& f = data().f;
    const double rf = ref()["main"]["rf_per_period"].num();
    CHECK(st::sharpe_ratio(r, rf) == approx(with_rf("sharpe_ratio"), 1e-13));
    CHECK(st::sortino_ratio(r, rf) == approx(with_rf("sortino_ratio"), 1e-13));
    CHECK(st::downside_risk(r, rf) == approx(with_rf("downside_risk"), 1e-13));
    CHECK(st::omega_ratio(r, rf) == approx(with_rf("omega_ratio"), 1e-13));
    const auto ab = st::alpha_beta(r, f, rf);
    CHECK(ab.alpha == approx(with_rf("alpha"), 1e-12));
    CHECK(ab.beta == approx(with_rf("beta"), 1e-13));
    CHECK(st::alpha(r, f, rf) == approx(node("risk_free", "alpha_beta")[0].num(), 1e-12));
    CHECK(st::beta(r, f) == approx(node("risk_free", "alpha_beta")[1].num(), 1e-13));
    CHECK(st::excess_sharpe(r, rf) == approx(with_rf("excess_sharpe_vs_rf"), 1e-12));
  }

  TEST_CASE("performance: the summary equals the reference and the single metrics") {
    const auto& r = data().r;
    const auto& f = data().f;
    for (const bool use_rf : {false, true}) {
      CAPTURE(use_rf);
      const double rf = use_rf ? ref()["main"]["rf_per_period"].num() : 0.0;
      const auto m = st::performance_summary(r, f, {.risk_free = rf, .required_return = rf});
      CHECK(m.n == r.size());
      CHECK(m.n_valid == r.size());
      if (!use_rf) {
        CHECK(m.cum_returns_final == approx(scalar("cum_returns_final"), 1e-13));
        CHECK(m.annual_return == approx(scalar("annual_return"), 1e-13));
        CHECK(m.annual_volatility == approx(scalar("annual_volatility"), 1e-13));
        CHECK(m.sharpe_ratio == approx(scalar("sharpe_ratio"), 1e-13));
        CHECK(m.sortino_ratio == approx(scalar("sortino_ratio"), 1e-13));
        CHECK(m.downside_risk == approx(scalar("downside_risk"), 1e-13));
        CHECK(m.omega_ratio == approx(scalar("omega_ratio"), 1e-13));
        CHECK(m.alpha == approx(factor("alpha"), 1e-12));
      } else {
        CHECK(m.sharpe_ratio == approx(with_rf("sharpe_ratio"), 1e-13));
        CHECK(m.sortino_ratio == approx(with_rf("sortino_ratio"), 1e-13));
        CHECK(m.downside_risk == approx(with_rf("downside_risk"), 1e-13));
        CHECK(m.omega_ratio == approx(with_rf("omega_ratio"), 1e-13));
        CHECK(m.alpha == approx(with_rf("alpha"), 1e-12));
      }
      CHECK(m.calmar_ratio == approx(scalar("calmar_ratio"), 1e-13));
      CHECK(m.max_drawdown == approx(scalar("max_drawdown"), 1e-13));
      CHECK(m.stability_of_timeseries == approx(scalar("stability_of_timeseries"), 1e-12));
      CHECK(m.tail_ratio == approx(scalar("tail_ratio"), 1e-15));
      CHECK(m.common_sense_ratio ==
            approx(scalar("tail_ratio") * (1.0 + scalar("annual_return")), 1e-13));
      CHECK(m.value_at_risk == approx(scalar("value_at_risk_0.05"), 1e-15));
      CHECK(m.conditional_value_at_risk == approx(scalar("conditional_value_at_risk_0.05"), 1e-14));
      CHECK(m.skew == approx(scalar("skew"), 1e-13));
      CHECK(m.kurtosis == approx(scalar("kurtosis"), 1e-13));
      CHECK(m.beta == approx(factor("beta"), 1e-13));
      CHECK(m.excess_sharpe == approx(factor("excess_sharpe"), 1e-12));
      CHECK(m.capture == approx(factor("capture"), 1e-12));
      CHECK(m.up_capture == approx(factor("up_capture"), 1e-12));
      CHECK(m.down_capture == approx(factor("down_capture"), 1e-12));
      CHECK(m.up_down_capture == approx(factor("up_down_capture"), 1e-12));
      CHECK(m.batting_average.overall ==
            approx(node("factor", "batting_average")["batting average"].num(), 1e-15));
      CHECK(m.batting_average.up_market ==
            approx(node("factor", "batting_average")["up market"].num(), 1e-15));
      CHECK(m.batting_average.down_market ==
            approx(node("factor", "batting_average")["down market"].num(), 1e-15));
    }
    const auto cut = st::performance_summary(r, {.cutoff = 0.01});
    CHECK(cut.value_at_risk == approx(scalar("value_at_risk_0.01"), 1e-15));
    CHECK(cut.conditional_value_at_risk == approx(scalar("conditional_value_at_risk_0.01"), 1e-14));
    CHECK(std::isnan(cut.alpha));
    CHECK(std::isnan(cut.capture));
    const auto omega5 = st::performance_summary(r, {.omega_required_return = 0.05});
    CHECK(omega5.omega_ratio == approx(scalar("omega_ratio_required_return_5pct_annual"), 1e-13));
  }

  TEST_CASE("performance: the summary agrees with the single metrics on data with NaN rows") {
    // A NaN in the returns and in the benchmark exercises every NaN rule at once.
    auto r = data().r;
    auto f = data().f;
    r.resize(300);
    f.resize(300);
    r[10] = qnan;
    r[200] = qnan;
    f[50] = qnan;
    const auto m = st::performance_summary(r, f);
    CHECK(m.n_valid == 298);
    CHECK(m.cum_returns_final == approx(st::cum_returns_final(r), 1e-14));
    CHECK(m.annual_return == approx(st::annual_return(r), 1e-14));
    CHECK(m.annual_volatility == approx(st::annual_volatility(r), 1e-13));
    CHECK(m.sharpe_ratio == approx(st::sharpe_ratio(r), 1e-13));
    CHECK(m.sortino_ratio == approx(st::sortino_ratio(r), 1e-13));
    CHECK(m.downside_risk == approx(st::downside_risk(r), 1e-14));
    CHECK(m.calmar_ratio == approx(st::calmar_ratio(r), 1e-14));
    CHECK(m.omega_ratio == approx(st::omega_ratio(r), 1e-14));
    CHECK(m.max_drawdown == approx(st::max_drawdown(r), 1e-15));
    CHECK(m.stability_of_timeseries == approx(st::stability_of_timeseries(r), 1e-12));
    CHECK(m.tail_ratio == approx(st::tail_ratio(r), 1e-15));
    CHECK(std::isnan(m.value_at_risk));  // numpy.percentile propagates NaN
    CHECK(m.conditional_value_at_risk == approx(st::conditional_value_at_risk(r), 1e-14));
    CHECK(std::isnan(m.skew));
    CHECK(std::isnan(m.kurtosis));
    CHECK(m.alpha == approx(st::alpha(r, f), 1e-12));
    CHECK(m.beta == approx(st::beta(r, f), 1e-13));
    CHECK(m.excess_sharpe == approx(st::excess_sharpe(r, f), 1e-12));
    CHECK(m.capture == approx(st::capture(r, f), 1e-13));
    CHECK(m.up_capture == approx(st::up_capture(r, f), 1e-13));
    CHECK(m.down_capture == approx(st::down_capture(r, f), 1e-13));
    CHECK(m.batting_average.overall == st::batting_average(r, f).overall);
    CHECK(m.batting_average.up_market == st::batting_average(r, f).up_market);
    CHECK(m.batting_average.down_market == st::batting_average(r, f).down_market);
  }

  TEST_CASE("performance: NaN rows follow the empyrical rule of each metric") {
    // Hand calculation on r = {0.01, NaN, -0.02, 0.03}: non-NaN mean 0.02 / 3, sample variance
    // ((0.01 - m)^2 + (-0.02 - m)^2 + (0.03 - m)^2) / 2.
    const std::vector<double> r = {0.01, qnan, -0.02, 0.03};
    const double m = 0.02 / 3.0;
    const double var =
        ((0.01 - m) * (0.01 - m) + (-0.02 - m) * (-0.02 - m) + (0.03 - m) * (0.03 - m)) / 2.0;
    CHECK(st::sharpe_ratio(r) == approx(m / std::sqrt(var) * std::sqrt(252.0), 1e-14));
    CHECK(st::annual_volatility(r) == approx(std::sqrt(var) * std::sqrt(252.0), 1e-14));
    // downside: mean over the 3 non-NaN rows of min(r, 0)^2 = 0.0004 / 3
    CHECK(st::downside_risk(r) == approx(std::sqrt(0.0004 / 3.0) * std::sqrt(252.0), 1e-14));
    // annual return counts the NaN row (n = 4) as a 0 return
    const double w = 1.01 * 0.98 * 1.03;
    CHECK(st::annual_return(r) == approx(std::pow(w, 1.0 / (4.0 / 252.0)) - 1.0, 1e-14));
    // omega: gains 0.04, losses 0.02
    CHECK(st::omega_ratio(r) == approx(2.0, 1e-14));
    // VaR propagates NaN, CVaR (k = int(3 * 0.05) + 1 = 1) takes the smallest non-NaN
    CHECK(std::isnan(st::value_at_risk(r)));
    CHECK(st::conditional_value_at_risk(r) == -0.02);
    CHECK(std::isnan(st::conditional_value_at_risk(std::vector<double>{qnan, qnan, 0.01}, 0.9)));
  }

  TEST_CASE("performance: empty and all-NaN input give empyrical's results") {
    const std::vector<double> e;
    const std::vector<double> all_nan = {qnan, qnan, qnan};
    for (const auto* x : {&e, &all_nan}) {
      CHECK(std::isnan(st::annual_volatility(*x)));
      CHECK(std::isnan(st::sharpe_ratio(*x)));
      CHECK(std::isnan(st::sortino_ratio(*x)));
      CHECK(std::isnan(st::downside_risk(*x)));
      CHECK(std::isnan(st::calmar_ratio(*x)));
      CHECK(std::isnan(st::omega_ratio(*x)));
      CHECK(std::isnan(st::stability_of_timeseries(*x)));
      CHECK(std::isnan(st::tail_ratio(*x)));
      CHECK(std::isnan(st::value_at_risk(*x)));
      CHECK(std::isnan(st::conditional_value_at_risk(*x)));
      CHECK(std::isnan(st::alpha(*x, *x)));
      CHECK(std::isnan(st::beta(*x, *x)));
      CHECK(std::isnan(st::excess_sharpe(*x, *x)));
      CHECK(std::isnan(st::beta_fragility_heuristic(*x, *x)));
      const auto m = st::performance_summary(*x, *x);
      CHECK(std::isnan(m.sharpe_ratio));
      CHECK(std::isnan(m.annual_volatility));
      CHECK(std::isnan(m.tail_ratio));
      CHECK(std::isnan(m.value_at_risk));
      CHECK(std::isnan(m.conditional_value_at_risk));
      CHECK(std::isnan(m.stability_of_timeseries));
      CHECK(std::isnan(m.beta));
      CHECK(std::isnan(m.alpha));
      CHECK(std::isnan(m.excess_sharpe));
    }
    // Empty: every cumulative measure is NaN (len < 1) ...
    CHECK(std::isnan(st::cum_returns_final(e)));
    CHECK(std::isnan(st::annual_return(e)));
    CHECK(std::isnan(st::max_drawdown(e)));
    CHECK(std::isnan(st::capture(e, e)));
    CHECK(std::isnan(st::batting_average(e, e).overall));
    const auto me = st::performance_summary(e);
    CHECK(me.n == 0);
    CHECK(std::isnan(me.cum_returns_final));
    CHECK(std::isnan(me.max_drawdown));
    // ... while all-NaN rows are flat periods: no growth, no drawdown.
    CHECK(st::cum_returns_final(all_nan) == 0.0);
    CHECK(st::annual_return(all_nan) == 0.0);
    CHECK(st::max_drawdown(all_nan) == 0.0);
    const auto mn = st::performance_summary(all_nan);
    CHECK(mn.n_valid == 0);
    CHECK(mn.cum_returns_final == 0.0);
    CHECK(mn.max_drawdown == 0.0);
    CHECK(st::batting_average(all_nan, all_nan).overall == 0.0);
  }

  TEST_CASE("performance: zero variance gives a NaN Sharpe and numpy's other degenerate results") {
    const std::vector<double> flat(50, 0.001);
    // empyrical: 0.001 / 0 -> inf (numpy division); quantkit: NaN, a ratio to zero risk.
    CHECK(std::isnan(st::sharpe_ratio(flat)));
    CHECK(std::isnan(st::performance_summary(flat).sharpe_ratio));
    CHECK(st::annual_volatility(flat) == 0.0);
    CHECK(st::performance_summary(flat).annual_volatility == 0.0);
    // No return below 0: downside risk 0, Sortino = +inf (empyrical).
    CHECK(st::downside_risk(flat) == 0.0);
    CHECK(st::sortino_ratio(flat) == inf);
    CHECK(st::performance_summary(flat).sortino_ratio == inf);
    // No losses: omega NaN; never under water: calmar NaN, max drawdown 0.
    CHECK(std::isnan(st::omega_ratio(flat)));
    CHECK(st::max_drawdown(flat) == 0.0);
    CHECK(std::isnan(st::calmar_ratio(flat)));
    // scipy: skew / kurtosis NaN for constant data; linregress r = 0 is impossible here (the
    // cumulative log return grows linearly): R^2 = 1.
    CHECK(std::isnan(st::performance_summary(flat).skew));
    CHECK(st::stability_of_timeseries(flat) == approx(1.0, 1e-12));
    CHECK(st::performance_summary(flat).stability_of_timeseries == approx(1.0, 1e-12));
    // All-zero returns: y is constant, linregress gives r = 0.
    const std::vector<double> zeros(10, 0.0);
    CHECK(st::stability_of_timeseries(zeros) == 0.0);
    CHECK(st::performance_summary(zeros).stability_of_timeseries == 0.0);
    CHECK(std::isnan(st::sortino_ratio(zeros)));  // 0 / 0
    // Constant active return: empyrical's excess Sharpe divides by a zero tracking error.
    std::vector<double> f(50, 0.0);
    CHECK(st::excess_sharpe(flat, f) == inf);
    CHECK(st::performance_summary(flat, f).excess_sharpe == inf);
    // Constant benchmark: var(f) < 1e-30 -> beta and alpha NaN.
    CHECK(std::isnan(st::beta(flat, f)));
    CHECK(std::isnan(st::performance_summary(flat, f).beta));
    // A zero benchmark has annual return 0: capture = x / 0 = +inf.
    CHECK(st::capture(flat, f) == inf);
    // Single observations: len < 2 -> NaN.
    const std::vector<double> one = {0.01};
    CHECK(std::isnan(st::sharpe_ratio(one)));
    CHECK(std::isnan(st::annual_volatility(one)));
    CHECK(std::isnan(st::sortino_ratio(one)));
    CHECK(std::isnan(st::omega_ratio(one)));
    CHECK(std::isnan(st::stability_of_timeseries(one)));
  }

  TEST_CASE("performance: invalid parameters and lengths throw naming the function") {
    const auto& r = data().r;
    const auto& f = data().f;
    const std::vector<double> shorter(f.begin(), f.end() - 1);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::alpha_beta(r, shorter)),
                         "quantkit::stats::alpha_beta: returns and benchmark must have the same "
                         "length (got 1500 and 1499)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::beta(r, shorter)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::capture(r, shorter)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::up_capture(r, shorter)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::excess_sharpe(r, shorter)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::batting_average(r, shorter)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::performance_summary(r, shorter)),
                    quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::sharpe_ratio(r, 0.0, 0.0)),
                         "quantkit::stats::sharpe_ratio: periods_per_year must be finite and > 0 "
                         "(got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::sharpe_ratio(r, qnan)),
                         "quantkit::stats::sharpe_ratio: risk_free must be finite (got nan)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::annual_return(r, -1.0)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::sortino_ratio(r, inf)), quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::omega_ratio(r, 0.0, qnan)), quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::value_at_risk(r, 1.5)),
                         "quantkit::stats::value_at_risk: cutoff must be in [0, 1] (got 1.5)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::conditional_value_at_risk(r, -0.1)),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::performance_summary(r, {.cutoff = 2.0})),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::performance_summary(r, {.periods_per_year = inf})),
                    quantkit::invalid_argument);
  }

  TEST_CASE("performance: the summary matches the single metrics on a large sample") {
    // 200000 returns exercise the radix selection of the quantiles (n >= 65536).
    std::vector<double> r(200000);
    std::vector<double> f(200000);
    const auto& base = data();
    for (std::size_t i = 0; i < r.size(); ++i) {
      r[i] = base.r[(i * 7919) % base.r.size()] * (1.0 + 1e-3 * static_cast<double>(i % 13));
      f[i] = base.f[(i * 104729) % base.f.size()];
    }
    const auto m = st::performance_summary(r, f);
    CHECK(m.tail_ratio == approx(st::tail_ratio(r), 1e-15));
    CHECK(m.value_at_risk == approx(st::percentile(r, 5.0), 1e-15));
    CHECK(m.value_at_risk == approx(st::value_at_risk(r), 1e-15));
    CHECK(m.conditional_value_at_risk == approx(st::conditional_value_at_risk(r), 1e-13));
    CHECK(m.sharpe_ratio == approx(st::sharpe_ratio(r), 1e-12));
    CHECK(m.stability_of_timeseries == approx(st::stability_of_timeseries(r), 1e-10));
    CHECK(m.skew == approx(st::skewness(r), 1e-12));
    CHECK(m.kurtosis == approx(st::kurtosis(r), 1e-12));
    CHECK(m.alpha == approx(st::alpha(r, f), 1e-11));
    CHECK(m.beta == approx(st::beta(r, f), 1e-12));
    CHECK(m.up_capture == approx(st::up_capture(r, f), 1e-12));
    // CVaR against a plain sort (independent of the radix selection).
    std::vector<double> s = r;
    std::sort(s.begin(), s.end());
    const auto k = static_cast<std::size_t>(static_cast<double>(r.size() - 1) * 0.05) + 1;
    double tail = 0.0;
    for (std::size_t i = 0; i < k; ++i) tail += s[i];
    CHECK(m.conditional_value_at_risk == approx(tail / static_cast<double>(k), 1e-12));
  }

  TEST_CASE("performance: the summary's inline log1p stays within a few ulp of libm") {
    // The summary evaluates log1p(r) for |r| <= 1/16 with the atanh series (vectorizable); check
    // it against std::log1p on a dense grid, including both ends and tiny values.
    double worst = 0.0;
    for (int i = -20000; i <= 20000; ++i) {
      const double x = 0.0625 * static_cast<double>(i) / 20000.0;
      const double ref = std::log1p(x);
      if (ref == 0.0) {
        CHECK(st::detail::log1p_near_zero(x) == 0.0);
        continue;
      }
      worst = std::fmax(worst, std::fabs(st::detail::log1p_near_zero(x) - ref) / std::fabs(ref));
    }
    for (const double x : {1e-300, -1e-300, 1e-17, -3e-12, 5e-8}) {
      CHECK(st::detail::log1p_near_zero(x) == approx(std::log1p(x), 4e-16));
    }
    CHECK(worst < 4.5e-16);  // ~2 ulp
  }
}

}  // namespace stats_test_performance
