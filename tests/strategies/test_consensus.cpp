// SPDX-License-Identifier: MIT
#include <quantkit/strategies/consensus.hpp>
#include <quantkit/strategies/signal_series.hpp>

#include "strategies/strat_support.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace qs = quantkit::strategies;

TEST_SUITE("strategies") {
  TEST_CASE("consensus: weighted vote of heads with threshold, abstentions and output modes") {
    const double n = std::nan("");
    const std::vector<double> a{1, 1, -1, n, n, 1};
    const std::vector<double> b{1, -1, -1, n, 1, 0};
    const std::vector<double> c{-1, -1, 1, n, n, 0};
    const auto bars = quantkit::test::bars_from_closes({1, 1, 1, 1, 1, 1});
    qs::consensus_params<3> p;
    p.weights = {2.0, 1.0, 1.0};
    p.threshold = 0.2;
    qs::consensus vote(p, qs::signal_series(a), qs::signal_series(b), qs::signal_series(c));
    static_assert(qs::TargetStrategy<decltype(vote)>);
    const auto out = quantkit::test::signals(vote, bars);
    // bar 0: (2 + 1 - 1) / 4 = 0.5 -> +1; bar 1: (2 - 1 - 1) / 4 = 0 -> 0; bar 2: (-2 - 1 + 1)/4
    // = -0.5 -> -1; bar 3: nobody votes -> flat; bar 4: only b: +1 -> 1; bar 5: 2/4 = 0.5 -> +1
    CHECK(out == std::vector<double>{1, 0, -1, 0, 1, 1});
    p.output = qs::consensus_output::score;
    p.on_abstain = qs::abstain_rule::hold;
    p.min_votes = 2;
    const auto scores = quantkit::test::signals(
        qs::consensus(p, qs::signal_series(a), qs::signal_series(b), qs::signal_series(c)), bars);
    CHECK(scores[0] == 0.5);
    CHECK(scores[2] == -0.5);
    CHECK(std::isnan(scores[3]));  // fewer than 2 votes: hold
    CHECK(std::isnan(scores[4]));
    CHECK(scores[5] == 0.5);
    // The score and the heads' signals of the last bar, on the object itself.
    qs::context ctx;
    for (std::size_t i = 0; i < bars.size(); ++i) {
      ctx.index = i;
      vote.on_bar(bars[i], ctx);
    }
    CHECK(vote.score() == 0.5);
    CHECK(vote.head_signals()[0] == 1.0);
    CHECK(vote.head_signals()[2] == 0.0);
  }

  TEST_CASE("consensus: invalid weights and thresholds throw") {
    qs::consensus_params<2> p;
    p.weights = {1.0, -1.0};
    CHECK_THROWS_AS(qs::consensus(p, qs::signal_series{}, qs::signal_series{}),
                    quantkit::invalid_argument);
    p.weights = {0.0, 0.0};
    CHECK_THROWS_AS(qs::consensus(p, qs::signal_series{}, qs::signal_series{}),
                    quantkit::invalid_argument);
    p.weights = {1.0, 1.0};
    p.threshold = 1.0;
    CHECK_THROWS_AS(qs::consensus(p, qs::signal_series{}, qs::signal_series{}),
                    quantkit::invalid_argument);
    p.threshold = 0.0;
    p.min_votes = 3;
    CHECK_THROWS_AS(qs::consensus(p, qs::signal_series{}, qs::signal_series{}),
                    quantkit::invalid_argument);
  }
}
