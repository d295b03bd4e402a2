// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/realized_volatility.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using est = ind::volatility_estimator;
using quantkit::test::approx;

namespace {
const double ln2 = std::log(2.0);

double mean(const std::vector<double>& x) {
  double s = 0.0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}
double sample_var(const std::vector<double>& x) {
  const double m = mean(x);
  double s = 0.0;
  for (double v : x) s += (v - m) * (v - m);
  return s / static_cast<double>(x.size() - 1);
}

// The estimators written out from the papers, two-pass over each window of bars [t - n + 1, t]
// (close-to-close and Yang-Zhang also use the close of bar t - n).
double reference(const quantkit::bar_series& bars, std::size_t t, std::size_t n, est e) {
  std::vector<double> terms, over, oc;
  for (std::size_t i = t + 1 - n; i <= t; ++i) {
    const auto b = bars[i];
    const double hl = std::log(b.high / b.low);
    const double co = std::log(b.close / b.open);
    const double rs = std::log(b.high / b.close) * std::log(b.high / b.open) +
                      std::log(b.low / b.close) * std::log(b.low / b.open);
    switch (e) {
      case est::close_to_close:
        terms.push_back(std::log(b.close / bars[i - 1].close));
        break;
      case est::parkinson:
        terms.push_back(hl * hl / (4.0 * ln2));
        break;
      case est::garman_klass:
        terms.push_back(0.5 * hl * hl - (2.0 * ln2 - 1.0) * co * co);
        break;
      case est::rogers_satchell:
        terms.push_back(rs);
        break;
      case est::yang_zhang:
        over.push_back(std::log(b.open / bars[i - 1].close));
        oc.push_back(co);
        terms.push_back(rs);
        break;
    }
  }
  const double nn = static_cast<double>(n);
  double var = 0.0;
  if (e == est::close_to_close) {
    var = sample_var(terms);
  } else if (e == est::yang_zhang) {
    const double k = 0.34 / (1.34 + (nn + 1.0) / (nn - 1.0));
    var = sample_var(over) + k * sample_var(oc) + (1.0 - k) * mean(terms);
  } else {
    var = mean(terms);
  }
  return std::sqrt(252.0 * var);
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("realized_volatility: every estimator agrees with its formula on ttrc") {
    const auto& bars = quantkit::test::ttrc();
    for (est e : {est::close_to_close, est::parkinson, est::garman_klass, est::rogers_satchell,
                  est::yang_zhang}) {
      for (std::size_t n : {2u, 5u, 20u}) {
        CAPTURE(static_cast<int>(e));
        CAPTURE(n);
        const ind::realized_volatility rv(n, e);
        const auto out = ind::apply(rv, bars);
        const std::size_t w = rv.warmup();
        CHECK(w == (e == est::close_to_close || e == est::yang_zhang ? n : n - 1));
        CHECK(std::isnan(out[w - 1]));
        std::size_t bad = 0;
        for (std::size_t t = w; t < bars.size(); ++t) {
          // Running shifted sums vs two-pass on daily returns.
          if (!quantkit::test::close(out[t], reference(bars, t, n, e), 1e-12, 1e-14)) ++bad;
        }
        CHECK(bad == 0);
      }
    }
  }

  TEST_CASE("realized_volatility: closed forms of each estimator") {
    const double a = 0.01, u = 0.02;
    // Close-to-close, returns +a, -a, +a, -a (N = 4): mean 0, variance 4 a^2 / 3.
    ind::realized_volatility cc(4, est::close_to_close);
    double c = 100.0;
    cc.update({0, c, c, c, c, 1.0});
    for (int i = 1; i <= 4; ++i) {
      c *= std::exp(i % 2 == 1 ? a : -a);
      cc.update({i, c, c, c, c, 1.0});
    }
    CHECK(cc.value() == approx(std::sqrt(252.0 * 4.0 * a * a / 3.0), 1e-12));
    // Bars with ln(H/L) = u and open = close at the geometric middle: Parkinson u^2 / (4 ln 2),
    // Garman-Klass u^2 / 2, Rogers-Satchell (u/2)^2 + (u/2)^2 = u^2 / 2.
    const double mid = 50.0, hi = mid * std::exp(u / 2), lo = mid * std::exp(-u / 2);
    ind::realized_volatility pk(5, est::parkinson), gk(5, est::garman_klass),
        rs(5, est::rogers_satchell), yz(5, est::yang_zhang);
    for (int i = 0; i < 8; ++i) {
      const quantkit::bar b{i, mid, hi, lo, mid, 1.0};
      pk.update(b);
      gk.update(b);
      rs.update(b);
      yz.update(b);
    }
    CHECK(pk.value() == approx(u * std::sqrt(252.0 / (4.0 * ln2)), 1e-12));
    CHECK(gk.value() == approx(u * std::sqrt(252.0 * 0.5), 1e-12));
    CHECK(rs.value() == approx(u * std::sqrt(252.0 * 0.5), 1e-12));
    // Yang-Zhang without overnight or open-to-close moves is (1 - k) times Rogers-Satchell,
    // k = 0.34 / (1.34 + 6 / 4) for N = 5.
    const double k = 0.34 / (1.34 + 6.0 / 4.0);
    CHECK(yz.yang_zhang_k() == approx(k, 1e-15));
    CHECK(yz.value() == approx(u * std::sqrt(252.0 * 0.5 * (1.0 - k)), 1e-12));
    // Rogers-Satchell is drift-independent: a bar opening at the low and closing at the high
    // contributes 0 (ln(H/C) = 0 and ln(L/O) = 0).
    ind::realized_volatility trend(3, est::rogers_satchell, 365.0);
    for (int i = 0; i < 5; ++i) trend.update({i, 100.0 + i, 101.0 + i, 100.0 + i, 101.0 + i, 1.0});
    CHECK(trend.value() == 0.0);
  }

  TEST_CASE("realized_volatility: Yang-Zhang hand-computed with N = 2") {
    // Closes C0 = 100; bars 1, 2: (O, H, L, C) = (101, 103, 100, 102), (100, 101, 98, 99).
    // o = ln(101/100), ln(100/102); c = ln(102/101), ln(99/100); the sample variance of two
    // values is (x1 - x2)^2 / 2; k = 0.34 / (1.34 + 3).
    ind::realized_volatility yz(2, est::yang_zhang, 1.0);
    yz.update({0, 100.0, 100.0, 100.0, 100.0, 1.0});
    yz.update({1, 101.0, 103.0, 100.0, 102.0, 1.0});
    const double v = yz.update({2, 100.0, 101.0, 98.0, 99.0, 1.0});
    const double o1 = std::log(1.01), o2 = std::log(100.0 / 102.0);
    const double c1 = std::log(102.0 / 101.0), c2 = std::log(0.99);
    const double rs1 = std::log(103.0 / 102.0) * std::log(103.0 / 101.0) +
                       std::log(100.0 / 102.0) * std::log(100.0 / 101.0);
    const double rs2 = std::log(101.0 / 99.0) * std::log(101.0 / 100.0) +
                       std::log(98.0 / 99.0) * std::log(98.0 / 100.0);
    const double k = 0.34 / 4.34;
    const double var = (o1 - o2) * (o1 - o2) / 2.0 + k * (c1 - c2) * (c1 - c2) / 2.0 +
                       (1.0 - k) * (rs1 + rs2) / 2.0;
    CHECK(v == approx(std::sqrt(var), 1e-12));
  }

  TEST_CASE("realized_volatility: constant prices give 0, invalid bars are skipped") {
    for (est e : {est::close_to_close, est::parkinson, est::garman_klass, est::rogers_satchell,
                  est::yang_zhang}) {
      CAPTURE(static_cast<int>(e));
      ind::realized_volatility rv(3, e);
      const auto w = static_cast<quantkit::timestamp>(rv.warmup());
      for (quantkit::timestamp i = 0; i < w; ++i) {
        CHECK(std::isnan(rv.update({i, 7.0, 7.0, 7.0, 7.0, 1.0})));
      }
      CHECK(std::isnan(rv.update({w, 7.0, -1.0, 0.0, std::nan(""), 1.0})));  // bad for every estimator
      CHECK_FALSE(rv.ready());
      rv.update({w + 1, 7.0, 7.0, 7.0, 7.0, 1.0});
      CHECK(rv.ready());
      CHECK(rv.value() == 0.0);
      rv.reset();
      CHECK_FALSE(rv.ready());
    }
    // Parkinson uses high and low only: a NaN close does not matter.
    ind::realized_volatility pk(2, est::parkinson);
    pk.update({0, std::nan(""), 2.0, 1.0, std::nan(""), 1.0});
    CHECK(pk.update({1, std::nan(""), 2.0, 1.0, std::nan(""), 1.0}) ==
          approx(std::log(2.0) * std::sqrt(252.0 / (4.0 * ln2)), 1e-14));
  }

  TEST_CASE("realized_volatility: invalid parameters throw invalid_argument") {
    CHECK_THROWS_WITH_AS(
        ind::realized_volatility(1, est::close_to_close),
        "quantkit::indicators::realized_volatility: period must be in 2..100000 (got 1)",
        quantkit::invalid_argument);
    CHECK_THROWS_WITH_AS(ind::realized_volatility(20, est::parkinson, 0.0),
                         "quantkit::indicators::realized_volatility: annualization must be finite "
                         "and > 0 (got 0)",
                         quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::realized_volatility({.annualization = std::nan("")}), quantkit::invalid_argument);
  }
}
