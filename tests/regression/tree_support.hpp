// SPDX-License-Identifier: MIT
// tests/regression/tree_support.hpp - Friedman #1 fixtures and the scikit-learn tree reference
#pragma once

#include "regression/regression_support.hpp"
#include "support/data.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace quantkit::test::trees {

struct dataset {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
};

/// friedman1_rs1_{train,test}.csv (columns x0..x7, y), optionally only the first `rows` rows.
inline dataset friedman(const std::string& part, std::size_t rows = 0) {
  const auto t = load_csv("regression/friedman1_rs1_" + part + ".csv");
  const std::size_t n = rows == 0 ? t.rows.size() : rows;
  dataset d{Eigen::MatrixXd(static_cast<Eigen::Index>(n), 8),
            Eigen::VectorXd(static_cast<Eigen::Index>(n))};
  for (int j = 0; j < 8; ++j) {
    const auto c = t.numbers("x" + std::to_string(j));
    for (std::size_t i = 0; i < n; ++i) d.X(static_cast<Eigen::Index>(i), j) = c[i];
  }
  const auto yc = t.numbers("y");
  for (std::size_t i = 0; i < n; ++i) d.y(static_cast<Eigen::Index>(i)) = yc[i];
  return d;
}

inline const json& reference() {
  static const json j = json::parse(read_text(data_path("regression/sklearn_trees.json")));
  return j;
}

inline const json& friedman_reference() {
  static const json j = json::parse(read_text(data_path("regression/sklearn_reference.json")));
  return j;
}

inline Eigen::VectorXd to_vector(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

/// R^2 with scikit-learn's definition (1 - SS_res / SS_tot).
inline double r2(const Eigen::VectorXd& y, const Eigen::VectorXd& p) {
  const double mean = y.mean();
  return 1.0 - (y - p).squaredNorm() / (y.array() - mean).square().sum();
}

/// The weights w_i = 1 + (i mod 3) of the weighted reference cases.
inline Eigen::VectorXd reference_weights(Eigen::Index n) {
  return regression::cyclic_weights(n, 3, 1.0, 1.0);
}

}  // namespace quantkit::test::trees
