// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/chain.hpp>
#include <quantkit/indicators/ema.hpp>
#include <quantkit/indicators/rsi.hpp>
#include <quantkit/indicators/sma.hpp>

#include "support/approx.hpp"
#include "support/talib.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;

TEST_SUITE("indicators") {
  TEST_CASE("chain: an RSI of an EMA equals the RSI applied to the EMA's output") {
    const auto closes = quantkit::test::ttrc().closes();
    const auto e = ind::apply(ind::ema(10), closes);
    const auto expected = ind::apply(ind::rsi(14), std::span<const double>(e));
    ind::chain c(ind::ema(10), ind::rsi(14));
    const auto out = ind::apply(c, closes);
    REQUIRE(out.size() == expected.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      REQUIRE(quantkit::test::close(out[i], expected[i], 0.0));
    }
    CHECK(c.warmup() == 9 + 14);
    CHECK(c.params().first.period == 10);
    CHECK(c.params().second.period == 14);
  }

  TEST_CASE("chain: a selector feeds one field of a multi-output stage") {
    struct two {
      double a = std::nan("");
      double b = std::nan("");
    };
    // A stage with a struct value: forwards (x, 2x); the chain smooths field b.
    struct doubler {
      using params_type = ind::sma_params;
      using input_type = double;
      using value_type = two;
      value_type update(double x) {
        v_ = {x, 2 * x};
        return v_;
      }
      value_type value() const { return v_; }
      bool ready() const noexcept { return true; }
      std::size_t warmup() const noexcept { return 0; }
      params_type params() const { return {}; }
      void reset() { v_ = {}; }
      two v_{};
    };
    static_assert(ind::Indicator<doubler>);
    ind::chain c(doubler{}, ind::sma(2), [](const two& t) { return t.b; });
    c.update(1.0);
    CHECK(c.update(3.0) == 4.0);  // mean of 2 and 6
  }

  TEST_CASE("indicator_set: members update together on one input") {
    ind::indicator_set set(ind::sma(2), ind::ema(3));
    set.update(1.0);
    set.update(2.0);
    CHECK_FALSE(set.ready());
    const auto [s, e] = set.update(3.0);
    CHECK(s == 2.5);
    CHECK(e == 2.0);
    CHECK(set.ready());
    CHECK(set.warmup() == 2);
    CHECK(set.get<1>().value() == 2.0);
    CHECK(std::get<0>(set.params()).period == 2);
    set.reset();
    CHECK_FALSE(set.ready());
    static_assert(ind::Indicator<decltype(set)>);
  }
}
