// SPDX-License-Identifier: MIT
#include <quantkit/costs/composite.hpp>
#include <quantkit/costs/models.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

namespace qc = quantkit::costs;
using quantkit::test::approx;

namespace {
struct my_exchange_fee {  // a user's own model, in the user's namespace
  qc::cost_breakdown breakdown(const qc::fill& f) const { return {.commission = 0.1 * f.quantity}; }
};
}  // namespace

TEST_SUITE("costs") {
  TEST_CASE("composite: + keeps each component separate in the breakdown") {
    const qc::fill f{
        .side = -1, .quantity = 100, .price = 20.0, .bar_volume = 10'000, .volatility = 0.01};
    // 1 bp of 2,000 = 0.20; half of 0.04 x 100 = 2.00; sqrt impact 1 x 0.01 x 0.1 x 2000 = 2.00
    const auto model = qc::percentage(1.0) + qc::half_spread(0.04) + qc::sqrt_impact(1.0);
    static_assert(qc::CostModel<std::remove_cvref_t<decltype(model)>>);
    const auto b = model.breakdown(f);
    CHECK(b.commission == approx(0.2));
    CHECK(b.spread == approx(2.0));
    CHECK(b.impact == approx(2.0));
    CHECK(b.slippage == 0.0);
    CHECK(qc::cost(model, f) == approx(4.2));
    // Nested composites flatten: three models, not a tree.
    static_assert(std::tuple_size_v<std::decay_t<decltype(model.models())>> == 3);
  }

  TEST_CASE("composite: combine() accepts user models") {
    const qc::fill f{.quantity = 10, .price = 5.0};
    const auto model = qc::combine(my_exchange_fee{}, qc::fixed_per_order(1.0));
    CHECK(model.breakdown(f).commission == approx(2.0));
    const auto none = qc::combine(qc::zero_cost{});
    CHECK(none.breakdown(f).total() == 0.0);
  }
}
