// SPDX-License-Identifier: MIT
#include <quantkit/stats/descriptive.hpp>
#include <quantkit/stats/sharpe_inference.hpp>

#include "stats/inference_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace stats_test_sharpe_inference {  // own scope for unity builds

namespace st = quantkit::stats;
namespace ti = quantkit::test::inference;
using ti::check_rel;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

const quantkit::test::json& sharpe_ref() {
  static const auto j = quantkit::test::load_json("stats/sharpe_inference.json");
  return j;
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("sharpe_inference: PSR and MinTRL match the reference on returns and trades") {
    for (const std::string name : {"returns", "trades"}) {
      CAPTURE(name);
      const auto x = name == "returns" ? ti::returns() : ti::trades();
      const auto& ref = sharpe_ref()[name == "returns" ? "psr_returns" : "psr_trades"];
      REQUIRE(static_cast<double>(x.size()) == ref["T"].num());
      const auto s = st::sharpe_statistics(x);
      check_rel(s.sr, ref["sr"].num(), 1e-13);
      check_rel(s.skew, ref["skew_g3"].num(), 1e-12);
      check_rel(s.kurtosis, ref["kurtosis_g4"].num(), 1e-13);
      check_rel(st::sharpe_ratio_std(s.sr, s.skew, s.kurtosis, s.n), ref["sigma_sr"].num(), 1e-13);
      for (const auto& [key, c] : ref["psr"].members()) {
        const double sr_star = c["sr_star"].num();
        const auto p = st::probabilistic_sharpe_ratio(x, sr_star);
        check_rel(p.z, c["z"].num(), 1e-12, key);
        check_rel(p.psr, c["psr"].num(), 1e-13, key);
        // pandas' bias-corrected skew and kurtosis (+3), as pypbo's psr_from_returns.
        const auto pu = st::probabilistic_sharpe_ratio(s.sr, sr_star, st::skewness(x, false),
                                                       st::kurtosis(x, false, false), x.size());
        check_rel(pu.psr, ref["psr_unbiased_moments"][key].num(), 1e-13, key);
      }
      check_rel(st::skewness(x, false), ref["skew_unbiased"].num(), 1e-12);
      check_rel(st::kurtosis(x, false, false), ref["kurtosis_unbiased"].num(), 1e-13);
      for (const auto& [key, c] : ref["min_trl"].members()) {
        const double obs = st::min_track_record_length(x, c["sr_star"].num(), c["prob"].num());
        check_rel(obs, c["observations"].num(), 1e-12, key);
      }
    }
  }

  TEST_CASE("sharpe_inference: DSR over the 50 trials matches the reference for ddof 1 and 0") {
    const auto& ref = sharpe_ref()["dsr_trials"];
    const auto& cols = ti::trials();
    std::vector<double> srs;
    for (const auto& c : cols) srs.push_back(st::sharpe_statistics(c).sr);
    const auto ref_srs = ref["sr_trials"].numbers();
    REQUIRE(srs.size() == ref_srs.size());
    std::size_t best = 0;
    for (std::size_t j = 0; j < srs.size(); ++j) {
      check_rel(srs[j], ref_srs[j], 1e-12, "trial " + std::to_string(j));
      if (srs[j] > srs[best]) best = j;
    }
    CHECK(static_cast<double>(best) == ref["best_index"].num());
    const auto sb = st::sharpe_statistics(cols[best]);
    check_rel(sb.sr, ref["sr_best"].num(), 1e-13);
    check_rel(sb.skew, ref["skew_g3_best"].num(), 1e-12);
    check_rel(sb.kurtosis, ref["kurtosis_g4_best"].num(), 1e-13);
    check_rel(st::variance(srs, 1), ref["var_sr_ddof1"].num(), 1e-12);
    check_rel(st::variance(srs, 0), ref["var_sr_ddof0"].num(), 1e-12);
    check_rel(st::expected_max_sharpe_factor(50), ref["expected_max_factor"].num(), 1e-14);
    for (const std::size_t ddof : {std::size_t{1}, std::size_t{0}}) {
      const auto& rd = ref[ddof == 1 ? "ddof1" : "ddof0"];
      const auto d = st::deflated_sharpe_ratio(cols[best], srs, ddof);
      check_rel(d.sr0, rd["sr0"].num(), 1e-12);
      check_rel(d.z, rd["z"].num(), 1e-12);
      check_rel(d.dsr, rd["dsr"].num(), 1e-13);
      CHECK(d.n_trials == 50);
    }
    for (const auto& [key, v] : sharpe_ref()["expected_max_factor_grid"].members()) {
      check_rel(st::expected_max_sharpe_factor(std::stoul(key)), v.num(), 1e-14, key);
    }
  }

  TEST_CASE("sharpe_inference: the published DSR, PSR, MinTRL and MinBTL examples") {
    const auto& pub = sharpe_ref()["published_examples"];
    {
      // Bailey & Lopez de Prado (2014): annual SR 2.5, T = 1250 daily observations at 250 per
      // year, N = 100 trials with annualized variance 0.5, skew -3, kurtosis 10:
      // SR0 = 0.1132 per period and DSR = 0.9004 in the paper.
      const auto& e = pub["dsr_paper_example"];
      const auto& in = e["inputs"];
      const double periods = in["periods_per_year"].num();
      const double sr = in["sr_annual"].num() / std::sqrt(periods);
      const double v = in["var_sr_annual"].num() / periods;
      check_rel(sr, e["sr_per_period"].num(), 1e-15);
      check_rel(v, e["var_sr_per_period"].num(), 1e-15);
      const auto d =
          st::deflated_sharpe_ratio(sr, in["skew"].num(), in["kurtosis"].num(), 1250, 100, v);
      check_rel(d.sr0, 0.11317200186513214, 1e-14);
      check_rel(d.sr0, e["sr0_per_period"].num(), 1e-14);
      check_rel(d.z, e["z"].num(), 1e-13);
      check_rel(d.dsr, 0.9003968344493903, 1e-14);
      check_rel(d.dsr, e["pypbo_dsr"].num(), 1e-14);
      CHECK(std::fabs(d.sr0 - 0.1132) < 5e-5);  // the paper's rounding
      CHECK(std::fabs(d.dsr - 0.9004) < 5e-5);
    }
    {
      const auto& e = pub["psr_example"];
      const auto& in = e["inputs"];
      const double sr = in["sr_annual"].num() / std::sqrt(in["periods_per_year"].num());
      check_rel(sr, e["sr_per_period"].num(), 1e-15);
      const auto p = st::probabilistic_sharpe_ratio(sr, in["sr_star"].num(), in["skew"].num(),
                                                    in["kurtosis"].num(), 24);
      check_rel(p.psr, e["psr"].num(), 1e-14);
    }
    for (const auto& [key, e] : pub["min_trl_examples"].members()) {
      const auto& in = e["inputs"];
      const double periods = in["periods_per_year"].num();
      const double sr = in["sr_annual"].num() / std::sqrt(periods);
      const double sr_star = in["sr_star_annual"].num() / std::sqrt(periods);
      const double obs = st::min_track_record_length(sr, sr_star, in["skew"].num(),
                                                     in["kurtosis"].num(), in["prob"].num());
      check_rel(obs / periods, e["years"].num(), 1e-13, key);
    }
    {
      const auto& e = pub["min_btl_example"];
      const auto b = st::min_backtest_length(45, e["inputs"]["sr_annual"].num());
      check_rel(b.years, e["years"].num(), 1e-14);
      check_rel(b.upper_bound_years, e["upper_bound_years"].num(), 1e-15);
    }
  }

  TEST_CASE("sharpe_inference: hand calculations") {
    // Normal returns (g3 = 0, g4 = 3), SR = 0.1, T = 101: sigma = sqrt((1 + 0.5 * 0.01) / 100).
    const double sigma = std::sqrt(1.005 / 100.0);
    check_rel(st::sharpe_ratio_std(0.1, 0.0, 3.0, 101), sigma, 1e-15);
    const auto p = st::probabilistic_sharpe_ratio(0.1, 0.0, 0.0, 3.0, 101);
    check_rel(p.z, 0.1 / sigma, 1e-15);
    check_rel(p.psr, st::normal_cdf(0.1 / sigma), 1e-15);
    // PSR at SR* = SR is 1/2.
    CHECK(st::probabilistic_sharpe_ratio(0.1, 0.1, 0.0, 3.0, 101).psr == 0.5);
    // MinTRL: 1 + 1.005 (1.6448536269514722 / 0.1)^2 at 95%.
    const double q = st::normal_ppf(0.95) / 0.1;
    check_rel(st::min_track_record_length(0.1, 0.0, 0.0, 3.0, 0.95), 1.0 + 1.005 * q * q, 1e-15);
    // N = 2: (1 - g) Phi^-1(1/2) + g Phi^-1(1 - 1/(2e)) = g Phi^-1(1 - 1/(2e)).
    check_rel(st::expected_max_sharpe_factor(2),
              st::euler_gamma * st::normal_ppf(1.0 - 1.0 / (2.0 * std::exp(1.0))), 1e-15);
    check_rel(st::expected_max_sharpe(2, 4.0), 2.0 * st::expected_max_sharpe_factor(2), 1e-15);
    // Sharpe statistics of {1, 2, 3, 6}: mean 3, std(ddof=1) = sqrt(14/3); g3 = m3 / m2^1.5 with
    // m2 = 3.5, m3 = (-8 - 1 + 0 + 27) / 4 = 4.5; g4 = m4 / m2^2, m4 = (16 + 1 + 0 + 81) / 4.
    const std::vector<double> x = {1, 2, 3, 6};
    const auto s = st::sharpe_statistics(x);
    check_rel(s.sr, 3.0 / std::sqrt(14.0 / 3.0), 1e-15);
    check_rel(s.skew, 4.5 / std::pow(3.5, 1.5), 1e-14);
    check_rel(s.kurtosis, 24.5 / 12.25, 1e-15);
    CHECK(s.n == 4);
  }

  TEST_CASE("sharpe_inference: bad input gives NaN, inf or throws") {
    const std::vector<double> one = {0.01};
    const std::vector<double> flat = {0.01, 0.01, 0.01};
    const std::vector<double> with_nan = {0.01, qnan, 0.02};
    CHECK(std::isnan(st::sharpe_statistics(one).sr));
    CHECK(std::isnan(st::probabilistic_sharpe_ratio(one).psr));
    CHECK(std::isnan(st::probabilistic_sharpe_ratio(flat).psr));
    CHECK(std::isnan(st::probabilistic_sharpe_ratio(with_nan).psr));
    CHECK(std::isnan(st::sharpe_ratio_std(0.1, 0.0, 3.0, 1)));
    CHECK(std::isnan(st::min_track_record_length(with_nan)));
    CHECK(st::min_track_record_length(0.1, 0.1, 0.0, 3.0) == inf);
    // SR < SR*: the formula as pypbo (the reference's sr_star_annual_* cases on returns).
    check_rel(st::min_track_record_length(0.05, 0.1, 0.0, 3.0),
              1.0 + (1.0 + 0.5 * 0.0025) * std::pow(st::normal_ppf(0.95) / 0.05, 2.0), 1e-14);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::min_track_record_length(0.1, 0.0, 0.0, 3.0, 1.0)),
                         "quantkit::stats::min_track_record_length: prob must be in (0, 1) (got 1)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::min_track_record_length(0.1, 0.0, 0.0, 3.0, 0.0)),
                    quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(
        static_cast<void>(st::expected_max_sharpe_factor(1)),
        "quantkit::stats::expected_max_sharpe_factor: n_trials must be >= 2 (got 1)",
        quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::expected_max_sharpe(10, -1.0)),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::expected_max_sharpe(10, inf)),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::deflated_sharpe_ratio(flat, one)),
                    quantkit::invalid_argument);
    CHECK(std::isnan(st::deflated_sharpe_ratio(flat, flat, 3).dsr));  // ddof >= N
    CHECK(std::isnan(st::deflated_sharpe_ratio(flat, std::vector<double>{0.1, qnan}).dsr));
    CHECK_THROWS_AS(static_cast<void>(st::min_backtest_length(10, 0.0)),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::min_backtest_length(1, 1.0)), quantkit::invalid_argument);
  }
}

}  // namespace stats_test_sharpe_inference
