// SPDX-License-Identifier: MIT
// A small program built against quantkit by every packaging test (installed package,
// add_subdirectory, FetchContent, and a bare compiler command on a copied include/quantkit).
#include <quantkit/quantkit.hpp>

#include <cstdio>

int main() {
  namespace qk = quantkit;
  qk::bar_series s;
  qk::rng g(42);
  double price = 100.0;
  for (int i = 0; i < 10; ++i) {
    const double next = price * (1.0 + 0.01 * qk::normal(g));
    const double hi = (price > next ? price : next) * 1.001;
    const double lo = (price < next ? price : next) * 0.999;
    s.push_back({qk::make_timestamp(2024, 1, 1) + qk::days(i), price, hi, lo, next, 1000.0});
    price = next;
  }
  qk::validate(s);
  const auto squares =
      qk::parallel_map(8, [](std::size_t i) { return static_cast<double>(i * i); }, {.threads = 2});
  if (!squares.report.ok() || *squares.values[7] != 49.0) return 1;
  std::printf("quantkit-ok %d.%d.%d %s\n", qk::version.major, qk::version.minor, qk::version.patch,
              qk::format_date(s.back().time).c_str());
  return 0;
}
