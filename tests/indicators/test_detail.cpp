// SPDX-License-Identifier: MIT
// Shared window helpers: the ring buffer and TA-Lib's rolling-extreme index rule.
#include <quantkit/indicators/detail/ring_buffer.hpp>
#include <quantkit/indicators/detail/window_extreme.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

namespace detail = quantkit::indicators::detail;

namespace {
// TA-Lib's MAXINDEX loop, transcribed from its documented behaviour: one tracked index; rescan
// (earliest maximum, strict >) when it leaves the window, else a value >= the maximum takes over.
std::vector<std::int64_t> reference_maxindex(const std::vector<double>& x, std::size_t period) {
  std::vector<std::int64_t> out(x.size(), -1);
  std::int64_t h = -1;
  double best = 0.0;
  for (std::size_t today = period - 1; today < x.size(); ++today) {
    const auto trailing = static_cast<std::int64_t>(today + 1 - period);
    if (h < trailing) {
      h = trailing;
      best = x[static_cast<std::size_t>(h)];
      for (auto i = static_cast<std::size_t>(h) + 1; i <= today; ++i) {
        if (x[i] > best) {
          h = static_cast<std::int64_t>(i);
          best = x[i];
        }
      }
    } else if (x[today] >= best) {
      h = static_cast<std::int64_t>(today);
      best = x[today];
    }
    out[today] = h;
  }
  return out;
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("detail: ring_buffer keeps the last capacity values, oldest first") {
    detail::ring_buffer<double> r(3);
    double ev = 0.0;
    CHECK_FALSE(r.push(1.0, ev));
    r.push(2.0);
    r.push(3.0);
    CHECK(r.full());
    CHECK(r.push(4.0, ev));
    CHECK(ev == 1.0);
    CHECK(r.oldest() == 2.0);
    CHECK(r.newest() == 4.0);
    CHECK(r[1] == 3.0);
    r.clear();
    CHECK(r.empty());
  }

  TEST_CASE("detail: window_extreme reproduces TA-Lib's tie rule for the index") {
    // Many ties: values on a coarse grid, as with 2-decimal prices.
    std::vector<double> x;
    std::uint64_t s = 7;
    for (int i = 0; i < 3000; ++i) {
      s = s * 6364136223846793005ULL + 1442695040888963407ULL;
      x.push_back(static_cast<double>((s >> 33) % 7));
    }
    for (std::size_t period : {2u, 3u, 5u, 14u, 30u}) {
      CAPTURE(period);
      const auto ref = reference_maxindex(x, period);
      detail::window_extreme<true> w(period);
      for (std::size_t i = 0; i < x.size(); ++i) {
        w.push(x[i], static_cast<std::int64_t>(i));
        if (i + 1 >= period) {
          REQUIRE(w.full());
          REQUIRE(w.index() == ref[i]);
          REQUIRE(w.value() == x[static_cast<std::size_t>(ref[i])]);
        } else {
          REQUIRE_FALSE(w.full());
        }
      }
      // The minimum mirrors the maximum: MININDEX(x) == MAXINDEX(-x).
      std::vector<double> neg(x.size());
      for (std::size_t i = 0; i < x.size(); ++i) neg[i] = -x[i];
      const auto ref_min = reference_maxindex(neg, period);
      detail::window_extreme<false> m(period);
      for (std::size_t i = 0; i < x.size(); ++i) {
        m.push(x[i], static_cast<std::int64_t>(i));
        if (i + 1 >= period) REQUIRE(m.index() == ref_min[i]);
      }
    }
  }
}
