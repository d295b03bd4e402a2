// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/stddev.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("stddev: matches TA-Lib STDDEV(5, 1) on ttrc") {
    const auto out = ind::apply(ind::stddev{}, quantkit::test::ttrc().closes());
    quantkit::test::check_talib("STDDEV", "outReal", out, ind::stddev{}.warmup());
  }

  TEST_CASE("stddev: sqrt of the population variance times nbdev, 0 on a flat window") {
    const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
    const auto out = ind::apply(ind::stddev(8, 2.0), std::span<const double>(x));
    CHECK(out[7] == approx(4.0));  // 2 * sqrt(4)
    ind::stddev flat(3);
    for (int i = 0; i < 5; ++i) flat.update(3.08);
    CHECK(flat.value() == 0.0);
  }

  TEST_CASE("stddev: invalid parameters throw invalid_argument") {
    CHECK_THROWS_AS(ind::stddev(1), quantkit::invalid_argument);
    CHECK_THROWS_AS(ind::stddev(5, std::nan("")), quantkit::invalid_argument);
  }
}
