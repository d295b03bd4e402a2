// SPDX-License-Identifier: MIT
// tests/regression/regression_support.hpp - the scikit-learn reference data sets as Eigen objects
#pragma once

#include "support/data.hpp"

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace quantkit::test::regression {

/// A data set: X (rows x features) and y.
struct dataset {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
};

/// Loads tests/data/regression/<name>.csv: every column but the last "y" is a feature.
inline dataset load(std::string_view name) {
  const csv_table t = load_csv("regression/" + std::string(name) + ".csv");
  const auto p = static_cast<Eigen::Index>(t.header.size() - 1);
  dataset d;
  d.X.resize(static_cast<Eigen::Index>(t.rows.size()), p);
  d.y.resize(d.X.rows());
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    for (Eigen::Index j = 0; j < p; ++j) {
      d.X(r, j) = parse_number(t.rows[i][static_cast<std::size_t>(j)]);
    }
    d.y[r] = parse_number(t.rows[i][static_cast<std::size_t>(p)]);
  }
  return d;
}

inline const dataset& friedman_train() {
  static const dataset d = load("friedman1_rs1_train");
  return d;
}
inline const dataset& friedman_test() {
  static const dataset d = load("friedman1_rs1_test");
  return d;
}
inline const dataset& classification() {
  static const dataset d = load("classification_rs3");
  return d;
}
/// tests/data/regression/sklearn_reference.json
inline const json& sklearn_ref() {
  static const json j = load_json("regression/sklearn_reference.json");
  return j;
}
/// tests/data/regression/sklearn_extra.json (generate_sklearn_extra.py)
inline const json& sklearn_extra() {
  static const json j = load_json("regression/sklearn_extra.json");
  return j;
}

/// Largest |a_i - b_i| / max(|b|_inf, tiny): relative error of a coefficient vector.
inline double max_rel_err(const Eigen::VectorXd& got, const std::vector<double>& want) {
  REQUIRE(static_cast<std::size_t>(got.size()) == want.size());
  double scale = 0.0;
  for (const double w : want) scale = std::fmax(scale, std::fabs(w));
  double err = 0.0;
  for (std::size_t i = 0; i < want.size(); ++i)
    err = std::fmax(err, std::fabs(got[static_cast<Eigen::Index>(i)] - want[i]));
  return err / std::fmax(scale, 1e-300);
}

inline Eigen::VectorXd to_eigen(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

/// The first 200 Friedman #1 training rows (X, y), the first 50 test rows (Xt) and weights
/// w_i = 0.5 + (i mod 7) / 7: the small set the k-NN and kernel ridge references were made on.
struct small_friedman_data {
  Eigen::MatrixXd X, Xt;
  Eigen::VectorXd y, w;
};
inline const small_friedman_data& small_friedman() {
  static const small_friedman_data d = [] {
    small_friedman_data s;
    s.X = friedman_train().X.topRows(200);
    s.y = friedman_train().y.head(200);
    s.Xt = friedman_test().X.topRows(50);
    s.w.resize(200);
    for (Eigen::Index i = 0; i < 200; ++i) s.w[i] = 0.5 + static_cast<double>(i % 7) / 7.0;
    return s;
  }();
  return d;
}

/// Each prediction within relative `rel` of the reference array.
inline void check_predictions(const Eigen::VectorXd& got, const json& ref, double rel) {
  const std::vector<double> want = ref.numbers();
  REQUIRE(static_cast<std::size_t>(got.size()) == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(got[static_cast<Eigen::Index>(i)] == doctest::Approx(want[i]).epsilon(rel));
  }
}

/// Each coefficient within `rel` of scikit-learn's, relative to its own size (a coefficient that
/// is exactly 0 in scikit-learn - a lasso zero - must be exactly 0 here too); intercept likewise.
template <class M>
void check_coefs(const M& m, const json& ref, double rel) {
  const std::vector<double> want = ref["coef"].numbers();
  REQUIRE(static_cast<std::size_t>(m.coef().size()) == want.size());
  for (std::size_t j = 0; j < want.size(); ++j) {
    const double got = m.coef()[static_cast<Eigen::Index>(j)];
    CAPTURE(j);
    CAPTURE(got);
    CAPTURE(want[j]);
    if (want[j] == 0.0) {
      CHECK(got == 0.0);
    } else {
      CHECK(std::fabs(got - want[j]) <= rel * std::fabs(want[j]));
    }
  }
  const double b = ref["intercept"].num();
  CAPTURE(m.intercept());
  CAPTURE(b);
  CHECK(std::fabs(m.intercept() - b) <= rel * std::fmax(std::fabs(b), 1e-300));
}

/// Sample weights base + (i mod period) / denom: with base 0.5, the weights of the sklearn_extra
/// references; the tree references use 1 + (i mod 3) (trees::reference_weights).
inline Eigen::VectorXd cyclic_weights(Eigen::Index n, int period, double denom, double base = 0.5) {
  Eigen::VectorXd w(n);
  for (Eigen::Index i = 0; i < n; ++i) w[i] = base + static_cast<double>(i % period) / denom;
  return w;
}

/// A model's entry in sklearn_reference.json.
inline const json& model_ref(const std::string& name) { return sklearn_ref()["models"][name]; }

template <class F>
std::string error_message(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no exception";
}

}  // namespace quantkit::test::regression
