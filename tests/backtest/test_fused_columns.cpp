// SPDX-License-Identifier: MIT
// backtest/fused_columns.hpp, the pieces the fused kernels share, each against the one-bar-at-a-time
// code it stands for: indicator columns against the indicators' own update() (bit for bit, over
// block boundaries and the warm-up), and the bar step over known targets (step_known_targets)
// against the per-bar step (step_block) on target streams with holds, rejections and signed zeros.
#include <quantkit/backtest/fused_columns.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/sma.hpp>

#include "support/approx.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace backtest_test_fused_columns {  // own scope for unity builds

namespace qk = quantkit;
namespace bt = quantkit::backtest;
namespace bd = quantkit::backtest::detail;
namespace ind = quantkit::indicators;

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

std::vector<double> walk(std::size_t n, std::uint64_t seed) {
  qk::rng g(seed);
  std::vector<double> c(n);
  double x = 100.0;
  for (auto& v : c) {
    x *= std::exp(0.01 * qk::normal(g));
    v = x;
  }
  return c;
}

// Every column's readings, block by block, against fresh indicators updated bar by bar.
template <class I>
void check_columns(const std::vector<I>& fresh, std::size_t n, std::size_t block) {
  const auto close = walk(n, 11);
  bd::indicator_columns<I> cols;
  std::vector<std::uint32_t> id;
  for (const auto& f : fresh) id.push_back(cols.add(f));
  cols.allocate(block);
  std::vector<I> ref = fresh;
  for (auto& r : ref) r.reset();
  std::size_t touched = 0;
  for (std::size_t b0 = 0; b0 < n; b0 += block) {
    const std::size_t len = std::min(block, n - b0);
    std::size_t next = b0;  // touch sees every bar of the block once, in order
    cols.compute(close.data(), b0, len, [&](std::size_t t) {
      CHECK(t == next);
      ++next;
      ++touched;
    });
    for (std::size_t k = 0; k < ref.size(); ++k) {
      bool every = true;
      for (std::size_t i = 0; i < len; ++i) {
        const double want = ref[k].update(close[b0 + i]);
        const bool ready = ref[k].ready();
        every = every && ready;
        CAPTURE(k);
        CAPTURE(b0 + i);
        CHECK((cols.ready(id[k])[i] != 0) == ready);
        if (ready) CHECK(qk::test::same_bits(cols.values(id[k])[i], want));
      }
      CHECK(cols.all_ready(id[k]) == every);
    }
  }
  CHECK(touched == n);
}

struct fill_record {
  double target;
  double price;
  std::size_t bar;  // of the whole series
  bool at_open;
  bool operator==(const fill_record& o) const {
    return qk::test::same_bits(target, o.target) && qk::test::same_bits(price, o.price) &&
           bar == o.bar && at_open == o.at_open;
  }
};

// The fills of both steps over the whole series, block by block, and their final states.
void check_steps(const std::vector<double>& target, const bt::vectorized_options& opt,
                 std::size_t block) {
  const std::size_t n = target.size();
  std::vector<double> open(n), close(n);
  for (std::size_t i = 0; i < n; ++i) {
    open[i] = 100.0 + static_cast<double>(i);
    close[i] = 100.5 + static_cast<double>(i);
  }
  bd::target_state a, b;
  std::vector<fill_record> fa, fb;
  for (std::size_t b0 = 0; b0 < n; b0 += block) {
    const std::size_t len = std::min(block, n - b0);
    bd::step_block(
        a, open.data() + b0, close.data() + b0, opt, len,
        [&](std::size_t i) { return target[b0 + i]; },
        [&](double t, double p, std::size_t i, bool o) { fa.push_back({t, p, b0 + i, o}); });
    bd::step_known_targets(b, target.data() + b0, open.data() + b0, close.data() + b0, opt, len,
                           [&](double t, double p, std::size_t i, bool o) {
                             fb.push_back({t, p, b0 + i, o});
                           });
  }
  CHECK(fa == fb);
  CHECK(qk::test::same_bits(a.last_target, b.last_target));
  CHECK(a.has_pending == b.has_pending);
  if (a.has_pending) CHECK(qk::test::same_bits(a.pending, b.pending));
  CHECK(a.rejections == b.rejections);
}
}  // namespace

