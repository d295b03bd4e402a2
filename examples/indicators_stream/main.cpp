// indicators_stream: feed daily bars one at a time into a set of indicators, the way a live
// system receives them, and act on each new value. Start from here for a live signal loop.
//
//   indicators_stream <bars.csv>
#include <quantkit/data.hpp>
#include <quantkit/indicators.hpp>

#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>

namespace qk = quantkit;
namespace ind = quantkit::indicators;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: indicators_stream <bars.csv>\n");
    return 2;
  }
  try {
    const qk::bar_series bars = qk::read_csv(argv[1]).bars;

    // Indicators on the close, updated together; and indicators on the whole bar.
    ind::indicator_set on_close(ind::ema(20), ind::rsi(14), ind::macd(), ind::bbands());
    ind::indicator_set on_bar(ind::atr(14), ind::adx(14));
    // Indicators compose: the RSI of a 5-day EMA, without any buffer of past values.
    ind::chain smooth_rsi(ind::ema(5), ind::rsi(14));

    std::printf("warm-up: close set %zu bars, bar set %zu bars\n", on_close.warmup(),
                on_bar.warmup());
    std::size_t signals = 0;
    double prev_hist = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < bars.size(); ++i) {
      const qk::bar b = bars[i];  // in a live system: the bar that just closed
      const auto [ema20, rsi14, macd, bands] = on_close.update(b.close);
      const auto [atr14, adx14] = on_bar.update(b);
      const double srsi = smooth_rsi.update(b.close);
      if (!on_close.ready() || !on_bar.ready()) continue;

      // A MACD histogram sign change in a trending market (ADX > 25) is a signal.
      const bool cross = !std::isnan(prev_hist) && (prev_hist < 0.0) != (macd.hist < 0.0);
      prev_hist = macd.hist;
      if (cross && adx14 > 25.0) {
        ++signals;
        if (i + 200 >= bars.size()) {  // print the most recent ones
          std::printf("%s %-4s close %7.2f  ema20 %7.2f  rsi %5.1f (smoothed %5.1f)  "
                      "band %6.2f..%6.2f  atr %5.2f  adx %4.1f\n",
                      qk::format_date(b.time).c_str(), macd.hist > 0.0 ? "BUY" : "SELL", b.close,
                      ema20, rsi14, srsi, bands.lower, bands.upper, atr14, adx14);
        }
      }
    }
    std::printf("%zu MACD crosses with ADX > 25 over %zu bars\n", signals, bars.size());

    // A bad tick (NaN) yields NaN for that step and leaves every state untouched: the next
    // finite price continues exactly where the stream was.
    ind::rsi live(14);
    ind::rsi reference(14);
    for (std::size_t i = 0; i < 100; ++i) {
      live.update(bars[i].close);
      reference.update(bars[i].close);
    }
    const double bad = live.update(std::numeric_limits<double>::quiet_NaN());
    const double after = live.update(bars[100].close);
    std::printf("bad tick -> %s; next RSI %.6f (without the bad tick: %.6f)\n",
                std::isnan(bad) ? "NaN" : "a number", after, reference.update(bars[100].close));

    // Streaming and batch agree exactly.
    const auto batch = ind::apply(ind::rsi(14), bars.closes());
    ind::rsi stream(14);
    std::size_t same = 0;
    for (std::size_t i = 0; i < bars.size(); ++i) {
      const double v = stream.update(bars[i].close);
      same += (v == batch[i]) || (std::isnan(v) && std::isnan(batch[i]));
    }
    std::printf("streaming == batch on %zu of %zu bars\n", same, bars.size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
