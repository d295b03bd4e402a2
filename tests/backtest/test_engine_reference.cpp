// SPDX-License-Identifier: MIT
// The independent check of the engine: the SMA(10)/SMA(50) long/flat crossover, fully invested
// with fractional units, 1 bp of notional per side, against a reference loop written here.
#include <quantkit/backtest/engine.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/costs/models.hpp>
#include <quantkit/indicators/sma.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace ind = quantkit::indicators;

namespace {

// 1,000,000 one-minute bars of a geometric random walk (seed 7): opens gap slightly from the
// previous close so that next-open fills differ from same-close fills.
const qk::bar_series& million_bars() {
  static const qk::bar_series s = [] {
    qk::rng g(7);
    qk::bar_series out;
    out.reserve(1'000'000);
    double close = 100.0;
    for (std::size_t i = 0; i < 1'000'000; ++i) {
      const double open = close * std::exp(0.0002 * qk::normal(g));
      close = open * std::exp(0.001 * qk::normal(g));
      const double hi = std::max(open, close) * (1.0 + 0.0005 * qk::uniform01(g));
      const double lo = std::min(open, close) * (1.0 - 0.0005 * qk::uniform01(g));
      out.push_back({qk::minutes(static_cast<std::int64_t>(i)), open, hi, lo, close, 1000.0});
    }
    return out;
  }();
  return s;
}

// The strategy under test: long (exposure 1) while SMA10 > SMA50 strictly, flat otherwise.
struct sma_cross {
  ind::sma fast{10};
  ind::sma slow{50};
  double on_bar(const qk::bar& b, const quantkit::strategies::context&) {
    const double f = fast.update(b.close);
    const double s = slow.update(b.close);
    return fast.ready() && slow.ready() && f > s ? 1.0 : 0.0;
  }
  void reset() {
    fast.reset();
    slow.reset();
  }
};

struct reference_result {
  double final_equity = 0.0;
  std::size_t entries = 0;
};

// The reference loop (fill at close t): 15 lines, independent of the engine.
reference_result reference_close(const qk::bar_series& bars, double fee) {
  ind::sma fast(10), slow(50);
  double cash = 100'000.0, units = 0.0;
  std::size_t entries = 0;
  for (std::size_t t = 0; t < bars.size(); ++t) {
    const double c = bars.closes()[t];
    const double f = fast.update(c), s = slow.update(c);
    const bool signal = fast.ready() && slow.ready() && f > s;
    if (signal && units == 0.0) {
      units = cash / (c * (1.0 + fee));
      cash = 0.0;
      ++entries;
    } else if (!signal && units > 0.0) {
      cash = units * c * (1.0 - fee);
      units = 0.0;
    }
  }
  return {cash + units * bars.closes().back(), entries};
}

// The same with decisions at close t filled at the open of t + 1.
reference_result reference_next_open(const qk::bar_series& bars, double fee) {
  ind::sma fast(10), slow(50);
  double cash = 100'000.0, units = 0.0;
  int pending = 0;  // +1 buy, -1 sell at the next open
  std::size_t entries = 0;
  for (std::size_t t = 0; t < bars.size(); ++t) {
    const double o = bars.opens()[t];
    if (pending > 0) {
      units = cash / (o * (1.0 + fee));
      cash = 0.0;
      ++entries;
    }
    if (pending < 0) {
      cash = units * o * (1.0 - fee);
      units = 0.0;
    }
    pending = 0;
    const double c = bars.closes()[t];
    const double f = fast.update(c), s = slow.update(c);
    const bool signal = fast.ready() && slow.ready() && f > s;
    if (signal && units == 0.0)
      pending = 1;
    else if (!signal && units > 0.0)
      pending = -1;
  }
  return {cash + units * bars.closes().back(), entries};
}

std::size_t entries_of(const bt::result& r) { return r.trades.size() + (r.open_trade ? 1u : 0u); }

}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("engine: SMA crossover equals the reference loop, fills at close t") {
    const auto& bars = million_bars();
    const auto ref = reference_close(bars, 1e-4);
    bt::options opt;
    opt.market_fills = bt::fill_timing::same_close;
    const auto r = bt::run(bars, sma_cross{}, qk::costs::percentage(1.0), opt);
    CHECK(r.final_equity == quantkit::test::approx(ref.final_equity, 1e-12));
    CHECK(entries_of(r) == ref.entries);
    CHECK(ref.entries > 1000);  // the check means something: many round trips
    CHECK(r.equity.size() == bars.size());
    CHECK(r.equity.back() == r.final_equity);
  }

  TEST_CASE("engine: SMA crossover equals the reference loop, fills at the next open") {
    const auto& bars = million_bars();
    const auto ref = reference_next_open(bars, 1e-4);
    const auto r = bt::run(bars, sma_cross{}, qk::costs::percentage(1.0));
    CHECK(r.final_equity == quantkit::test::approx(ref.final_equity, 1e-12));
    CHECK(entries_of(r) == ref.entries);
    CHECK(ref.entries > 1000);
    // Fill timing matters on this data: the two conventions give different results.
    CHECK(std::fabs(ref.final_equity - reference_close(bars, 1e-4).final_equity) > 1.0);
  }
}
