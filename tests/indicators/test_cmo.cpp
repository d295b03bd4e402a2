// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/cmo.hpp>
#include <quantkit/indicators/rsi.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"
#include "support/talib_params.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("cmo: matches TA-Lib CMO on ttrc at default and other periods") {
    const auto closes = quantkit::test::ttrc().closes();
    quantkit::test::check_talib("CMO", "outReal", ind::apply(ind::cmo{}, closes), 14);
    for (std::size_t p : {std::size_t{2}, std::size_t{9}}) {
      quantkit::test::check_talib_params("CMO", "period=" + std::to_string(p),
                                         ind::apply(ind::cmo(p), closes), p);
    }
  }

  TEST_CASE("cmo: Wilder averages by hand with period 2, and CMO = 2 RSI - 100") {
    // changes +1, -2 -> G 0.5, L 1 -> 100 (0.5 - 1) / 1.5 = -100/3;
    // change +3 -> G (0.5 + 3) / 2 = 1.75, L (1 + 0) / 2 = 0.5 -> 100 * 1.25 / 2.25.
    ind::cmo c(2);
    ind::rsi r(2);
    const std::vector<double> x{10.0, 11.0, 9.0, 12.0, 12.5, 11.0};
    const auto out = ind::apply(c, std::span<const double>(x));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == approx(-100.0 / 3.0));
    CHECK(out[3] == approx(100.0 * 1.25 / 2.25));
    const auto rs = ind::apply(r, std::span<const double>(x));
    for (std::size_t i = 2; i < x.size(); ++i) CHECK(out[i] == approx(2.0 * rs[i] - 100.0, 1e-12));
  }

  TEST_CASE("cmo: a flat series gives 0, a rising one 100") {
    ind::cmo flat(3);
    ind::cmo up(3);
    for (int i = 0; i < 10; ++i) {
      flat.update(5.0);
      up.update(static_cast<double>(i));
    }
    CHECK(flat.value() == 0.0);
    CHECK(up.value() == 100.0);
  }

  TEST_CASE("cmo: invalid parameters throw invalid_argument naming the parameter") {
    CHECK_THROWS_WITH_AS(ind::cmo(1),
                         "quantkit::indicators::cmo: period must be in 2..100000 (got 1)",
                         quantkit::invalid_argument);
  }
}
