// SPDX-License-Identifier: MIT
// Group A's detail helpers: the windowed MA kernels on a shared history and the Hilbert engine.
#include <quantkit/indicators/detail/hilbert.hpp>
#include <quantkit/indicators/detail/ring_buffer.hpp>
#include <quantkit/indicators/detail/window_extreme.hpp>
#include <quantkit/indicators/detail/window_ma.hpp>
#include <quantkit/indicators/detail/window_minmax.hpp>
#include <quantkit/indicators/kama.hpp>
#include <quantkit/indicators/sma.hpp>
#include <quantkit/indicators/trima.hpp>
#include <quantkit/indicators/wma.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

namespace detail = quantkit::indicators::detail;
namespace ind = quantkit::indicators;
namespace qt = quantkit::test;

namespace {
// Runs kernel K of period p over c, started at input `start`, on a history shared with a kernel
// of a larger period (capacity 40), and the indicator I(p) fed from `start`; true if all equal.
template <class K, class I>
bool kernel_matches(std::size_t p, std::size_t start) {
  const auto c = qt::ttrc().closes();
  detail::ring_buffer<double> h(40);
  K k{.p = p};
  K big{.p = 38};
  I ind(p);
  for (std::size_t i = 0; i < 2000; ++i) {
    h.push(c[i]);
    big.step(c[i], i + 1, h);
    if (i < start) continue;
    const double a = k.step(c[i], i - start + 1, h);
    const double b = ind.update(c[i]);
    if (!qt::same_bits(a, b)) return false;
  }
  return true;
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("detail: window_ma kernels on a shared history equal the indicators bit for bit") {
    for (std::size_t p : {2UL, 3UL, 7UL, 8UL, 30UL}) {
      for (std::size_t start : {0UL, 5UL, 31UL}) {
        CAPTURE(p);
        CAPTURE(start);
        CHECK(kernel_matches<detail::sma_kernel, ind::sma>(p, start));
        CHECK(kernel_matches<detail::wma_kernel, ind::wma>(p, start));
        CHECK(kernel_matches<detail::trima_kernel, ind::trima>(p, start));
        CHECK(kernel_matches<detail::kama_kernel, ind::kama>(p, start));
      }
    }
  }

  TEST_CASE("detail: window_minmax gives window_extreme's values for every period") {
    // ttrc highs and lows (two-decimal prices: many ties), periods around the block size.
    const auto& bars = qt::ttrc();
    for (std::size_t p : {1UL, 2UL, 3UL, 5UL, 14UL, 64UL}) {
      CAPTURE(p);
      detail::window_minmax mm(p);
      detail::window_extreme<true> hi(p);
      detail::window_extreme<false> lo(p);
      bool same = true;
      for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto b = bars[i];
        mm.push(b.high, b.low);
        hi.push(b.high, static_cast<std::int64_t>(i));
        lo.push(b.low, static_cast<std::int64_t>(i));
        CHECK(mm.full() == hi.full());
        if (hi.full()) same = same && mm.max() == hi.value() && mm.min() == lo.value();
      }
      CHECK(same);
      mm.reset();
      CHECK_FALSE(mm.full());
    }
  }

  TEST_CASE("detail: ago counts back from the newest value") {
    detail::ring_buffer<double> h(3);
    for (double x : {1.0, 2.0, 3.0, 4.0}) h.push(x);
    CHECK(detail::ago(h, 0) == 4.0);
    CHECK(detail::ago(h, 2) == 2.0);
    detail::last50 w;
    CHECK(w.ago(0) == 0.0);
    for (int i = 1; i <= 60; ++i) w.push(i);
    CHECK(w.ago(0) == 60.0);
    CHECK(w.ago(49) == 11.0);
  }

  TEST_CASE("detail: hilbert_filter is Ehlers' 4-tap FIR on every other sample") {
    // v_t = 0.0962 x_t + 0.5769 x_{t-2} - 0.5769 x_{t-4} - 0.0962 x_{t-6}: the impulse response
    // on one lane (the slot advancing each step, as on even positions) is a, b, -b, -a, 0.
    detail::hilbert_filter f;
    const std::vector<double> expected{0.0962, 0.5769, -0.5769, -0.0962, 0.0, 0.0};
    for (std::size_t j = 0; j < expected.size(); ++j) {
      const double v = f.step(true, j == 0 ? 1.0 : 0.0, j % 3, 1.0);
      CHECK(v == qt::approx(expected[j], 1e-15));
    }
    // The odd lane is independent of the even one.
    CHECK(f.step(false, 0.0, 0, 1.0) == 0.0);
  }

  TEST_CASE("detail: hilbert_cycle runs its Hilbert stage after 3 + smoothing_only inputs") {
    const auto c = qt::ttrc().closes();
    detail::hilbert_cycle a(9);
    detail::hilbert_cycle b(34);
    for (std::size_t i = 0; i < 100; ++i) {
      CHECK(a.update(c[i]) == (i >= 12));
      CHECK(b.update(c[i]) == (i >= 37));
    }
    CHECK(a.count() == 100);
    CHECK(a.period() >= 6.0 * 0.2);
    CHECK(a.smooth_period() > 0.0);
  }

  TEST_CASE("detail: the price smoother is a 4-3-2-1 WMA") {
    detail::hilbert_cycle h(34);
    const std::vector<double> x{1, 2, 4, 8, 16, 32};
    for (double v : x) h.update(v);
    CHECK(h.smoothed() == qt::approx((4.0 * 32 + 3.0 * 16 + 2.0 * 8 + 4.0) / 10.0));
  }

  TEST_CASE("detail: the DFT table holds sin and cos of 2 pi i / p") {
    const auto& t = detail::dc_phase_table::get();
    for (std::size_t p : {1UL, 7UL, 50UL}) {
      for (std::size_t i = 0; i < p; ++i) {
        const double a = 2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(p);
        CHECK(t.sin(p, i) == qt::approx(std::sin(a), 1e-14));
        CHECK(t.cos(p, i) == qt::approx(std::cos(a), 1e-14));
      }
    }
  }
}
