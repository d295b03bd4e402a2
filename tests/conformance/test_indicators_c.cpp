// SPDX-License-Identifier: MIT
// The Indicator contract (tests/support/indicator_contract.hpp) for group C: statistic functions,
// price transforms, rolling windows and the indicators TA-Lib lacks.
#include <quantkit/indicators/avgdev.hpp>
#include <quantkit/indicators/avgprice.hpp>
#include <quantkit/indicators/beta.hpp>
#include <quantkit/indicators/correl.hpp>
#include <quantkit/indicators/donchian.hpp>
#include <quantkit/indicators/heikin_ashi.hpp>
#include <quantkit/indicators/ichimoku.hpp>
#include <quantkit/indicators/linearreg.hpp>
#include <quantkit/indicators/linearreg_angle.hpp>
#include <quantkit/indicators/linearreg_intercept.hpp>
#include <quantkit/indicators/linearreg_slope.hpp>
#include <quantkit/indicators/medprice.hpp>
#include <quantkit/indicators/midpoint.hpp>
#include <quantkit/indicators/midprice.hpp>
#include <quantkit/indicators/pivot_points.hpp>
#include <quantkit/indicators/realized_volatility.hpp>
#include <quantkit/indicators/rolling_max.hpp>
#include <quantkit/indicators/rolling_max_index.hpp>
#include <quantkit/indicators/rolling_min.hpp>
#include <quantkit/indicators/rolling_min_index.hpp>
#include <quantkit/indicators/rolling_minmax.hpp>
#include <quantkit/indicators/rolling_minmax_index.hpp>
#include <quantkit/indicators/rolling_sum.hpp>
#include <quantkit/indicators/tsf.hpp>
#include <quantkit/indicators/typprice.hpp>
#include <quantkit/indicators/vwap.hpp>
#include <quantkit/indicators/wclprice.hpp>

#include "support/indicator_contract.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <vector>

namespace ind = quantkit::indicators;

namespace {

// Index indicators report stream positions with non-finite inputs counted (docs/indicators.md),
// so a NaN inserted at k legitimately adds 1 to every later position >= k. This test adapter maps
// each reported position p to p - (number of non-finite inputs before p), the index among finite
// inputs, which the NaN rule must leave unchanged: the shared contract then checks everything,
// the rule included. (Test-only: it records one count per input, so it allocates.)
template <class I>
class finite_positions {
 public:
  using params_type = typename I::params_type;
  using input_type = double;
  using value_type = typename I::value_type;

  explicit finite_positions(const I& ind) : ind_(ind) {}

  value_type update(double x) {
    nan_before_.push_back(nans_);
    if (!std::isfinite(x)) ++nans_;
    value_type v = ind_.update(x);
    if constexpr (std::is_same_v<value_type, double>) {
      v = map(v);
    } else {
      v.minidx = map(v.minidx);
      v.maxidx = map(v.maxidx);
    }
    value_ = v;
    return v;
  }
  [[nodiscard]] value_type value() const { return value_; }
  [[nodiscard]] bool ready() const noexcept { return ind_.ready(); }
  [[nodiscard]] std::size_t warmup() const noexcept { return ind_.warmup(); }
  [[nodiscard]] const params_type& params() const { return ind_.params(); }
  void reset() {
    ind_.reset();
    nan_before_.clear();
    nans_ = 0.0;
    value_ = value_type{};
    if constexpr (std::is_same_v<value_type, double>) value_ = std::nan("");
  }

 private:
  [[nodiscard]] double map(double p) const {
    return std::isnan(p) ? p : p - nan_before_[static_cast<std::size_t>(p)];
  }
  I ind_;
  std::vector<double> nan_before_;
  double nans_ = 0.0;
  value_type value_ = ind::detail::missing<value_type>();
};

}  // namespace

TEST_SUITE("conformance") {
  TEST_CASE_TEMPLATE("indicator contract: group C indicators at default parameters", I, ind::beta,
                     ind::correl, ind::linearreg, ind::linearreg_angle, ind::linearreg_intercept,
                     ind::linearreg_slope, ind::tsf, ind::avgdev, ind::avgprice, ind::medprice,
                     ind::typprice, ind::wclprice, ind::midpoint, ind::midprice, ind::rolling_sum,
                     ind::rolling_max, ind::rolling_min, ind::rolling_minmax, ind::vwap,
                     ind::donchian, ind::ichimoku, ind::heikin_ashi, ind::realized_volatility) {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(I{});
  }

  TEST_CASE_TEMPLATE("indicator contract: position indicators, NaN inputs counted as positions", I,
                     ind::rolling_max_index, ind::rolling_min_index, ind::rolling_minmax_index) {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(finite_positions<I>(I{}));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(finite_positions<I>(I(2)));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(finite_positions<I>(I(7)));
  }

  TEST_CASE("indicator contract: pivot points") {
    // Classic and Fibonacci pivots have no r4/s4: those fields are NaN by definition.
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::pivot_points{}, false);
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::pivot_points(ind::pivot_method::fibonacci),
                                             false);
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::pivot_points(ind::pivot_method::camarilla));
  }

  TEST_CASE("indicator contract: group C statistic and window indicators, non-default parameters") {
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::beta(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::beta(20));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::correl(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::correl(100));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::linearreg(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::linearreg(60));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::linearreg_angle(5));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::linearreg_intercept(30));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::linearreg_slope(3));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::tsf(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::avgdev(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::avgdev(50));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::midpoint(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::midprice(40));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::rolling_sum(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::rolling_max(2));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::rolling_min(90));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::rolling_minmax(3));
  }

  TEST_CASE("indicator contract: beyond-TA-Lib indicators, non-default parameters") {
    using est = ind::volatility_estimator;
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::vwap({.anchor = ind::vwap_anchor::rolling, .period = 1}));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::vwap({.anchor = ind::vwap_anchor::rolling, .period = 20}));
    // ttrc's timestamps are 0, 1, 2, ... ns: a 10 ns session grid starts a session every 10 bars.
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::vwap({.session_length = 10, .session_offset = 3}));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::donchian(1));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::donchian(55));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::ichimoku(5, 10, 20, 0));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::ichimoku(9, 26, 52, 30));
    QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::ichimoku(30, 10, 5, 3));
    for (est e : {est::close_to_close, est::parkinson, est::garman_klass, est::rogers_satchell,
                  est::yang_zhang}) {
      CAPTURE(static_cast<int>(e));
      QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::realized_volatility(2, e));
      QUANTKIT_CHECK_INDICATOR_CONTRACT(ind::realized_volatility(30, e, 365.0));
    }
  }
}
