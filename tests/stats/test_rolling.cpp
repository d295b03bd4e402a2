// SPDX-License-Identifier: MIT
#include <quantkit/core/error.hpp>
#include <quantkit/stats/rolling.hpp>

#include "support/approx.hpp"
#include "support/data.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace stats_test_rolling {  // own scope for unity builds

namespace st = quantkit::stats;
using quantkit::test::approx;
using quantkit::test::check_series;

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
const quantkit::test::csv_table& rolling_ref() {
  static const auto t = quantkit::test::load_csv("stats/empyrical_rolling_63.csv");
  return t;
}
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr std::size_t window = 63;
const st::rolling_options empyrical_layout{.layout = st::roll_layout::empyrical};

// The single-window metric on rows t - w + 1 .. t for every complete window, aligned layout.
std::vector<double> brute(std::size_t n, std::size_t w,
                          const std::function<double(std::size_t, std::size_t)>& metric) {
  std::vector<double> out(n, qnan);
  for (std::size_t t = w - 1; t < n; ++t) out[t] = metric(t + 1 - w, w);
  return out;
}
}  // namespace

TEST_SUITE("stats") {
  TEST_CASE("rolling: every roll function matches empyrical at window 63") {
    const auto& r = data().r;
    const auto& f = data().f;
    const auto& ref = rolling_ref();
    REQUIRE(ref.rows.size() == r.size() - window + 1);
    CHECK(ref.strings("date").front() == "2015-03-31");
    // Relative 1e-12, plus an absolute 1e-14 for the ratios whose window mean is ~0: there both
    // empyrical's plain sums and ours carry an absolute error of ~63 eps |r| / 63 ~ 1e-18 in the
    // mean, i.e. ~1e-15 absolute on the ratio (index 159: Sharpe 6.7e-4, difference 1.3e-15).
    check_series(st::roll_sharpe_ratio(r, window, empyrical_layout),
                 ref.numbers("roll_sharpe_ratio"), 1e-12, 1e-14, "roll_sharpe_ratio");
    check_series(st::roll_annual_volatility(r, window, empyrical_layout),
                 ref.numbers("roll_annual_volatility"), 1e-12, 0.0, "roll_annual_volatility");
    check_series(st::roll_sortino_ratio(r, window, empyrical_layout),
                 ref.numbers("roll_sortino_ratio"), 1e-12, 1e-14, "roll_sortino_ratio");
    check_series(st::roll_downside_risk(r, window, empyrical_layout),
                 ref.numbers("roll_downside_risk"), 1e-12, 0.0, "roll_downside_risk");
    check_series(st::roll_max_drawdown(r, window, empyrical_layout),
                 ref.numbers("roll_max_drawdown"), 1e-13, 0.0, "roll_max_drawdown");
    check_series(st::roll_alpha(r, f, window, empyrical_layout), ref.numbers("roll_alpha"), 1e-11,
                 0.0, "roll_alpha");
    check_series(st::roll_beta(r, f, window, empyrical_layout), ref.numbers("roll_beta"), 1e-12,
                 0.0, "roll_beta");
    const auto ab = st::roll_alpha_beta(r, f, window, empyrical_layout);
    check_series(ab.alpha, ref.numbers("roll_alpha_beta.alpha"), 1e-11, 0.0, "roll_alpha_beta");
    check_series(ab.beta, ref.numbers("roll_alpha_beta.beta"), 1e-12, 0.0, "roll_alpha_beta");
    check_series(st::roll_excess_sharpe(r, f, window, empyrical_layout),
                 ref.numbers("roll_excess_sharpe"), 1e-12, 1e-14, "roll_excess_sharpe");
    check_series(st::roll_up_capture(r, f, window, empyrical_layout),
                 ref.numbers("roll_up_capture"), 1e-12, 0.0, "roll_up_capture");
    check_series(st::roll_down_capture(r, f, window, empyrical_layout),
                 ref.numbers("roll_down_capture"), 1e-12, 0.0, "roll_down_capture");
    check_series(st::roll_up_down_capture(r, f, window, empyrical_layout),
                 ref.numbers("roll_up_down_capture"), 1e-12, 0.0, "roll_up_down_capture");
    // main.rolling.last repeats the last row.
    const auto j = quantkit::test::load_json("stats/empyrical.json");
    const auto& last = j["main"]["rolling"]["last"];
    CHECK(st::roll_sharpe_ratio(r, window).back() ==
          approx(last["roll_sharpe_ratio"].num(), 1e-12));
    CHECK(st::roll_up_down_capture(r, f, window).back() ==
          approx(last["roll_up_down_capture"].num(), 1e-12));
  }

  TEST_CASE("rolling: the aligned layout puts each window at its last row") {
    const auto& r = data().r;
    const auto aligned = st::roll_sharpe_ratio(r, window);
    const auto compact = st::roll_sharpe_ratio(r, window, empyrical_layout);
    REQUIRE(aligned.size() == r.size());
    for (std::size_t t = 0; t + 1 < window; ++t) CHECK(std::isnan(aligned[t]));
    CHECK(std::span<const double>(aligned).subspan(window - 1).size() == compact.size());
    check_series(std::span<const double>(aligned).subspan(window - 1), compact, 0.0, 0.0,
                 "layouts");
    // Fewer rows than the window: no complete window.
    const std::vector<double> few(r.begin(), r.begin() + 10);
    CHECK(st::roll_sharpe_ratio(few, window, empyrical_layout).empty());
    const auto none = st::roll_sharpe_ratio(few, window);
    CHECK(none.size() == 10);
    for (double v : none) CHECK(std::isnan(v));
    CHECK(st::roll_max_drawdown(std::vector<double>{}, window).empty());
  }

  TEST_CASE("rolling: windows with NaN rows equal the single-window metrics") {
    auto r = data().r;
    auto f = data().f;
    r.resize(400);
    f.resize(400);
    for (std::size_t i = 7; i < r.size(); i += 37) r[i] = qnan;
    for (std::size_t i = 11; i < f.size(); i += 53) f[i] = qnan;
    const std::size_t w = 20;
    auto sub = [](const std::vector<double>& x, std::size_t s, std::size_t k) {
      return std::span<const double>(x).subspan(s, k);
    };
    const st::rolling_options o{.risk_free = 1e-4, .required_return = 2e-4};
    check_series(
        st::roll_sharpe_ratio(r, w, o),
        brute(r.size(), w,
              [&](std::size_t s, std::size_t k) { return st::sharpe_ratio(sub(r, s, k), 1e-4); }),
        1e-12, 0.0, "sharpe");
    check_series(
        st::roll_annual_volatility(r, w),
        brute(r.size(), w,
              [&](std::size_t s, std::size_t k) { return st::annual_volatility(sub(r, s, k)); }),
        1e-12, 0.0, "volatility");
    check_series(
        st::roll_sortino_ratio(r, w, o),
        brute(r.size(), w,
              [&](std::size_t s, std::size_t k) { return st::sortino_ratio(sub(r, s, k), 2e-4); }),
        1e-12, 0.0, "sortino");
    check_series(
        st::roll_downside_risk(r, w, o),
        brute(r.size(), w,
              [&](std::size_t s, std::size_t k) { return st::downside_risk(sub(r, s, k), 2e-4); }),
        1e-12, 0.0, "downside");
    check_series(
        st::roll_max_drawdown(r, w),
        brute(r.size(), w,
              [&](std::size_t s, std::size_t k) { return st::max_drawdown(sub(r, s, k)); }),
        0.0, 0.0, "max_drawdown");
    check_series(
        st::roll_annual_return(r, w),
        brute(r.size(), w,
              [&](std::size_t s, std::size_t k) { return st::annual_return(sub(r, s, k)); }),
        0.0, 0.0, "annual_return");
    const auto ab = st::roll_alpha_beta(r, f, w, o);
    check_series(ab.alpha,
                 brute(r.size(), w,
                       [&](std::size_t s, std::size_t k) {
                         return st::alpha(sub(r, s, k), sub(f, s, k), 1e-4);
                       }),
                 1e-11, 0.0, "alpha");
    check_series(
        ab.beta,
        brute(r.size(), w,
              [&](std::size_t s, std::size_t k) { return st::beta(sub(r, s, k), sub(f, s, k)); }),
        1e-12, 0.0, "beta");
    check_series(st::roll_excess_sharpe(r, f, w),
                 brute(r.size(), w,
                       [&](std::size_t s, std::size_t k) {
                         return st::excess_sharpe(sub(r, s, k), sub(f, s, k));
                       }),
                 1e-12, 0.0, "excess_sharpe");
    check_series(st::roll_up_capture(r, f, w),
                 brute(r.size(), w,
                       [&](std::size_t s, std::size_t k) {
                         return st::up_capture(sub(r, s, k), sub(f, s, k));
                       }),
                 0.0, 0.0, "up_capture");
    check_series(st::roll_down_capture(r, f, w),
                 brute(r.size(), w,
                       [&](std::size_t s, std::size_t k) {
                         return st::down_capture(sub(r, s, k), sub(f, s, k));
                       }),
                 0.0, 0.0, "down_capture");
  }

  TEST_CASE("rolling: constant windows give the degenerate results of the single metrics") {
    // 30 varying returns, then 30 equal ones: windows of 10 inside the flat part are constant
    // even though the running sums once held other values.
    std::vector<double> r(60, 0.002);
    for (std::size_t i = 0; i < 30; ++i) r[i] = 0.01 * std::sin(static_cast<double>(i));
    std::vector<double> f(60, 0.001);
    for (std::size_t i = 0; i < 30; ++i) f[i] = 0.01 * std::cos(static_cast<double>(i));
    const std::size_t w = 10;
    const auto sharpe = st::roll_sharpe_ratio(r, w);
    const auto vol = st::roll_annual_volatility(r, w);
    const auto down = st::roll_downside_risk(r, w);
    const auto sortino = st::roll_sortino_ratio(r, w);
    const auto beta = st::roll_beta(r, f, w);
    const auto excess = st::roll_excess_sharpe(r, f, w);
    for (std::size_t t = 39; t < 60; ++t) {
      CAPTURE(t);
      CHECK(std::isnan(sharpe[t]));  // zero variance: NaN (not +-inf)
      CHECK(vol[t] == 0.0);
      CHECK(down[t] == 0.0);
      CHECK(sortino[t] == inf);
      CHECK(std::isnan(beta[t]));  // var(f) < 1e-30
      CHECK(excess[t] == inf);     // empyrical: mean / 0 tracking error
    }
    CHECK(std::isfinite(sharpe[38]));  // the last window holding a varying value
  }

  TEST_CASE("rolling: a long series stays on the exact single-window values") {
    // 100000 rows: the running sums are rebuilt every window, so the last windows are as accurate
    // as the first.
    std::vector<double> r(100000);
    const auto& base = data().r;
    for (std::size_t i = 0; i < r.size(); ++i) r[i] = base[(i * 7919) % base.size()] + 0.05;
    const std::size_t w = 250;
    const auto sharpe = st::roll_sharpe_ratio(r, w);
    for (std::size_t t : {std::size_t{249}, std::size_t{50000}, std::size_t{99999}}) {
      CHECK(sharpe[t] ==
            approx(st::sharpe_ratio(std::span<const double>(r).subspan(t + 1 - w, w)), 1e-12));
    }
  }

  TEST_CASE("rolling: bad arguments throw naming the function and the value") {
    const auto& r = data().r;
    const auto& f = data().f;
    const std::vector<double> shorter(f.begin(), f.end() - 2);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::roll_sharpe_ratio(r, 0)),
                         "quantkit::stats::roll_sharpe_ratio: window must be >= 1 (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(static_cast<void>(st::roll_beta(r, shorter, 10)),
                         "quantkit::stats::roll_beta: returns and benchmark must have the same "
                         "length (got 1500 and 1498)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::roll_alpha_beta(r, shorter, 10)),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::roll_up_capture(r, shorter, 10)),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::roll_excess_sharpe(r, shorter, 10)),
                    quantkit::invalid_argument);
    CHECK_THROWS_AS(
        static_cast<void>(st::roll_annual_volatility(r, 10, {.periods_per_year = -252.0})),
        quantkit::invalid_argument);
    CHECK_THROWS_AS(static_cast<void>(st::roll_sharpe_ratio(r, 10, {.risk_free = qnan})),
                    quantkit::invalid_argument);
    // window = 1: a single observation per window, so len < 2 -> NaN for the std-based metrics.
    for (double v : st::roll_sharpe_ratio(r, 1)) CHECK(std::isnan(v));
    CHECK(r[0] > 0.0);
    CHECK(st::roll_max_drawdown(r, 1)[0] == 0.0);  // one gaining bar: never under water
    // All-NaN input: NaN windows.
    const std::vector<double> all_nan(20, qnan);
    for (double v : st::roll_sharpe_ratio(all_nan, 5)) CHECK(std::isnan(v));
    for (double v : st::roll_beta(all_nan, all_nan, 5)) CHECK(std::isnan(v));
  }
}

}  // namespace stats_test_rolling
