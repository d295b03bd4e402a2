// SPDX-License-Identifier: MIT
// Every built-in indicator's parameters compare with == (defaulted, member by member): what lets
// the fused backtest kernels share one column between equal indicators (backtest::detail::
// same_params), whatever the padding of the parameter struct.
#include <quantkit/indicators.hpp>

#include <doctest/doctest.h>

#include <concepts>
#include <limits>

namespace ind = quantkit::indicators;

namespace {
template <class... I>
constexpr bool all_params_compare() {
  return (std::equality_comparable<typename I::params_type> && ...);
}
static_assert(all_params_compare<
    ind::accbands,
    ind::adosc,
    ind::adx,
    ind::adxr,
    ind::alma,
    ind::apo,
    ind::aroon,
    ind::aroonosc,
    ind::atr,
    ind::avgdev,
    ind::avgprice,
    ind::bbands,
    ind::beta,
    ind::bop,
    ind::cci,
    ind::chaikin_ad,
    ind::cmo,
    ind::correl,
    ind::dema,
    ind::donchian,
    ind::dx,
    ind::ema,
    ind::heikin_ashi,
    ind::ht_dcperiod,
    ind::ht_dcphase,
    ind::ht_phasor,
    ind::ht_sine,
    ind::ht_trendline,
    ind::ht_trendmode,
    ind::hull_ma,
    ind::ichimoku,
    ind::imi,
    ind::kama,
    ind::keltner,
    ind::linearreg,
    ind::linearreg_angle,
    ind::linearreg_intercept,
    ind::linearreg_slope,
    ind::ma,
    ind::macd,
    ind::macdext,
    ind::macdfix,
    ind::mama,
    ind::mavp,
    ind::medprice,
    ind::mfi,
    ind::midpoint,
    ind::midprice,
    ind::minus_di,
    ind::minus_dm,
    ind::momentum,
    ind::natr,
    ind::obv,
    ind::pivot_points,
    ind::plus_di,
    ind::plus_dm,
    ind::ppo,
    ind::realized_volatility,
    ind::roc,
    ind::rocp,
    ind::rocr,
    ind::rocr100,
    ind::rolling_max,
    ind::rolling_max_index,
    ind::rolling_min,
    ind::rolling_min_index,
    ind::rolling_minmax,
    ind::rolling_minmax_index,
    ind::rolling_sum,
    ind::rsi,
    ind::sar,
    ind::sarext,
    ind::sma,
    ind::stddev,
    ind::stoch,
    ind::stochf,
    ind::stochrsi,
    ind::supertrend,
    ind::t3,
    ind::tema,
    ind::trima,
    ind::trix,
    ind::true_range,
    ind::tsf,
    ind::typprice,
    ind::ultosc,
    ind::variance,
    ind::vwap,
    ind::wclprice,
    ind::willr,
    ind::wma,
    ind::zlema,
    ind::zscore
>());
}  // namespace

TEST_SUITE("indicators") {
  TEST_CASE("params: == compares every member (ema: period, alpha, seed)") {
    const ind::ema_params a{.period = 12};
    CHECK(a == ind::ema_params{.period = 12});
    CHECK_FALSE(a == ind::ema_params{.period = 13});
    CHECK_FALSE(a == ind::ema_params{.period = 12, .alpha = 0.5});
    CHECK_FALSE(a == ind::ema_params{.period = 12, .seed = ind::ema_seed::first_value});
    // A NaN alpha equals nothing, itself included: such indicators are simply never shared.
    const ind::ema_params odd{.period = 12, .alpha = std::numeric_limits<double>::quiet_NaN()};
    CHECK_FALSE(odd == odd);
    // Parameterless indicators: every instance is equal.
    CHECK(ind::obv_params{} == ind::obv_params{});
    // chain's params compare when both stages' do.
    using ema_of_rsi = ind::chain<ind::rsi, ind::ema>;
    CHECK(ema_of_rsi::params_type{{.period = 14}, {.period = 5}} ==
          ema_of_rsi::params_type{{.period = 14}, {.period = 5}});
    CHECK_FALSE(ema_of_rsi::params_type{{.period = 14}, {.period = 5}} ==
                ema_of_rsi::params_type{{.period = 14}, {.period = 6}});
  }
}
