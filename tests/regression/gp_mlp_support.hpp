// SPDX-License-Identifier: MIT
// tests/regression/gp_mlp_support.hpp - Friedman #1 fixture loading and R^2 for the GP/MLP tests
#pragma once

#include "support/data.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace quantkit::test::gp_mlp {

/// Features x0..x7 and target y of a Friedman #1 fixture (tests/data/regression/), first `rows`.
struct xy {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
};

inline xy friedman(const std::string& which, std::size_t rows = static_cast<std::size_t>(-1)) {
  const csv_table t = load_csv("regression/friedman1_rs1_" + which + ".csv");
  const std::size_t n = std::min(rows, t.rows.size());
  xy out;
  out.x.resize(static_cast<Eigen::Index>(n), 8);
  out.y.resize(static_cast<Eigen::Index>(n));
  for (int j = 0; j < 8; ++j) {
    const std::vector<double> col = t.numbers("x" + std::to_string(j));
    for (std::size_t i = 0; i < n; ++i) out.x(static_cast<Eigen::Index>(i), j) = col[i];
  }
  const std::vector<double> y = t.numbers("y");
  for (std::size_t i = 0; i < n; ++i) out.y(static_cast<Eigen::Index>(i)) = y[i];
  return out;
}

/// sklearn.metrics.r2_score: 1 - SS_res / SS_tot (SS_tot about the mean of y).
inline double r2(const Eigen::VectorXd& y, const Eigen::VectorXd& pred) {
  const double ss_res = (y - pred).squaredNorm();
  const double ss_tot = (y.array() - y.mean()).square().sum();
  return 1.0 - ss_res / ss_tot;
}

inline Eigen::VectorXd to_eigen(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

}  // namespace quantkit::test::gp_mlp
