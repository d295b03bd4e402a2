// SPDX-License-Identifier: MIT
// tests/samplers/samplers_support.hpp - helpers shared by the samplers tests
#pragma once

#include <quantkit/samplers/space.hpp>

#include "support/data.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::test::samplers {

/// A numeric CSV from tests/data as a row-major matrix.
struct matrix {
  std::vector<double> x;
  std::size_t rows = 0;
  std::size_t cols = 0;
  [[nodiscard]] double operator()(std::size_t r, std::size_t c) const { return x[r * cols + c]; }
  [[nodiscard]] std::span<const double> row(std::size_t r) const {
    return std::span<const double>(x.data() + r * cols, cols);
  }
};

/// Reads tests/data/<name>; `has_header` false keeps the first line as data.
inline matrix read_matrix(std::string_view name, bool has_header) {
  const auto t = load_csv(name);
  matrix m;
  std::vector<std::vector<std::string>> all;
  if (!has_header) all.push_back(t.header);
  all.insert(all.end(), t.rows.begin(), t.rows.end());
  m.rows = all.size();
  m.cols = all.empty() ? 0 : all.front().size();
  for (const auto& r : all) {
    REQUIRE(r.size() == m.cols);
    for (const auto& c : r) m.x.push_back(parse_number(c));
  }
  return m;
}

/// Number of points of a row-major n x d design whose coordinate `col` falls in each of the
/// n strata [k/n, (k+1)/n).
inline std::vector<std::size_t> strata_counts(std::span<const double> u, std::size_t d,
                                              std::size_t col) {
  const std::size_t n = u.size() / d;
  std::vector<std::size_t> counts(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const double v = u[i * d + col];
    const auto k = static_cast<std::size_t>(std::floor(v * static_cast<double>(n)));
    if (k < n) ++counts[k];
  }
  return counts;
}

/// True when every stratum of every column holds exactly one point (the Latin hypercube / net
/// property in one dimension).
inline bool one_per_stratum(std::span<const double> u, std::size_t d) {
  for (std::size_t c = 0; c < d; ++c) {
    for (std::size_t k : strata_counts(u, d, c)) {
      if (k != 1) return false;
    }
  }
  return true;
}

/// A four-dimensional space: fast int 2..20, slow int 10..100, lr log-real 1e-3..1, ma categorical
/// {sma, ema, wma}.
inline quantkit::samplers::space demo_space() {
  quantkit::samplers::space s;
  s.add_int("fast", 2, 20)
      .add_int("slow", 10, 100)
      .add_log_real("lr", 1e-3, 1.0)
      .add_categorical("ma", {"sma", "ema", "wma"});
  return s;
}

}  // namespace quantkit::test::samplers
