// SPDX-License-Identifier: MIT
#include <quantkit/indicators/sma.hpp>
#include <quantkit/strategies/model_head.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>

namespace qs = quantkit::strategies;

namespace {
// Features: the close's distance from its SMA(2) and a constant term (stateful: owns an SMA).
struct features {
  quantkit::indicators::sma sma{2};
  std::array<double, 2> operator()(const quantkit::bar& b, const qs::context&) {
    const double m = sma.update(b.close);
    return {sma.ready() ? b.close - m : std::nan(""), 1.0};
  }
  void reset() { sma.reset(); }
};
}  // namespace

TEST_SUITE("strategies") {
  TEST_CASE("model_head: scores features with the model, clamps to plus or minus 1, NaN abstains") {
    // linear model 2 x distance + 0 x constant; closes 1 2 4 3: distances . 0.5 1 -0.5
    auto model = [](const std::array<double, 2>& x) { return 2.0 * x[0] + 0.0 * x[1]; };
    qs::model_head head(features{}, model);
    static_assert(qs::TargetStrategy<decltype(head)>);
    const auto out = quantkit::test::signals(head, quantkit::test::bars_from_closes({1, 2, 4, 3}));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == 1.0);   // 2 x 0.5
    CHECK(out[2] == 1.0);   // 2 x 1 = 2, clamped
    CHECK(out[3] == -1.0);  // 2 x -0.5
  }
}