TEST_SUITE("backtest") {
  TEST_CASE("fused columns: sma columns equal sma::update bit for bit, warm-up and blocks") {
    // Periods 1 (identity) to longer than a block; an odd count (the pairs are padded); a repeat.
    std::vector<ind::sma> smas;
    for (std::size_t p : {1u, 2u, 7u, 50u, 300u}) smas.emplace_back(p);
    check_columns(smas, 1000, 128);
    check_columns(smas, 257, 257);  // one block
    check_columns(smas, 90, 64);    // shorter than the longest warm-up
    bd::indicator_columns<ind::sma> cols;
    CHECK(cols.add(ind::sma(7)) == 0);
    CHECK(cols.add(ind::sma(9)) == 1);
    CHECK(cols.add(ind::sma(7)) == 0);  // equal periods share a column
  }

  TEST_CASE("fused columns: generic columns equal the indicator's update, shared by params") {
    std::vector<ind::ema> emas{ind::ema(5), ind::ema(40)};
    check_columns(emas, 700, 100);
    // ema_params has padding, but compares with == (as every built-in indicator's parameters):
    // equal EMAs share a column, any differing member gives a new one.
    bd::indicator_columns<ind::ema> cols;
    CHECK(cols.add(ind::ema(5)) == 0);
    CHECK(cols.add(ind::ema(5)) == 0);
    CHECK(cols.add(ind::ema(6)) == 1);
    CHECK(cols.add(ind::ema(ind::ema_params{.period = 5, .alpha = 0.3})) == 2);
    const ind::ema_params first_value_seed{.period = 5, .seed = ind::ema_seed::first_value};
    CHECK(cols.add(ind::ema(first_value_seed)) == 3);
    CHECK(cols.add(ind::ema(ind::ema_params{.period = 5, .alpha = 0.3})) == 2);
    CHECK(cols.size() == 4);
    // The sharing rule: operator== when there is one, else the bytes when there is no padding.
    struct with_eq {
      int a = 0;
      double b = 0.0;
      bool operator==(const with_eq&) const = default;
    };
    struct packed {
      std::int64_t a = 0;
      std::int64_t b = 0;
    };
    struct padded {
      std::int64_t a = 0;
      char c = 0;
    };
    CHECK(bd::same_params(with_eq{1, 2.0}, with_eq{1, 2.0}));
    CHECK_FALSE(bd::same_params(with_eq{1, 2.0}, with_eq{1, 3.0}));
    CHECK(bd::same_params(packed{1, 2}, packed{1, 2}));
    CHECK_FALSE(bd::same_params(packed{1, 2}, packed{2, 2}));
    CHECK_FALSE(bd::same_params(padded{1, 'x'}, padded{1, 'x'}));
  }

  TEST_CASE("fused columns: step_known_targets makes step_block's fills, in order") {
    // A stream with every case: repeats, holds (NaN), rejected infinities, +0 / -0 (different bits:
    // a change), changes on the first and last bar of a block, long runs (the eight-bar skip).
    qk::rng g(5);
    std::vector<double> target;
    const double values[] = {0.0, -0.0, 1.0, -1.0, 0.5, qnan, inf, -inf};
    while (target.size() < 3000) {
      const double v = values[qk::uniform_index(g, 8)];
      const std::size_t run = 1 + static_cast<std::size_t>(qk::uniform_index(g, 40));
      for (std::size_t k = 0; k < run; ++k) target.push_back(v);
    }
    std::size_t rejected_by_hand = 0;
    for (const double t : target) rejected_by_hand += std::isinf(t) ? 1u : 0u;
    for (const auto timing : {bt::fill_timing::next_open, bt::fill_timing::same_close}) {
      for (const auto policy : {bt::rebalance_policy::on_change, bt::rebalance_policy::every_bar}) {
        for (const std::size_t block : {1u, 7u, 64u, 3000u}) {
          CAPTURE(block);
          bt::vectorized_options opt;
          opt.market_fills = timing;
          opt.rebalance = policy;
          check_steps(target, opt, block);
        }
      }
    }
    // Every infinite bar is a rejection under every_bar; under on_change the repeats of an
    // infinity are rejected too (an infinity never becomes last_target).
    bt::vectorized_options opt;
    bd::target_state st;
    bd::step_known_targets(st, target.data(), target.data(), target.data(), opt, target.size(),
                           [](double, double, std::size_t, bool) {});
    CHECK(st.rejections == rejected_by_hand);
  }
}

}  // namespace backtest_test_fused_columns
