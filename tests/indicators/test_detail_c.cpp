// SPDX-License-Identifier: MIT
// Group C's shared helpers: the contiguous sliding window, TA-Lib's rolling least-squares fit and
// the drift-free rolling moments.
#include <quantkit/indicators/detail/linreg.hpp>
#include <quantkit/indicators/detail/rolling_moments.hpp>
#include <quantkit/indicators/detail/sliding_window.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace detail = quantkit::indicators::detail;
using quantkit::test::approx;

namespace {
std::vector<double> lcg_series(std::size_t n, std::uint64_t seed, double scale, double offset) {
  std::vector<double> x;
  std::uint64_t s = seed;
  for (std::size_t i = 0; i < n; ++i) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    x.push_back(offset + scale * (static_cast<double>(s >> 11) * 0x1.0p-53 - 0.5));
  }
  return x;
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("detail: sliding_window is the last capacity values, contiguous, oldest first") {
    detail::sliding_window<double> w(3);
    CHECK(w.values().empty());
    w.push(1.0);
    w.push(2.0);
    CHECK_FALSE(w.full());
    CHECK(w.values().size() == 2);
    CHECK(w.values()[0] == 1.0);
    for (double x = 3.0; x <= 10.0; x += 1.0) {
      w.push(x);
      const auto v = w.values();
      REQUIRE(v.size() == 3);
      CHECK(v[0] == x - 2.0);  // contiguous across the wrap-around
      CHECK(v[1] == x - 1.0);
      CHECK(v[2] == x);
      CHECK(w.oldest() == x - 2.0);
    }
    w.clear();
    CHECK(w.size() == 0);
    w.push(4.0);
    CHECK(w.values()[0] == 4.0);
  }

  TEST_CASE("detail: linreg_window fits the least-squares line of the window") {
    // Exact line y = 2 + 0.5 t: slope 0.5, intercept (fitted value at the oldest input of the
    // window ending at t) 2 + 0.5 (t - n + 1).
    detail::linreg_window lr(5);
    for (int t = 0; t < 9; ++t) {
      const bool full = lr.push(2.0 + 0.5 * t);
      CHECK(full == (t >= 4));
    }
    const auto fit = lr.fit();
    CHECK(fit.m == approx(0.5, 1e-14));
    CHECK(fit.b == approx(2.0 + 0.5 * 4, 1e-14));
    CHECK(lr.n() == 5.0);
    // Against the textbook centred formulas on noisy data.
    const auto y = lcg_series(200, 3, 10.0, 100.0);
    for (std::size_t n : {2u, 3u, 14u, 50u}) {
      CAPTURE(n);
      detail::linreg_window w(n);
      for (std::size_t t = 0; t < y.size(); ++t) {
        if (!w.push(y[t])) continue;
        double tm = 0.0, ym = 0.0;
        for (std::size_t k = 0; k < n; ++k) {
          tm += static_cast<double>(k);
          ym += y[t + 1 - n + k];
        }
        tm /= static_cast<double>(n);
        ym /= static_cast<double>(n);
        double sty = 0.0, stt = 0.0;
        for (std::size_t k = 0; k < n; ++k) {
          const double dt = static_cast<double>(k) - tm;
          sty += dt * (y[t + 1 - n + k] - ym);
          stt += dt * dt;
        }
        const double m = sty / stt;
        const auto f = w.fit();
        // Sums of ~100 n values with cancellation in the slope: 1e-9 absolute is ample.
        REQUIRE(f.m == approx(m, 1e-9));
        REQUIRE(f.b == approx(ym - m * tm, 1e-10));
      }
    }
  }

  TEST_CASE("detail: rolling_moments matches two-pass mean and variance without drift") {
    // Large offset, small spread: the plain sum-of-squares formula would lose ~8 digits here.
    const auto x = lcg_series(100000, 5, 1e-3, 1e4);
    for (std::size_t n : {2u, 3u, 20u, 257u}) {
      CAPTURE(n);
      detail::rolling_moments m(n);
      std::size_t bad = 0;
      for (std::size_t t = 0; t < x.size(); ++t) {
        m.push(x[t]);
        REQUIRE(m.full() == (t + 1 >= n));
        if (t + 1 < n || (t % 97 != 0 && t + 1 != x.size())) continue;
        double mean = 0.0;
        for (std::size_t i = t + 1 - n; i <= t; ++i) mean += x[i];
        mean /= static_cast<double>(n);
        double ss = 0.0;
        for (std::size_t i = t + 1 - n; i <= t; ++i) ss += (x[i] - mean) * (x[i] - mean);
        const double var = ss / static_cast<double>(n - 1);
        if (!quantkit::test::close(m.mean(), mean, 1e-14) ||
            !quantkit::test::close(m.sample_variance(), var, 1e-12)) {
          ++bad;
        }
      }
      CHECK(bad == 0);
    }
    // A constant window has exactly zero variance and its own value as mean.
    detail::rolling_moments c(4);
    for (int i = 0; i < 11; ++i) c.push(0.1);
    CHECK(c.sample_variance() == 0.0);
    CHECK(c.mean() == 0.1);
    c.clear();
    CHECK_FALSE(c.full());
  }
}
