// SPDX-License-Identifier: MIT
// The documented defaults of the options and records.
#include <quantkit/backtest/options.hpp>
#include <quantkit/backtest/records.hpp>

#include <doctest/doctest.h>

#include <cmath>

namespace bt = quantkit::backtest;

TEST_SUITE("backtest") {
  TEST_CASE("options: conservative defaults") {
    const bt::options o{};
    CHECK(o.initial_cash == 100'000.0);
    CHECK(o.market_fills == bt::fill_timing::next_open);
    CHECK(o.path == bt::intrabar_path::stop_first);
    CHECK(o.rebalance == bt::rebalance_policy::on_change);
    CHECK(o.fractional);
    CHECK(o.allow_short);
    CHECK(o.max_volume_fraction == 0.0);
    CHECK_FALSE(o.close_at_end);
    CHECK(o.validate_bars);
    CHECK(std::isinf(o.risk.max_gross_exposure));
    CHECK(o.risk.max_consecutive_losses == 0);
  }

  TEST_CASE("records: a fresh trade is open with NaN exit price, a result is empty") {
    const bt::trade t{};
    CHECK(t.reason == bt::exit_reason::open);
    CHECK(std::isnan(t.exit_price));
    CHECK(t.mae == 0.0);
    const bt::result r{};
    CHECK(r.trades.empty());
    CHECK_FALSE(r.open_trade.has_value());
    CHECK(r.total_costs.total() == 0.0);
    const bt::order_event e{};
    CHECK(e.status == bt::order_status::accepted);
    CHECK(e.reason == bt::reject_reason::none);
  }
}
