// SPDX-License-Identifier: MIT
#include <quantkit/regression/model.hpp>

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <limits>
#include <string>

namespace regression_test_model {  // own scope for unity builds

namespace rg = quantkit::regression;
namespace rd = quantkit::regression::detail;

namespace {

constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double qinf = std::numeric_limits<double>::infinity();

// A minimal model satisfying the concepts (predicts the weighted mean of y).
struct mean_model {
  double mean = 0.0;
  Eigen::Index p = 0;
  rg::fit_report fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
    return fit(X, y, Eigen::VectorXd::Ones(y.size()));
  }
  rg::fit_report fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w) {
    rd::check_fit_inputs("mean_model::fit", X, y, 1);
    rd::check_sample_weight("mean_model::fit", w, X.rows());
    mean = w.dot(y) / w.sum();
    p = X.cols();
    return {};
  }
  [[nodiscard]] Eigen::VectorXd predict(const Eigen::MatrixXd& X) const {
    rd::check_predict_inputs("mean_model::predict", X, p > 0, p);
    return Eigen::VectorXd::Constant(X.rows(), mean);
  }
  [[nodiscard]] bool fitted() const { return p > 0; }
  [[nodiscard]] Eigen::Index n_features() const { return p; }
};

struct no_fit_model {
  [[nodiscard]] Eigen::VectorXd predict(const Eigen::MatrixXd& X) const { return X.col(0); }
};

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const quantkit::error& e) {
    return e.what();
  }
  return "no exception";
}

}  // namespace

static_assert(rg::regressor<mean_model>);
static_assert(rg::weighted_regressor<mean_model>);
static_assert(!rg::probabilistic_regressor<mean_model>);
static_assert(!rg::regressor<no_fit_model>);

TEST_CASE("regression model - fit_report and status names") {
  rg::fit_report r;
  CHECK(r.ok());
  CHECK(r.iterations == 0);
  r.status = rg::fit_status::rank_deficient;
  CHECK_FALSE(r.ok());
  CHECK(rg::to_string(rg::fit_status::ok) == "ok");
  CHECK(rg::to_string(rg::fit_status::rank_deficient) == "rank_deficient");
  CHECK(rg::to_string(rg::fit_status::not_converged) == "not_converged");
  CHECK(rg::to_string(rg::fit_status::failed) == "failed");
}

TEST_CASE("regression model - check_fit_inputs accepts good data and the weighted mean is right") {
  Eigen::MatrixXd X(3, 2);
  X << 1, 2, 3, 4, 5, 6;
  Eigen::VectorXd y(3);
  y << 1, 2, 6;
  Eigen::VectorXd w(3);
  w << 1, 1, 2;
  mean_model m;
  CHECK_FALSE(m.fitted());
  CHECK(m.fit(X, y, w).ok());
  CHECK(m.mean == doctest::Approx(15.0 / 4.0).epsilon(1e-15));  // (1 + 2 + 12) / 4
  CHECK(m.predict(X).size() == 3);
}

TEST_CASE("regression model - shape mismatch and too few rows") {
  Eigen::MatrixXd X = Eigen::MatrixXd::Ones(3, 2);
  Eigen::VectorXd y = Eigen::VectorXd::Ones(4);
  CHECK_THROWS_AS(rd::check_fit_inputs("f", X, y, 1), quantkit::invalid_argument);
  CHECK(message_of([&] { rd::check_fit_inputs("f", X, y, 1); }) ==
        "f: X.rows() and y.size() must have the same length (got 3 and 4)");
  Eigen::VectorXd y3 = Eigen::VectorXd::Ones(3);
  CHECK(message_of([&] { rd::check_fit_inputs("f", X, y3, 5); }) ==
        "f: X must have at least 5 rows (got 3)");
  Eigen::MatrixXd X0(3, 0);
  CHECK_THROWS_AS(rd::check_fit_inputs("f", X0, y3, 1), quantkit::invalid_argument);
}

TEST_CASE("regression model - NaN and inf are reported with row and column") {
  Eigen::MatrixXd X = Eigen::MatrixXd::Ones(4, 3);
  Eigen::VectorXd y = Eigen::VectorXd::Ones(4);
  X(2, 1) = qnan;
  X(3, 0) = qinf;
  CHECK_THROWS_AS(rd::check_fit_inputs("f", X, y, 1), quantkit::data_error);
  CHECK(message_of([&] { rd::check_fit_inputs("f", X, y, 1); }) ==
        "f: X has a non-finite value at row 2, column 1 (got nan)");
  try {
    rd::check_fit_inputs("f", X, y, 1);
  } catch (const quantkit::data_error& e) {
    CHECK(e.row() == 2);
    CHECK(e.field() == "X");
  }
  X(2, 1) = 0.0;
  X(3, 0) = 1.0;
  y[1] = -qinf;
  CHECK(message_of([&] { rd::check_fit_inputs("f", X, y, 1); }) ==
        "f: y has a non-finite value at row 1 (got -inf)");
}

TEST_CASE("regression model - sample weight checks") {
  Eigen::VectorXd w(3);
  w << 1, -0.5, 1;
  CHECK(message_of([&] { rd::check_sample_weight("f", w, 3); }) ==
        "f: sample_weight must be >= 0 (row 1) (got -0.5)");
  CHECK_THROWS_AS(rd::check_sample_weight("f", w, 4), quantkit::invalid_argument);
  w << 0, 0, 0;
  CHECK_THROWS_AS(rd::check_sample_weight("f", w, 3), quantkit::invalid_argument);
  w << 1, qnan, 1;
  CHECK_THROWS_AS(rd::check_sample_weight("f", w, 3), quantkit::data_error);
  w << 0, 1, 0;
  CHECK_NOTHROW(rd::check_sample_weight("f", w, 3));
}

TEST_CASE("regression model - unfitted predict and feature-count mismatch") {
  mean_model m;
  Eigen::MatrixXd X = Eigen::MatrixXd::Ones(3, 2);
  CHECK_THROWS_AS((void)m.predict(X), rg::not_fitted);
  CHECK(message_of([&] { (void)m.predict(X); }) ==
        "mean_model::predict: the model is not fitted; call fit() first (or its fit failed)");
  (void)m.fit(X, Eigen::VectorXd::Ones(3));
  Eigen::MatrixXd X3 = Eigen::MatrixXd::Ones(2, 3);
  CHECK_THROWS_AS((void)m.predict(X3), quantkit::invalid_argument);
  CHECK(message_of([&] { (void)m.predict(X3); }) ==
        "mean_model::predict: X must have as many columns as the training data (2 features at "
        "fit, got 3)");
  Eigen::MatrixXd Xn = Eigen::MatrixXd::Ones(2, 2);
  Xn(1, 1) = qnan;
  CHECK_THROWS_AS((void)m.predict(Xn), quantkit::data_error);
}

}  // namespace regression_test_model
