// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/sma.hpp>
#include <quantkit/indicators/trima.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;
using quantkit::test::approx;

TEST_SUITE("indicators") {
  TEST_CASE("trima: matches TA-Lib TRIMA(30), TRIMA(8) and TRIMA(9) on ttrc") {
    const auto c = quantkit::test::ttrc().closes();
    quantkit::test::check_talib("TRIMA", "outReal", ind::apply(ind::trima{}, c),
                                ind::trima{}.warmup());
    quantkit::test::check_talib_call("TRIMA(8)", "outReal", ind::apply(ind::trima(8), c), 7);
    quantkit::test::check_talib_call("TRIMA(9)", "outReal", ind::apply(ind::trima(9), c), 8);
  }

  TEST_CASE("trima: triangular weights by hand for odd and even periods") {
    // n = 3: weights 1 2 1 / 4: (1 + 4 + 4)/4 = 9/4, (2 + 8 + 8)/4 = 9/2, (4 + 16 + 16)/4 = 9.
    // n = 4: weights 1 2 2 1 / 6: (1 + 4 + 8 + 8)/6 = 7/2, (2 + 8 + 16 + 16)/6 = 7.
    const std::vector<double> x{1, 2, 4, 8, 16};
    const auto odd = ind::apply(ind::trima(3), std::span<const double>(x));
    CHECK(std::isnan(odd[1]));
    CHECK(odd[2] == approx(9.0 / 4.0));
    CHECK(odd[3] == approx(9.0 / 2.0));
    CHECK(odd[4] == approx(9.0));
    const auto even = ind::apply(ind::trima(4), std::span<const double>(x));
    CHECK(std::isnan(even[2]));
    CHECK(even[3] == approx(3.5));
    CHECK(even[4] == approx(7.0));
  }

  TEST_CASE("trima: equals an SMA of an SMA") {
    // Same weights, other rounding: odd n = 2m - 1 is SMA_m(SMA_m) (n = 7: m = 4), even n = 2m
    // is SMA_{m+1}(SMA_m) (n = 6: SMA_4(SMA_3)).
    const auto c = quantkit::test::ttrc().closes();
    const auto t7 = ind::apply(ind::trima(7), c);
    const auto t6 = ind::apply(ind::trima(6), c);
    const auto s4 = ind::apply(ind::sma(4), c);
    const auto s3 = ind::apply(ind::sma(3), c);
    const auto ss7 =
        ind::apply(ind::sma(4), std::span<const double>(s4));  // NaN rule skips warm-up
    const auto ss6 = ind::apply(ind::sma(4), std::span<const double>(s3));
    // 1e-11: TA-Lib's running numerator drifts (about 5e-13 relative after 5550 ttrc bars).
    for (std::size_t i = 6; i < c.size(); ++i) {
      CHECK(ss7[i] == approx(t7[i], 1e-11));
      CHECK(ss6[i] == approx(t6[i], 1e-11));
    }
    CHECK(std::isnan(ss7[5]));
    CHECK(std::isnan(t7[5]));
  }

  TEST_CASE("trima: constant series, minimum period, short input") {
    ind::trima t(2);
    CHECK(std::isnan(t.update(3.0)));
    CHECK_FALSE(t.ready());
    CHECK(t.update(3.0) == 3.0);
    CHECK(t.update(5.0) == 4.0);
    CHECK(t.warmup() == 1);
  }

  TEST_CASE("trima: invalid parameters throw invalid_argument") {
    quantkit::test::check_invalid_param([] { ind::trima(1); }, "quantkit::indicators::trima",
                                        "period");
  }
}
