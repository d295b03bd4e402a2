// SPDX-License-Identifier: MIT
// The Indicator concepts and the batch forms (apply / apply_into) for every input type.
#include <quantkit/indicators/apply.hpp>
#include <quantkit/indicators/concepts.hpp>
#include <quantkit/indicators/sma.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace ind = quantkit::indicators;

namespace {
// Minimal indicators of the other input types, to exercise the batch overloads.
struct range_of_bar {
  using params_type = ind::sma_params;
  using input_type = quantkit::bar;
  using value_type = double;
  double update(const quantkit::bar& b) { return v_ = b.high - b.low; }
  double value() const { return v_; }
  bool ready() const noexcept { return true; }
  std::size_t warmup() const noexcept { return 0; }
  params_type params() const { return {}; }
  void reset() { v_ = std::nan(""); }
  double v_ = std::nan("");
};
struct spread_of_pair {
  using params_type = ind::sma_params;
  using input_type = ind::pair_input;
  using value_type = double;
  double update(const ind::pair_input& p) { return v_ = p.x - p.y; }
  double value() const { return v_; }
  bool ready() const noexcept { return true; }
  std::size_t warmup() const noexcept { return 0; }
  params_type params() const { return {}; }
  void reset() { v_ = std::nan(""); }
  double v_ = std::nan("");
};
struct not_an_indicator {
  double update(double x) { return x; }
};
}  // namespace

static_assert(ind::ScalarIndicator<ind::sma>);
static_assert(ind::BarIndicator<range_of_bar>);
static_assert(ind::Indicator<spread_of_pair>);
static_assert(!ind::Indicator<not_an_indicator>);
static_assert(!ind::Indicator<int>);

TEST_SUITE("indicators") {
  TEST_CASE("apply: bar, pair and mavp-shaped inputs, and the caller's object is untouched") {
    quantkit::bar_series bars;
    bars.push_back({0, 10, 12, 9, 11, 1});
    bars.push_back({1, 11, 15, 10, 14, 1});
    CHECK(ind::apply(range_of_bar{}, bars) == std::vector<double>{3.0, 5.0});
    const std::vector<double> x{5, 7};
    const std::vector<double> y{1, 2};
    CHECK(ind::apply(spread_of_pair{}, x, y) == std::vector<double>{4.0, 5.0});
    CHECK_THROWS_AS(ind::apply(spread_of_pair{}, x, std::vector<double>{1.0}),
                    quantkit::invalid_argument);
    ind::sma mine(2);
    mine.update(1.0);
    const std::vector<double> in{3, 5};
    const auto out = ind::apply(mine, std::span<const double>(in));
    CHECK(out[0] == 2.0);  // apply continues from a copy of the caller's state: (1 + 3) / 2
    CHECK(out[1] == 4.0);
    CHECK_FALSE(mine.ready());  // and the caller's object itself is unchanged
    std::vector<double> dest(1);
    CHECK_THROWS_AS(ind::apply_into(range_of_bar{}, bars.view(), std::span<double>(dest)),
                    quantkit::invalid_argument);
  }
}
