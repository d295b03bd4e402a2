// SPDX-License-Identifier: MIT
// Group-B detail helpers: Wilder's average, true range, directional movement, the latest-extreme
// window (AROON's tie rule) and the parabolic SAR engine.
#include <quantkit/core/random.hpp>
#include <quantkit/indicators/detail/directional.hpp>
#include <quantkit/indicators/detail/latest_extreme.hpp>
#include <quantkit/indicators/detail/parabolic.hpp>
#include <quantkit/indicators/detail/true_range.hpp>
#include <quantkit/indicators/detail/wilder.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace detail = quantkit::indicators::detail;
using quantkit::test::approx;

namespace {
// TA-Lib AROON's index loop, transcribed from its documented behaviour: one tracked index of the
// window [today - n + 1, today]; rescan with >= (latest extreme) when it leaves, else a value
// >= the maximum takes over.
std::vector<std::uint64_t> reference_latest_max(const std::vector<double>& x, std::size_t n) {
  std::vector<std::uint64_t> out(x.size(), 0);
  std::int64_t h = -1;
  double best = 0.0;
  for (std::size_t today = n - 1; today < x.size(); ++today) {
    const auto trailing = static_cast<std::int64_t>(today + 1 - n);
    if (h < trailing) {
      h = trailing;
      best = x[static_cast<std::size_t>(h)];
      for (auto i = static_cast<std::size_t>(h) + 1; i <= today; ++i) {
        if (x[i] >= best) {
          h = static_cast<std::int64_t>(i);
          best = x[i];
        }
      }
    } else if (x[today] >= best) {
      h = static_cast<std::int64_t>(today);
      best = x[today];
    }
    out[today] = static_cast<std::uint64_t>(h);
  }
  return out;
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("detail: wilder_average seeds with the mean, then (A (n - 1) + x) / n") {
    detail::wilder_average w(3);
    CHECK_FALSE(w.push(1.0));
    CHECK_FALSE(w.push(2.0));
    CHECK(w.push(6.0));
    CHECK(w.value() == 3.0);
    CHECK(w.push(9.0));
    CHECK(w.value() == 5.0);  // (3 * 2 + 9) / 3
    w.reset();
    CHECK_FALSE(w.ready());
    detail::wilder_average one(1);
    CHECK(one.push(4.0));
    CHECK(one.push(7.0));
    CHECK(one.value() == 7.0);
  }

  TEST_CASE("detail: true_range_of takes the largest of the range and the gaps") {
    CHECK(detail::true_range_of(11.0, 9.0, 10.0) == 2.0);
    CHECK(detail::true_range_of(13.0, 12.0, 10.0) == 3.0);  // gap up
    CHECK(detail::true_range_of(8.0, 7.0, 10.0) == 3.0);    // gap down
  }

  TEST_CASE("detail: directional_move_of follows TA-Lib's classification") {
    const auto plus = detail::directional_move_of(10, 8, 12, 7.5);  // up 2, down 0.5
    CHECK(plus.plus == 2.0);
    CHECK(plus.minus == 0.0);
    const auto minus = detail::directional_move_of(10, 8, 10.5, 6);  // up 0.5, down 2
    CHECK(minus.plus == 0.0);
    CHECK(minus.minus == 2.0);
    const auto tie = detail::directional_move_of(10, 8, 11, 7);  // up 1 = down 1
    CHECK(tie.plus == 0.0);
    CHECK(tie.minus == 0.0);
    const auto inside = detail::directional_move_of(10, 8, 9, 8.5);
    CHECK(inside.plus == 0.0);
    CHECK(inside.minus == 0.0);
  }

  TEST_CASE("detail: directional_sums sum n - 1 moves, then smooth S - S / n + v") {
    detail::directional_sums<true> s(3);
    s.push(10, 8, 9);
    s.push(11, 9, 10);   // +DM 1, TR 2
    s.push(12, 10, 11);  // +DM 1, TR 2
    CHECK(s.moves() == 2);
    CHECK(s.plus_dm() == 2.0);
    CHECK(s.true_range() == 4.0);
    s.push(12, 9, 10);  // -DM 1, TR 3
    CHECK(s.plus_dm() == approx(2.0 - 2.0 / 3.0));
    CHECK(s.minus_dm() == approx(1.0));
    CHECK(s.true_range() == approx(4.0 - 4.0 / 3.0 + 3.0));
    double dx = -1.0;
    CHECK(detail::directional_index(s.plus_dm(), s.minus_dm(), s.true_range(), dx));
    CHECK(dx == approx(100.0 * (std::fabs(1.0 - 4.0 / 3.0) / (1.0 + 4.0 / 3.0))));
    CHECK_FALSE(detail::directional_index(1.0, 1.0, 0.0, dx));
    CHECK_FALSE(detail::directional_index(0.0, 0.0, 1.0, dx));
  }

  TEST_CASE("detail: latest_extreme reproduces AROON's index rule on tied random data") {
    quantkit::rng g(7);
    std::vector<double> x;
    for (int i = 0; i < 2000; ++i) x.push_back(std::floor(quantkit::uniform01(g) * 6.0));
    for (std::size_t n : {std::size_t{2}, std::size_t{3}, std::size_t{15}}) {
      const auto ref = reference_latest_max(x, n);
      detail::latest_extreme<true> w(n);
      detail::latest_extreme<false> lo(n);
      std::size_t bad = 0;
      for (std::size_t i = 0; i < x.size(); ++i) {
        w.push(x[i]);
        lo.push(-x[i]);
        if (i + 1 < n) continue;
        if (w.index() != ref[i] || lo.index() != ref[i] || w.value() != x[ref[i]]) ++bad;
      }
      CHECK(bad == 0);
    }
  }

  TEST_CASE("detail: parabolic_engine caps accelerations and reverses on penetration") {
    detail::parabolic_engine e({.init_long = 0.5, .step_long = 0.6, .max_long = 0.2});
    CHECK_FALSE(e.push(10, 8));
    CHECK(e.push(11, 9));  // long: emits the first low
    CHECK(e.is_long());
    CHECK(e.emitted() == 8.0);
    // SAR 8 + 0.2 (11 - 8) = 8.6 (init capped to 0.2); the next bar does not reach it.
    CHECK(e.push(11.5, 9.5));
    CHECK(e.emitted() == approx(8.6));
    CHECK(e.push(11, 8.0));  // low 8 <= SAR: reverse short at the extreme point 11.5
    CHECK_FALSE(e.is_long());
    CHECK(e.emitted() == 11.5);
    e.reset();
    CHECK_FALSE(e.ready());
  }
}
