// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/ma.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;

namespace {
template <class I>
bool same_series(const ind::ma& m, const I& direct) {
  const auto c = qt::ttrc().closes();
  const auto a = ind::apply(m, c);
  const auto b = ind::apply(direct, c);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!qt::same_bits(a[i], b[i])) return false;
  }
  return true;
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("ma: matches TA-Lib MA(30, SMA) and MA(10, type) for every type on ttrc") {
    const auto c = qt::ttrc().closes();
    qt::check_talib("MA", "outReal", ind::apply(ind::ma{}, c), ind::ma{}.warmup());
    for (int t = 1; t <= 8; ++t) {
      CAPTURE(t);
      const ind::ma m(10, static_cast<ind::ma_type>(t));
      qt::check_talib_call("MA(10 " + std::to_string(t) + ")", "outReal", ind::apply(m, c),
                           m.warmup());
    }
    qt::check_talib_call("MA(1 0)", "outReal", ind::apply(ind::ma(1), c), 0);
  }

  TEST_CASE("ma: each type is the corresponding indicator bit for bit") {
    CHECK(same_series(ind::ma(7, ind::ma_type::sma), ind::sma(7)));
    CHECK(same_series(ind::ma(7, ind::ma_type::ema), ind::ema(7)));
    CHECK(same_series(ind::ma(7, ind::ma_type::wma), ind::wma(7)));
    CHECK(same_series(ind::ma(7, ind::ma_type::dema), ind::dema(7)));
    CHECK(same_series(ind::ma(7, ind::ma_type::tema), ind::tema(7)));
    CHECK(same_series(ind::ma(7, ind::ma_type::trima), ind::trima(7)));
    CHECK(same_series(ind::ma(7, ind::ma_type::kama), ind::kama(7)));
    CHECK(same_series(ind::ma(7, ind::ma_type::t3), ind::t3(7, 0.7)));
  }

  TEST_CASE("ma: period 1 is the identity and MAMA ignores the period") {
    const std::vector<double> x{2.0, -3.0, 7.5};
    for (int t = 0; t <= 8; ++t) {
      const ind::ma m(1, static_cast<ind::ma_type>(t));
      CHECK(m.warmup() == 0);
      CHECK(ind::apply(m, std::span<const double>(x)) == x);
    }
    const auto c = qt::ttrc().closes();
    const auto a = ind::apply(ind::ma(5, ind::ma_type::mama), c);
    const auto b = ind::apply(ind::ma(50, ind::ma_type::mama), c);
    const auto m = ind::apply(ind::mama{}, c);
    for (std::size_t i = 0; i < c.size(); ++i) {
      CHECK(qt::same_bits(a[i], b[i]));
      CHECK(qt::same_bits(a[i], m[i].mama));
    }
  }

  TEST_CASE("ma: warm-up is TA-Lib's lookback for every type") {
    using T = ind::ma_type;
    CHECK(ind::ma_lookback(10, T::sma) == 9);
    CHECK(ind::ma_lookback(10, T::ema) == 9);
    CHECK(ind::ma_lookback(10, T::wma) == 9);
    CHECK(ind::ma_lookback(10, T::dema) == 18);
    CHECK(ind::ma_lookback(10, T::tema) == 27);
    CHECK(ind::ma_lookback(10, T::trima) == 9);
    CHECK(ind::ma_lookback(10, T::kama) == 10);
    CHECK(ind::ma_lookback(10, T::mama) == 32);
    CHECK(ind::ma_lookback(10, T::t3) == 54);
    CHECK(ind::ma(10, T::t3).warmup() == 54);
    ind::ma m(3, T::wma);
    CHECK(std::isnan(m.update(1.0)));
    CHECK(std::isnan(m.update(2.0)));
    CHECK_FALSE(m.ready());
    CHECK(m.update(3.0) == qt::approx((1.0 + 4.0 + 9.0) / 6.0));
    CHECK(m.ready());
    CHECK(m.params().type == T::wma);
  }

  TEST_CASE("ma: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::ma(0); }, "quantkit::indicators::ma", "period");
    qt::check_invalid_param([] { ind::ma(5, static_cast<ind::ma_type>(9)); },
                            "quantkit::indicators::ma", "type");
  }
}
