// SPDX-License-Identifier: MIT
// bench/indicators/bench_c.cpp - group C: statistic functions, rolling windows and beyond-TA-Lib
// indicators; ns/bar on 1M bars
#include <quantkit/indicators/avgdev.hpp>
#include <quantkit/indicators/beta.hpp>
#include <quantkit/indicators/correl.hpp>
#include <quantkit/indicators/linearreg.hpp>
#include <quantkit/indicators/midpoint.hpp>
#include <quantkit/indicators/realized_volatility.hpp>
#include <quantkit/indicators/rolling_max.hpp>
#include <quantkit/indicators/rolling_max_index.hpp>
#include <quantkit/indicators/rolling_sum.hpp>
#include <quantkit/indicators/vwap.hpp>

#include "indicators/bench_common.hpp"

#include <vector>

namespace ind = quantkit::indicators;

namespace {

// (high, low) pairs of the benchmark bars, as TA-Lib's reference feeds BETA and CORREL.
const std::vector<ind::pair_input>& high_low() {
  static const std::vector<ind::pair_input> pairs = [] {
    const auto v = quantkit::bench::bars().view();
    std::vector<ind::pair_input> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back({v.highs()[i], v.lows()[i]});
    return out;
  }();
  return pairs;
}

template <class I>
void run_pair_batch(benchmark::State& state, const I& proto) {
  std::vector<double> out(quantkit::bench::bench_bars);
  const std::span<const ind::pair_input> in(high_low());
  for (auto _ : state) {
    ind::apply_into(proto, in, std::span<double>(out));
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.counters["ns/bar"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(quantkit::bench::bench_bars),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

template <class I>
void run_pair_stream(benchmark::State& state, const I& proto) {
  const auto v = quantkit::bench::bars().view();
  const auto h = v.highs();
  const auto l = v.lows();
  for (auto _ : state) {
    I ind = proto;
    for (std::size_t i = 0; i < quantkit::bench::bench_bars; ++i) {
      benchmark::DoNotOptimize(ind.update(ind::pair_input{h[i], l[i]}));
    }
  }
  state.counters["ns/bar"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(quantkit::bench::bench_bars),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace

#define QUANTKIT_BENCH_PAIR_INDICATOR(name, ...)                                           \
  static void BM_##name##_batch(benchmark::State& s) { run_pair_batch(s, __VA_ARGS__); }   \
  static void BM_##name##_stream(benchmark::State& s) { run_pair_stream(s, __VA_ARGS__); } \
  BENCHMARK(BM_##name##_batch)->Unit(benchmark::kMillisecond);                             \
  BENCHMARK(BM_##name##_stream)->Unit(benchmark::kMillisecond)

QUANTKIT_BENCH_INDICATOR(linearreg_14, ind::linearreg(14));
QUANTKIT_BENCH_INDICATOR(rolling_sum_30, ind::rolling_sum(30));
QUANTKIT_BENCH_INDICATOR(rolling_max_30, ind::rolling_max(30));
QUANTKIT_BENCH_INDICATOR(rolling_max_index_30, ind::rolling_max_index(30));
QUANTKIT_BENCH_PAIR_INDICATOR(correl_30, ind::correl(30));
QUANTKIT_BENCH_PAIR_INDICATOR(beta_5, ind::beta(5));
QUANTKIT_BENCH_INDICATOR(avgdev_14, ind::avgdev(14));
QUANTKIT_BENCH_INDICATOR(midpoint_14, ind::midpoint(14));
QUANTKIT_BENCH_INDICATOR(vwap_session, ind::vwap{});
QUANTKIT_BENCH_INDICATOR(vwap_rolling_20,
                         ind::vwap({.anchor = ind::vwap_anchor::rolling, .period = 20}));
QUANTKIT_BENCH_INDICATOR(yang_zhang_20,
                         ind::realized_volatility(20, ind::volatility_estimator::yang_zhang));
