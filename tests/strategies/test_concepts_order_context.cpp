// SPDX-License-Identifier: MIT
// The Strategy concepts, the order type, the order sink and the contexts.
#include <quantkit/strategies/concepts.hpp>
#include <quantkit/strategies/context.hpp>
#include <quantkit/strategies/order.hpp>

#include <doctest/doctest.h>

#include <cmath>

namespace qs = quantkit::strategies;

namespace {
struct always_long {
  double on_bar(const quantkit::bar&, const qs::context&) { return 1.0; }
  void reset() {}
};
struct hundred_units {
  static constexpr qs::target_kind target = qs::target_kind::units;
  double on_bar(const quantkit::bar&, const qs::context& ctx) {
    return ctx.history.size() > 1 ? 100.0 : 0.0;
  }
  void reset() {}
};
struct limit_buyer {
  void on_bar(const quantkit::bar& b, const qs::context&, qs::order_sink& out) {
    out.submit({.type = qs::order_type::limit, .quantity = 10, .limit_price = b.close * 0.99});
  }
  void reset() {}
};
struct equal_weight {
  void on_bars(std::span<const quantkit::bar> bars, const qs::portfolio_context&,
               std::span<double> w) {
    for (std::size_t k = 0; k < bars.size(); ++k) w[k] = 1.0 / static_cast<double>(bars.size());
  }
  void reset() {}
};
struct no_reset {
  double on_bar(const quantkit::bar&, const qs::context&) { return 0.0; }
};
}  // namespace

static_assert(qs::TargetStrategy<always_long>);
static_assert(qs::Strategy<always_long>);
static_assert(!qs::OrderStrategy<always_long>);
static_assert(qs::OrderStrategy<limit_buyer>);
static_assert(qs::Strategy<limit_buyer>);
static_assert(qs::PortfolioStrategy<equal_weight>);
static_assert(!qs::Strategy<no_reset>);
static_assert(!qs::Strategy<int>);
static_assert(qs::target_kind_of<always_long>() == qs::target_kind::exposure);
static_assert(qs::target_kind_of<hundred_units>() == qs::target_kind::units);

TEST_SUITE("strategies") {
  TEST_CASE("order: defaults describe a market buy with no price levels") {
    const qs::order o{};
    CHECK(o.type == qs::order_type::market);
    CHECK(o.direction == qs::side::buy);
    CHECK(o.quantity == 0.0);
    CHECK(std::isnan(o.limit_price));
    CHECK(std::isnan(o.stop_price));
    CHECK(std::isnan(o.take_profit));
    CHECK(std::isnan(o.stop_loss));
    CHECK(o.tif == qs::time_in_force::gtc);
    CHECK(qs::sign(qs::side::buy) == 1.0);
    CHECK(qs::sign(qs::side::sell) == -1.0);
  }

  TEST_CASE("order_sink: collects orders and cancels, clear keeps nothing") {
    qs::order_sink sink;
    limit_buyer s;
    const quantkit::bar b{0, 100, 101, 99, 100, 1000};
    s.on_bar(b, qs::context{}, sink);
    sink.cancel(7);
    sink.cancel_all();
    REQUIRE(sink.orders().size() == 1);
    CHECK(sink.orders()[0].limit_price == 99.0);
    CHECK(sink.cancels().size() == 1);
    CHECK(sink.cancel_all_requested());
    sink.clear();
    CHECK(sink.orders().empty());
    CHECK(sink.cancels().empty());
    CHECK_FALSE(sink.cancel_all_requested());
  }

  TEST_CASE("context: a target strategy reads only what the context gives it") {
    quantkit::bar_series s;
    s.push_back({0, 1, 1, 1, 1, 1});
    s.push_back({1, 1, 1, 1, 1, 1});
    hundred_units h;
    qs::context ctx;
    ctx.history = s.view().first(1);
    CHECK(h.on_bar(s[0], ctx) == 0.0);
    ctx.history = s.view();
    CHECK(h.on_bar(s[1], ctx) == 100.0);
    const qs::portfolio_context pc{};
    CHECK(pc.positions.empty());
    CHECK(std::isnan(qs::context{}.avg_price));
  }
}
