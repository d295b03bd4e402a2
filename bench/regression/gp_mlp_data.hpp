// SPDX-License-Identifier: MIT
// bench/regression/gp_mlp_data.hpp - Friedman #1 fixture (tests/data/regression) for the GP/MLP benchmarks
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace quantkit::bench_gp_mlp {

struct xy {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
};

/// First `rows` rows of tests/data/regression/friedman1_rs1_<which>.csv (x0..x7, y).
inline xy friedman(const std::string& which, std::size_t rows = static_cast<std::size_t>(-1)) {
  const std::string path = std::string(QUANTKIT_BENCH_DATA_DIR) +
                           "/../../tests/data/regression/friedman1_rs1_" + which + ".csv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(in, line);
  std::vector<double> v;
  std::size_t n = 0;
  while (n < rows && std::getline(in, line)) {
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) v.push_back(std::stod(cell));
    ++n;
  }
  xy out;
  out.x.resize(static_cast<Eigen::Index>(n), 8);
  out.y.resize(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < 8; ++j)
      out.x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v[i * 9 + j];
    out.y(static_cast<Eigen::Index>(i)) = v[i * 9 + 8];
  }
  return out;
}

inline double r2(const Eigen::VectorXd& y, const Eigen::VectorXd& pred) {
  return 1.0 - (y - pred).squaredNorm() / (y.array() - y.mean()).square().sum();
}

}  // namespace quantkit::bench_gp_mlp
