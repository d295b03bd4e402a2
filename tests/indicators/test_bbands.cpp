// SPDX-License-Identifier: MIT
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/bbands.hpp>
#include <quantkit/indicators/mama.hpp>

#include "support/approx.hpp"
#include "support/param_errors.hpp"
#include "support/talib.hpp"
#include "support/talib_calls.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace ind = quantkit::indicators;
namespace qt = quantkit::test;
using quantkit::test::approx;

namespace {
void check_calls(const std::string& call, const ind::bbands& b) {
  const auto out = ind::apply(b, qt::ttrc().closes());
  qt::check_talib_call(call, "outRealUpperBand", qt::field(out, &ind::bbands_value::upper),
                       b.warmup());
  qt::check_talib_call(call, "outRealMiddleBand", qt::field(out, &ind::bbands_value::middle),
                       b.warmup());
  qt::check_talib_call(call, "outRealLowerBand", qt::field(out, &ind::bbands_value::lower),
                       b.warmup());
}
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("bbands: matches TA-Lib BBANDS at default and non-default parameters on ttrc") {
    const auto out = ind::apply(ind::bbands{}, qt::ttrc().closes());
    qt::check_talib("BBANDS", "outRealUpperBand", qt::field(out, &ind::bbands_value::upper), 4);
    qt::check_talib("BBANDS", "outRealMiddleBand", qt::field(out, &ind::bbands_value::middle), 4);
    qt::check_talib("BBANDS", "outRealLowerBand", qt::field(out, &ind::bbands_value::lower), 4);
    check_calls("BBANDS(20 1.5 2.5 1)", ind::bbands(20, 1.5, 2.5, ind::ma_type::ema));
    check_calls("BBANDS(10 2 2 5)", ind::bbands(10, 2.0, 2.0, ind::ma_type::trima));
    check_calls("BBANDS(14 2 1 7)", ind::bbands(14, 2.0, 1.0, ind::ma_type::mama));
  }

  TEST_CASE("bbands: hand-computed bands with an SMA and an EMA middle") {
    // SMA(3) on 1, 2, 6: mean 3, var = (1 + 4 + 36)/3 - 9 = 14/3 (population).
    const std::vector<double> x{1, 2, 6, 3};
    const auto s = ind::apply(ind::bbands(3, 2.0, 1.0), std::span<const double>(x));
    CHECK(std::isnan(s[1].middle));
    CHECK(s[2].middle == approx(3.0));
    CHECK(s[2].upper == approx(3.0 + 2.0 * std::sqrt(14.0 / 3.0)));
    CHECK(s[2].lower == approx(3.0 - std::sqrt(14.0 / 3.0)));
    // EMA(3) middle: 3, then (3 - 3) / 2 + 3 = 3; window 2, 6, 3: var = 49/3 - (11/3)^2 = 26/9.
    const auto e =
        ind::apply(ind::bbands(3, 1.0, 1.0, ind::ma_type::ema), std::span<const double>(x));
    CHECK(e[3].middle == approx(3.0));
    CHECK(e[3].upper == approx(3.0 + std::sqrt(26.0 / 9.0)));
    CHECK(e[3].lower == approx(3.0 - std::sqrt(26.0 / 9.0)));
  }

  TEST_CASE("bbands: a constant series collapses the bands onto the middle") {
    ind::bbands b(4, 2.0, 3.0);
    CHECK(b.warmup() == 3);
    for (int i = 0; i < 3; ++i) CHECK(std::isnan(b.update(3.1).upper));
    CHECK_FALSE(b.ready());
    for (int i = 0; i < 5; ++i) {
      const auto v = b.update(3.1);
      CHECK(v.upper == v.middle);
      CHECK(v.lower == v.middle);
    }
  }

  TEST_CASE("bbands: MAMA with a long period keeps the bands aligned (deviation from TA-Lib)") {
    // TA-Lib shifts its middle band by n - 33 bars here; quantkit's middle is MAMA at the same bar.
    const auto c = qt::ttrc().closes();
    const ind::bbands b(40, 2.0, 2.0, ind::ma_type::mama);
    CHECK(b.warmup() == 39);
    const auto out = ind::apply(b, c);
    const auto m = ind::apply(ind::mama{}, c);
    CHECK(std::isnan(out[38].middle));
    for (std::size_t i = 39; i < c.size(); ++i) CHECK(qt::same_bits(out[i].middle, m[i].mama));
  }

  TEST_CASE("bbands: invalid parameters throw invalid_argument") {
    qt::check_invalid_param([] { ind::bbands(1); }, "quantkit::indicators::bbands", "period");
    qt::check_invalid_param([] { ind::bbands(5, std::nan("")); }, "quantkit::indicators::bbands",
                            "nbdev_up");
    qt::check_invalid_param([] { ind::bbands(5, 2.0, std::numeric_limits<double>::infinity()); },
                            "quantkit::indicators::bbands", "nbdev_dn");
    qt::check_invalid_param([] { ind::bbands(5, 2.0, 2.0, static_cast<ind::ma_type>(12)); },
                            "quantkit::indicators::bbands", "type");
  }
}
