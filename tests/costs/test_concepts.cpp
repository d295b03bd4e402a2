// SPDX-License-Identifier: MIT
// The CostModel concept, the fill description and the cost breakdown.
#include <quantkit/costs/concepts.hpp>

#include <doctest/doctest.h>

#include <cmath>

namespace qc = quantkit::costs;

namespace {
struct flat_fee {
  double fee = 1.0;
  qc::cost_breakdown breakdown(const qc::fill&) const { return {.commission = fee}; }
};
struct returns_double {
  double breakdown(const qc::fill&) const { return 0.0; }
};
}  // namespace

static_assert(qc::CostModel<flat_fee>);
static_assert(qc::CostModel<qc::zero_cost>);
static_assert(!qc::CostModel<returns_double>);
static_assert(!qc::CostModel<int>);

TEST_SUITE("costs") {
  TEST_CASE("cost_breakdown: components add up and compose") {
    const qc::cost_breakdown a{.commission = 1.0, .spread = 0.5};
    const qc::cost_breakdown b{.slippage = 0.25, .impact = 2.0};
    const auto c = a + b;
    CHECK(c.total() == 3.75);
    CHECK(c == qc::cost_breakdown{1.0, 0.5, 0.25, 2.0});
  }

  TEST_CASE("cost_breakdown::total(): the non-zero components added in order") {
    // The same bits as commission + spread + slippage + impact: the additions in that order, a
    // zero component skipped (x + 0 == x).
    const volatile double a = 0.1, b = 0.2, c = 0.3, d = 0.4;  // no constant folding of the sums
    CHECK(qc::cost_breakdown{a, b, c, d}.total() == ((a + b) + c) + d);
    CHECK(qc::cost_breakdown{a, 0.0, c, 0.0}.total() == a + c);
    CHECK(qc::cost_breakdown{0.0, b, 0.0, d}.total() == b + d);
    CHECK(qc::cost_breakdown{.impact = d}.total() == d);
    CHECK(qc::cost_breakdown{}.total() == 0.0);
    CHECK_FALSE(std::signbit(qc::cost_breakdown{}.total()));
    // The one difference from adding the zeros: a negative-zero commission keeps its sign.
    CHECK(std::signbit(qc::cost_breakdown{.commission = -0.0}.total()));
  }

  TEST_CASE("fill: notional is quantity times price, cost() totals a model") {
    const qc::fill f{.side = -1, .quantity = 200, .price = 12.5};
    CHECK(f.notional() == 2500.0);
    CHECK(qc::cost(flat_fee{3.0}, f) == 3.0);
    CHECK(qc::cost(qc::zero_cost{}, f) == 0.0);
  }
}
