// SPDX-License-Identifier: MIT
// bench/data/bench_data.cpp - CSV parse throughput (MB/s), resample and validate (bars/s)
#include <quantkit/core/validate.hpp>
#include <quantkit/data/csv.hpp>
#include <quantkit/data/resample.hpp>
#include <quantkit/data/synthetic.hpp>

#include <benchmark/benchmark.h>

#include <string>

namespace qk = quantkit;

namespace {
// 1,000,000 one-minute bars (about 60 MB of CSV with ISO date-times and shortest-form prices).
const qk::bar_series& minute_bars() {
  static const qk::bar_series s = qk::gbm_series(
      1'000'000, {.s0 = 100, .sigma = 0.3, .periods_per_year = 98'280, .clock = {.interval = qk::minutes(1)}}, 1);
  return s;
}
const std::string& minute_csv() {
  static const std::string text = qk::format_csv(minute_bars());
  return text;
}
// The same bars with daily dates (shorter lines: the common end-of-day file).
const std::string& daily_csv() {
  static const std::string text = [] {
    const auto d = qk::gbm_series(50'000, {}, 2);
    return qk::format_csv(d);
  }();
  return text;
}

void BM_parse_csv_minute_bars(benchmark::State& state) {
  const std::string& text = minute_csv();
  for (auto _ : state) {
    auto r = qk::parse_csv(text);
    benchmark::DoNotOptimize(r.bars.size());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_parse_csv_minute_bars)->Unit(benchmark::kMillisecond);

void BM_parse_csv_daily_bars(benchmark::State& state) {
  const std::string& text = daily_csv();
  for (auto _ : state) {
    auto r = qk::parse_csv(text);
    benchmark::DoNotOptimize(r.bars.size());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_parse_csv_daily_bars)->Unit(benchmark::kMillisecond);

void BM_format_csv(benchmark::State& state) {
  for (auto _ : state) {
    auto t = qk::format_csv(minute_bars());
    benchmark::DoNotOptimize(t.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(minute_csv().size()));
}
BENCHMARK(BM_format_csv)->Unit(benchmark::kMillisecond);

void BM_resample_1m_to_5m(benchmark::State& state) {
  for (auto _ : state) {
    auto r = qk::resample(minute_bars(), {.interval = qk::minutes(5)});
    benchmark::DoNotOptimize(r.bars.size());
  }
  state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_resample_1m_to_5m)->Unit(benchmark::kMillisecond);

void BM_resample_1m_to_1h(benchmark::State& state) {
  for (auto _ : state) {
    auto r = qk::resample(minute_bars(), {.interval = qk::hours(1)});
    benchmark::DoNotOptimize(r.bars.size());
  }
  state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_resample_1m_to_1h)->Unit(benchmark::kMillisecond);

void BM_validate(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(qk::find_invalid_bar(minute_bars()).has_value());
  state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_validate)->Unit(benchmark::kMillisecond);

void BM_gbm_series(benchmark::State& state) {
  for (auto _ : state) {
    auto s = qk::gbm_series(100'000, {.clock = {.interval = qk::minutes(1)}}, 3);
    benchmark::DoNotOptimize(s.size());
  }
  state.SetItemsProcessed(state.iterations() * 100'000);
}
BENCHMARK(BM_gbm_series)->Unit(benchmark::kMillisecond);
}  // namespace
