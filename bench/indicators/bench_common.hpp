// SPDX-License-Identifier: MIT
// bench/indicators/bench_common.hpp - 1,000,000 synthetic bars and the streaming / batch harness
#pragma once

#include <quantkit/core/bar_series.hpp>
#include <quantkit/core/random.hpp>
#include <quantkit/indicators/apply.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace quantkit::bench {

inline constexpr std::size_t bench_bars = 1'000'000;

/// A deterministic random-walk OHLCV series (seed 1): closes with 1% daily-like moves, opens at the
/// previous close, highs/lows around the body, volumes in [1e5, 1e6).
inline const bar_series& bars() {
  static const bar_series s = [] {
    rng g(1);
    bar_series out;
    out.reserve(bench_bars);
    double close = 100.0;
    for (std::size_t i = 0; i < bench_bars; ++i) {
      const double open = close;
      close = open * std::exp(0.01 * normal(g));
      const double hi = std::max(open, close) * (1.0 + 0.005 * uniform01(g));
      const double lo = std::min(open, close) * (1.0 - 0.005 * uniform01(g));
      out.push_back({static_cast<timestamp>(i), open, hi, lo, close, 1e5 + 9e5 * uniform01(g)});
    }
    return out;
  }();
  return s;
}

/// Batch form: apply_into over the whole series; reports ns per bar (items = bars).
template <indicators::Indicator I>
void run_batch(benchmark::State& state, const I& proto) {
  using V = typename I::value_type;
  std::vector<V> out(bench_bars);
  for (auto _ : state) {
    if constexpr (std::is_same_v<typename I::input_type, double>) {
      indicators::apply_into(proto, bars().closes(), std::span<V>(out));
    } else {
      indicators::apply_into(proto, bars().view(), std::span<V>(out));
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(bench_bars));
  state.counters["ns/bar"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(bench_bars),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// Streaming form: one update() per bar on a live object, as a trading loop would call it (the
/// input is read bar by bar and only the latest value is kept).
template <indicators::Indicator I>
void run_stream(benchmark::State& state, const I& proto) {
  const auto view = bars().view();
  const auto c = view.closes();
  for (auto _ : state) {
    I ind = proto;
    for (std::size_t i = 0; i < bench_bars; ++i) {
      if constexpr (std::is_same_v<typename I::input_type, double>) {
        benchmark::DoNotOptimize(ind.update(c[i]));
      } else {
        benchmark::DoNotOptimize(ind.update(view[i]));
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(bench_bars));
  state.counters["ns/bar"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(bench_bars),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace quantkit::bench

/// Registers `<name>/batch` and `<name>/stream` benchmarks for an indicator expression.
#define QUANTKIT_BENCH_INDICATOR(name, ...)                                                   \
  static void BM_##name##_batch(benchmark::State& s) { quantkit::bench::run_batch(s, __VA_ARGS__); } \
  static void BM_##name##_stream(benchmark::State& s) {                                       \
    quantkit::bench::run_stream(s, __VA_ARGS__);                                              \
  }                                                                                            \
  BENCHMARK(BM_##name##_batch)->Unit(benchmark::kMillisecond);                                \
  BENCHMARK(BM_##name##_stream)->Unit(benchmark::kMillisecond)
